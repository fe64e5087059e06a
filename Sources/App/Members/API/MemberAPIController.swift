import Domain
import Fluent
import Vapor

struct MemberAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let fields = MemberInput.inputFields
        routes.endpoint(
            .GET, .api(.members), .memberRead,
            doc: APIDoc(summary: "列出、搜索会员", queryFields: ["q", "unionId", "status", "migrantWorker", "page"]), use: list)
        routes.endpoint(.GET, .api(.member(nil)), .memberRead, doc: APIDoc(summary: "查看会员"), use: get)
        routes.endpoint(.POST, .api(.members), .memberWrite, doc: APIDoc(summary: "新增会员", body: fields), use: create)
        routes.endpoint(.PUT, .api(.member(nil)), .memberWrite, doc: APIDoc(summary: "修改会员", body: fields), use: update)
        routes.endpoint(
            .POST, .api(.memberStatus(nil)), .memberWrite,
            doc: APIDoc(summary: "变更会籍状态", body: MembershipChange.statusFields), use: changeStatus)
        routes.endpoint(
            .POST, .api(.memberTransfer(nil)), .memberWrite,
            doc: APIDoc(summary: "会籍接转", body: MembershipChange.transferFields), use: transfer)
    }

    struct ListQuery: Content {
        var q: String?
        var unionId: Int?
        var status: String?
        var migrantWorker: Bool?
        var page: Int?
    }

    func list(req: Request) async throws -> ListDTO<MemberDTO> {
        let lq = try req.query.decode(ListQuery.self)
        let status = try lq.status.map { (s) throws(FieldError) in try MemberStatus.parse(s, field: "status", name: "会籍状态") }
        let f = MemberQuery.Filter(q: lq.q, unionId: lq.unionId, status: status, migrantWorker: lq.migrantWorker, page: lq.page ?? 1)
        return try await MemberQuery.list(f, in: req.scope, cipher: req.application.cipher, on: req.db).dto(MemberDTO.init)
    }

    func get(req: Request) async throws -> MemberDTO {
        MemberDTO(try await MemberQuery.find(req.id("会员"), in: req.scope, on: req.db))
    }

    func create(req: Request) async throws -> Response {
        let f = try req.decodeJSON(MemberInput.self).validate(today: req.today)
        let m = try await MemberQuery.create(f, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
        return try await MemberDTO(m).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> MemberDTO {
        let id = try req.id("会员")
        _ = try await MemberQuery.find(id, in: req.scope, on: req.db)
        let f = try req.decodeJSON(MemberInput.self).validate(today: req.today)
        return MemberDTO(
            try await MemberQuery.update(id, f, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db))
    }

    func changeStatus(req: Request) async throws -> MemberDTO {
        try await change(req, try MembershipChange.status(try req.decodeJSON(FormFields.self), today: req.today))
    }

    func transfer(req: Request) async throws -> MemberDTO {
        try await change(req, try MembershipChange.transfer(try req.decodeJSON(FormFields.self), today: req.today))
    }

    private func change(_ req: Request, _ c: MembershipChange) async throws -> MemberDTO {
        let id = try req.id("会员")
        try await MemberQuery.change(id, c, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return MemberDTO(try await MemberQuery.find(id, in: req.scope, on: req.db))
    }
}
