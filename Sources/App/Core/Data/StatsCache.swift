import Domain
import Fluent
import Foundation
import Vapor

/// Statistics of a whole subtree (indicator values, members per union, the dashboard's parts), kept so that a county's
/// dashboard does not aggregate a million member rows on every page view.
///
/// A figure is computed once for concurrent requests and then served from memory. After `ttl` seconds it is stale: the
/// next request still gets it at once while it is recomputed in the background (stale-while-revalidate), and
/// `refreshAhead` queues the figures read since their last computation before they go stale, so under steady use no
/// request waits for a recomputation — only the very first request for a figure does (`serve` warms the dashboards of
/// the top of the tree at start-up). A figure not read for `10 × ttl` is dropped. Each process keeps its own
/// (`UNIONDESK_STATS_CACHE_SECONDS`, 0 turns caching off — as in tests).
///
/// A county's figures aggregate a million rows, so the background never competes with the pages: recomputations run
/// one at a time, each followed by a pause three times its length (a quarter of one core at most; under load a figure
/// is older than `ttl` rather than a page slower), and `serve` gives them a connection of their own (`background`:
/// the replica when there is one), so a page never queues behind a refresh for a database connection. After each
/// computation the heap's free pages go back to the system (`ProcessMemory.release`).
actor StatsCache {
    typealias Compute = @Sendable (any Database) async throws -> any Sendable

    private struct Entry {
        /// The current value (or its first computation, which concurrent requests share).
        var task: Task<any Sendable, any Error>
        var computedAt: Date
        var lastRead: Date
        /// How to compute it again, and on which database when there is no `background` one.
        var compute: Compute
        var db: any Database
        var refreshing = false
    }

    let ttl: TimeInterval
    private let now: @Sendable () -> Date
    /// Where the background recomputes, when set; otherwise on the database of the request that first asked (which
    /// is where a figure's first computation always runs).
    private var background: (any Database)?
    private var entries: [String: Entry] = [:]
    /// Figures waiting for the background worker, oldest first.
    private var queue: [String] = []
    /// The background worker while it runs (nil when idle); the refresher awaits it when it stops.
    private var worker: Task<Void, Never>?
    /// Set when the refresher stops (the server is shutting down): nothing more is recomputed in the background.
    private var stopped = false
    /// Most entries kept; past it those not read lately go.
    private let capacity = 2_000
    /// A background recomputation is followed by a pause this many times its length.
    static let pauseFactor = 3
    /// Background recomputations finished and failed, for `/metrics`.
    private(set) var refreshes = 0
    private(set) var refreshFailures = 0
    /// `serve`'s start-up warm-up has finished (`/metrics`: from then on the top of the tree's pages wait for no figure).
    private(set) var warmed = false

    func markWarmed() {
        warmed = true
    }

    init(ttl: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.ttl = ttl
        self.now = now
    }

    /// Recomputes figures in the background on `db` from now on (`serve`: a pool of its own, or the replica).
    func compute(on db: any Database) {
        background = db
    }

    var count: Int { entries.count }
    /// The figures held, by key.
    var keys: Set<String> { Set(entries.keys) }

    func value<T: Sendable>(_ key: String, on db: any Database, compute: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        guard ttl > 0 else { return try await compute(db) }
        let at = now()
        if var e = entries[key] {
            e.lastRead = at
            entries[key] = e
            if at.timeIntervalSince(e.computedAt) >= ttl { refresh(key) }
            if let v = try await e.task.value as? T { return v }
        }
        if entries.count >= capacity { entries = entries.filter { at.timeIntervalSince($0.value.lastRead) < ttl } }
        let task = Task<any Sendable, any Error> {
            defer { ProcessMemory.release() }
            return try await compute(db)
        }
        entries[key] = Entry(task: task, computedAt: at, lastRead: at, compute: { try await compute($0) }, db: db)
        do {
            guard let v = try await task.value as? T else { return try await compute(db) }
            return v
        } catch {
            entries[key] = nil
            throw error
        }
    }

    /// Queues one figure for the background worker; its old value is served until the new one is ready. A failure
    /// keeps the old value (and is tried again on the next stale read).
    private func refresh(_ key: String) {
        guard var e = entries[key], !e.refreshing else { return }
        e.refreshing = true
        entries[key] = e
        queue.append(key)
        guard worker == nil, !stopped else { return }
        worker = Task { await self.work() }
    }

    /// The background worker: the queued figures one at a time, each followed by its pause.
    private func work() async {
        while !queue.isEmpty {
            let key = queue.removeFirst()
            guard let e = entries[key] else { continue }
            let started = ContinuousClock.now
            do {
                finished(key, value: try await e.compute(background ?? e.db))
            } catch {
                failed(key)
            }
            ProcessMemory.release()
            try? await Task.sleep(for: (ContinuousClock.now - started) * Self.pauseFactor)
        }
        worker = nil
    }

    private func finished(_ key: String, value: any Sendable) {
        refreshes += 1
        guard var e = entries[key] else { return }
        e.task = Task { value }
        e.computedAt = now()
        e.refreshing = false
        entries[key] = e
    }

    private func failed(_ key: String) {
        refreshFailures += 1
        entries[key]?.refreshing = false
    }

    /// One pass of the refresher: figures read since they were computed and three quarters through their time are
    /// queued now; figures nobody read for ten periods are dropped. Returns how many it queued.
    @discardableResult
    func refreshAhead() -> Int {
        let at = now()
        entries = entries.filter { at.timeIntervalSince($0.value.lastRead) < 10 * ttl }
        let due = entries.filter { _, e in
            !e.refreshing && e.lastRead > e.computedAt && at.timeIntervalSince(e.computedAt) >= 0.75 * ttl
        }
        for key in due.keys { refresh(key) }
        return due.count
    }

    /// Runs `refreshAhead` every quarter of the TTL until the task is cancelled (`serve` starts it, and its shutdown
    /// cancels it). Then it drops the queue and waits for the recomputation in hand, which reads the databases the
    /// shutdown is about to close.
    func runRefresher() async {
        guard ttl > 0 else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(ttl * 250)))
            if !Task.isCancelled { refreshAhead() }
        }
        stopped = true
        queue.removeAll()
        worker?.cancel()
        await worker?.value
    }
}

