import Domain
import Fluent
import Office
import Vapor

/// Roster import in the browser: upload → background check (preview) → commit as a second job; exports and the template.
struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        for kind in ImportKind.allCases {
            routes.endpoint(.GET, kind.uploadURL, kind.writePermission) { try await form(kind, $0) }
            routes.endpoint(.POST, kind.uploadURL, kind.writePermission, body: .stream) { try await upload(kind, $0) }
            routes.endpoint(.GET, kind.templateURL, kind.readPermission) { try await template(kind, $0) }
        }
        // A job's own kind decides the permission (checked in ImportJobs.find).
        routes.endpoint(.GET, .importJob(nil), .signedIn, use: show)
        routes.endpoint(.POST, .importJobCommit(nil), .signedIn, use: commit)
        routes.endpoint(.POST, .importJobCancel(nil), .signedIn, use: cancel)
        routes.endpoint(.GET, .importJobErrors(nil), .signedIn, use: errors)
        routes.endpoint(.GET, .memberExport, .memberRead) { try await export($0, full: false) }
        // Full numbers leave the server only by a form post (CSRF-checked, never a link a page can trigger), audited.
        routes.endpoint(.POST, .memberExport, .memberReveal) { try await export($0, full: true) }
        routes.endpoint(.GET, .employerExport, .employerRead, use: exportEmployers)
    }

    struct UploadForm: Content, Sendable {
        var file: File?
        var unionId: String?
        var mode: String?
        var sheet: String?
    }

    func form(_ kind: ImportKind, _ req: Request) async throws -> Response {
        try await ImportPage.make(kind, req, values: UploadForm(), error: nil).render(req)
    }

    func upload(_ kind: ImportKind, _ req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let form = try await req.decodeMultipart(UploadForm.self)
        do {
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw FieldError(field: "file", message: "请选择要导入的 .xlsx 或 .csv 文件")
            }
            let union = kind == .members ? try await Self.union(form.unionId, scope: p.scope, on: req.db) : nil
            let job = try await ImportJobs.enqueue(
                kind, data: file.data, fileName: file.filename, dryRun: true,
                mode: ImportMode(rawValue: form.mode ?? "insert") ?? .insert, union: union, sheet: Input.optional(form.sheet),
                principal: p, app: req.application, on: req.db)
            return req.redirect(to: SiteURL.importJob(job.id).path)
        } catch {
            guard let (errors, status) = FormBuilder.messages(error) else { throw error }
            return try await ImportPage.make(kind, req, values: form, error: errors.values.sorted().first).render(req, status: status)
        }
    }

    func show(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let job = try await ImportJobs.find(req.id("导入任务"), for: p, on: req.db)
        return try await ImportJobPage(job, report: job.stored(req.application.cipher)?.report, principal: p).render(req)
    }

    /// Writes what the preview checked: a new job over the same file, in write mode.
    func commit(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let checked = try await ImportJobs.find(req.id("导入任务"), for: p, on: req.db)
        guard checked.dryRun, checked.status == ImportJobs.Status.done.rawValue, !checked.data.isEmpty else {
            throw AppError.conflict("该导入任务不能再提交，请重新上传文件", field: nil)
        }
        let job = try await ImportJobs.enqueue(
            checked.importKind ?? .members,
            data: ByteBuffer(data: try req.application.cipher.open(checked.data)), fileName: checked.fileName, dryRun: false,
            mode: ImportMode(rawValue: checked.mode) ?? .insert, union: checked.unionID, sheet: checked.sheet, principal: p,
            app: req.application, on: req.db)
        checked.data = Data()
        try await checked.update(on: req.db)
        return req.redirect(to: SiteURL.importJob(job.id).path)
    }

    func cancel(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let job = try await ImportJobs.cancel(req.id("导入任务"), for: p, on: req.db)
        return req.redirect(to: SiteURL.importJob(job.id).path)
    }

    func errors(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let job = try await ImportJobs.find(req.id("导入任务"), for: p, on: req.db)
        guard let stored = job.stored(req.application.cipher) else { throw AppError.notFound("错误报告") }
        try await req.audit(MemberAudit.importErrors, entity: "import_job", id: job.id)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-errors-\(UUID().uuidString).xlsx")
        try MemberExport.errorReport(stored, to: out)
        return try await download(req, out, name: "导入错误报告.xlsx")
    }

    func export(_ req: Request, full: Bool) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try full ? req.content.decode(MemberController.ListQuery.self) : req.query.decode(MemberController.ListQuery.self)
        let filter = MemberQuery.Filter(
            q: lq.q, unionId: lq.unionId.flatMap { Int($0) }, status: lq.status.flatMap(MemberStatus.init(rawValue:)))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-export-\(UUID().uuidString).xlsx")
        let count = try await MemberExport.write(filter, full: full, scope: p.scope, cipher: req.application.cipher, to: out, on: req.db)
        let filters = [lq.q.map { _ in "q" }, lq.unionId.map { "unionId=\($0)" }, lq.status.map { "status=\($0)" }].compactMap { $0 }
        try await req.audit(
            MemberAudit.export, entity: "member",
            after: ["rows": String(count), "full": String(full), "filter": filters.joined(separator: ",")])
        return try await download(req, out, name: full ? "会员名册（完整）.xlsx" : "会员名册.xlsx")
    }

    func exportEmployers(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try req.query.decode(EmployerController.ListQuery.self)
        let filter = EmployerQuery.Filter(
            q: lq.q, hasUnion: lq.hasUnion == "yes" ? true : lq.hasUnion == "no" ? false : nil,
            minHeadcount: lq.minHeadcount.flatMap { Int($0) })
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-export-\(UUID().uuidString).xlsx")
        let count = try await EmployerExport.write(filter, scope: p.scope, to: out, on: req.db)
        try await req.audit(OrganizationAudit.employerExport, entity: "employer", after: ["rows": String(count)])
        return try await download(req, out, name: "单位名录.xlsx")
    }

    func template(_ kind: ImportKind, _ req: Request) async throws -> Response {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-template-\(UUID().uuidString).xlsx")
        switch kind {
        case .members: try MemberExport.template(to: out)
        case .employers: try EmployerExport.template(to: out)
        case .hardship: try HardshipImport.template(to: out)
        }
        return try await download(req, out, name: kind.templateName)
    }

    /// The chosen target union, which must be a grassroots union in the caller's subtree.
    static func union(_ value: String?, scope: Scope, on db: any Database) async throws -> Int? {
        guard let id = try Input.id(value, field: "unionId", label: "导入到的工会") else { return nil }
        let union = try? await OrganizationQuery.find(id, in: scope, on: db)
        guard let union, union.level == OrgLevel.union.rawValue else {
            throw FieldError(field: "unionId", message: "导入到的工会应为您管辖范围内的基层工会")
        }
        return id
    }

    private func download(_ req: Request, _ url: URL, name: String) async throws -> Response {
        let data = try Data(contentsOf: url)
        try? FileManager.default.removeItem(at: url)
        return .attachment(data, contentType: Response.xlsxType, name: name, fallback: "export.xlsx")
    }
}
