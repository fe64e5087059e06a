import Domain
import Vapor

/// 困难帮扶: hardship files, relief rounds and applications (maker-checker), funds and their ledger, medical mutual aid.
struct ReliefModule: UnionModule {
    let name = "困难帮扶"
    let permissions = Permission.relief
    let navigation = [NavEntry(label: "困难帮扶", url: .relief, permission: .reliefRead)]
    let auditActions: [any AuditAction] = ReliefAudit.allCases + ReliefAction.Code.allCases
    let importers: [any Importer] = [HardshipImporter()]

    func configure(_ app: Application) throws {
        app.reliefSettings = try loadConfiguration(ReliefSettings.self, variable: "UNIONDESK_RELIEF_CONFIG", name: "帮扶", defaults: .defaults)
    }

    func routes(_ app: Application) throws {
        try app.register(collection: ReliefController())
        try app.register(collection: ReliefFileController())
        try app.register(collection: ReliefApplicationController())
        try app.register(collection: ReliefAPIController())
    }

    func indicatorSources(_ app: Application) -> [any IndicatorSource] {
        [ReliefIndicatorSource(settings: app.reliefSettings)]
    }

    func alertSources(_ app: Application) -> [any AlertSource] { [HardshipFileAlertSource(settings: app.reliefSettings)] }
    func workSources(_ app: Application) -> [any WorkSource] { [ReliefWorkSource()] }
    func trends(_ app: Application) -> [any TrendSource] { [ReliefMoneyTrend()] }

    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {
        let settings = s.app.reliefSettings
        func figures(_ p: ReportPeriod) async throws -> ReliefFigures {
            ReliefFigures(
                try await ReliefStats.compute(
                    in: s.scope, from: p.from, to: p.to, today: s.today, settings: settings, on: s.db))
        }
        let now = try await figures(s.period)
        part.input.topics.append(ReliefSummary(now: now, before: try await figures(s.period.previous)))
        if s.looksAhead, now.filesOverdueRecheck > 0 {
            part.overdue(
                .localRule,
                .overdue(
                    indicator: .reliefFilesOverdueRecheck, count: now.filesOverdueRecheck, unit: "户",
                    noun: "困难职工档案超过\(settings.reverifyMonths)个月未复核"))
        }
    }

    func seedDemo(_ d: inout DemoContext) async throws {
        try await DemoTownship.insertRelief(
            &d.random, root: d.root, familyRegion: d.place.familyRegion,
            users: DemoTownship.ReliefUsers(officer: d.user("officer"), staff: d.user("staff"), reviewer: d.user("reviewer")), today: d.today,
            zone: d.app.config.timeZone, settings: d.app.reliefSettings, cipher: d.app.cipher, on: d.app.db)
    }
}

// MARK: URLs

extension SiteURL {
    static let relief = SiteURL("/relief")
    static let reliefFiles = SiteURL("/relief/files")
    static let reliefFileNew = SiteURL("/relief/files/new")
    static func reliefFile(_ n: Int?) -> SiteURL { SiteURL("/relief/files/\(id(n))") }
    static func reliefFileEdit(_ n: Int?) -> SiteURL { SiteURL("/relief/files/\(id(n))/edit") }
    static func reliefFileStatus(_ n: Int?) -> SiteURL { SiteURL("/relief/files/\(id(n))/status") }
    static func reliefFileFamily(_ n: Int?) -> SiteURL { SiteURL("/relief/files/\(id(n))/family") }
    static func reliefFileVerify(_ n: Int?) -> SiteURL { SiteURL("/relief/files/\(id(n))/verify") }
    static func reliefFileReveal(_ n: Int?) -> SiteURL { SiteURL("/relief/files/\(id(n))/reveal") }
    static let reliefRoundNew = SiteURL("/relief/rounds/new")
    static let reliefRounds = SiteURL("/relief/rounds")
    static func reliefRound(_ n: Int?) -> SiteURL { SiteURL("/relief/rounds/\(id(n))") }
    static func reliefRoundNotice(_ n: Int?) -> SiteURL { SiteURL("/relief/rounds/\(id(n))/notice") }
    static func reliefRoundExport(_ n: Int?) -> SiteURL { SiteURL("/relief/rounds/\(id(n))/payments.xlsx") }
    static let reliefApplications = SiteURL("/relief/applications")
    static let reliefApplicationNew = SiteURL("/relief/applications/new")
    static func reliefApplication(_ n: Int?) -> SiteURL { SiteURL("/relief/applications/\(id(n))") }
    static func reliefApplicationStep(_ n: Int?) -> SiteURL { SiteURL("/relief/applications/\(id(n))/step") }
    static func reliefApplicationEdit(_ n: Int?) -> SiteURL { SiteURL("/relief/applications/\(id(n))/edit") }
    static func reliefApplicationPay(_ n: Int?) -> SiteURL { SiteURL("/relief/applications/\(id(n))/pay") }
    static func reliefApplicationReverse(_ n: Int?) -> SiteURL { SiteURL("/relief/applications/\(id(n))/reverse") }
    static let reliefFunds = SiteURL("/relief/funds")
    static func reliefFund(_ n: Int?) -> SiteURL { SiteURL("/relief/funds/\(id(n))") }
    static func reliefFundEntries(_ n: Int?) -> SiteURL { SiteURL("/relief/funds/\(id(n))/entries") }
    static let reliefMedical = SiteURL("/relief/medical")
    static let reliefFileImport = SiteURL("/relief/files/import")
    static let reliefFileTemplate = SiteURL("/relief/files/template")
}
extension SiteURL.API {
    static let reliefFiles = SiteURL.API("/relief/files")
    static func reliefFile(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/files/\(id(n))") }
    static func reliefFileStatus(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/files/\(id(n))/status") }
    static func reliefFileFamily(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/files/\(id(n))/family") }
    static func reliefFileVerify(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/files/\(id(n))/verify") }
    static let reliefRounds = SiteURL.API("/relief/rounds")
    static func reliefRound(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/rounds/\(id(n))") }
    static let reliefApplications = SiteURL.API("/relief/applications")
    static func reliefApplication(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/applications/\(id(n))") }
    static func reliefApplicationSteps(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/applications/\(id(n))/steps") }
    static func reliefApplicationPayments(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/applications/\(id(n))/payments") }
    static func reliefApplicationReversal(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/applications/\(id(n))/reversal") }
    static let reliefFunds = SiteURL.API("/relief/funds")
    static func reliefFundEntries(_ n: Int?) -> SiteURL.API { SiteURL.API("/relief/funds/\(id(n))/entries") }
    static let reliefStats = SiteURL.API("/relief/stats")
    static let medicalEnrolments = SiteURL.API("/relief/medical-enrolments")
    static let reliefFileImport = SiteURL.API("/relief/files/import")
}
