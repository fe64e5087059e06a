import Domain
import Fluent
import Foundation
import Office
import Vapor

/// Indicators: every registered indicator's value for an org and period, and the drill-down to the records behind
/// one (for a rate, also the records that make its gap); the same through the API.
struct IndicatorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .indicators, .reportRead, use: list)
        routes.endpoint(.GET, .indicator(nil), .reportRead, use: drill)
        routes.endpoint(.GET, .indicatorsWorkbook, .reportRead, use: workbook)
        routes.endpoint(
            .GET, .api(.indicators), .reportRead, doc: APIDoc(summary: "指标及其数值", queryFields: ["orgId", "year", "half", "from", "to"]),
            use: apiList)
        routes.endpoint(
            .GET, .api(.indicatorRecords(nil)), .reportRead,
            doc: APIDoc(summary: "指标背后的记录（gap=true：构成差距的记录）", queryFields: ["orgId", "year", "half", "from", "to", "gap", "page"]),
            use: apiRecords)
    }

    struct IndicatorDTO: Content {
        var definition: IndicatorDefinition
        var value: IndicatorValue
        var text: String
    }

    private func query(_ req: Request, _ q: FormFields) async throws -> (Organization, ReportPeriod, IndicatorQuery) {
        let (org, period) = try await ReportController.subject(req, q)
        return (org, period, IndicatorQuery(scope: Scope(orgID: try org.requireID(), path: org.path), period: period, today: req.today))
    }

    private func values(_ req: Request, _ q: FormFields) async throws -> (Organization, ReportPeriod, [IndicatorDTO]) {
        let (org, period, iq) = try await query(req, q)
        let values = try await IndicatorRegistry.values(iq, sources: req.application.indicatorSources, on: req.reportDB)
        return (org, period, values.map { IndicatorDTO(definition: $0.definition, value: $0.value, text: $0.value.text($0.definition)) })
    }

    func apiList(req: Request) async throws -> [IndicatorDTO] {
        try await values(req, try req.query.decode(FormFields.self)).2
    }

    func apiRecords(req: Request) async throws -> RecordTable {
        let q = try req.query.decode(FormFields.self)
        let code = IndicatorCode(req.parameters.get("code") ?? "")
        guard let (source, _) = IndicatorRegistry.find(code, in: req.application.indicatorSources) else { throw AppError.notFound("指标") }
        let (_, _, iq) = try await query(req, q)
        return try await source.records(code, gap: Input.flag(q["gap"]), iq, page: q["page"].flatMap { Int($0) } ?? 1, on: req.reportDB)
    }

    func list(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let (org, period, values) = try await values(req, q)
        let base = ReportController.query(orgID: try org.requireID(), period: period)
        return try await IndicatorListPage(
            layout: Layout(title: "指标 · \(org.name) · \(period.label)", principal: p, active: .reportSummary),
            rows: values.map { v in
                IndicatorRow(
                    name: v.definition.name, value: v.text,
                    basis: v.definition.denominator.map {
                        "\(v.definition.numerator) ÷ \($0)（\(v.value.numerator)/\(v.value.denominator ?? 0)）"
                    }
                        ?? v.definition.numerator, url: SiteURL.indicator(v.definition.code).path + "?" + base)
            }, summaryURL: SiteURL.reportSummary.path + "?" + base, workbookURL: SiteURL.indicatorsWorkbook.path + "?" + base
        ).render(req)
    }

    /// The statistics tables as a workbook: every indicator this period and last, petitions by source and category,
    /// relief by kind.
    func workbook(req: Request) async throws -> Response {
        let q = try req.query.decode(FormFields.self)
        let (org, period, iq) = try await query(req, q)
        let sources = req.application.indicatorSources
        let db = req.reportDB
        let now = try await IndicatorRegistry.values(iq, sources: sources, on: db)
        var before = iq
        before.period = period.previous
        let then = try await IndicatorRegistry.values(before, sources: sources, on: db)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ud-stats-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let w = try XlsxWriter(url: file)
        try w.addSheet(
            "指标",
            columns: [
                .init("指标", width: 28), .init(period.label, width: 16), .init(period.previous.label, width: 16), .init("单位", width: 8),
                .init("分子"), .init("分母"), .init("口径", width: 48),
            ],
            rows: now.enumerated().map { i, x in Self.indicatorRow(x.definition, x.value, then[i].value) })
        let p = try await PetitionStats.compute(
            in: iq.scope, from: period.from, to: period.to, today: req.today, rules: req.application.petitionRules, on: db)
        try w.addSheet(
            "信访来源与类别", columns: [.init("分组"), .init("项目", width: 20), .init("宗数")],
            rows: p.bySource.map { [.text("来源"), .text($0.label), .number($0.count)] }
                + p.byCategory.map { [.text("类别"), .text($0.label), .number($0.count)] })
        let r = try await ReliefStats.compute(
            in: iq.scope, from: period.from, to: period.to, today: req.today,
            settings: req.application.reliefSettings, on: db)
        try w.addSheet(
            "帮扶类型", columns: [.init("帮扶类型", width: 20), .init("人数"), .init("人次"), .init("金额（元）")],
            rows: r.byKind.map { [.text($0.label), .number($0.people), .number($0.visits), .money(fen: $0.money)] })
        try w.close()
        return try .xlsxDownload(file, name: "\(org.name)\(period.label)统计表.xlsx", fallback: "statistics.xlsx")
    }

    /// An indicator as numbers a spreadsheet can sum and chart: a count, money in yuan or a rate as a percentage, its
    /// unit in a column of its own (a rate of nothing stays empty).
    static func indicatorRow(_ d: IndicatorDefinition, _ now: IndicatorValue, _ then: IndicatorValue) -> [Cell] {
        let basis = d.numerator + (d.denominator.map { " ÷ " + $0 } ?? "")
        let denominator: Cell = now.denominator.map { Cell.number($0) } ?? .empty
        func value(_ v: IndicatorValue) -> Cell {
            guard let n = v.value else { return .empty }
            switch d.kind {
            case .count: return .number(n)
            case .money: return .money(fen: n)
            case .rate: return .percent(n)
            }
        }
        let unit = d.kind == .money ? "元" : d.kind == .rate ? "%" : d.unit
        return [.text(d.name), value(now), value(then), .text(unit), .number(now.numerator), denominator, .text(basis)]
    }

    func drill(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let code = IndicatorCode(req.parameters.get("code") ?? "")
        guard let (source, d) = IndicatorRegistry.find(code, in: req.application.indicatorSources) else { throw AppError.notFound("指标") }
        let (org, period, iq) = try await query(req, q)
        let gap = Input.flag(q["gap"]) && d.gap != nil
        let db = req.reportDB
        let value = try await source.values(iq, on: db)[code] ?? IndicatorValue(count: 0)
        let table = try await source.records(code, gap: gap, iq, page: q["page"].flatMap { Int($0) } ?? 1, on: db)
        let base = SiteURL.indicator(code).path + "?" + ReportController.query(orgID: try org.requireID(), period: period)
        let paged = Paged(rows: table.rows, total: table.total, page: table.page, per: table.per)
        return try await IndicatorPage(
            layout: Layout(title: d.name, principal: p, active: .reportSummary), org: org.name, period: period.label, value: value.text(d),
            numerator: d.numerator, denominator: d.denominator ?? "", hasDenominator: d.denominator != nil,
            counts: value.denominator.map { "\(value.numerator) / \($0)" } ?? value.text(d),
            listing: gap ? (d.gap ?? "") : d.numerator, columns: table.columns,
            rows: table.rows.map { IndicatorPage.Row(cells: $0.cells, url: $0.url ?? "", hasURL: $0.url != nil) },
            pager: Pager(paged, base: base, query: [("gap", gap ? "1" : nil)]), total: table.total,
            gapURL: d.gap == nil ? "" : base + (gap ? "" : "&gap=1"), gapLabel: gap ? "查看\(d.numerator)" : "查看\(d.gap ?? "")",
            hasGap: d.gap != nil,
            listURL: SiteURL.indicators.path + "?" + ReportController.query(orgID: try org.requireID(), period: period)
        ).render(req)
    }
}

struct IndicatorRow: Encodable, Sendable {
    var name: String
    var value: String
    var basis: String
    var url: String
}

struct IndicatorListPage: Page {
    static let template = "reports/indicators"
    var layout: Layout
    var rows: [IndicatorRow]
    var summaryURL: String
    var workbookURL: String
}

struct IndicatorPage: Page {
    static let template = "reports/indicator"
    struct Row: Encodable, Sendable {
        var cells: [String]
        var url: String
        var hasURL: Bool
    }

    var layout: Layout
    var org: String
    var period: String
    var value: String
    var numerator: String
    var denominator: String
    var hasDenominator: Bool
    var counts: String
    var listing: String
    var columns: [String]
    var rows: [Row]
    var pager: Pager
    var total: Int
    var gapURL: String
    var gapLabel: String
    var hasGap: Bool
    var listURL: String
}
