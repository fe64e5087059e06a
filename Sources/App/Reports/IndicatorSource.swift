import Domain
import Fluent
import Vapor

/// The records behind an indicator, one page of them, as a table: what the drill-down shows.
struct RecordTable: Content, Sendable {
    struct Row: Content, Sendable {
        var cells: [String]
        var url: String?
    }

    var columns: [String]
    var rows: [Row]
    var total: Int
    var page: Int
    var per: Int
}

/// What an indicator is asked about: an org subtree, a period, the day.
struct IndicatorQuery: Sendable {
    var scope: Scope
    var period: ReportPeriod
    var today: CalendarDate

    /// The day the as-of indicators are counted on (the period's end, or today while it runs).
    var asOf: CalendarDate { period.asOf(today: today) }
}

/// A module's indicators: their definitions (in Domain), their values, and the records behind each. Every module
/// registers one source; the registry, the drill-down, targets and the dashboard know nothing else of them.
protocol IndicatorSource: Sendable {
    var definitions: [IndicatorDefinition] { get }
    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue]
    /// The numerator's records, or with `gap` the records that make a rate's gap; page `page` of 50.
    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable
}

enum IndicatorRegistry {
    static func find(_ code: IndicatorCode, in sources: [any IndicatorSource]) -> (source: any IndicatorSource, definition: IndicatorDefinition)? {
        for s in sources {
            if let d = s.definitions.first(where: { $0.code == code }) { return (s, d) }
        }
        return nil
    }

    /// Every registered indicator with its value, in registration order.
    static func values(_ q: IndicatorQuery, sources: [any IndicatorSource], on db: any Database) async throws
        -> [(definition: IndicatorDefinition, value: IndicatorValue)]
    {
        // Several modules' indicators count the subtree's members on the same day: once for all of them.
        try await FigureMemo.around {
            var out: [(IndicatorDefinition, IndicatorValue)] = []
            for s in sources {
                let values = try await s.values(q, on: db)
                for d in s.definitions { out.append((d, values[d.code] ?? IndicatorValue(count: 0))) }
            }
            return out
        }
    }
}

extension Application {
    private struct IndicatorSourcesKey: StorageKey { typealias Value = [any IndicatorSource] }

    var indicatorSources: [any IndicatorSource] {
        get { storage[IndicatorSourcesKey.self] ?? [] }
        set { storage[IndicatorSourcesKey.self] = newValue }
    }
}

extension RecordTable {
    /// A table of rows already paged by the caller's query.
    init(_ columns: [String], rows: [Row], total: Int, page: Int) {
        self.init(columns: columns, rows: rows, total: total, page: page, per: 50)
    }

    /// Pages rows computed in full (a list filtered by rules evaluated in Swift).
    init(_ columns: [String], all: [Row], page: Int) {
        let per = 50
        let p = min(max(1, page), max(1, (all.count + per - 1) / per))
        self.init(columns: columns, rows: Array(all.dropFirst((p - 1) * per).prefix(per)), total: all.count, page: p, per: per)
    }
}
