import Domain
import Fluent
import Foundation
import Vapor

/// Statistics of a whole subtree (indicator values, members per union, the dashboard's parts), kept so that a county's
/// dashboard does not aggregate a million member rows on every page view.
///
/// A figure is computed once for concurrent requests and then served from memory. After `ttl` seconds it is stale: the
/// next request still gets it at once while one recomputation runs in the background (stale-while-revalidate), and
/// `refreshAhead` recomputes the figures read since their last computation before they go stale, so under steady use no
/// request waits for a recomputation — only the very first request for a figure does (`serve` warms the dashboards of
/// the top of the tree at start-up). A figure not read for `10 × ttl` is dropped. Each process keeps its own
/// (`UNIONDESK_STATS_CACHE_SECONDS`, 0 turns caching off — as in tests).
actor StatsCache {
    private struct Entry {
        /// The current value (or its first computation, which concurrent requests share).
        var task: Task<any Sendable, any Error>
        var computedAt: Date
        var lastRead: Date
        /// How to compute it again, kept for the background refresh.
        var compute: @Sendable () async throws -> any Sendable
        var refreshing = false
    }

    let ttl: TimeInterval
    private let now: @Sendable () -> Date
    private var entries: [String: Entry] = [:]
    /// Most entries kept; past it those not read lately go.
    private let capacity = 2_000
    /// Background recomputations finished and failed, for `/metrics`.
    private(set) var refreshes = 0
    private(set) var refreshFailures = 0

    init(ttl: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.ttl = ttl
        self.now = now
    }

    var count: Int { entries.count }

    func value<T: Sendable>(_ key: String, compute: @escaping @Sendable () async throws -> T) async throws -> T {
        guard ttl > 0 else { return try await compute() }
        let at = now()
        if var e = entries[key] {
            e.lastRead = at
            entries[key] = e
            if at.timeIntervalSince(e.computedAt) >= ttl { refresh(key) }
            if let v = try await e.task.value as? T { return v }
        }
        if entries.count >= capacity { entries = entries.filter { at.timeIntervalSince($0.value.lastRead) < ttl } }
        let task = Task<any Sendable, any Error> { try await compute() }
        entries[key] = Entry(task: task, computedAt: at, lastRead: at, compute: { try await compute() })
        do {
            guard let v = try await task.value as? T else { return try await compute() }
            return v
        } catch {
            entries[key] = nil
            throw error
        }
    }

    /// Recomputes one figure in the background; its old value is served until the new one is ready. A failure keeps
    /// the old value (and is tried again on the next stale read).
    private func refresh(_ key: String) {
        guard var e = entries[key], !e.refreshing else { return }
        e.refreshing = true
        entries[key] = e
        let compute = e.compute
        Task {
            do {
                let value = try await compute()
                self.finished(key, value: value)
            } catch {
                self.failed(key)
            }
        }
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
    /// recomputed now; figures nobody read for ten periods are dropped. Returns how many it started.
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

    /// Runs `refreshAhead` every quarter of the TTL until the task is cancelled (`serve` starts it).
    func runRefresher() async {
        guard ttl > 0 else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(ttl * 250)))
            refreshAhead()
        }
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
        return try await cache.value(key) { try await source.values(q, on: db) }
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
