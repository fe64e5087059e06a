import Fluent
import FluentPostgresDriver
import Vapor

/// `uniondesk serve [--hostname] [--port] [--db PATH] [--demo]`: migrate, seed if asked, create the first
/// admin on an empty database, then hand over to Vapor's server.
struct ServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "监听地址（默认 127.0.0.1）") var hostname: String?
        @Option(name: "port", short: "p", help: "端口（默认 8080）") var port: Int?
        @Option(name: "db", help: "SQLite 数据库文件（默认 ./uniondesk.sqlite；设置 DATABASE_URL 时使用 PostgreSQL）") var db: String?
        @Flag(name: "demo", help: "数据库为空时载入示例镇数据") var demo: Bool
        init() {}
    }

    var help: String { "迁移数据库并启动 UnionDesk 服务" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Startup.prepare(app, console: context.console)
        if signature.demo {
            if let accounts = try await DemoTownship.loadIfEmpty(app) {
                context.console.output("已载入示例数据：示例镇总工会。示例账号（首次登录须修改密码）：".consoleText())
                for a in accounts { context.console.output("  \(a.role)  用户名 \(a.username)  密码 \(a.password)".consoleText()) }
            } else {
                context.console.output("数据库已有数据，未重复载入示例数据。".consoleText())
            }
        }
        if let password = try await UserQuery.ensureFirstAdmin(app: app, on: app.db) {
            context.console.output("首个管理员已创建：用户名 admin  密码 \(password)".consoleText(.success))
            context.console.output("此密码只显示这一次，首次登录后必须修改。".consoleText())
        }
        let host = signature.hostname ?? "127.0.0.1"
        let port = signature.port ?? 8080
        context.console.output("UnionDesk 已启动：http://\(host):\(port)".consoleText(.info))
        // A job the previous process left running is taken up again or failed; on SQLite only one process runs jobs.
        try await ImportJobs.recover(app, everyRunning: !app.db.isPostgres)
        // Roster imports run here, off the request path; any process serving the database may take a job.
        BackgroundLoop.start(app) { await ImportJobs.loop(app) }
        // Statistics are recomputed before they go stale, and the dashboards at the top of the tree are computed
        // before the first request asks for them.
        let cache = app.statsCache
        if let db = app.statsBackground { await cache.compute(on: db) }
        BackgroundLoop.start(app) {
            await Dashboard.warm(app)
            await cache.runRefresher()
        }
        if let replica = app.replica { BackgroundLoop.start(app) { await replica.run(app) } }
        var serve = CommandContext(
            console: context.console, input: CommandInput(arguments: ["uniondesk", "--hostname", host, "--port", String(port)]))
        serve.application = app
        do {
            try await app.servers.asyncCommand.run(using: &serve)
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StartupError("无法在 \(host):\(port) 上启动：端口已被占用（另一个 UnionDesk 或其他程序正在使用它）。请停止它，或用 --port 换一个端口")
        }
    }
}

/// What every command that touches the database does first: SQLite tuning and migrations, with a
/// plain message when the database cannot be reached.
enum Startup {
    /// The advisory lock key that serialises migrations across processes ("UD" + 1).
    static let migrationLock = 0x5544_0001

    static func prepare(_ app: Application, console: any Console) async throws {
        do {
            if let pg = app.db as? any PostgresDatabase {
                // Several processes starting together on one PostgreSQL migrate one after another: a session advisory
                // lock, held on one connection while the migrations run on others.
                try await pg.withConnection { conn in
                    conn.eventLoop.makeFutureWithTask {
                        _ = try await conn.query("SELECT pg_advisory_lock(\(migrationLock))", logger: app.logger)
                        do {
                            try await app.autoMigrate()
                        } catch {
                            _ = try? await conn.query("SELECT pg_advisory_unlock(\(migrationLock))", logger: app.logger)
                            throw error
                        }
                        _ = try await conn.query("SELECT pg_advisory_unlock(\(migrationLock))", logger: app.logger)
                    }
                }.get()
            } else {
                // WAL lets readers run beside the one writer; the setting is kept in the file.
                try await app.db.sql.raw("PRAGMA journal_mode=WAL").run()
                try await app.autoMigrate()
                // Refreshes the planner's statistics where tables changed much since they were gathered.
                try await app.db.sql.raw("PRAGMA optimize").run()
                try await tuneSQLite(app)
            }
        } catch {
            throw StartupError(describe(error, app))
        }
    }

    /// Each SQLite connection's page cache (`UNIONDESK_SQLITE_CACHE_MB`, 32 MB against SQLite's 2 MB) and memory map
    /// (`UNIONDESK_SQLITE_MMAP_MB`), the statistics' own connections included. These are per connection and SQLiteNIO
    /// opens its connections without a hook, but each pool holds exactly one connection per event loop for the life of
    /// the process: setting them once on every loop's connection sets them for good. (Temporary tables stay in files:
    /// in memory, a county's aggregates grew the process by hundreds of megabytes.)
    static func tuneSQLite(_ app: Application) async throws {
        let cache = String(app.config.sqliteCacheMB * 1024)
        let mmap = String(app.config.sqliteMmapMB * 1_048_576)
        for id in [nil, DatabaseID.stats] where id.map({ app.databases.configuration(for: $0) != nil }) ?? true {
            for loop in app.eventLoopGroup.makeIterator() {
                guard let db = app.databases.database(id, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
                try await db.raw("PRAGMA cache_size = -\(unsafeRaw: cache)").run()
                try await db.raw("PRAGMA mmap_size = \(unsafeRaw: mmap)").run()
            }
        }
    }

    static func describe(_ error: any Error, _ app: Application) -> String {
        switch app.config.store {
        case .postgres(let url):
            var safe = URLComponents(string: url)
            if safe?.password != nil { safe?.password = "***" }
            return "无法连接或迁移 PostgreSQL 数据库（DATABASE_URL=\(safe?.string ?? "无效")）：\(String(describing: error))。请检查数据库是否已启动、地址端口、用户名密码和数据库名。"
        case .sqliteFile(let path):
            return "无法打开或迁移 SQLite 数据库文件 \(path)：\(String(describing: error))"
        case .sqliteMemory:
            return "无法迁移内存数据库：\(String(describing: error))"
        }
    }
}
