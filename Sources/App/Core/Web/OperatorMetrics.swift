import Fluent
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import SQLKit
import Synchronization
import Vapor

/// `/metrics` for operators, in Prometheus's text format: every route's latency histogram and request count (Vapor
/// records them through swift-metrics, by route pattern and status), requests in flight, the database's connections,
/// the import queue, the statistics cache and the replica. Readable only from the addresses in
/// `UNIONDESK_METRICS_ALLOW` (this machine by default; the address a trusted proxy forwards counts); anyone else gets
/// 404, as for a page that does not exist.
enum OperatorMetrics {
    /// The process's one registry. swift-metrics takes one backend per process (a second bootstrap traps), so the first
    /// application to ask installs it; later ones (the tests' many) share it.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static let inFlight = registry.makeGauge(name: "uniondesk_http_requests_in_flight", help: "Requests being answered now")
    /// The same count, readable here: the start-up warm-up pauses only while pages are being answered.
    static let requestsInFlight = Atomic<Int>(0)

    /// How long a module's section of a work summary took: `uniondesk_summary_section_seconds{section}`, a histogram, so
    /// that the county bench reports each section beside the whole summary.
    static func summarySection(_ module: String, took: Duration) {
        _ = registry
        let (seconds, attoseconds) = took.components
        Metrics.Timer(label: "uniondesk_summary_section_seconds", dimensions: [("section", module)])
            .recordSeconds(Double(seconds) + Double(attoseconds) * 1e-18)
    }

    static func boot(_ app: Application) {
        _ = registry
        app.middleware.use(InFlightMiddleware(), at: .beginning)
    }

    /// The scrape: fixed metrics plus the gauges read at this moment from the database and the caches.
    static func scrape(_ req: Request) async throws -> Response {
        guard req.application.config.metricsAllow.contains(req.clientIP) else { throw AppError.notFound("页面") }
        let app = req.application
        var text = registry.emitToString()
        var lines: [String] = []
        func gauge(_ name: String, _ help: String, _ values: [(labels: String, value: Int)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) gauge")
            for v in values { lines.append("\(name)\(v.labels.isEmpty ? "" : "{\(v.labels)}") \(v.value)") }
        }
        struct StatusCount: Decodable { var status: String; var n: Int }
        let queue = try await req.db.sql.raw("SELECT status, COUNT(*) AS n FROM import_jobs WHERE status IN ('queued', 'running') GROUP BY status")
            .all(decoding: StatusCount.self)
        gauge(
            "uniondesk_import_jobs", "Roster imports waiting or running (all processes)",
            ["queued", "running"].map { s in ("status=\"\(s)\"", queue.first { $0.status == s }?.n ?? 0) })
        gauge("uniondesk_db_pool_max_connections", "Connections this process may open", [("", app.databasePoolSize)])
        if req.db.isPostgres {
            let states = try await req.db.sql.raw(
                "SELECT COALESCE(state, 'other') AS status, COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY 1"
            ).all(decoding: StatusCount.self)
            gauge(
                "uniondesk_db_connections", "Connections to the database by state (every process and client)",
                states.map { ("state=\"\(Self.label($0.status))\"", $0.n) })
        }
        let cache = app.statsCache
        gauge("uniondesk_stats_cache_entries", "Figures held by the statistics cache", [("", await cache.count)])
        gauge("uniondesk_stats_cache_refreshes", "Background recomputations finished since start", [("", await cache.refreshes)])
        gauge("uniondesk_stats_cache_refresh_failures", "Background recomputations failed since start", [("", await cache.refreshFailures)])
        gauge("uniondesk_stats_warmed", "The start-up warm-up of the top of the tree's figures has finished (1)", [("", await cache.warmed ? 1 : 0)])
        if let rss = ProcessMemory.residentBytes {
            gauge("process_resident_memory_bytes", "Resident memory size in bytes", [("", rss)])
        }
        if let replica = app.replica {
            let state = replica.state
            lines.append("# HELP uniondesk_replica_lag_seconds Replica's replay lag at its last check (-1: unreachable)")
            lines.append("# TYPE uniondesk_replica_lag_seconds gauge")
            lines.append("uniondesk_replica_lag_seconds \(state.lag.map { String(format: "%.3f", $0) } ?? "-1")")
            gauge(
                "uniondesk_replica_reads", "Report reads routed since start",
                [("to=\"replica\"", state.toReplica), ("to=\"primary\"", state.toPrimary)])
        }
        text += lines.joined(separator: "\n") + "\n"
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        headers.cacheControl = HTTPHeaders.CacheControl(noStore: true)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// A label value as Prometheus's text format takes it.
    static func label(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// Counts the requests being answered (a gauge; the per-route histograms come from Vapor itself).
struct InFlightMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        OperatorMetrics.inFlight.increment()
        OperatorMetrics.requestsInFlight.add(1, ordering: .relaxed)
        defer {
            OperatorMetrics.inFlight.decrement()
            OperatorMetrics.requestsInFlight.subtract(1, ordering: .relaxed)
        }
        return try await next.respond(to: request)
    }
}

extension Application {
    /// The connections this process may open: one per event loop on SQLite, `UNIONDESK_PG_POOL` per loop on PostgreSQL.
    var databasePoolSize: Int {
        var loops = 0
        for _ in eventLoopGroup.makeIterator() { loops += 1 }
        return db.isPostgres ? loops * config.pgConnectionsPerLoop : loops
    }
}
