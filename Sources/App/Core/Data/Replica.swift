import Fluent
import FluentPostgresDriver
import NIOConcurrencyHelpers
import SQLKit
import Vapor

extension DatabaseID {
    /// A PostgreSQL streaming replica (`DATABASE_REPLICA_URL`): read-only, for reports.
    static let replica = DatabaseID(string: "replica")
}

/// Reports from a replica. With `DATABASE_REPLICA_URL` set, the read-only report, indicator and dashboard queries
/// (`Request.reportDB`) go to a PostgreSQL streaming replica, so a county's summaries and dashboards do not load the
/// primary that takes every write. They go to the primary instead when
/// - the replica's lag, checked every second, is unknown or above `UNIONDESK_REPLICA_MAX_LAG_SECONDS` (5), or
/// - the user changed something in the last `UNIONDESK_REPLICA_FRESH_SECONDS` (30): a browser that posted a form carries
///   a cookie saying when (`Replica.wroteCookie`), so the user sees their own change at once, whatever the lag.
/// Everything else — pages of records, forms, writes — always uses the primary.
final class Replica: Sendable {
    struct State: Sendable {
        /// Seconds the replica's replay is behind the primary at the last check; nil: unknown or unreachable.
        var lag: Double?
        var checkedAt: Date?
        var toReplica = 0
        var toPrimary = 0
    }

    static let wroteCookie = "ud_wrote"

    let maxLag: TimeInterval
    let freshSeconds: TimeInterval
    private let box = NIOLockedValueBox(State())

    init(maxLag: TimeInterval, freshSeconds: TimeInterval) {
        self.maxLag = maxLag
        self.freshSeconds = freshSeconds
    }

    var state: State { box.withLockedValue { $0 } }

    /// Whether a report read may go to the replica now, counted for `/metrics`.
    func route(wroteAt: Date?, now: Date) -> Bool {
        box.withLockedValue { s in
            let fresh = wroteAt.map { now.timeIntervalSince($0) < freshSeconds && now >= $0 } ?? false
            let ok = !fresh && (s.lag.map { $0 <= maxLag } ?? false)
            if ok { s.toReplica += 1 } else { s.toPrimary += 1 }
            return ok
        }
    }

    func record(lag: Double?, at: Date) {
        box.withLockedValue {
            $0.lag = lag
            $0.checkedAt = at
        }
    }

    private struct LSN: Decodable { var lsn: String }
    private struct Replay: Decodable {
        var behind: Double?
        var since: Double?
    }

    /// Measures the lag: zero when the replica has replayed everything the primary has written, else the seconds since
    /// the last transaction it replayed (a replica of an idle primary is not behind, however old its last replay).
    func check(_ app: Application) async {
        let logger = app.logger
        do {
            let primary = try await app.db.sql.raw("SELECT pg_current_wal_lsn()::text AS lsn").first(decoding: LSN.self)
            guard let lsn = primary?.lsn else { throw Abort(.internalServerError) }
            let replica = app.databases.database(.replica, logger: logger, on: app.eventLoopGroup.any())
            guard let sql = replica as? any SQLDatabase else { throw Abort(.internalServerError) }
            let r = try await sql.raw(
                """
                SELECT pg_wal_lsn_diff(\(bind: lsn)::pg_lsn, pg_last_wal_replay_lsn())::float8 AS behind, \
                EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 AS since
                """
            ).first(decoding: Replay.self)
            guard let behind = r?.behind else { throw Abort(.internalServerError) }
            record(lag: behind <= 0 ? 0 : max(r?.since ?? 0, 0.001), at: Date())
        } catch {
            record(lag: nil, at: Date())
            logger.warning("副本库延迟检查失败，报表改读主库: \(String(reflecting: type(of: error)))")
        }
    }

    /// `serve`'s loop: the lag checked every second until the task is cancelled.
    func run(_ app: Application) async {
        while !Task.isCancelled {
            await check(app)
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

extension Application {
    private struct ReplicaKey: StorageKey { typealias Value = Replica }

    /// Set when `DATABASE_REPLICA_URL` is.
    var replica: Replica? {
        get { storage[ReplicaKey.self] }
        set { storage[ReplicaKey.self] = newValue }
    }

    /// Wires the replica's pool beside the primary's (never the default, never migrated).
    func useReplica(_ url: String) throws {
        var pg: SQLPostgresConfiguration
        do {
            pg = try SQLPostgresConfiguration(url: url)
        } catch {
            throw StartupError("DATABASE_REPLICA_URL 格式无效（应为 postgres://用户:密码@主机:端口/数据库）")
        }
        pg.searchPath = ["public"]
        databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: config.pgConnectionsPerLoop), as: .replica, isDefault: false)
        replica = Replica(maxLag: config.replicaMaxLag, freshSeconds: config.replicaFreshSeconds)
    }
}

extension Request {
    /// The database for read-only reports, indicators and dashboards: the replica when `Replica.route` allows, else the
    /// primary (`req.db`). Never for a write, nor for a page of records a user acts on.
    var reportDB: any Database {
        guard let replica = application.replica else { return db }
        let wrote = (cookies[Replica.wroteCookie]?.string).flatMap { Double($0) }.map(Date.init(timeIntervalSince1970:))
        guard replica.route(wroteAt: wrote, now: Date()) else { return db }
        return application.databases.database(.replica, logger: logger, on: eventLoop) ?? db
    }
}

/// Marks a browser whose signed-in user changed something (a successful POST, PUT, PATCH or DELETE) with the time, for
/// `reportDB`. Signing in changes no record a report reads, so it marks nothing.
struct ReplicaFreshnessMiddleware: AsyncMiddleware {
    let freshSeconds: TimeInterval

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method), response.status.code < 400, request.principal != nil else {
            return response
        }
        response.cookies[Replica.wroteCookie] = HTTPCookies.Value(
            string: String(Int(Date().timeIntervalSince1970)), maxAge: Int(freshSeconds.rounded(.up)), path: "/",
            isSecure: request.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
