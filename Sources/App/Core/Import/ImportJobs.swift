import Domain
import Fluent
import NIOConcurrencyHelpers
import Office
import SQLKit
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
        _ importer: any Importer, data: ByteBuffer, fileName: String, dryRun: Bool, mode: ImportMode, union: Int?, sheet: String?,
        principal: Principal, app: Application, on db: any Database
    ) async throws -> ImportJob {
        // Saving, opening (which reads the shared-string table) and encrypting the file run on the blocking-work
        // threads, never on an event loop that serves requests.
        let (limits, cipher, userID) = (app.config.importLimits, app.cipher, principal.userID)
        let sealed = try await app.threadPool.runIfActive {
            let url = try ImportUpload.save(data, userID: userID)
            defer { try? FileManager.default.removeItem(at: url) }
            do throws(OfficeError) {
                _ = try TableFile.open(url, sheet: sheet, limits: limits)
            } catch {
                throw FieldError(field: "file", message: error.message)
            }
            return try cipher.seal(Data(buffer: data))
        }
        let job = ImportJob()
        job.userID = principal.userID
        job.kind = importer.kind
        job.status = Status.queued.rawValue
        job.dryRun = dryRun
        job.mode = mode.rawValue
        job.unionID = union
        job.sheet = sheet
        job.fileName = String(fileName.suffix(100))
        job.data = sealed
        job.progress = 0
        job.cancelRequested = false
        job.createdAt = app.clock.now()
        try await job.create(on: db)
        return job
    }

    /// A job the caller owns (admins see all) and may still work with, or 404.
    static func find(_ id: Int, for principal: Principal, app: Application, on db: any Database) async throws -> ImportJob {
        guard let job = try await ImportJob.find(id, on: db), job.userID == principal.userID || principal.role == .admin else {
            throw AppError.notFound("导入任务")
        }
        guard let importer = app.importer(job.kind), principal.role.may(importer.writePermission) else { throw AppError.forbidden }
        return job
    }

    /// The importer of a job's kind; a kind no module of this server imports is refused.
    static func importer(of job: ImportJob, app: Application) throws -> any Importer {
        guard let importer = app.importer(job.kind) else { throw AppError.notFound("导入类型") }
        return importer
    }

    static func cancel(_ id: Int, for principal: Principal, app: Application, on db: any Database) async throws -> ImportJob {
        let job = try await find(id, for: principal, app: app, on: db)
        if job.status == Status.queued.rawValue {
            // Not started: cancel at once, unless a worker claims it in the same instant.
            try await db.sql.update("import_jobs").set("status", to: Status.cancelled.rawValue).set("cancel_requested", to: true)
                .where("id", .equal, id).where("status", .equal, Status.queued.rawValue).run()
        } else if job.status == Status.running.rawValue {
            try await db.sql.update("import_jobs").set("cancel_requested", to: true).where("id", .equal, id).run()
        }
        return try await find(id, for: principal, app: app, on: db)
    }

    /// Runs queued jobs until none is left; returns how many ran. The worker loop and tests call this.
    @discardableResult
    static func drain(_ app: Application) async throws -> Int {
        var count = 0
        // A shutdown waits for the job in hand, not for the rest of the queue: another start takes those up.
        while !Task.isCancelled, let job = try await claim(app) {
            let id = job.id ?? 0
            app.runningJobs.withLockedValue { _ = $0.insert(id) }
            await run(job, app: app)
            app.runningJobs.withLockedValue { _ = $0.remove(id) }
            count += 1
        }
        return count
    }

    static func claim(_ app: Application) async throws -> ImportJob? {
        let db = app.db
        for job in try await ImportJob.query(on: db).filter(\.$status == Status.queued.rawValue).sort(\.$id).limit(5).all() {
            guard let id = job.id else { continue }
            let attempts = (job.attempts ?? 0) + 1
            let claimed = try await db.sql.update("import_jobs").set("status", to: Status.running.rawValue)
                .set("attempts", to: attempts).set("heartbeat_at", to: app.clock.now())
                .where("id", .equal, id).where("status", .equal, Status.queued.rawValue).returning("id").all()
            if !claimed.isEmpty {
                job.status = Status.running.rawValue
                job.attempts = attempts
                return job
            }
        }
        return nil
    }

    /// A running job with no sign of life for this long lost its process (killed, or the machine went down).
    static let staleAfter: TimeInterval = 30
    /// A job whose process died is taken up again once; a second death (the file itself may be what stops the
    /// server) fails it with a message.
    static let maxAttempts = 2
    static let interrupted = "导入在服务器中断时未完成，重试后仍未完成；名册未写入任何内容，请重新上传文件"

    /// Jobs left "running" by a process that died: queued again if tried fewer than `maxAttempts` times, else failed
    /// with a message — never "running" for ever. `everyRunning` (SQLite at start: only one process ever runs jobs,
    /// so whatever is running now was this file's previous process) takes them all; otherwise only those without a
    /// heartbeat for `staleAfter` (PostgreSQL, where other live processes run jobs too). Jobs this process runs are
    /// left alone. Returns how many were recovered.
    @discardableResult
    static func recover(_ app: Application, everyRunning: Bool) async throws -> Int {
        let db = app.db
        let now = app.clock.now()
        let cutoff = now.addingTimeInterval(-staleAfter)
        let mine = app.runningJobs.withLockedValue { $0 }
        var q = ImportJob.query(on: db).filter(\.$status == Status.running.rawValue)
        if !everyRunning { q = q.group(.or) { $0.filter(\.$heartbeatAt == nil).filter(\.$heartbeatAt < cutoff) } }
        var recovered = 0
        for job in try await q.all() {
            guard let id = job.id, !mine.contains(id) else { continue }
            var update = db.sql.update("import_jobs").where("id", .equal, id).where("status", .equal, Status.running.rawValue)
            if !everyRunning {
                update = update.where { $0.where("heartbeat_at", .is, SQLLiteral.null).orWhere("heartbeat_at", .lessThan, cutoff) }
            }
            if (job.attempts ?? 1) < maxAttempts {
                update = update.set("status", to: Status.queued.rawValue)
            } else {
                update = update.set("status", to: Status.failed.rawValue).set("error", to: interrupted).set("finished_at", to: now)
                    .set("data", to: Data())
            }
            if try await !update.returning("id").all().isEmpty {
                recovered += 1
                app.logger.warning("导入任务 \(id) 的进程已中断：\((job.attempts ?? 1) < maxAttempts ? "重新排队" : "标记为失败")")
            }
        }
        return recovered
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
                    try? await db.sql.update("import_jobs").set("progress", to: rows).set("heartbeat_at", to: app.clock.now())
                        .where("id", .equal, jobID).run()
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
            var union: Organization?
            if let id = job.unionID { union = try await OrganizationQuery.find(id, in: principal.scope, on: db) }
            let report = try await importer(of: job, app: app).run(
                ImportRun(
                    file: url, sheet: job.sheet, union: union, mode: mode, dryRun: job.dryRun, scope: principal.scope, actor: actor,
                    progress: progress, checkpoint: checkpoint), app: app, on: db)
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

    /// The background loop of `serve`: polls the queue every second, and tidies expired sessions every ten
    /// minutes, until the task is cancelled.
    static func loop(_ app: Application) async {
        var tick = 0
        while !Task.isCancelled {
            do {
                // Other processes share a PostgreSQL queue: one of them may die with a job in hand at any time.
                if app.db.isPostgres, tick % 10 == 0 { try await recover(app, everyRunning: false) }
                try await drain(app)
                if tick % 600 == 0, !Task.isCancelled { try await Housekeeping.purge(app) }
            } catch {
                app.logger.warning("后台任务失败: \(String(reflecting: type(of: error)))")
            }
            tick += 1
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

extension Application {
    private struct RunningJobsKey: StorageKey { typealias Value = NIOLockedValueBox<Set<Int>> }
    /// The import jobs this process is running now (never taken for dead); set once by configure.
    var runningJobs: NIOLockedValueBox<Set<Int>> {
        get { storage[RunningJobsKey.self] ?? NIOLockedValueBox([]) }
        set { storage[RunningJobsKey.self] = newValue }
    }
}
