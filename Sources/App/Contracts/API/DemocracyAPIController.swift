import Domain
import Fluent
import Vapor

/// `/api/v1/congresses/…`, `/api/v1/proposals/…`, `/api/v1/disclosures`, `/api/v1/bargaining/weekly`,
/// `/api/v1/women/committees` and the democratic management figures.
struct DemocracyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .POST, .api(.congresses), .contractHandle, doc: APIDoc(summary: "登记新一届职代会（教代会、会员代表大会、双代会）", body: CongressFields.inputFields),
            use: createCongress)
        routes.endpoint(.GET, .api(.congress(nil)), .contractRead, doc: APIDoc(summary: "查看职代会（代表构成、代表、会议、决议、提案）"), use: congress)
        routes.endpoint(
            .POST, .api(.congressDelegates(nil)), .contractHandle, doc: APIDoc(summary: "登记当选代表（检查名额和管理人员比例）", body: DelegateFields.inputFields),
            use: addDelegate)
        routes.endpoint(
            .POST, .api(.congressSessions(nil)), .contractHandle, doc: APIDoc(summary: "登记会议（三分之二以上出席）", body: SessionFields.inputFields),
            use: addSession)
        routes.endpoint(
            .POST, .api(.sessionResolutions(nil)), .contractHandle, doc: APIDoc(summary: "登记决议及表决票数", body: ResolutionFields.inputFields),
            use: addResolution)
        routes.endpoint(
            .POST, .api(.sessionReport(nil)), .contractHandle, doc: APIDoc(summary: "登记会议情况报告上级工会", body: DoneOn.inputFields("reportedOn")),
            use: reportSession)
        routes.endpoint(.POST, .api(.proposals), .contractHandle, doc: APIDoc(summary: "提交提案", body: ProposalFields.inputFields), use: submit)
        routes.endpoint(.GET, .api(.proposal(nil)), .contractRead, doc: APIDoc(summary: "查看提案"), use: proposal)
        routes.endpoint(
            .POST, .api(.proposalSteps(nil)), .contractHandle, doc: APIDoc(summary: "提案办理：立案、退回、答复、提案人意见、向大会报告", body: ProposalAction.inputFields),
            use: proposalStep)
        routes.endpoint(.POST, .api(.disclosures), .contractHandle, doc: APIDoc(summary: "登记厂务公开事项", body: DisclosureFields.inputFields), use: disclose)
        routes.endpoint(
            .POST, .api(.disclosureChecks), .contractHandle, doc: APIDoc(summary: "登记厂务公开年度检查", body: DisclosureCheckFields.inputFields), use: check)
        routes.endpoint(
            .POST, .api(.disclosureCorrected(nil)), .contractHandle, doc: APIDoc(summary: "登记厂务公开整改完成", body: DoneOn.inputFields("correctedOn")),
            use: corrected)
        routes.endpoint(.GET, .api(.bargainingWeek), .contractRead, doc: APIDoc(summary: "集体协商每周进展（本周或 week 所在周）", queryFields: ["week"]), use: week)
        routes.endpoint(
            .POST, .api(.bargainingWeek), .contractHandle, doc: APIDoc(summary: "上报本周集体协商进展", body: ProgressReportFields.inputFields), use: reportWeek)
        routes.endpoint(
            .POST, .api(.womenCommittees), .contractHandle, doc: APIDoc(summary: "登记女职工委员会（或女职工委员）", body: WomenCommitteeFields.inputFields),
            use: setWomen)
        routes.endpoint(
            .GET, .api(.democracyStats), .contractRead, doc: APIDoc(summary: "民主管理与女职工工作统计（工作总结用）", queryFields: ["year", "half", "from", "to", "orgId"]),
            use: stats)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    struct Done: Content {
        var ok = true
    }

    struct CongressDTO: Content {
        struct Check: Content {
            var rule: String
            var actual: String
            var holds: Bool
        }

        struct Session: Content {
            var id: Int
            var title: String
            var heldOn: String
            var members: Int
            var attending: Int
            var reportedOn: String?
            var resolutions: [String]
        }

        var id: Int
        var orgId: Int
        var name: String
        var kind: String
        var level: String
        var employerId: Int?
        var termStart: String
        var termEnds: String
        var staff: Int
        var seats: Int
        var allStaff: Bool
        var delegates: Int
        var makeup: [Check]
        var sessions: [Session]
        var proposals: [String]
    }

    func createCongress(req: Request) async throws -> Response {
        let rules = req.application.contractRules
        let c = try await Congresses.create(
            try CongressFields.validate(try form(req), today: req.today, rules: rules), in: req.scope, rules: rules, actor: req.actor, at: req.now,
            on: req.db)
        return try await detail(req, c.requireID()).encodeResponse(status: .created, for: req)
    }

    func congress(req: Request) async throws -> CongressDTO { try await detail(req, req.id("职代会")) }

    private func detail(_ req: Request, _ id: Int) async throws -> CongressDTO {
        let c = try await Congresses.find(id, in: req.scope, on: req.db)
        let delegates = try await Congresses.delegates(id, on: req.db)
        let sessions = try await Congresses.sessions(id, on: req.db)
        let resolutions = try await Congresses.resolutions(sessions: sessions.compactMap(\.id), on: req.db)
        let proposals = sessions.isEmpty ? [] : try await Proposal.query(on: req.db).filter(\.$session.$id ~~ sessions.compactMap(\.id)).all()
        return CongressDTO(
            id: id, orgId: c.$org.id, name: c.name, kind: c.kind, level: c.level, employerId: c.$employer.id, termStart: c.termStart,
            termEnds: c.termEnds.iso, staff: c.staff, seats: c.seats, allStaff: c.allStaff, delegates: delegates.count,
            makeup: Congresses.makeup(c, delegates).checks(req.application.contractRules).map { .init(rule: $0.rule, actual: $0.actual, holds: $0.holds) },
            sessions: sessions.map { s in
                .init(
                    id: s.id ?? 0, title: s.title, heldOn: s.heldOn, members: s.members, attending: s.attending, reportedOn: s.reportedOn,
                    resolutions: resolutions.filter { $0.$session.id == s.id }.map { "\($0.title)：\($0.passed ? "通过" : "未通过")" })
            }, proposals: proposals.map(\.number))
    }

    func addDelegate(req: Request) async throws -> CongressDTO {
        let id = try req.id("职代会")
        try await Congresses.addDelegate(
            id, try DelegateFields.validate(try form(req), today: req.today), in: req.scope, rules: req.application.contractRules, actor: req.actor,
            at: req.now, on: req.db)
        return try await detail(req, id)
    }

    func addSession(req: Request) async throws -> CongressDTO {
        let id = try req.id("职代会")
        _ = try await Congresses.addSession(id, try form(req), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await detail(req, id)
    }

    func addResolution(req: Request) async throws -> CongressDTO {
        let sid = try req.id("会议")
        try await Congresses.addResolution(sid, try form(req), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await detail(req, try await Congresses.session(sid, in: req.scope, on: req.db).1.requireID())
    }

    func reportSession(req: Request) async throws -> CongressDTO {
        let sid = try req.id("会议")
        try await Congresses.report(sid, try form(req), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await detail(req, try await Congresses.session(sid, in: req.scope, on: req.db).1.requireID())
    }

    struct ProposalDTO: Content {
        var id: Int
        var number: String
        var sessionId: Int
        var title: String
        var proposer: String
        var cosigners: String
        var submittedOn: String
        var state: String
        var registeredOn: String?
        var department: String?
        var replyDue: String?
        var repliedOn: String?
        var satisfaction: String?
        var reportedOn: String?
    }

    private func proposalDetail(_ req: Request, _ id: Int) async throws -> ProposalDTO {
        let (p, _, _) = try await Congresses.proposal(id, in: req.scope, on: req.db)
        return ProposalDTO(
            id: id, number: p.number, sessionId: p.$session.id, title: p.title, proposer: p.proposer, cosigners: p.cosigners, submittedOn: p.submittedOn,
            state: p.state, registeredOn: p.registeredOn, department: p.department,
            replyDue: Congresses.replyDue(p, rules: req.application.contractRules)?.iso, repliedOn: p.repliedOn, satisfaction: p.satisfaction,
            reportedOn: p.reportedOn)
    }

    func submit(req: Request) async throws -> Response {
        let p = try await Congresses.submit(
            try ProposalFields.validate(try form(req), today: req.today, rules: req.application.contractRules), in: req.scope, actor: req.actor,
            at: req.now, on: req.db)
        return try await proposalDetail(req, p.requireID()).encodeResponse(status: .created, for: req)
    }

    func proposal(req: Request) async throws -> ProposalDTO { try await proposalDetail(req, req.id("提案")) }

    func proposalStep(req: Request) async throws -> ProposalDTO {
        let id = try req.id("提案")
        try await Congresses.act(id, try ProposalAction.parse(try form(req)), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await proposalDetail(req, id)
    }

    func disclose(req: Request) async throws -> Response {
        try await OpenAffairs.disclose(try DisclosureFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await Done().encodeResponse(status: .created, for: req)
    }

    func check(req: Request) async throws -> Response {
        try await OpenAffairs.check(try DisclosureCheckFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await Done().encodeResponse(status: .created, for: req)
    }

    func corrected(req: Request) async throws -> Done {
        try await OpenAffairs.corrected(req.id("检查记录"), try form(req), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return Done()
    }

    struct WeekDTO: Content {
        struct Row: Content {
            var orgId: Int
            var union: String
            var negotiations: Int
            var reportedOn: String?
            var progress: String?
        }

        var week: String
        var due: String
        var rows: [Row]
    }

    func week(req: Request) async throws -> WeekDTO {
        let q = try req.query.decode(FormFields.self)
        return try await weekDTO(req, try Input.date(q["week"], field: "week", label: "周") ?? req.today)
    }

    func reportWeek(req: Request) async throws -> WeekDTO {
        let f = try ProgressReportFields.validate(try form(req), today: req.today)
        try await OpenAffairs.report(f, in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
        return try await weekDTO(req, f.week)
    }

    private func weekDTO(_ req: Request, _ day: CalendarDate) async throws -> WeekDTO {
        let rows = try await OpenAffairs.week(day, in: req.scope, on: req.db)
        return WeekDTO(
            week: day.monday.iso, due: OpenAffairs.reportDue(week: day, rules: req.application.contractRules).iso,
            rows: rows.map {
                .init(orgId: $0.union.id ?? 0, union: $0.union.name, negotiations: $0.negotiations, reportedOn: $0.report?.reportedOn, progress: $0.report?.progress)
            })
    }

    func setWomen(req: Request) async throws -> Response {
        try await OpenAffairs.setWomenCommittee(
            try WomenCommitteeFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await Done().encodeResponse(status: .created, for: req)
    }

    struct StatsDTO: Content {
        var democracy: DemocracyFigures
        var women: WomenFigures
    }

    func stats(req: Request) async throws -> StatsDTO {
        let q = try req.query.decode(FormFields.self)
        let (d, w) = try await DemocracyStats.compute(
            in: try await StatsQuery.subtree(q, req), period: try ReportPeriod.parse(q, today: req.today), today: req.today,
            rules: req.application.contractRules, on: req.db)
        return StatsDTO(democracy: d, women: w)
    }
}

extension DemocracyFigures: Content {}
extension WomenFigures: Content {}
