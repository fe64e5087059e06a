import Domain
import Fluent
import Vapor

/// `/api/v1/negotiations/…` and `/api/v1/contracts/…`: requests, negotiators, steps, contracts registered as they
/// stand, covered employers, and the bargaining figures.
struct ContractAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .GET, .api(.negotiations), .contractRead,
            doc: APIDoc(summary: "集体协商列表", queryFields: ["state", "kind", "level", "open", "q", "page"]), use: negotiations)
        routes.endpoint(
            .POST, .api(.negotiations), .contractHandle, doc: APIDoc(summary: "登记要约（发起集体协商）", body: NegotiationFields.inputFields),
            use: createNegotiation)
        routes.endpoint(.GET, .api(.negotiation(nil)), .contractRead, doc: APIDoc(summary: "查看集体协商（含时限、协商代表、记录）"), use: negotiation)
        routes.endpoint(
            .POST, .api(.negotiationSteps(nil)), .contractHandle,
            doc: APIDoc(summary: "协商步骤：书面回应、协商会议、形成草案、职代会表决、签字（签字时生成集体合同）", body: NegotiationAction.inputFields),
            use: negotiationStep)
        routes.endpoint(
            .POST, .api(.negotiators(nil)), .contractHandle, doc: APIDoc(summary: "登记协商代表", body: NegotiatorFields.inputFields),
            use: addSeat)
        routes.endpoint(
            .POST, .api(.negotiatorLeave(nil, nil)), .contractHandle, doc: APIDoc(summary: "登记协商代表离任", body: NegotiatorLeave.inputFields),
            use: leave)
        routes.endpoint(
            .GET, .api(.contracts), .contractRead,
            doc: APIDoc(summary: "集体合同登记簿", queryFields: ["state", "kind", "level", "alert", "q", "page"]), use: contracts)
        routes.endpoint(
            .POST, .api(.contracts), .contractHandle, doc: APIDoc(summary: "登记已有集体合同", body: ContractRecordFields.inputFields),
            use: createContract)
        routes.endpoint(
            .GET, .api(.contractStats), .contractRead,
            doc: APIDoc(summary: "集体协商统计（工作总结用）", queryFields: ["year", "half", "from", "to", "orgId"]), use: stats)
        routes.endpoint(.GET, .api(.contract(nil)), .contractRead, doc: APIDoc(summary: "查看集体合同（含时限、覆盖企业、记录）"), use: contract)
        routes.endpoint(
            .POST, .api(.contractSteps(nil)), .contractHandle,
            doc: APIDoc(summary: "合同步骤：报送审查、审查意见、重新报送、生效、公布、履约检查、终止", body: ContractAction.inputFields), use: contractStep)
        routes.endpoint(
            .POST, .api(.contractCovered(nil)), .contractHandle,
            doc: APIDoc(summary: "增加行业性、区域性集体合同覆盖的企业", body: CoveredEmployerFields.inputFields), use: addCovered)
        routes.endpoint(
            .POST, .api(.contractFiles(nil)), .contractHandle,
            doc: APIDoc(
                summary: "上传报送材料附件（请求体为 PDF、JPG 或 PNG 文件；slot 为材料代码，name 为文件名）", queryFields: ["slot", "name"],
                fileBody: AttachmentType.allCases.map(\.mediaType)), body: .stream, use: upload)
        routes.endpoint(
            .GET, .api(.contractFile(nil, nil)), .contractRead,
            doc: APIDoc(summary: "下载报送材料附件", alsoProduces: AttachmentType.allCases.map(\.mediaType)), use: download)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    // MARK: Negotiations

    func negotiations(req: Request) async throws -> ListDTO<NegotiationDTO> {
        let page = try await Negotiations.list(try NegotiationController.filter(try req.query.decode(FormFields.self)), in: req.scope, on: req.db)
        return page.dto { NegotiationDTO($0, rules: req.application.contractRules, today: req.today) }
    }

    func createNegotiation(req: Request) async throws -> Response {
        let n = try await Negotiations.create(
            try NegotiationFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await negotiationDetail(req, n.requireID()).encodeResponse(status: .created, for: req)
    }

    func negotiation(req: Request) async throws -> NegotiationDTO { try await negotiationDetail(req, req.id("集体协商")) }

    private func negotiationDetail(_ req: Request, _ id: Int) async throws -> NegotiationDTO {
        let n = try await Negotiations.find(id, in: req.scope, on: req.db)
        return NegotiationDTO(
            n, seats: try await Negotiations.seats(id, on: req.db), rules: req.application.contractRules, today: req.today,
            timeline: try await Negotiations.timeline(negotiation: id, on: req.db))
    }

    func negotiationStep(req: Request) async throws -> NegotiationDTO {
        let id = try req.id("集体协商")
        let n = try await Negotiations.find(id, in: req.scope, on: req.db)
        let rules = req.application.contractRules
        let action = try NegotiationAction.parse(try form(req), kind: n.contractKind, rules: rules)
        try await Negotiations.act(id, action, in: req.scope, rules: rules, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await negotiationDetail(req, id)
    }

    func addSeat(req: Request) async throws -> NegotiationDTO {
        let id = try req.id("集体协商")
        try await Negotiations.addNegotiator(
            id, try NegotiatorFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await negotiationDetail(req, id)
    }

    func leave(req: Request) async throws -> NegotiationDTO {
        let id = try req.id("集体协商")
        guard let seat = req.parameters.get("seat").flatMap(Int.init) else { throw AppError.notFound("协商代表") }
        try await Negotiations.leave(id, negotiator: seat, try form(req), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await negotiationDetail(req, id)
    }

    // MARK: Contracts

    func contracts(req: Request) async throws -> ListDTO<ContractDTO> {
        let rules = req.application.contractRules
        let f = try ContractController.filter(try req.query.decode(FormFields.self))
        let page = try await Contracts.list(f, in: req.scope, rules: rules, today: req.today, on: req.db)
        return page.dto { ContractDTO($0, rules: rules, today: req.today) }
    }

    func createContract(req: Request) async throws -> Response {
        let id = try await Contracts.register(
            try ContractRecordFields.validate(try form(req), today: req.today, rules: req.application.contractRules), in: req.scope,
            actor: req.actor, at: req.now, on: req.db)
        return try await contractDetail(req, id).encodeResponse(status: .created, for: req)
    }

    func contract(req: Request) async throws -> ContractDTO { try await contractDetail(req, req.id("集体合同")) }

    private func contractDetail(_ req: Request, _ id: Int) async throws -> ContractDTO {
        let c = try await Contracts.find(id, in: req.scope, on: req.db)
        return ContractDTO(
            c, rules: req.application.contractRules, today: req.today,
            covered: try await Contracts.covered(id, on: req.db), timeline: try await Negotiations.timeline(contract: id, on: req.db),
            files: try await Attachments.list(try ContractController.owner(c), on: req.db).map {
                AttachmentDTO($0, url: SiteURL.api(.contractFile(id, $0.id)).path)
            })
    }

    func contractStep(req: Request) async throws -> ContractDTO {
        let id = try req.id("集体合同")
        let level = try await Contracts.find(id, in: req.scope, on: req.db).contractLevel
        try await Contracts.act(id, try ContractAction.parse(try form(req), level: level), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await contractDetail(req, id)
    }

    func addCovered(req: Request) async throws -> ContractDTO {
        let id = try req.id("集体合同")
        try await Contracts.addCovered(id, try CoveredEmployerFields.validate(try form(req)), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await contractDetail(req, id)
    }

    func upload(req: Request) async throws -> Response {
        let c = try await Contracts.find(req.id("集体合同"), in: req.scope, on: req.db)
        let id = try c.requireID()
        let item = try FilingItem.slot(try req.query.decode(FormFields.self)["slot"], level: c.contractLevel)
        return try await req.attachFromAPI(to: try ContractController.owner(c), slot: item.rawValue) { SiteURL.api(.contractFile(id, $0)).path }
    }

    func download(req: Request) async throws -> Response {
        let c = try await Contracts.find(req.id("集体合同"), in: req.scope, on: req.db)
        return try await Attachments.download(
            req.id("附件", parameter: "file"), of: try ContractController.owner(c), cipher: req.application.cipher, actor: req.actor, at: req.now,
            on: req.db)
    }

    func stats(req: Request) async throws -> ContractFigures {
        let q = try req.query.decode(FormFields.self)
        return try await ContractStats.compute(
            in: try await StatsQuery.subtree(q, req), period: try ReportPeriod.parse(q, today: req.today), today: req.today,
            rules: req.application.contractRules, on: req.db)
    }
}
