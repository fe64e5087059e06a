import Domain
import Fluent
import SQLKit
import Vapor

/// The dashboard's data for an org subtree and period: key figures beside the same period last year, monthly trends
/// and the breakdown by union, each by one SQL aggregate.
/// A module's month-by-month series, drawn as a chart on the dashboard.
protocol TrendSource: Sendable {
    /// The chart's title after the year (`各月收到信访（宗）`).
    var title: String { get }
    /// Totals per month (`2026-03`) of the subtree between two dates; months without records may be left out.
    func monthly(in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [MonthTotal]
    /// A bar's value as written on it.
    func text(_ value: Int) -> String
}

struct MonthTotal: Decodable, Sendable {
    var month: String
    var value: Int?
}

extension Application {
    private struct TrendSourcesKey: StorageKey { typealias Value = [any TrendSource] }

    var trendSources: [any TrendSource] {
        get { storage[TrendSourcesKey.self] ?? [] }
        set { storage[TrendSourcesKey.self] = newValue }
    }
}

enum Dashboard {
    /// The key figures, in the order shown.
    static let keys: [IndicatorCode] = [
        .membersTotal, .membersNew, .reliefPeople, .reliefMoney, .petitionsReceived, .petitionsHandledOnTime,
        .mediationsTotal,
        .recoveriesWages,
    ]

    struct KeyFigure: Encodable, Sendable {
        var name: String
        var value: String
        var change: String
        var url: String
    }

    static func keyFigures(
        _ q: IndicatorQuery, sources: [any IndicatorSource], link: (IndicatorCode) -> String, on db: any Database
    ) async throws -> [KeyFigure] {
        let now = try await IndicatorRegistry.values(q, sources: sources, on: db)
        var before = q
        before.period = q.period.previous
        let then = try await IndicatorRegistry.values(before, sources: sources, on: db)
        return keys.compactMap { code in
            guard let (d, v) = now.first(where: { $0.definition.code == code }) else { return nil }
            let previous = then.first { $0.definition.code == code }?.value
            let change: String =
                switch (d.kind, v.value, previous?.value) {
                case (.rate, let value?, let before?): Phrase.rateChange(value, since: before)
                case (.rate, nil, let before?): "上年同期 \(before)%"
                case (.rate, _, nil): ""
                default: Phrase.change(v.value ?? 0, since: previous?.value ?? 0, unit: d.unit) ?? ""
                }
            return KeyFigure(name: d.name, value: v.text(d), change: change, url: link(code))
        }
    }

    /// Every module's monthly series over the period's year, in module order.
    static func trends(in scope: Scope, year: Int, sources: [any TrendSource], on db: any Database) async throws -> [[Int]] {
        var series: [[Int]] = []
        for source in sources {
            let rows = try await source.monthly(in: scope, from: CalendarDate(clamping: year, 1, 1), to: CalendarDate(clamping: year, 12, 31), on: db)
            series.append(
                (1...12).map { m in
                    let key = "\(year)-" + (m < 10 ? "0" : "") + String(m)
                    return rows.first { $0.month == key }?.value ?? 0
                })
        }
        return series
    }

    /// The `limit` largest unions of the subtree by 会员人数 (`Registers.memberCounts`), largest first, then by name.
    static func largestUnions(_ counts: [Int: MemberCount], limit: Int = 12, on db: any Database) async throws
        -> [(name: String, members: Int)]
    {
        let sizes = counts.values.map(\.all).sorted(by: >)
        guard let smallest = sizes.prefix(limit).last else { return [] }
        // Every union as large as the last place, so that a tie is broken by name as the list shows it.
        let ids = counts.filter { $0.value.all >= smallest }.map(\.key)
        struct Row: Decodable { var id: Int; var name: String }
        let names = try await db.sql.raw("SELECT id, name FROM organizations WHERE id IN (\(binds: ids))").all(decoding: Row.self)
        return names.map { (name: $0.name, members: counts[$0.id]?.all ?? 0) }
            .sorted { ($1.members, $0.name) < ($0.members, $1.name) }.prefix(limit).map { $0 }
    }
}

extension Dashboard {
    /// What the dashboard shows of a subtree and period that is the same for everyone who may see it, each part through
    /// the statistics cache and kept as the page shows it: key figures (this period and last), the alert counts and the
    /// most pressing records, and the charts drawn. A request then only fills the template (grouping a county's
    /// thousands of alerts and drawing the charts on every request took a fifth of the county dashboard's CPU).
    struct Parts: Sendable {
        var figures: [KeyFigure]
        var alerts: Alerts
        /// One SVG chart per module trend, then members per union: drawn by `SVGChart`, which escapes every label.
        var trendCharts: [String]
        var unionChart: String
    }

