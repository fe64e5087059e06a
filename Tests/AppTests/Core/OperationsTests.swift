import AsyncKit
import Fluent
import Leaf
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Operations: statistics served stale while refreshed, metrics, replica routing, SQLite tuning") struct OperationsTests {
        actor Counter {
            var runs = 0
            func run() -> Int {
                runs += 1
                return runs
            }
        }

        /// Waits (up to two seconds) until the cache has finished `n` background recomputations.
        func refreshed(_ cache: StatsCache, _ n: Int) async throws {
            for _ in 0..<200 where await cache.refreshes < n { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await cache.refreshes == n)
        }

        @Test("a stale figure is served at once while one recomputation runs; the refresher recomputes figures in use before they expire and drops unused ones")
        func staleWhileRevalidate() async throws {
            try await withApp { app, _ in
                let clock = TestClock()
                let cache = StatsCache(ttl: 60, now: { clock.now })
                let counter = Counter()
                let compute: @Sendable (any Database) async throws -> Int = { _ in
                    try await Task.sleep(for: .milliseconds(50))
                    return await counter.run()
                }
                #expect(try await cache.value("k", on: app.db, compute: compute) == 1, "the first request computes")
                clock.advance(61)
                let started = ContinuousClock.now
                let stale = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<10 { group.addTask { try await cache.value("k", on: app.db, compute: compute) } }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(stale == Array(repeating: 1, count: 10), "stale requests get the old value")
                #expect(ContinuousClock.now - started < .milliseconds(45), "without waiting for the 50 ms recomputation")
                try await refreshed(cache, 1)
                clock.advance(1)
                #expect(try await cache.value("k", on: app.db, compute: compute) == 2, "one recomputation for the ten, then its value")
                #expect(await counter.runs == 2)

                // Read since it was computed and three quarters through its time: the refresher recomputes it ahead.
                clock.advance(30)
                #expect(await cache.refreshAhead() == 0, "not yet three quarters through")
                clock.advance(15)
                #expect(await cache.refreshAhead() == 1)
                try await refreshed(cache, 2)
                #expect(try await cache.value("k", on: app.db, compute: compute) == 3)
                #expect(await cache.refreshAhead() == 0, "fresh again")
                // Not read for ten periods: dropped, so the next request computes.
                clock.advance(601)
                _ = await cache.refreshAhead()
                #expect(await cache.count == 0)
                #expect(try await cache.value("k", on: app.db, compute: compute) == 4)

                // A failed recomputation keeps the old value, and the next stale read tries again.
                struct Failure: Error {}
                let flaky = Counter()
                let sometimes: @Sendable (any Database) async throws -> Int = { _ in
                    let n = await flaky.run()
                    if n == 2 { throw Failure() }
                    return n * 10
                }
                #expect(try await cache.value("f", on: app.db, compute: sometimes) == 10)
                clock.advance(61)
                #expect(try await cache.value("f", on: app.db, compute: sometimes) == 10)
                for _ in 0..<200 where await cache.refreshFailures < 1 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(await cache.refreshFailures == 1)
                #expect(try await cache.value("f", on: app.db, compute: sometimes) == 10, "still the old value; a new recomputation started")
                try await refreshed(cache, 3)
                #expect(try await cache.value("f", on: app.db, compute: sometimes) == 30)
            }
        }

        /// How many computations run at once, and the most that ever did.
        actor Gauge {
            var current = 0
            var peak = 0
            func enter() {
                current += 1
                peak = max(peak, current)
            }
            func leave() { current -= 1 }
        }

        @Test("background recomputations run one at a time on the background database, each followed by a pause three times its length")
        func serialRefresh() async throws {
            try await withApp { app, _ in
                let clock = TestClock()
                let cache = StatsCache(ttl: 60, now: { clock.now })
                let background = try #require(app.databases.database(logger: Logger(label: "stats-background"), on: app.eventLoopGroup.any()))
                await cache.compute(on: background)
                let gauge = Gauge()
                let compute: @Sendable (any Database) async throws -> String = { db in
                    await gauge.enter()
                    try await Task.sleep(for: .milliseconds(30))
                    await gauge.leave()
                    return db.logger.label
                }
                let keys = ["a", "b", "c"]
                for k in keys { #expect(try await cache.value(k, on: app.db, compute: compute) != "stats-background", "a first computation runs on the request's database") }
                clock.advance(46)
                for k in keys { _ = try await cache.value(k, on: app.db, compute: compute) }
                let started = ContinuousClock.now
                #expect(await cache.refreshAhead() == 3)
                try await refreshed(cache, 3)
                #expect(await gauge.peak == 1, "one at a time")
                #expect(ContinuousClock.now - started >= .milliseconds(3 * 30 + 2 * 90))
                clock.advance(1)
                for k in keys { #expect(try await cache.value(k, on: app.db, compute: compute) == "stats-background") }
            }
        }

        /// Waits `ms` milliseconds whether or not the task is cancelled: work that, once begun, runs to its end.
        func uncancellable(_ ms: Int) async {
            await withCheckedContinuation { c in DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(ms)) { c.resume() } }
        }

        @Test("shutting down waits for a background loop's step in hand: it still finds the databases open, so it cannot trap on them")
        func shutdownWaitsForBackgroundLoops() async throws {
            _ = CapturedLogs.bootstrap
            let app = try await Application.make(.testing)
            try await configure(app, modules: [])
            let sawDatabases = NIOLockedValueBox<Bool?>(nil)
            BackgroundLoop.start(app) {
                while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
                // The step the loop was in when told to stop, such as an import or the housekeeping, goes on a while.
                await uncancellable(100)
                let db = app.databases.database(logger: app.logger, on: app.eventLoopGroup.any())
                sawDatabases.withLockedValue { $0 = db != nil }
            }
            try await app.asyncShutdown()
            #expect(sawDatabases.withLockedValue { $0 } == true, "the loop's step finished before the databases closed")
        }

        @Test("the refresher, stopped, waits for the recomputation in hand and starts no other")
        func refresherStopsCleanly() async throws {
            try await withApp { app, _ in
                let clock = TestClock()
                let cache = StatsCache(ttl: 60, now: { clock.now })
                let counter = Counter()
                let compute: @Sendable (any Database) async throws -> Int = { _ in
                    await uncancellable(100)
                    return await counter.run()
                }
                #expect(try await cache.value("k", on: app.db, compute: compute) == 1)
                clock.advance(46)
                _ = try await cache.value("k", on: app.db, compute: compute)
                #expect(await cache.refreshAhead() == 1, "a recomputation is in hand")
                let refresher = Task { await cache.runRefresher() }
                refresher.cancel()
                await refresher.value
                #expect(await counter.runs == 2, "the recomputation in hand finished before the refresher returned")
                #expect(await cache.refreshes == 1)
                clock.advance(61)
                #expect(
                    try await cache.value("k", on: app.db, compute: compute) == 2, "a stale read, after the stop, is served the last value")
                await uncancellable(200)
                #expect(await counter.runs == 2, "and recomputes nothing in the background")
            }
        }

        @Test("the start-up warm-up fills every module page's figures for the top of the tree: opening them computes nothing more")
        func warmUp() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                app.statsCache = StatsCache(ttl: 600, now: { clock.now })
                #expect(await !app.statsCache.warmed)
                await Dashboard.warm(app)
                #expect(await app.statsCache.warmed)
                let warmed = await app.statsCache.keys
                #expect(!warmed.isEmpty)
                let c = try await Client.session(app, w.users["staff"]!)
                for path in ["/", "/dashboard", "/contracts", "/democracy", "/women", "/petitions", "/funds", "/activities", "/ideas"] {
                    #expect(try await c.get(path).status == .ok, "\(path)")
                    let added = await app.statsCache.keys.subtracting(warmed)
                    #expect(added.isEmpty, "\(path) computed figures the warm-up had not: \(added.sorted())")
                }
            }
        }

        func request(_ app: Application, _ path: String, peer: String) throws -> Request {
            Request(
                application: app, method: .GET, url: URI(path: path), remoteAddress: try SocketAddress(ipAddress: peer, port: 40_000),
                on: app.eventLoopGroup.next())
        }

        @Test("/metrics: each route's latency histogram, requests in flight, the import queue, the cache and the summary's sections; only from allowed addresses")
        func metrics() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                _ = try await c.get("/members")
                _ = try await c.get("/healthz")
                #expect(try await c.get(SiteURL.reportSummary.path + "?year=2026").status == .ok)
                let res = try await OperatorMetrics.scrape(try request(app, "/metrics", peer: "127.0.0.1"))
                let text = res.body.string ?? ""
                #expect(res.headers.contentType?.subType == "plain")
                #expect(text.contains(#"http_request_duration_seconds_bucket{method="GET",path="/members",status="200",le="0.05"}"#))
                #expect(text.contains(#"http_requests_total{method="GET",path="/healthz",status="200"}"#))
                #expect(text.contains("uniondesk_http_requests_in_flight"))
                #expect(text.contains(#"uniondesk_import_jobs{status="queued"} 0"#))
                #expect(text.contains("uniondesk_db_pool_max_connections"))
                // Each module's section of the summary, by the module's name (the county bench reads them).
                for module in app.modules {
                    #expect(text.contains("uniondesk_summary_section_seconds_count{section=\"\(module.name)\"}"), "no timing of \(module.name)")
                }
                #expect(text.contains("uniondesk_stats_cache_entries 0"), "no cache in tests")
                let rss = text.split(separator: "\n").first { $0.hasPrefix("process_resident_memory_bytes ") }
                #expect((rss?.split(separator: " ").last).flatMap { Int($0) }.map { $0 > 1 << 20 } == true, "resident memory: \(rss ?? "none")")
                await #expect(throws: AppError.self) { try await OperatorMetrics.scrape(try request(app, "/metrics", peer: "192.0.2.7")) }
                // Through the router: the test client has no address, so it is refused like any other outsider.
                #expect(try await Client(app: app).get("/metrics").status == .notFound)
            }
        }

        @Test("report reads go to the replica only when it is caught up and the user has not just changed something")
        func replicaRouting() {
            let r = Replica(maxLag: 5, freshSeconds: 30)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(!r.route(wroteAt: nil, now: now), "lag unknown before the first check: the primary")
            r.record(lag: 0, at: now)
            #expect(r.route(wroteAt: nil, now: now))
            #expect(!r.route(wroteAt: now.addingTimeInterval(-10), now: now), "changed something 10 s ago: the primary")
            #expect(r.route(wroteAt: now.addingTimeInterval(-31), now: now))
            r.record(lag: 7.5, at: now)
            #expect(!r.route(wroteAt: nil, now: now), "seven and a half seconds behind: the primary")
            r.record(lag: nil, at: now)
            #expect(!r.route(wroteAt: nil, now: now), "unreachable: the primary")
            #expect(r.state.toReplica == 2 && r.state.toPrimary == 4)
        }

        @Test("a browser that changed something is marked with the time, so its own report reads go to the primary")
        func replicaFreshness() async throws {
            try await withApp { app, _ in
                struct Answer: AsyncResponder {
                    let status: HTTPResponseStatus
                    func respond(to request: Request) async throws -> Response { Response(status: status) }
                }
                let mw = ReplicaFreshnessMiddleware(freshSeconds: 30)
                let principal = Principal(
                    userID: 1, username: "staff", displayName: "干部", role: .federationStaff, scope: Scope(orgID: 1, path: "/1/"),
                    mustChangePassword: false, sessionID: nil, csrfToken: nil)
                func answer(_ method: HTTPMethod, _ status: HTTPResponseStatus, signedIn: Bool = true) async throws -> Response {
                    let req = Request(application: app, method: method, url: "/members", on: app.eventLoopGroup.next())
                    if signedIn { req.principal = principal }
                    return try await mw.respond(to: req, chainingTo: Answer(status: status))
                }
                let cookie = try #require(try await answer(.POST, .seeOther).cookies[Replica.wroteCookie])
                #expect(cookie.maxAge == 30 && cookie.isHTTPOnly)
                let at = try #require(Double(cookie.string))
                #expect(abs(at - Date().timeIntervalSince1970) < 5)
                #expect(try await answer(.GET, .ok).cookies[Replica.wroteCookie] == nil, "reading marks nothing")
                #expect(try await answer(.POST, .unprocessableEntity).cookies[Replica.wroteCookie] == nil, "a refusal changed nothing")
                #expect(try await answer(.POST, .seeOther, signedIn: false).cookies[Replica.wroteCookie] == nil, "signing in marks nothing")
            }
        }

        @Test("a request that waited past the pool's wait for a database connection is told the system is busy (503), not a 500")
        func poolTimeoutIsBusy() async throws {
            try await withApp { app, _ in
                let req = try request(app, "/members", peer: "127.0.0.1")
                let (status, detail, _) = AppErrorMiddleware().describe(ConnectionPoolTimeoutError.connectionRequestTimeout, req)
                #expect(status == .serviceUnavailable && detail.code == "busy" && detail.message == "系统繁忙，请稍后再试")
                let page = await AppErrorMiddleware().response(for: ConnectionPoolTimeoutError.connectionRequestTimeout, req)
                #expect(page.status == .serviceUnavailable)
            }
        }

        @Test("templates are parsed once and kept, in the development environment `serve` runs in too")
        func templatesKept() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                app.environment = .development
                let c = try await Client.session(app, w.users["staff"]!)
                for _ in 0..<2 { #expect(try await c.get("/members").status == .ok) }
                #expect(app.leaf.cache.isEnabled, "Leaf's own renderer turns the cache off in development")
                #expect(app.leaf.cache.count > 0)
            }
        }

        @Test("SQLite: every connection of the pool gets the page cache and memory map")
        func sqliteTuning() async throws {
            try await withApp { app, _ in
                guard !app.db.isPostgres else { return }
                app.config.sqliteCacheMB = 48
                app.config.sqliteMmapMB = 16
                try await Startup.tuneSQLite(app)
                struct Cache: Decodable { var cache_size: Int }
                struct Mmap: Decodable { var mmap_size: Int }
                var loops = 0
                for loop in app.eventLoopGroup.makeIterator() {
                    let db = try #require(app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase)
                    #expect(try await db.raw("PRAGMA cache_size").first(decoding: Cache.self)?.cache_size == -48 * 1024)
                    #expect(try await db.raw("PRAGMA mmap_size").first(decoding: Mmap.self)?.mmap_size == 16 * 1_048_576)
                    loops += 1
                }
                #expect(loops == app.databasePoolSize)
            }
        }
    }
}

