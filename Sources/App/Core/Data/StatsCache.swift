import Domain
import Fluent
import Foundation
import Vapor

/// Statistics of a whole subtree (indicator values, members per union), kept for `ttl` seconds so that a county's
/// dashboard does not aggregate a million member rows on every page view. Concurrent requests for the same figures
/// wait for one computation. Each process keeps its own; a figure is at most `ttl` old
/// (`UNIONDESK_STATS_CACHE_SECONDS`, 0 turns caching off — as in tests).
actor StatsCache {
    private struct Entry {
        var expires: Date
        var task: Task<any Sendable, any Error>
    }

    let ttl: TimeInterval
    private let now: @Sendable () -> Date
    private var entries: [String: Entry] = [:]
    /// Most entries kept; past it the expired ones go.
    private let capacity = 2_000

    init(ttl: TimeInterval, now: @escaping @Sendable () -> Date) {
        self.ttl = ttl
        self.now = now
    }

    func value<T: Sendable>(_ key: String, compute: @escaping @Sendable () async throws -> T) async throws -> T {
        guard ttl > 0 else { return try await compute() }
        let at = now()
        if let e = entries[key], e.expires > at, let v = try await e.task.value as? T { return v }
        if entries.count >= capacity { entries = entries.filter { $0.value.expires > at } }
        let task = Task<any Sendable, any Error> { try await compute() }
        entries[key] = Entry(expires: at.addingTimeInterval(ttl), task: task)
        do {
            guard let v = try await task.value as? T else { return try await compute() }
            return v
        } catch {
            entries[key] = nil
            throw error
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
