import Domain
import Fluent
import NIOConcurrencyHelpers
import Office
import Vapor

/// Queues roster imports and runs them off the request path. Jobs are claimed with a conditional update,
/// so several server processes can share one queue without running a job twice.
enum ImportJobs {
    enum Status: String {
        case queued, running, done, failed, cancelled
        var label: String {
            switch self {
            case .queued: "排队中"
            case .running: "进行中"
            case .done: "已完成"
            case .failed: "失败"
            case .cancelled: "已取消"
            }
        }
    }

    /// What a finished job keeps: the report plus what the error report needs.
    struct Stored: Codable {
        var report: ImportReport
        var failedRows: [Int: [String]]
        var headerTexts: [String]
    }

    struct Cancelled: Error {}

    /// Checks the file's container at once (a wrong type is a 422 now, not a failed job later), then queues it.
    static func enqueue(
        _ kind: ImportKind, data: ByteBuffer, fileName: String, dryRun: Bool, mode: ImportMode, union: Int?, sheet: String?,
        principal: Principal, app: Application, on db: any Database
    ) async throws -> ImportJob {
        let url = try ImportUpload.save(data, userID: principal.userID)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try TableFile.open(url, sheet: sheet, limits: app.config.importLimits)
        } catch {
            throw FieldError(field: "file", message: error.message)
        }
        let job = ImportJob()
        job.userID = principal.userID
        job.kind = kind.rawValue
        job.status = Status.queued.rawValue
        job.dryRun = dryRun
        job.mode = mode.rawValue
        job.unionID = union
        job.sheet = sheet
        job.fileName = String(fileName.suffix(100))
        job.data = try app.cipher.seal(Data(buffer: data))
        job.progress = 0
        job.cancelRequested = false
        job.createdAt = app.clock.now()
        try await job.create(on: db)
        return job
    }

    /// A job the caller owns (admins see all) and may still work with, or 404.
    static func find(_ id: Int, for principal: Principal, on db: any Database) async throws -> ImportJob {
        guard let job = try await ImportJob.find(id, on: db), job.userID == principal.userID || principal.role == .admin else {
            throw AppError.notFound("导入任务")
        }
        guard principal.role.may((ImportKind(rawValue: job.kind) ?? .members).writePermission) else { throw AppError.forbidden }
        return job
    }

    static func cancel(_ id: Int, for principal: Principal, on db: any Database) async throws -> ImportJob {
        let job = try await find(id, for: principal, on: db)
        if job.status == Status.queued.rawValue {
            // Not started: cancel at once, unless a worker claims it in the same instant.
            try await db.sql.update("import_jobs").set("status", to: Status.cancelled.rawValue).set("cancel_requested", to: true)
                .where("id", .equal, id).where("status", .equal, Status.queued.rawValue).run()
        } else if job.status == Status.running.rawValue {
            try await db.sql.update("import_jobs").set("cancel_requested", to: true).where("id", .equal, id).run()
        }
        return try await find(id, for: principal, on: db)
    }

    /// Runs queued jobs until none is left; returns how many ran. The worker loop and tests call this.
    @discardableResult
    static func drain(_ app: Application) async throws -> Int {
        var count = 0
        while let job = try await claim(app.db) {
            await run(job, app: app)
            count += 1
        }
        return count
    }

    static func claim(_ db: any Database) async throws -> ImportJob? {
        for job in try await ImportJob.query(on: db).filter(\.$status == Status.queued.rawValue).sort(\.$id).limit(5).all() {
            guard let id = job.id else { continue }
            let claimed = try await db.sql.update("import_jobs").set("status", to: Status.running.rawValue)
                .where("id", .equal, id).where("status", .equal, Status.queued.rawValue).returning("id").all()
            if !claimed.isEmpty {
                job.status = Status.running.rawValue
                return job
            }
        }
        return nil
    }

    static func run(_ job: ImportJob, app: Application) async {
        let db = app.db
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-job-\(UUID().uuidString).upload")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            try app.cipher.open(job.data).write(to: url)
            guard let user = try await User.find(job.userID, on: db),
                let principal = try await UserQuery.principal(for: user, sessionID: nil, csrf: nil, on: db)
            else { throw AppError.notFound("用户") }
            let jobID = try job.requireID()
            // The parse loop reports rows into this box; a monitor task stores them and passes back a cancel request.
            let state = NIOLockedValueBox((rows: 0, cancel: false))
            let monitor = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(500))
                    let rows = state.withLockedValue { $0.rows }
                    try? await db.sql.update("import_jobs").set("progress", to: rows).where("id", .equal, jobID).run()
                    if (try? await ImportJob.find(jobID, on: db))?.cancelRequested == true { state.withLockedValue { $0.cancel = true } }
                }
            }
            defer { monitor.cancel() }
            let progress: @Sendable (Int) throws -> Void = { rows in
                let cancel = state.withLockedValue { s -> Bool in
                    s.rows = rows
                    return s.cancel
                }
                if cancel { throw Cancelled() }
            }
            let checkpoint: @Sendable (Int) async throws -> Void = { rows in
                try await db.sql.update("import_jobs").set("progress", to: rows).where("id", .equal, jobID).run()
                if try await ImportJob.find(jobID, on: db)?.cancelRequested == true { throw Cancelled() }
            }
            let actor = Audit.Actor(userID: principal.userID, username: principal.username, orgID: principal.scope.orgID, ip: nil)
            let mode = ImportMode(rawValue: job.mode) ?? .insert
            let report: ImportReport
            switch ImportKind(rawValue: job.kind) ?? .members {
            case .members:
                var union: Organization?
                if let id = job.unionID { union = try await OrganizationQuery.find(id, in: principal.scope, on: db) }
                report = try await MemberImport(
                    file: url, sheet: job.sheet, union: union, mode: mode, dryRun: job.dryRun, scope: principal.scope,
                    actor: actor, progress: progress
                ).run(app: app, on: db)
            case .hardship:
                report = try await HardshipImport(
                    file: url, sheet: job.sheet, dryRun: job.dryRun, scope: principal.scope, actor: actor, progress: progress
                ).run(app: app, on: db)
            case .employers:
                report = try await EmployerImport(
                    file: url, sheet: job.sheet, mode: mode, dryRun: job.dryRun, scope: principal.scope, actor: actor,
                    mayForce: false, progress: progress, checkpoint: checkpoint
                ).run(app: app, on: db)
            }
            let stored = Stored(report: report, failedRows: report.failedRows, headerTexts: report.headerTexts)
            job.result = try app.cipher.seal(try JSONEncoder().encode(stored)).base64EncodedString()
            job.progress = report.total
            job.status = Status.done.rawValue
        } catch is Cancelled {
            job.status = Status.cancelled.rawValue
        } catch let e as OfficeError {
            job.status = Status.failed.rawValue
            job.error = e.message
        } catch {
            job.status = Status.failed.rawValue
            job.error = (error as? AppError)?.message ?? FieldErrors(error)?.errors.first?.message ?? "导入失败：服务器内部错误"
            app.logger.error("导入任务 \(job.id ?? 0) 失败: \(String(reflecting: type(of: error)))")
        }
        job.finishedAt = app.clock.now()
        // A checked file is kept until it is committed; anything else is dropped.
        if !(job.dryRun && job.status == Status.done.rawValue) { job.data = Data() }
        try? await job.update(on: db)
    }

    /// Stops the background loop when the application shuts down.
    struct Worker: LifecycleHandler {
        let task: Task<Void, Never>
        func shutdownAsync(_ application: Application) async { task.cancel() }
    }

    /// The background loop of `serve`: polls the queue every second, and tidies expired sessions every ten
    /// minutes, until the task is cancelled.
    static func loop(_ app: Application) async {
        var tick = 0
        while !Task.isCancelled {
            do {
                try await drain(app)
                if tick % 600 == 0 { try await Housekeeping.purge(app) }
            } catch {
                app.logger.warning("后台任务失败: \(String(reflecting: type(of: error)))")
            }
            tick += 1
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
