import Domain
import Fluent
import Office
import Vapor

/// Roster import (upload → preview → commit), the error report, exports and the blank template.
struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .memberImport, .memberWrite, use: form)
        routes.endpoint(.POST, .memberImport, .memberWrite, body: .stream, use: preview)
        routes.endpoint(.POST, .memberImportCommit, .memberWrite, use: commit)
        routes.endpoint(.GET, .memberImportErrors, .memberWrite, use: errors)
        routes.endpoint(.GET, .memberExport, .memberRead, use: export)
        routes.endpoint(.GET, .memberTemplate, .memberRead, use: template)
    }

    struct UploadForm: Content {
        var file: File?
        var unionId: String?
        var mode: String?
        var sheet: String?
    }

    struct CommitForm: Content {
        var token: String?
        var unionId: String?
        var mode: String?
        var sheet: String?
    }

    func form(req: Request) async throws -> Response {
        try await ImportPage.make(req, values: CommitForm(), error: nil).render(req)
    }

    func preview(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let upload = try req.content.decode(UploadForm.self)
        let values = CommitForm(unionId: upload.unionId, mode: upload.mode, sheet: upload.sheet)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await ImportPage.make(req, values: values, error: "请选择要导入的 .xlsx 或 .csv 文件").render(req, status: .unprocessableEntity)
        }
        let (token, url) = try ImportUpload.save(file.data, userID: p.userID)
        return try await run(req, token: token, url: url, values: values, dryRun: true)
    }

    func commit(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let form = try req.content.decode(CommitForm.self)
        guard let token = form.token, let url = ImportUpload.url(token: token, userID: p.userID) else {
            throw AppError.notFound("导入文件")
        }
        return try await run(req, token: token, url: url, values: form, dryRun: false)
    }

    func errors(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let form = try req.query.decode(CommitForm.self)
        guard let token = form.token, let url = ImportUpload.url(token: token, userID: p.userID) else { throw AppError.notFound("导入文件") }
        let report = try await importer(req, url: url, values: form, dryRun: true).run(app: req.application, on: req.db)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-errors-\(UUID().uuidString).xlsx")
        try MemberExport.errorReport(report, to: out)
        return try await download(req, out, name: "导入错误报告.xlsx")
    }

    func export(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try req.query.decode(MemberController.ListQuery.self)
        let full = (try? req.query.get(String.self, at: "full")) == "1"
        if full, !p.role.may(.memberReveal) { throw AppError.forbidden }
        let filter = MemberQuery.Filter(q: lq.q, unionId: lq.unionId.flatMap { Int($0) }, status: lq.status.flatMap(MemberStatus.init(rawValue:)))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-export-\(UUID().uuidString).xlsx")
        let count = try await MemberExport.write(filter, full: full, scope: p.scope, cipher: req.application.cipher, to: out, on: req.db)
        try await req.audit("member.export", entity: "member", after: ["rows": String(count), "full": String(full),
            "filter": [lq.q.map { _ in "q" }, lq.unionId.map { "unionId=\($0)" }, lq.status.map { "status=\($0)" }].compactMap { $0 }.joined(separator: ",")])
        return try await download(req, out, name: full ? "会员名册（完整）.xlsx" : "会员名册.xlsx")
    }

    func template(req: Request) async throws -> Response {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-template-\(UUID().uuidString).xlsx")
        try MemberExport.template(to: out)
        return try await download(req, out, name: "会员名册导入模板.xlsx")
    }

    private func importer(_ req: Request, url: URL, values: CommitForm, dryRun: Bool) async throws -> MemberImport {
        let p = try req.requirePrincipal()
        var union: Organization?
        if let id = try Input.id(values.unionId, field: "unionId", label: "导入到的工会") {
            union = try await OrganizationQuery.find(id, in: p.scope, on: req.db)
            guard union?.level == OrgLevel.union.rawValue else { throw FieldError(field: "unionId", message: "请选择一个基层工会") }
        }
        let mode = ImportMode(rawValue: values.mode ?? "insert") ?? .insert
        return MemberImport(file: url, sheet: Input.optional(values.sheet), union: union, mode: mode, dryRun: dryRun, scope: p.scope, actor: req.actor)
    }

    private func run(_ req: Request, token: String, url: URL, values: CommitForm, dryRun: Bool) async throws -> Response {
        let report: ImportReport
        do {
            report = try await importer(req, url: url, values: values, dryRun: dryRun).run(app: req.application, on: req.db)
        } catch let e as OfficeError {
            try? FileManager.default.removeItem(at: url)
            return try await ImportPage.make(req, values: values, error: e.message).render(req, status: .unprocessableEntity)
        } catch {
            guard let e = FieldErrors(error) else { throw error }
            return try await ImportPage.make(req, values: values, error: e.errors.first?.message).render(req, status: .unprocessableEntity)
        }
        if !dryRun { try? FileManager.default.removeItem(at: url) }
        var v = values
        v.token = token
        return try await ImportPreviewPage(req, report: report, values: v, done: !dryRun).render(req)
    }

    private func download(_ req: Request, _ url: URL, name: String) async throws -> Response {
        let data = try Data(contentsOf: url)
        try? FileManager.default.removeItem(at: url)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export.xlsx"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"export.xlsx\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
