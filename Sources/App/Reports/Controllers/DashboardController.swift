import Domain
import Fluent
import Vapor

/// 统计总览: key figures against last year, indicators against targets, the alert centre's counts and most pressing
/// items, and server-drawn charts (each module's monthly trends, members by union), for an org subtree and period.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .dashboard, .reportRead, use: page)
    }

    func page(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let (org, period) = try await ReportController.subject(req, q)
        let query = ReportController.query(orgID: try org.requireID(), period: period)
        let sources = req.application.indicatorSources
        let parts = try await Dashboard.parts(
            Scope(orgID: try org.requireID(), path: org.path), period: period, today: req.today, link: { SiteURL.indicator($0).path + "?" + query },
            app: req.application, on: req.reportDB)
        let year = period.to.year
        let yearToDate = ReportPeriod.yearToDate(year, until: min(req.today, period.to))
        let targets = try await Targets.progress(
            org: org, year: year, period: yearToDate, today: req.today, sources: sources, on: req.reportDB)
        let labels = Dictionary(uniqueKeysWithValues: req.application.alertSources.map { ($0.module, $0.label) })
        let federations = try await OrganizationQuery.choices(in: p.scope, level: .federation, limit: 200, on: req.db)
        return try await DashboardPage(
            layout: Layout(title: "统计总览 · \(org.name) · \(period.label)", principal: p, active: .dashboard),
            orgs: federations.map { SelectOption(value: $0.value, label: $0.label, selected: $0.value == String(org.id ?? 0)) },
            year: q["year"] ?? (q["from"] == nil ? String(req.today.year) : ""), from: q["from"] ?? "", to: q["to"] ?? "", figures: parts.figures,
            targets: targets.map {
                DashboardPage.TargetLine(
                    name: $0.name, target: $0.target, actual: $0.actual, met: $0.progress.met, gap: $0.gapText ?? "",
                    url: SiteURL.indicator($0.indicator).path + "?" + query + "&gap=1")
            },
            hasTargets: !targets.isEmpty,
            alertCounts: parts.alerts.counts.filter { $0.count > 0 }.map {
                AlertCountRow(
                    module: labels[$0.module] ?? $0.module, label: $0.label, count: $0.count,
                    url: SiteURL.alerts.path + "?module=" + $0.module)
            },
            alerts: parts.alerts.pressing.map {
                AlertRow($0.first, labels: $0.labels, moduleLabel: labels[$0.first.module] ?? $0.first.module)
            },
            trendCharts: parts.trendCharts, unionChart: parts.unionChart,
            summaryURL: SiteURL.reportSummary.path + "?" + query, targetsURL: SiteURL.targets.path + "?orgId=\(org.id ?? 0)&year=\(year)"
        ).render(req)
    }
}

struct DashboardPage: Page {
    static let template = "reports/dashboard"
    struct TargetLine: Encodable, Sendable {
        var name: String
        var target: String
        var actual: String
        var met: Bool
        var gap: String
        var url: String
    }

    var layout: Layout
    var orgs: [SelectOption]
    var year: String
    var from: String
    var to: String
    var figures: [Dashboard.KeyFigure]
    var targets: [TargetLine]
    var hasTargets: Bool
    var alertCounts: [AlertCountRow]
    var alerts: [AlertRow]
    /// One chart per module trend: SVG drawn by `SVGChart`, which escapes every label, so the template inserts it
    /// unescaped (`#unsafeHTML`, the only ones left in the templates).
    var trendCharts: [String]
    /// SVG drawn by `SVGChart`, which escapes every label, so the template inserts it unescaped (`#unsafeHTML`).
    var unionChart: String
    var summaryURL: String
    var targetsURL: String
    var listURL = SiteURL.dashboard.path
}