extension DatabaseID {
    /// The statistics' own connections to the primary database (`serve` computes statistics there, or on the replica).
    static let stats = DatabaseID(string: "stats")
}

extension Application {
    /// Where the statistics' background recomputations read: the replica when there is one, else their own pool on the
    /// primary (none for an in-memory database, whose other connections would see another database).
    var statsBackground: (any Database)? {
        let id: DatabaseID = replica == nil ? .stats : .replica
        guard databases.configuration(for: id) != nil else { return nil }
        return databases.database(id, logger: logger, on: eventLoopGroup.any())
    }
}

/// An indicator source whose values come through the statistics cache; its records (a page of a drill-down) do not.
struct CachedIndicatorSource: IndicatorSource {
    let source: any IndicatorSource
    let cache: StatsCache

    var definitions: [IndicatorDefinition] { source.definitions }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let key =
            "indicators|\(String(describing: type(of: source)))|\(q.scope.path)|\(q.period.from.iso)|\(q.period.to.iso)|\(q.today.iso)"
        return try await cache.value(key, on: db) { try await source.values(q, on: $0) }
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        try await source.records(code, gap: gap, q, page: page, on: db)
    }
}

extension Application {
    private struct StatsCacheKey: StorageKey { typealias Value = StatsCache }

    var statsCache: StatsCache {
        get { storage[StatsCacheKey.self] ?? StatsCache(ttl: 0, now: { Date() }) }
        set { storage[StatsCacheKey.self] = newValue }
    }
}
