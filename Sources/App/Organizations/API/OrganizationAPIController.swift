import Domain
import Fluent
import Vapor

struct OrganizationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let fields = OrganizationInput.inputFields
        routes.endpoint(.GET, .api(.orgs), .orgRead, doc: APIDoc(summary: "列出本级及下级组织"), use: list)
        routes.endpoint(.GET, .api(.org(nil)), .orgRead, doc: APIDoc(summary: "查看组织"), use: get)
        routes.endpoint(.POST, .api(.orgs), .orgWrite, doc: APIDoc(summary: "新增组织", body: fields), use: create)
        routes.endpoint(.PUT, .api(.org(nil)), .orgWrite, doc: APIDoc(summary: "修改组织", body: fields), use: update)
    }

    func list(req: Request) async throws -> [OrganizationDTO] {
        let scope = try req.scope
        let counts = try await Registers.memberCounts(in: scope, on: req.today, on: req.db).mapValues(\.all)
        return try await Organization.scoped(scope, on: req.db).sort(\.$path).all().map {
            OrganizationDTO($0, memberCount: $0.id.flatMap { counts[$0] } ?? 0)
        }
    }

    func get(req: Request) async throws -> OrganizationDTO {
        OrganizationDTO(try await OrganizationQuery.find(req.id("组织"), in: req.scope, on: req.db))
    }

    func create(req: Request) async throws -> Response {
        let f = try req.decodeJSON(OrganizationInput.self).validate(today: req.today)
        let org = try await OrganizationQuery.create(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await OrganizationDTO(org).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> OrganizationDTO {
        let id = try req.id("组织")
        _ = try await OrganizationQuery.find(id, in: req.scope, on: req.db)
        let f = try req.decodeJSON(OrganizationInput.self).validate(today: req.today)
        return OrganizationDTO(try await OrganizationQuery.update(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db))
    }
}
