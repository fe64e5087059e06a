import Domain
import Fluent
import Office
import Vapor

struct MemberAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let fields = MemberInput.CodingKeys.allCases.map(\.stringValue)
        routes.endpoint(.GET, .api(.members), .memberRead,
            doc: APIDoc(summary: "列出、搜索会员", queryFields: ["q", "unionId", "status", "migrantWorker", "page"]), use: list)
        routes.endpoint(.GET, .api(.member(nil)), .memberRead, doc: APIDoc(summary: "查看会员"), use: get)
        routes.endpoint(.POST, .api(.members), .memberWrite, doc: APIDoc(summary: "新增会员", requestFields: fields), use: create)
        routes.endpoint(.PUT, .api(.member(nil)), .memberWrite, doc: APIDoc(summary: "修改会员", requestFields: fields), use: update)
        routes.endpoint(.POST, .api(.memberStatus(nil)), .memberWrite,
            doc: APIDoc(summary: "变更会籍状态", requestFields: MemberChangeDTO.statusFields), use: changeStatus)
        routes.endpoint(.POST, .api(.memberImport), .memberWrite,
            doc: APIDoc(summary: "导入会员名册（请求体为 .xlsx 或 .csv 文件）", queryFields: ["unionId", "mode", "dryRun", "sheet"], fileBody: true),
            body: .stream, use: importRoster)
        routes.endpoint(.GET, .api(.importJob(nil)), .memberWrite, doc: APIDoc(summary: "查看导入任务（进度与报告）"), use: job)
        routes.endpoint(.POST, .api(.importJobCancel(nil)), .memberWrite, doc: APIDoc(summary: "取消导入任务", requestFields: []), use: cancelJob)
        routes.endpoint(.POST, .api(.memberTransfer(nil)), .memberWrite,
            doc: APIDoc(summary: "会籍接转", requestFields: MemberChangeDTO.transferFields), use: transfer)
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
        return MemberDTO(try await MemberQuery.update(id, f, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db))
    }

    func changeStatus(req: Request) async throws -> MemberDTO {
        let id = try req.id("会员")
        let body = try req.decodeJSON(MemberChangeDTO.self)
        let form = MemberController.StatusForm(status: body.status, date: body.date, reason: body.reason)
        let (date, reason) = try MemberController.dateAndReason(form, today: req.today)
        let status = try MemberStatus.parse(body.status ?? "", field: "status", name: "会籍状态")
        try await MemberQuery.changeStatus(id, to: status, on: date, reason: reason, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return MemberDTO(try await MemberQuery.find(id, in: req.scope, on: req.db))
    }

    struct ImportQuery: Content {
        var unionId: Int?
        var mode: String?
        var dryRun: Bool?
        var sheet: String?
    }

    /// The body is the file itself; the answer is 202 with the queued job (422 when the file is not a roster file).
    func importRoster(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(ImportQuery.self)
        let body = try await req.body.collect(max: req.maxBodySize).get()
        guard let body, body.readableBytes > 0 else { throw FieldError(field: "file", message: "请求体应为 .xlsx 或 .csv 文件，现在是空的") }
        guard let mode = ImportMode(rawValue: q.mode ?? "insert") else { throw FieldError(field: "mode", message: "mode 只能是 insert 或 upsert") }
        let union = try await ImportController.union(q.unionId.map(String.init), scope: p.scope, on: req.db)
        let job = try await ImportJobs.enqueue(data: body, fileName: "api-upload", dryRun: q.dryRun ?? false, mode: mode, union: union,
            sheet: q.sheet, principal: p, app: req.application, on: req.db)
        let response = try await ImportJobDTO(job, cipher: req.application.cipher).encodeResponse(status: .accepted, for: req)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.importJob(job.id)).path)
        return response
    }

    func job(req: Request) async throws -> ImportJobDTO {
        ImportJobDTO(try await ImportJobs.find(req.id("导入任务"), for: req.requirePrincipal(), on: req.db), cipher: req.application.cipher)
    }

    func cancelJob(req: Request) async throws -> ImportJobDTO {
        ImportJobDTO(try await ImportJobs.cancel(req.id("导入任务"), for: req.requirePrincipal(), on: req.db), cipher: req.application.cipher)
    }

    func transfer(req: Request) async throws -> MemberDTO {
        let id = try req.id("会员")
        let body = try req.decodeJSON(MemberChangeDTO.self)
        let form = MemberController.StatusForm(date: body.date, reason: body.reason)
        let (date, reason) = try MemberController.dateAndReason(form, today: req.today)
        guard let union = body.unionId else { throw FieldError(field: "unionId", message: "请提供转入工会 unionId") }
        try await MemberQuery.transfer(id, toUnion: union, on: date, reason: reason, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return MemberDTO(try await MemberQuery.find(id, in: req.scope, on: req.db))
    }
}
