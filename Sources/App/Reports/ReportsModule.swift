import Domain
import Vapor

/// 统计与总结: the indicators of every module with their drill-down, yearly targets, the dashboard and the work summary.
struct ReportsModule: UnionModule {
    let name = "统计与总结"
    let permissions = Permission.reports
    let navigation = [
        NavEntry(label: "统计总览", url: .dashboard, permission: .reportRead),
        NavEntry(label: "工作总结", url: .reportSummary, permission: .reportRead),
    ]
    let auditActions: [any AuditAction] = ReportAudit.allCases

    func routes(_ app: Application) throws {
        try app.register(collection: ReportController())
        try app.register(collection: IndicatorController())
        try app.register(collection: TargetController())
        try app.register(collection: DashboardController())
    }

    func seedDemo(_ d: inout DemoContext) async throws {
        try await DemoTownship.insertTargets(org: d.rootID, today: d.today, scale: 1, on: d.app.db)
    }

    func seedDemoCounty(_ app: Application, county: Int, towns: Int, today: CalendarDate) async throws {
        try await DemoTownship.insertTargets(org: county, today: today, scale: towns, on: app.db)
    }
}

// MARK: URLs

extension SiteURL {
    static let reportSummary = SiteURL("/reports/summary")
    static func reportSummaryFile(_ format: String?) -> SiteURL { SiteURL("/reports/summary/\(format ?? ":format")") }
    static let reportParagraphs = SiteURL("/reports/summary-paragraphs")
    static let reportFinalize = SiteURL("/reports/summary-finalize")
    static func snapshot(_ n: Int?) -> SiteURL { SiteURL("/reports/snapshots/\(id(n))") }
    static func snapshotFile(_ n: Int?) -> SiteURL { SiteURL("/reports/snapshots/\(id(n))/docx") }
    static let indicators = SiteURL("/indicators")
    static let indicatorsWorkbook = SiteURL("/indicators/export.xlsx")
    static func indicator(_ code: IndicatorCode?) -> SiteURL { SiteURL("/indicators/\(code?.rawValue ?? ":code")") }
    static let targets = SiteURL("/targets")
    static let dashboard = SiteURL("/dashboard")
    static func targetDelete(_ n: Int?) -> SiteURL { SiteURL("/targets/\(id(n))/delete") }
}
extension SiteURL.API {
    static let reportSummary = SiteURL.API("/reports/summary")
    static let reportParagraphs = SiteURL.API("/reports/summary/paragraphs")
    static let reportFinalize = SiteURL.API("/reports/summary/finalize")
    static func snapshot(_ n: Int?) -> SiteURL.API { SiteURL.API("/reports/snapshots/\(id(n))") }
    static let indicators = SiteURL.API("/indicators")
    static func indicatorRecords(_ code: IndicatorCode?) -> SiteURL.API { SiteURL.API("/indicators/\(code?.rawValue ?? ":code")/records") }
    static let targets = SiteURL.API("/targets")
    static func target(_ n: Int?) -> SiteURL.API { SiteURL.API("/targets/\(id(n))") }
}
