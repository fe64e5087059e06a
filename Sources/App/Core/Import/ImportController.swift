import Domain
import Fluent
import Office
import Vapor

/// Roster import in the browser, for every module's importer: upload → background check (preview) → commit as a
/// second job; the job page, its cancel and its error report; the templates.
struct ImportController: RouteCollection {
    var importers: [any Importer]

    func boot(routes: any RoutesBuilder) throws {
        for importer in importers {
            routes.endpoint(.GET, importer.uploadURL, importer.writePermission) { try await form(importer, $0) }
            routes.endpoint(.POST, importer.uploadURL, importer.writePermission, body: .stream) { try await upload(importer, $0) }
            routes.endpoint(.GET, importer.templateURL, importer.readPermission) { try await template(importer, $0) }
        }
        // A job's own kind decides the permission (checked in ImportJobs.find).
        routes.endpoint(.GET, .importJob(nil), .signedIn, use: show)
        routes.endpoint(.POST, .importJobCommit(nil), .signedIn, use: commit)
        routes.endpoint(.POST, .importJobCancel(nil), .signedIn, use: cancel)
        routes.endpoint(.GET, .importJobErrors(nil), .signedIn, use: errors)
    }

    struct UploadForm: Content, Sendable {
        var file: File?
        var unionId: String?
        var mode: String?
        var sheet: String?
    }

    func form(_ importer: any Importer, _ req: Request) async throws -> Response {
        try await ImportPage.make(importer, req, values: UploadForm(), error: nil).render(req)
    }

    func upload(_ importer: any Importer, _ req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let form = try await req.decodeMultipart(UploadForm.self)
        do {
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw FieldError(field: "file", message: "请选择要导入的 .xlsx 或 .csv 文件")
            }
            let union = importer.choosesUnion ? try await Self.union(form.unionId, scope: p.scope, on: req.db) : nil
            let job = try await ImportJobs.enqueue(
                importer, data: file.data, fileName: file.filename, dryRun: true,
                mode: ImportMode(rawValue: form.mode ?? "insert") ?? .insert, union: union, sheet: Input.optional(form.sheet),
                principal: p, app: req.application, on: req.db)
            return req.redirect(to: SiteURL.importJob(job.id).path, flash: "已上传，正在检查")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await ImportPage.make(importer, req, values: form, error: errors.values.sorted().first).render(req, status: status)
        }
    }

    func show(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let job = try await ImportJobs.find(req.id("导入任务"), for: p, app: req.application, on: req.db)
        return try await ImportJobPage(
            job, kind: try ImportJobs.importer(of: job, app: req.application), report: job.stored(req.application.cipher)?.report,
            principal: p
        ).render(req)
    }

    /// Writes what the preview checked: a new job over the same file, in write mode.
    func commit(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let checked = try await ImportJobs.find(req.id("导入任务"), for: p, app: req.application, on: req.db)
        guard checked.dryRun, checked.status == ImportJobs.Status.done.rawValue, !checked.data.isEmpty else {
            throw AppError.conflict("该导入任务不能再提交，请重新上传文件", field: nil)
        }
        let job = try await ImportJobs.enqueue(
            try ImportJobs.importer(of: checked, app: req.application),
            data: ByteBuffer(data: try req.application.cipher.open(checked.data)), fileName: checked.fileName, dryRun: false,
            mode: ImportMode(rawValue: checked.mode) ?? .insert, union: checked.unionID, sheet: checked.sheet, principal: p,
            app: req.application, on: req.db)
        checked.data = Data()
        try await checked.update(on: req.db)
        return req.redirect(to: SiteURL.importJob(job.id).path, flash: "已开始导入")
    }

    func cancel(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let job = try await ImportJobs.cancel(req.id("导入任务"), for: p, app: req.application, on: req.db)
        return req.redirect(to: SiteURL.importJob(job.id).path, flash: "已取消导入")
    }

    func errors(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let job = try await ImportJobs.find(req.id("导入任务"), for: p, app: req.application, on: req.db)
        guard let stored = job.stored(req.application.cipher) else { throw AppError.notFound("错误报告") }
        try await req.audit(ImportAudit.errorReport, entity: "import_job", id: job.id)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-errors-\(UUID().uuidString).xlsx")
        try stored.writeErrorReport(to: out)
        return try Response.xlsxDownload(out, name: "导入错误报告.xlsx")
    }

    func template(_ importer: any Importer, _ req: Request) async throws -> Response {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-template-\(UUID().uuidString).xlsx")
        try importer.template(to: out)
        return try Response.xlsxDownload(out, name: importer.templateName)
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
}
