import Domain
import Fluent
import Vapor

struct EmployerAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let fields = EmployerInput.inputFields
        routes.endpoint(
            .GET, .api(.employers), .employerRead,
            doc: APIDoc(summary: "列出单位", queryFields: ["q", "hasUnion", "minHeadcount", "page"]), use: list)
        routes.endpoint(.GET, .api(.employer(nil)), .employerRead, doc: APIDoc(summary: "查看单位"), use: get)
        routes.endpoint(.POST, .api(.employers), .employerWrite, doc: APIDoc(summary: "新增单位", body: fields), use: create)
        routes.endpoint(.PUT, .api(.employer(nil)), .employerWrite, doc: APIDoc(summary: "修改单位", body: fields), use: update)
    }

    struct ListQuery: Content {
        var q: String?
        var hasUnion: Bool?
        var minHeadcount: Int?
        var page: Int?
    }

    func list(req: Request) async throws -> ListDTO<EmployerDTO> {
        let lq = try req.query.decode(ListQuery.self)
        let f = EmployerQuery.Filter(q: lq.q, hasUnion: lq.hasUnion, minHeadcount: lq.minHeadcount, page: lq.page ?? 1)
        return try await EmployerQuery.list(f, in: req.scope, on: req.db).dto(EmployerDTO.init)
    }

    func get(req: Request) async throws -> EmployerDTO {
        EmployerDTO(try await EmployerQuery.find(req.id("单位"), in: req.scope, on: req.db))
    }

    func create(req: Request) async throws -> Response {
        let f = try req.decodeJSON(EmployerInput.self).validate(mayForce: req.may(.employerForceCode), today: req.today)
        let e = try await EmployerQuery.create(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await EmployerDTO(e).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> EmployerDTO {
        let id = try req.id("单位")
        _ = try await EmployerQuery.find(id, in: req.scope, on: req.db)
        let f = try req.decodeJSON(EmployerInput.self).validate(mayForce: req.may(.employerForceCode), today: req.today)
        return EmployerDTO(try await EmployerQuery.update(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db))
    }
}
