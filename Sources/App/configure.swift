import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import NIOConcurrencyHelpers
import Vapor

/// Wires the application: configuration, database, views, security middleware, commands, and the modules.
public func configure(_ app: Application) async throws {
    try await configure(app, modules: Modules.all)
}

/// The same with a chosen list of modules (a test leaves one out to show the others do not depend on it).
func configure(_ app: Application, modules: [any UnionModule]) async throws {
    let config = AppConfig.load(app.environment)
    guard config.problems.isEmpty else { throw StartupError(config.problems.joined(separator: "；")) }
    app.config = config
    CalendarDate.acceptedYears = config.acceptedYears
    // Templates, stylesheet and the password list are found wherever the binary was started from. Fail closed: without
    // them the server would serve broken pages or accept any password, so it does not start.
    app.directory = try StartupResources.directory(config.resourcesRoot, current: app.directory)
    try StartupResources.checkViews(app.directory.viewsDirectory)
    app.passwordPolicy = PasswordPolicy(
        maxAgeDays: config.passwordMaxAgeDays, common: try StartupResources.commonPasswords(app.directory.resourcesDirectory))
    // The one static file is read once and served from memory (a file-system check on every request cost a
    // quarter of the server's throughput).
    app.stylesheet = try StartupResources.publicFile("styles.css", app.directory.publicDirectory)
    app.script = try StartupResources.publicFile("app.js", app.directory.publicDirectory)
    switch config.store {
    case .postgres(let url):
        var pg: SQLPostgresConfiguration
        do {
            pg = try SQLPostgresConfiguration(url: url)
        } catch {
            throw StartupError("DATABASE_URL 格式无效（应为 postgres://用户:密码@主机:端口/数据库）")
        }
        pg.searchPath = ["public"]
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: app.config.pgConnectionsPerLoop), as: .psql)
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 1), as: .stats, isDefault: false)
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        app.databases.use(.sqlite(.file(path)), as: .stats, isDefault: false)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    }
    if let url = config.replicaURL {
        guard case .postgres = config.store else { throw StartupError("DATABASE_REPLICA_URL 只能与 DATABASE_URL（PostgreSQL 主库）一起使用") }
        try app.useReplica(url)
    }
    app.migrations.add(Migrations.all)
    app.views.use(.leaf)
    // Templates are parsed once and kept. Pages render through `req.leaf`, not `req.view`: the latter's renderer turns
    // the shared template cache off in the development environment, which `uniondesk serve` runs in, on every request
    // — a tenth of a member list's time went to reading and parsing its templates again.
    app.leaf.cache.isEnabled = true
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))
    app.cipher = try FieldCipher.load(config, logger: app.logger)
    app.statsCache = StatsCache(ttl: config.statsCacheSeconds, now: { [weak app] in app?.clock.now() ?? Date() })
    app.routes.defaultMaxBodySize = "1mb"
    app.uploadGate = UploadGate(perUser: config.uploadsPerUser, total: config.uploadsTotal)
    app.runningJobs = NIOLockedValueBox([])

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(UploadGateMiddleware())
    app.middleware.use(CSRFMiddleware())
    if let replica = app.replica { app.middleware.use(ReplicaFreshnessMiddleware(freshSeconds: replica.freshSeconds)) }
    OperatorMetrics.boot(app)

    app.asyncCommands.use(ServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ReportCommand(), as: "report")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    try app.useModules(modules)
}

/// A start-up problem told to the operator in plain words.
struct StartupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The files the server cannot run without, checked at start-up: a missing one stops it with its path.
enum StartupResources {
    /// Where `Resources/` and `Public/` are: `UNIONDESK_RESOURCES` if set, else the working directory if it has them,
    /// else the nearest directory above the executable that has them (`.build/…/debug/uniondesk` run from anywhere).
    static func directory(_ configured: String?, current: DirectoryConfiguration) throws -> DirectoryConfiguration {
        func has(_ root: String) -> Bool { FileManager.default.fileExists(atPath: root + "Resources/Views/base.leaf") }
        func slashed(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
        if let configured {
            guard has(slashed(configured)) else {
                throw StartupError("UNIONDESK_RESOURCES=\(configured) 下没有 Resources/Views/base.leaf（应指向含 Resources 和 Public 的目录）")
            }
            return DirectoryConfiguration(workingDirectory: slashed(configured))
        }
        if has(current.workingDirectory) { return current }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if has(slashed(dir.path)) { return DirectoryConfiguration(workingDirectory: slashed(dir.path)) }
            dir.deleteLastPathComponent()
        }
        return current
    }

    /// The layout, error page and form partials every page extends.
    static let coreTemplates = ["base.leaf", "error.leaf", "partials/fields.leaf", "partials/pager.leaf"]

    static func checkViews(_ directory: String) throws {
        let missing = coreTemplates.filter { !FileManager.default.fileExists(atPath: directory + $0) }
        guard missing.isEmpty else {
            throw StartupError("缺少页面模板：\(missing.map { directory + $0 }.joined(separator: "、"))（请在项目目录中启动，或检查 Resources/Views）")
        }
    }

    /// One password per line, compared lower-cased; at least 3,000 entries (ASVS 6.2.4).
    static func commonPasswords(_ resources: String) throws -> Set<String> {
        let path = resources + "common-passwords.txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StartupError("缺少常见密码表 \(path)：没有它，密码检查会放过弱密码，服务不启动")
        }
        let list = Set(text.split(whereSeparator: \.isNewline).map { $0.lowercased() })
        guard list.count >= 3000 else { throw StartupError("常见密码表 \(path) 只有 \(list.count) 条（至少应有 3000 条）") }
        return list
    }

    /// The stylesheet or the script, which every page links to.
    static func publicFile(_ name: String, _ publicDirectory: String) throws -> String {
        let path = publicDirectory + name
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty else {
            throw StartupError("缺少页面文件 \(path)")
        }
        return text
    }
}