    /// The alert centre's counts per kind and its first `pressingShown` records, each with its alerts' labels.
    struct Alerts: Sendable {
        var counts: [AlertCentre.Result.Count]
        var pressing: [(first: AlertItem, labels: [String])]
    }

    static let pressingShown = 8

    static func parts(
        _ scope: Scope, period: ReportPeriod, today: CalendarDate, link: (IndicatorCode) -> String, app: Application,
        on db: any Database
    ) async throws -> Parts {
        let iq = IndicatorQuery(scope: scope, period: period, today: today)
        let figures = try await keyFigures(iq, sources: app.indicatorSources, link: link, on: db)
        // The overview's alert counts may be as old as its figures; the alert centre itself is always fresh.
        let (alertSources, trendSources, cache) = (app.alertSources, app.trendSources, app.statsCache)
        let alerts = try await cache.value("alerts|\(scope.path)|\(today.iso)", on: db) { db in
            let all = try await AlertCentre.collect(AlertQuery(scope: scope, today: today), sources: alertSources, on: db)
            return Alerts(counts: all.counts, pressing: Array(AlertCentre.bySubject(all.items).prefix(pressingShown)))
        }
        let year = period.to.year
        let trendCharts = try await cache.value("trendCharts|\(scope.path)|\(year)", on: db) { db in
            let series = try await Dashboard.trends(in: scope, year: year, sources: trendSources, on: db)
            return zip(trendSources, series).map { source, values in
                SVGChart.columns(
                    values.enumerated().map { .init(label: "\($0.offset + 1)月", value: $0.element, text: source.text($0.element)) },
                    title: "\(year)年" + source.title)
            }
        }
        let asOf = iq.asOf
        let unionChart = try await cache.value("unionChart|\(scope.path)|\(asOf.iso)", on: db) { db in
            let unions = try await largestUnions(Registers.memberCounts(cachedIn: scope, on: asOf, app: app, on: db), on: db)
            return SVGChart.rows(unions.map { .init(label: $0.name, value: $0.members, text: "\($0.members)人") }, title: "各基层工会在册会员")
        }
        return Parts(figures: figures, alerts: alerts, trendCharts: trendCharts, unionChart: unionChart)
    }

    /// `serve`'s warm-up: for the root and every federation directly below it, this year's dashboard, the home page's
    /// counts and every module page's figures (`UnionModule.warm`), computed before anyone asks (a county's take
    /// minutes to aggregate the first time); the refresher keeps them warm after. When it ends, successfully or not,
    /// `/metrics` says so.
    static func warm(_ app: Application) async {
        await warmFigures(app)
        await app.statsCache.markWarmed()
    }

    private static func warmFigures(_ app: Application) async {
        guard app.statsCache.ttl > 0 else { return }
        let today = app.clock.today(in: app.config.timeZone)
        // On the statistics' own connection, like the refreshes, so that the first pages never queue behind it.
        let db = app.statsBackground ?? app.db
        do {
            let roots = try await Organization.query(on: db).filter(\.$parent.$id == nil).all()
            var nodes = roots
            for r in roots {
                nodes += try await Organization.query(on: db).filter(\.$parent.$id == r.id)
                    .filter(\.$level == OrgLevel.federation.rawValue).all()
            }
            let period = try ReportPeriod.year(today.year)
            var pause = Duration.zero
            for o in nodes {
                // Paced like the refreshes while pages are being answered: a pause up to three times each node's
                // computation (a county's alerts alone took a third of both cores while the first pages were being
                // served). A server nobody uses yet warms at full speed: a county's figures take minutes to compute,
                // and paced throughout its warm-up took four times as long.
                let step = Duration.milliseconds(100)
                while pause > .zero, OperatorMetrics.requestsInFlight.load(ordering: .relaxed) > 0 {
                    try? await Task.sleep(for: step)
                    pause -= step
                }
                guard !Task.isCancelled else { return }
                let started = ContinuousClock.now
                defer { pause = (ContinuousClock.now - started) * StatsCache.pauseFactor }
                let scope = Scope(orgID: try o.requireID(), path: o.path)
                try await FigureMemo.around {
                    _ = try await parts(scope, period: period, today: today, link: { _ in "" }, app: app, on: db)
                    _ = try await Registers.subtreeTotals(cachedIn: scope, today: today, app: app, on: db)
                    _ = try await HomeController.headline(scope, today: today, app: app, on: db)
                    let ytd = ReportPeriod.yearToDate(today.year, until: today)
                    _ = try await IndicatorRegistry.values(IndicatorQuery(scope: scope, period: ytd, today: today), sources: app.indicatorSources, on: db)
                    for m in app.modules { try await m.warm(app, scope: scope, today: today, on: db) }
                }
                ProcessMemory.release()
            }
            app.logger.info("统计预热完成：\(nodes.count) 个组织")
        } catch {
            app.logger.warning("统计预热失败: \(String(reflecting: type(of: error)))")
        }
    }
}
