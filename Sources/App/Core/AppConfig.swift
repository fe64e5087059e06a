import Domain
import Office
import Vapor

/// Every setting, read once from the environment and the command line (handlers never call `Environment.get`).
struct AppConfig: Sendable {
    enum Store: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(String)
    }

    var store: Store
    /// Path of the encryption key file, created with 0600 at first start when `UNIONDESK_KEY` is not set;
    /// nil in tests, which use a fresh key per run.
    var keyFile: String?
    /// Base64 key from `UNIONDESK_KEY`, overriding the key file.
    var keyBase64: String?
    /// Whether this run may create the key file when there is none: only the commands that store personal data
    /// (`serve`, `demo`, `import`, `user`); `--help`, `report`, `backup` and `restore` never make one.
    var createsKey = true
    /// Send cookies with `Secure` and the `__Host-` prefix (behind TLS).
    var secureCookies: Bool
    var session: SessionPolicy
    var lockout: LockoutPolicy
    var passwordMaxAgeDays: Int
    /// The deployment's time zone for calendar dates.
    var timeZone: TimeZone
    /// Largest roster upload accepted, in bytes.
    var maxUploadBytes: Int
    /// Largest attachment (a scan or photo kept with a record) accepted, in bytes (`UNIONDESK_MAX_ATTACHMENT_MB`).
    var maxAttachmentBytes = 10 * 1_048_576
    /// Caps on what a roster file may expand to.
    var importLimits: OfficeLimits
    /// Addresses of the reverse proxies in front of the app (`UNIONDESK_TRUSTED_PROXIES`, comma-separated): a request
    /// from one of them is taken to come from the last address its `X-Forwarded-For` names.
    var trustedProxies: Set<String> = []
    /// PostgreSQL connections each event loop (core) of this process may open (`UNIONDESK_PG_POOL`); several
    /// processes on one server divide `max_connections` between them.
    var pgConnectionsPerLoop = 4
    /// A PostgreSQL streaming replica for reports, indicators and dashboards (`DATABASE_REPLICA_URL`): `Replica`.
    var replicaURL: String?
    /// Past this lag (seconds behind the primary, `UNIONDESK_REPLICA_MAX_LAG_SECONDS`) reports read the primary.
    var replicaMaxLag: TimeInterval = 5
    /// Seconds after a user changed something during which their reads all go to the primary
    /// (`UNIONDESK_REPLICA_FRESH_SECONDS`), so they see their own change however far the replica lags.
    var replicaFreshSeconds: TimeInterval = 30
    /// Addresses that may read `/metrics` (`UNIONDESK_METRICS_ALLOW`, comma-separated; default this machine only).
    var metricsAllow: Set<String> = ["127.0.0.1", "::1"]
    /// Each SQLite connection's page cache and memory map, in MB (`UNIONDESK_SQLITE_CACHE_MB`, `UNIONDESK_SQLITE_MMAP_MB`).
    var sqliteCacheMB = 32
    var sqliteMmapMB = 0
    /// Seconds a subtree's statistics are reused (`UNIONDESK_STATS_CACHE_SECONDS`; 0 in tests: always fresh).
    var statsCacheSeconds: TimeInterval = 0
    /// Uploads one user, and all users together, may have received and checked at once.
    var uploadsPerUser = 2
    var uploadsTotal = 4
    /// Days an API token works after it is issued (`UNIONDESK_TOKEN_DAYS`).
    var tokenDays = 90
    /// The years a typed or imported date may fall in (`UNIONDESK_DATE_YEARS`, e.g. `1900-2100`).
    var acceptedYears: ClosedRange<Int> = 1900...2100
    /// The directory holding `Resources/` and `Public/` (`UNIONDESK_RESOURCES`); nil: found from the working directory
    /// or the executable's.
    var resourcesRoot: String?
    /// Settings given but unusable: start-up stops with these messages rather than run on a default.
    var problems: [String] = []

    static func load(_ env: Environment) -> AppConfig {
        func value(_ key: String) -> String? {
            guard let v = Environment.get(key), !v.isEmpty else { return nil }
            return v
        }
        func number(_ key: String, _ fallback: Double) -> Double { value(key).flatMap(Double.init) ?? fallback }
        var problems: [String] = []
        let years = value("UNIONDESK_DATE_YEARS").map { text -> ClosedRange<Int> in
            if let range = yearRange(text) { return range }
            problems.append("UNIONDESK_DATE_YEARS=\(text) 无效：应为“起始年-结束年”，如 1900-2100")
            return 1900...2100
        }
        let store: Store
        if let url = value("DATABASE_URL") {
            store = .postgres(url)
        } else if let path = commandLineOption("--db", in: env.arguments) ?? value("UNIONDESK_DB") {
            store = path == ":memory:" ? .sqliteMemory : .sqliteFile(path)
        } else {
            store = env == .testing ? .sqliteMemory : .sqliteFile("uniondesk.sqlite")
        }
        return AppConfig(
            store: store,
            keyFile: value("UNIONDESK_KEY_FILE") ?? (env == .testing ? nil : "uniondesk.key"),
            keyBase64: value("UNIONDESK_KEY"),
            createsKey: createsKey(env.arguments),
            secureCookies: value("UNIONDESK_SECURE_COOKIES") == "1",
            session: SessionPolicy(
                idle: number("UNIONDESK_IDLE_MINUTES", 30) * 60, absolute: number("UNIONDESK_ABSOLUTE_HOURS", 12) * 3600),
            lockout: LockoutPolicy(),
            passwordMaxAgeDays: Int(number("UNIONDESK_PASSWORD_MAX_AGE_DAYS", 90)),
            timeZone: TimeZone(identifier: value("UNIONDESK_TIMEZONE") ?? "Asia/Shanghai") ?? AppConfig.chinaStandardTime,
            maxUploadBytes: Int(number("UNIONDESK_MAX_UPLOAD_MB", 50) * 1_048_576),
            maxAttachmentBytes: Int(number("UNIONDESK_MAX_ATTACHMENT_MB", 10) * 1_048_576),
            importLimits: OfficeLimits(
                maxRows: Int(number("UNIONDESK_MAX_IMPORT_ROWS", 1_000_000)),
                maxSharedStringBytes: Int(number("UNIONDESK_MAX_SHARED_STRINGS_MB", 32) * 1_048_576)),
            trustedProxies: Set(list(value("UNIONDESK_TRUSTED_PROXIES") ?? "")),
            pgConnectionsPerLoop: max(1, Int(number("UNIONDESK_PG_POOL", 4))),
            replicaURL: value("DATABASE_REPLICA_URL"),
            replicaMaxLag: max(0, number("UNIONDESK_REPLICA_MAX_LAG_SECONDS", 5)),
            replicaFreshSeconds: max(0, number("UNIONDESK_REPLICA_FRESH_SECONDS", 30)),
            metricsAllow: Set(list(value("UNIONDESK_METRICS_ALLOW") ?? "127.0.0.1,::1")),
            sqliteCacheMB: max(0, Int(number("UNIONDESK_SQLITE_CACHE_MB", 32))),
            sqliteMmapMB: max(0, Int(number("UNIONDESK_SQLITE_MMAP_MB", 0))),
            statsCacheSeconds: max(0, number("UNIONDESK_STATS_CACHE_SECONDS", env == .testing ? 0 : 60)),
            uploadsPerUser: Int(number("UNIONDESK_UPLOADS_PER_USER", 2)), uploadsTotal: Int(number("UNIONDESK_UPLOADS_TOTAL", 4)),
            tokenDays: max(1, Int(number("UNIONDESK_TOKEN_DAYS", 90))),
            acceptedYears: years ?? 1900...2100, resourcesRoot: value("UNIONDESK_RESOURCES"), problems: problems
        )
    }

    /// A comma-separated setting's items, trimmed, empty ones left out.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `1900-2100` → 1900...2100; nil unless both ends are years and the first is not after the second.
    static func yearRange(_ text: String) -> ClosedRange<Int>? {
        let ends = text.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard ends.count == 2, CalendarDate.representableYears.contains(ends[0]), CalendarDate.representableYears.contains(ends[1]),
            ends[0] <= ends[1]
        else { return nil }
        return ends[0]...ends[1]
    }

    /// `--db PATH` or `--db=PATH` from the command line, so `serve --db` chooses the file before the database is wired.
    /// The command is the first argument unless that is an option (then Vapor runs `serve`).
    static func createsKey(_ arguments: [String]) -> Bool {
        let args = arguments.dropFirst()
        let command = args.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "serve"
        return !args.contains("--help") && !args.contains("-h") && ["serve", "demo", "import", "user"].contains(command)
    }

    static func commandLineOption(_ name: String, in arguments: [String]) -> String? {
        for (i, arg) in arguments.enumerated() {
            if arg == name, i + 1 < arguments.count { return arguments[i + 1] }
            if arg.hasPrefix(name + "=") { return String(arg.dropFirst(name.count + 1)) }
        }
        return nil
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    // Cannot trap: configure sets the configuration first, before any command or request runs.
    // swift-format-ignore: NeverForceUnwrap
    var config: AppConfig {
        get { storage[ConfigKey.self]! }
        set { storage[ConfigKey.self] = newValue }
    }

    private struct ClockKey: StorageKey { typealias Value = AppClock }
    /// The clock every use case reads; tests move it forward.
    var clock: AppClock {
        get { storage[ClockKey.self] ?? .live }
        set { storage[ClockKey.self] = newValue }
    }
}

