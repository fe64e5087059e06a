import Domain
import Fluent
import Vapor

/// `/api/v1/petitions/…` and `/api/v1/mediations/…`: intake, workflow, timeline, handlers, recoveries, the work
/// queue, statistics and mediations.
struct PetitionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .GET, .api(.petitions), .petitionRead,
            doc: APIDoc(
                summary: "信访件登记簿",
                queryFields: ["state", "source", "category", "alert", "handler", "urgent", "group", "from", "to", "q", "page"]),
            use: list)
        routes.endpoint(
            .POST, .api(.petitions), .petitionHandle,
            doc: APIDoc(summary: "信访登记（有疑似重复件时须 confirmDuplicate=true）", body: PetitionFields.inputFields), use: create)
        routes.endpoint(.GET, .api(.petitionQueue), .petitionRead, doc: APIDoc(summary: "我的待办（A角，及A角外出时的B角）"), use: queue)
        routes.endpoint(
            .GET, .api(.petitionStats), .petitionRead,
            doc: APIDoc(summary: "信访维权统计（工作总结用）", queryFields: ["year", "from", "to", "orgId"]), use: stats)
        routes.endpoint(.GET, .api(.petition(nil)), .petitionRead, doc: APIDoc(summary: "查看信访件（含时限、办理记录、追回款、调解）"), use: show)
        routes.endpoint(
            .POST, .api(.petitionSteps(nil)), .petitionHandle,
            doc: APIDoc(
                summary: "办理步骤：受理、不予受理、转出、开始办理、延期、书面答复、回复转办机关、回访办结、申请复查/复核、上报",
                body: PetitionAction.inputFields),
            use: step)
        routes.endpoint(
            .POST, .api(.petitionContacts(nil)), .petitionHandle,
            doc: APIDoc(summary: "添加办理记录（电话、走访、协调会、函件）", body: ContactFields.inputFields), use: contact)
        routes.endpoint(
            .PUT, .api(.petitionHandlers(nil)), .petitionManage,
            doc: APIDoc(summary: "调整A/B角承办人（须写明原因）", body: HandlerChange.inputFields), use: handlers)
        routes.endpoint(
            .POST, .api(.petitionRecoveries(nil)), .petitionHandle,
            doc: APIDoc(summary: "登记追回欠薪或工伤赔偿", body: RecoveryFields.inputFields), use: petitionRecovery)
        routes.endpoint(
            .PUT, .api(.userAway(nil)), .petitionHandle, doc: APIDoc(summary: "标记承办人外出或返岗", body: AwayChange.inputFields), use: away)
        routes.endpoint(
            .GET, .api(.mediations), .petitionRead, doc: APIDoc(summary: "劳动争议调解案件", queryFields: ["outcome", "overdue", "page"]),
            use: mediations)
        routes.endpoint(
            .POST, .api(.mediations), .petitionHandle,
            doc: APIDoc(
                summary: "登记调解申请",
                body: MediationFields.inputFields), use: createMediation)
        routes.endpoint(.GET, .api(.mediation(nil)), .petitionRead, doc: APIDoc(summary: "查看调解案件"), use: mediation)
        routes.endpoint(
            .POST, .api(.mediationOutcome(nil)), .petitionHandle,
            doc: APIDoc(summary: "登记调解结果", body: MediationOutcomeFields.inputFields), use: outcome)
        routes.endpoint(
            .POST, .api(.mediationRecoveries(nil)), .petitionHandle,
            doc: APIDoc(summary: "登记调解追回欠薪或工伤赔偿", body: RecoveryFields.inputFields), use: mediationRecovery)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    // MARK: Petitions

    func list(req: Request) async throws -> ListDTO<PetitionDTO> {
        let rules = req.application.petitionRules
        let f = try PetitionController.filter(try req.query.decode(FormFields.self))
        let page = try await Petitions.list(f, in: req.scope, rules: rules, today: req.today, on: req.db)
        return page.dto { PetitionDTO($0, rules: rules, today: req.today) }
    }

    func create(req: Request) async throws -> Response {
        let p = try await Petitions.create(
            try PetitionFields.validate(try form(req), today: req.today), in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
        return try await detail(req, p.requireID()).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> PetitionDTO { try await detail(req, req.id("信访件")) }

    private func detail(_ req: Request, _ id: Int) async throws -> PetitionDTO {
        let p = try await Petitions.find(id, in: req.scope, on: req.db)
        return PetitionDTO(
            p, rules: req.application.petitionRules, today: req.today, timeline: try await Petitions.timeline(id, on: req.db),
            recoveries: try await Petitions.recoveries(petitionID: id, on: req.db),
            mediations: try await Mediations.linked(toPetition: id, on: req.db))
    }

    func step(req: Request) async throws -> PetitionDTO {
        let id = try req.id("信访件")
        let action = try PetitionAction.parse(try form(req), today: req.today)
        try await Petitions.act(
            id, action, in: req.scope, rules: req.application.petitionRules, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await detail(req, id)
    }

    func contact(req: Request) async throws -> PetitionDTO {
        let id = try req.id("信访件")
        try await Petitions.addContact(
            id, try ContactFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await detail(req, id)
    }

    func handlers(req: Request) async throws -> PetitionDTO {
        let id = try req.id("信访件")
        try await Petitions.changeHandlers(
            id, try HandlerChange.validate(try form(req)), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await detail(req, id)
    }

    func petitionRecovery(req: Request) async throws -> Response {
        let r = try await Petitions.addRecovery(
            try RecoveryFields.validate(try form(req), today: req.today), petitionID: req.id("信访件"), mediationID: nil, in: req.scope,
            actor: req.actor, at: req.now, on: req.db)
        return try await RecoveryDTO(r).encodeResponse(status: .created, for: req)
    }

    func queue(req: Request) async throws -> [PetitionDTO] {
        let rules = req.application.petitionRules
        return try await Petitions.queue(for: req.requirePrincipal().userID, rules: rules, today: req.today, on: req.db).map {
            PetitionDTO($0, rules: rules, today: req.today)
        }
    }

    func stats(req: Request) async throws -> PetitionStats {
        let q = try req.query.decode(FormFields.self)
        let (from, to) = try StatsQuery.period(q, today: req.today)
        return try await PetitionStats.compute(
            in: try await StatsQuery.subtree(q, req), from: from, to: to, today: req.today, rules: req.application.petitionRules, on: req.db
        )
    }

    struct AwayDTO: Content {
        var userId: Int
        var name: String
        var awaySince: String?
    }

    func away(req: Request) async throws -> AwayDTO {
        let user = try await Petitions.setAway(
            req.id("用户"), away: AwayChange.validate(try form(req)).away, principal: req.requirePrincipal(), today: req.today, actor: req.actor,
            at: req.now,
            on: req.db)
        return AwayDTO(userId: user.id ?? 0, name: user.displayName, awaySince: user.awaySince)
    }

    // MARK: Mediations

    func mediations(req: Request) async throws -> ListDTO<MediationDTO> {
        let rules = req.application.petitionRules
        let f = try MediationController.filter(try req.query.decode(FormFields.self))
        return try await Mediations.list(f, in: req.scope, rules: rules, today: req.today, on: req.db).dto {
            MediationDTO($0, rules: rules, today: req.today)
        }
    }

    func createMediation(req: Request) async throws -> Response {
        let m = try await Mediations.create(
            try MediationFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await mediationDetail(req, m.requireID()).encodeResponse(status: .created, for: req)
    }

    func mediation(req: Request) async throws -> MediationDTO { try await mediationDetail(req, req.id("调解案件")) }

    private func mediationDetail(_ req: Request, _ id: Int) async throws -> MediationDTO {
        let m = try await Mediations.find(id, in: req.scope, on: req.db)
        return MediationDTO(
            m, rules: req.application.petitionRules, today: req.today,
            recoveries: try await Petitions.recoveries(mediationID: id, on: req.db))
    }

    func outcome(req: Request) async throws -> MediationDTO {
        let id = try req.id("调解案件")
        let (values, today) = (try form(req), req.today)
        try await Mediations.decide(
            id, { applied throws(FieldErrors) in try MediationOutcomeFields.validate(values, appliedOn: applied, today: today) },
            in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await mediationDetail(req, id)
    }

    func mediationRecovery(req: Request) async throws -> Response {
        let r = try await Petitions.addRecovery(
            try RecoveryFields.validate(try form(req), today: req.today), petitionID: nil, mediationID: req.id("调解案件"), in: req.scope,
            actor: req.actor, at: req.now, on: req.db)
        return try await RecoveryDTO(r).encodeResponse(status: .created, for: req)
    }

    // MARK: Alerts
}
