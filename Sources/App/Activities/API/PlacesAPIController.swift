import Domain
import Fluent
import Vapor

/// `/api/v1/ideas/…` and `/api/v1/service-centres/…`, and a competition's results: the 金点子 ideas and their
/// assessment, the service centres with their standard and their visits.
struct PlacesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(
            .POST, .api(.activityResults(nil)), .activitiesRecord, doc: APIDoc(summary: "登记竞赛获奖（个人或参赛队）", body: ResultFields.inputFields), use: addResult)
        routes.endpoint(.GET, .api(.ideas), .activitiesRead, doc: APIDoc(summary: "“金点子”合理化建议（按提出日期的年度）", queryFields: ["year", "status", "page"]), use: ideas)
        routes.endpoint(.POST, .api(.ideas), .activitiesRecord, doc: APIDoc(summary: "登记合理化建议", body: IdeaFields.inputFields), use: submit)
        routes.endpoint(.GET, .api(.idea(nil)), .activitiesRead, doc: APIDoc(summary: "一条合理化建议"), use: idea)
        routes.endpoint(.POST, .api(.ideaDecision(nil)), .activitiesRecord, doc: APIDoc(summary: "评定合理化建议", body: IdeaDecisionFields.inputFields), use: decide)
        routes.endpoint(.GET, .api(.serviceCentres), .activitiesRead, doc: APIDoc(summary: "职工服务阵地", queryFields: ["kind", "closed", "page"]), use: centres)
        routes.endpoint(.POST, .api(.serviceCentres), .activitiesRecord, doc: APIDoc(summary: "登记服务阵地", body: ServiceCentreFields.inputFields), use: createCentre)
        routes.endpoint(.GET, .api(.serviceCentre(nil)), .activitiesRead, doc: APIDoc(summary: "一个服务阵地（达标情况和本年接待）"), use: centre)
        routes.endpoint(.PUT, .api(.serviceCentre(nil)), .activitiesRecord, doc: APIDoc(summary: "修改服务阵地", body: ServiceCentreFields.inputFields), use: updateCentre)
        routes.endpoint(
            .POST, .api(.serviceCentreVisits(nil)), .activitiesRecord, doc: APIDoc(summary: "登记阵地接待（人次或一名会员）", body: VisitFields.inputFields), use: visit)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    func addResult(req: Request) async throws -> Response {
        let id = try req.id("活动")
        let rules = req.application.activityRules
        try await Activities.addResult(id, try ResultFields.validate(try form(req), rules: rules), rules: rules, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await ActivityDetailDTO.of(try await Activities.find(id, in: req.scope, on: req.db), rules: rules, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    func ideas(req: Request) async throws -> ListDTO<IdeaDTO> {
        try await IdeaController.list(try req.query.decode(FormFields.self), in: req.scope, today: req.today, on: req.db).list.dto(IdeaDTO.init)
    }

    func submit(req: Request) async throws -> Response {
        let i = try await Ideas.submit(try IdeaFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await IdeaDTO(i).encodeResponse(status: .created, for: req)
    }

    func idea(req: Request) async throws -> IdeaDTO { IdeaDTO(try await Ideas.find(req.id("建议"), in: req.scope, on: req.db)) }

    func decide(req: Request) async throws -> IdeaDTO {
        IdeaDTO(try await Ideas.decide(req.id("建议"), try form(req), today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db))
    }

    func centres(req: Request) async throws -> ListDTO<ServiceCentreDTO> {
        let rules = req.application.activityRules
        return try await ServiceCentreController.list(try req.query.decode(FormFields.self), in: req.scope, on: req.db).dto { ServiceCentreDTO($0, rules: rules, tally: nil) }
    }

    func centre(req: Request) async throws -> ServiceCentreDTO { try await ServiceCentreDTO.of(try await ServiceCentres.find(req.id("服务阵地"), in: req.scope, on: req.db), req) }

    func createCentre(req: Request) async throws -> Response {
        let p = try await ServiceCentres.create(
            try ServiceCentreFields.validate(try form(req), rules: req.application.activityRules, today: req.today), in: req.scope, actor: req.actor, at: req.now,
            on: req.db)
        return try await ServiceCentreDTO.of(p, req).encodeResponse(status: .created, for: req)
    }

    func updateCentre(req: Request) async throws -> ServiceCentreDTO {
        let p = try await ServiceCentres.update(
            req.id("服务阵地"), try ServiceCentreFields.validate(try form(req), rules: req.application.activityRules, today: req.today), in: req.scope,
            actor: req.actor, at: req.now, on: req.db)
        return try await ServiceCentreDTO.of(p, req)
    }

    func visit(req: Request) async throws -> Response {
        let id = try req.id("服务阵地")
        _ = try await ServiceCentres.visit(id, try form(req), today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await ServiceCentreDTO.of(try await ServiceCentres.find(id, in: req.scope, on: req.db), req).encodeResponse(status: .created, for: req)
    }
}

struct IdeaDTO: Content {
    var id: Int
    var orgId: Int
    var activityId: Int?
    var card: String
    var name: String
    var employer: String?
    var title: String
    var description: String?
    var submittedOn: String
    var grade: String?
    var adopted: Bool?
    var decidedOn: String?
    var savings: Int?
    var reward: Int?

    init(_ i: Idea) {
        id = i.id ?? 0
        orgId = i.$org.id
        activityId = i.activityID
        card = i.$member.value?.cardNumber ?? ""
        name = i.$member.value?.name ?? ""
        employer = i.employer
        title = i.title
        description = i.description
        submittedOn = i.submittedOn
        grade = i.grade
        adopted = i.adopted
        decidedOn = i.decidedOn
        savings = i.savings
        reward = i.reward
    }
}

struct ServiceCentreDTO: Content {
    var id: Int
    var orgId: Int
    var kind: String
    var kindLabel: String
    var name: String
    var host: String?
    var openedOn: String
    var closedOn: String?
    var area: Int?
    var hours: String?
    var rooms: String?
    var keeper: String?
    var books: Int?
    var equipment: [String]
    /// What it lacks against its kind's standard (empty: up to standard).
    var missing: [String]
    /// This year's visits, volunteers and books lent.
    var visits: Int?
    var volunteers: Int?
    var booksLent: Int?

    init(_ p: ServiceCentre, rules: ActivityRules, tally: CentreTally?) {
        id = p.id ?? 0
        orgId = p.$org.id
        kind = p.kind
        kindLabel = rules.centreKind(p.kind)?.label ?? p.kind
        name = p.name
        host = p.host
        openedOn = p.openedOn
        closedOn = p.closedOn
        area = p.area
        hours = p.hours
        rooms = p.rooms
        keeper = p.keeper
        books = p.books
        equipment = p.equipmentList
        missing = p.missing(rules)
        visits = tally?.visits
        volunteers = tally?.volunteers
        booksLent = tally?.booksLent
    }

    static func of(_ p: ServiceCentre, _ req: Request) async throws -> ServiceCentreDTO {
        let id = try p.requireID()
        let tally = try await CentreTally.of([id], from: CalendarDate.firstDay(of: req.today.year), to: req.today, on: req.db)[id]
        return ServiceCentreDTO(p, rules: req.application.activityRules, tally: tally ?? CentreTally())
    }
}