/// The time source, behind a small client so tests can fake it.
struct AppClock: Sendable {
    var now: @Sendable () -> Date
    static let live = AppClock(now: { Date() })

    /// Today's calendar date in the deployment's time zone.
    func today(in zone: TimeZone) -> CalendarDate { CalendarDate.on(now(), in: zone) }
}

extension CalendarDate {
    /// The calendar day an instant falls on in the deployment's time zone.
    static func on(_ instant: Date, in zone: TimeZone) -> CalendarDate {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(clamping: c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// The instant this day begins (or the given hour of it) in the deployment's time zone: the inverse of `today`.
    func date(in zone: TimeZone, hour: Int = 0) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal.date(from: DateComponents(year: year, month: month, day: day, hour: hour)) ?? Date(timeIntervalSince1970: 0)
    }
}

extension Request {
    var now: Date { application.clock.now() }
    var today: CalendarDate { application.clock.today(in: application.config.timeZone) }
}

extension AppConfig {
    /// UTC+8 without daylight saving, should the zone database lack Asia/Shanghai.
    static let chinaStandardTime = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
}

/// Reads a module's JSON settings file, named by an environment variable, at start; without the variable the
/// defaults apply; a missing or malformed file stops the server with a message naming it.
func loadConfiguration<T: Decodable>(_ type: T.Type, variable: String, name: String, defaults: T) throws -> T {
    guard let path = Environment.get(variable), !path.isEmpty else { return defaults }
    do {
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw StartupError("\(name)配置文件 \(path)（\(variable)）无法读取或格式错误：\(error)")
    }
}