extension AppTests {
    @Suite("County demo") struct CountyDemoTests {
        @Test("a county of two towns loads: every module seeds each town's own records, none crosses into the other town")
        func twoTowns() async throws {
            try await withApp { app, _ in
                let accounts = try await DemoCounty.loadIfEmpty(
                    app, count: 2,
                    scale: { i in
                        var p = DemoCounty.place(i)
                        (p.employers, p.enterpriseUnions, p.members) = (150, 28, 3_000)
                        p.joints = [DemoPlace.Joint(bigger: 12, small: 15), DemoPlace.Joint(bigger: 10, small: 15)]
                        return p
                    }, progress: { _ in })
                #expect(accounts?.contains { $0.username == "t02.staff" } == true)
                struct Row: Decodable { var town: String; var n: Int }
                // Per town, by the path of the record's union or organiser: each town has its own.
                func perTown(_ table: String, _ column: String) async throws -> [Int] {
                    try await app.db.sql.raw(
                        """
                        SELECT t.name AS town, COUNT(*) AS n FROM \(unsafeRaw: table) r JOIN organizations o ON o.id = r.\(unsafeRaw: column) \
                        JOIN organizations t ON o.path LIKE t.path || '%' AND t.level = 'federation' AND t.parent_id IS NOT NULL \
                        GROUP BY t.name ORDER BY t.name
                        """
                    ).all(decoding: Row.self).map(\.n)
                }
                for (table, column) in [
                    ("members", "union_id"), ("dues_receipts", "org_id"), ("activities", "org_id"), ("negotiations", "org_id"),
                    ("bargaining_reports", "org_id"), ("contracts", "org_id"), ("petitions", "org_id"),
                ] {
                    let counts = try await perTown(table, column)
                    #expect(counts.count == 2 && counts.allSatisfy { $0 > 0 }, "\(table): \(counts)")
                }
            }
        }
    }
}
