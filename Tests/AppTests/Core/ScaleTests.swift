import Domain
import Fluent
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Scale: caches, bounded counts, searches, proxies") struct ScaleTests {
        /// Counts how often a computation ran.
        actor Counter {
            var runs = 0
            func run() -> Int {
                runs += 1
                return runs
            }
        }

        @Test("statistics are computed once for concurrent requests and kept; errors are not kept; TTL 0 turns the cache off")
        func statsCache() async throws {
            try await withApp { app, _ in
                let clock = TestClock()
                let cache = StatsCache(ttl: 60, now: { clock.now })
                let counter = Counter()
                let values = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            try await cache.value("k", on: app.db) { _ in
                                try await Task.sleep(for: .milliseconds(20))
                                return await counter.run()
                            }
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(values == Array(repeating: 1, count: 20), "twenty concurrent requests share one computation")
                clock.advance(59)
                #expect(try await cache.value("k", on: app.db) { _ in await counter.run() } == 1)
                struct Failure: Error {}
                await #expect(throws: Failure.self) { try await cache.value("bad", on: app.db) { _ async throws -> Int in throw Failure() } }
                #expect(try await cache.value("bad", on: app.db) { _ in 7 } == 7, "a failed computation is not kept")
                let off = StatsCache(ttl: 0, now: { clock.now })
                #expect(try await off.value("k", on: app.db) { _ in await counter.run() } == 2)
                #expect(try await off.value("k", on: app.db) { _ in await counter.run() } == 3, "TTL 0 computes every time")
            }
        }

        @Test("the health route answers without a session or the database")
        func health() async throws {
            try await withApp { app, _ in
                let res = try await Client(app: app).get("/healthz")
                #expect(res.status == .ok)
                #expect(res.jsonObject["status"] as? String == "ok")
            }
        }

        @Test("lists count up to the limit; names match from their beginning; the org filter takes a federation's subtree")
        func boundedCountsAndSearch() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let ids = Fixtures.ids
                _ = try await Fixtures.member(app, name: "张三", id: ids[0], union: w.unionA)
                _ = try await Fixtures.member(app, name: "张三丰", id: ids[1], union: w.unionA1)
                _ = try await Fixtures.member(app, name: "李张", id: ids[2], union: w.unionB)
                let all = Member.scoped(Scope(orgID: w.root.id!, path: w.root.path), on: app.db)
                #expect(try await all.countUpTo(2) == 2)
                #expect(try await all.countUpTo(10) == 3)
                #expect(try await all.filter(\.$name == "李张").countUpTo(10) == 1)
                let c = try await Client.session(app, w.users["staff"]!)
                let found = try await c.get("/members?q=\(Client.escape("张三"))")
                #expect(found.text.contains("张三丰") && found.text.contains("id=\"member-total\">2<"))
                #expect(!found.text.contains("李张"), "a name matches from its beginning")
                // unionA is a union with a union below it: choosing it lists its subtree.
                let subtree = try await c.get("/members?unionId=\(w.unionA.id!)")
                #expect(subtree.text.contains("id=\"member-total\">2<") && !subtree.text.contains("李张"))
                let api = try await Client.api(app, w.users["staff"]!)
                let list = try await api.get("/api/v1/members?q=\(Client.escape("张"))").jsonObject
                #expect(list["total"] as? Int == 2 && list["totalIsLowerBound"] as? Bool == false)
            }
        }

        @Test("a page and its bounded count come in one statement; an empty list and a page past the end are answered too")
        func pageQuery() async throws {
            try await withApp { app, _ in
                let sql = app.db.sql
                try await sql.raw("CREATE TABLE page_rows (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").run()
                try await sql.raw(
                    """
                    INSERT INTO page_rows (id, n) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 10005) \
                    SELECT i, i % 7 FROM s
                    """
                ).run()
                struct Row: Decodable, Sendable, Equatable { var id: Int }
                func page(_ conditions: [SQLQueryString], _ n: Int) async throws -> Paged<Row> {
                    try await PageQuery(
                        table: "page_rows", key: "page_rows.id", columns: "page_rows.id", conditions: conditions,
                        order: "page_rows.id DESC"
                    ).fetch(Row.self, page: n, per: 50, on: sql)
                }
                let first = try await page([], 1)
                #expect(first.rows.map(\.id) == Array((9956...10005).reversed()))
                #expect(first.total == 10_000 && first.totalIsLowerBound, "counting stops at the limit")
                let deep = try await page([], 9999)
                #expect(deep.page == 200 && deep.rows.map(\.id) == Array((6...55).reversed()), "pages end where counting stops")
                let threes = try await page(["page_rows.n = 3"], 1000)
                #expect(threes.total == 1429 && !threes.totalIsLowerBound && threes.page == 29, "a page past the end shows the last")
                #expect(threes.rows.count == 29 && threes.rows.last?.id == 3)
                let middle = try await page(["page_rows.n = 3"], 2)
                #expect(middle.rows.first?.id == 9649 && middle.rows.count == 50, "the 51st multiple of 7 plus 3 from the top")
                let none = try await page(["page_rows.n = 99"], 5)
                #expect(none.rows.isEmpty && none.total == 0 && none.page == 1)
                try await sql.raw("DROP TABLE page_rows").run()
            }
        }

        @Test("behind a trusted proxy the client is the last X-Forwarded-For address; otherwise the peer")
        func trustedProxy() async throws {
            try await withApp { app, _ in
                func ip(peer: String, forwarded: String?) throws -> String {
                    var headers = HTTPHeaders()
                    if let forwarded { headers.add(name: .xForwardedFor, value: forwarded) }
                    let req = Request(
                        application: app, method: .GET, url: "/", headers: headers,
                        remoteAddress: try SocketAddress(ipAddress: peer, port: 40_000), on: app.eventLoopGroup.next())
                    return req.clientIP
                }
                let untrusted = try ip(peer: "127.0.0.1", forwarded: "203.0.113.9")
                #expect(untrusted == "127.0.0.1", "no proxy is trusted by default")
                app.config.trustedProxies = ["127.0.0.1"]
                let forwarded = try ip(peer: "127.0.0.1", forwarded: "198.51.100.1, 203.0.113.9")
                let otherPeer = try ip(peer: "192.0.2.7", forwarded: "203.0.113.9")
                let noHeader = try ip(peer: "127.0.0.1", forwarded: nil)
                #expect(forwarded == "203.0.113.9")
                #expect(otherPeer == "192.0.2.7", "an untrusted peer's header is ignored")
                #expect(noHeader == "127.0.0.1")
            }
        }
    }
}
