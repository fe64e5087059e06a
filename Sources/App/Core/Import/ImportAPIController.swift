import Domain
import Fluent
import Vapor

/// Roster imports over the API: the body is the file; the answer is 202 with a job to poll.
struct ImportAPIController: RouteCollection {
    var importers: [any Importer]

    func boot(routes: any RoutesBuilder) throws {
        for importer in importers {
            let query = (importer.choosesUnion ? ["unionId"] : []) + (importer.hasModes ? ["mode"] : []) + ["dryRun", "sheet"]
            routes.endpoint(
                .POST, .api(importer.apiUploadURL), importer.writePermission,
                doc: APIDoc(summary: importer.apiSummary, queryFields: query, fileBody: [Response.xlsxType, "text/csv"], queued: true),
                body: .stream
            ) { try await upload(importer, $0) }
        }
        routes.endpoint(.GET, .api(.importJob(nil)), .signedIn, doc: APIDoc(summary: "查看导入任务（进度与报告）"), use: job)
        routes.endpoint(.POST, .api(.importJobCancel(nil)), .signedIn, doc: APIDoc(summary: "取消导入任务", body: []), use: cancel)
    }

    struct ImportQuery: Content {
        var unionId: Int?
        var mode: String?
        var dryRun: Bool?
        var sheet: String?
    }

    func upload(_ importer: any Importer, _ req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(ImportQuery.self)
        let body = try await req.body.collect(max: req.maxBodySize).get()
        guard let body, body.readableBytes > 0 else { throw FieldError(field: "file", message: "请求体应为 .xlsx 或 .csv 文件，现在是空的") }
        guard let mode = ImportMode(rawValue: q.mode ?? "insert") else {
            throw FieldError(field: "mode", message: "mode 只能是 insert 或 upsert")
        }
        let union = importer.choosesUnion ? try await ImportController.union(q.unionId.map(String.init), scope: p.scope, on: req.db) : nil
        let job = try await ImportJobs.enqueue(
            importer, data: body, fileName: "api-upload", dryRun: q.dryRun ?? false, mode: mode, union: union,
            sheet: q.sheet, principal: p, app: req.application, on: req.db)
        let response = try await ImportJobDTO(job, cipher: req.application.cipher).encodeResponse(status: .accepted, for: req)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.api(.importJob(job.id)).path)
        return response
    }

    func job(req: Request) async throws -> ImportJobDTO {
        ImportJobDTO(try await ImportJobs.find(req.id("导入任务"), for: req.requirePrincipal(), app: req.application, on: req.db), cipher: req.application.cipher)
    }

    func cancel(req: Request) async throws -> ImportJobDTO {
        ImportJobDTO(try await ImportJobs.cancel(req.id("导入任务"), for: req.requirePrincipal(), app: req.application, on: req.db), cipher: req.application.cipher)
    }
}
