import Domain
import Fluent
import Vapor

/// 信访维权: petitions with their statutory time limits, labour-dispute mediation, and the wages and injury
/// compensation recovered for workers.
struct PetitionsModule: UnionModule {
    let name = "信访维权"
    let permissions = Permission.petitions
    let navigation = [NavEntry(label: "信访维权", url: .petitions, permission: .petitionRead)]
    let auditActions: [any AuditAction] = PetitionAudit.allCases + PetitionAction.Code.allCases

    func configure(_ app: Application) throws {
        app.petitionRules = try loadConfiguration(
            PetitionRules.self, variable: "UNIONDESK_PETITION_CONFIG", name: "信访时限", defaults: PetitionRules())
    }

    func routes(_ app: Application) throws {
        try app.register(collection: PetitionController())
        try app.register(collection: MediationController())
        try app.register(collection: PetitionAPIController())
    }

    func indicatorSources(_ app: Application) -> [any IndicatorSource] { [PetitionIndicatorSource(rules: app.petitionRules)] }

    func alertSources(_ app: Application) -> [any AlertSource] {
        [PetitionAlertSource(rules: app.petitionRules), MediationAlertSource(rules: app.petitionRules)]
    }

    func workSources(_ app: Application) -> [any WorkSource] { [PetitionWorkSource(rules: app.petitionRules)] }
    func trends(_ app: Application) -> [any TrendSource] { [PetitionTrend()] }

    func warm(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws {
        _ = try await PetitionStats.overview(app, scope: scope, today: today, on: db)
    }

    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {
        func figures(_ p: ReportPeriod) async throws -> PetitionFigures {
            var f = PetitionFigures(
                try await PetitionStats.compute(in: s.scope, from: p.from, to: p.to, today: s.today, rules: s.app.petitionRules, on: s.db))
            f.transferBody = try await PetitionStats.mainTransferBody(in: s.scope, period: p, on: s.db)
            return f
        }
        let now = try await figures(s.period)
        part.input.topics.append(PetitionSummary(now: now, before: try await figures(s.period.previous)))
        if s.looksAhead, now.overdue > 0 {
            part.overdue(.statutoryTimeLimit, .overdue(indicator: .petitionsOverdue, count: now.overdue, unit: "宗", noun: "信访件超过法定办理时限"))
        }
    }

    func seedDemo(_ d: inout DemoContext) async throws {
        try await DemoTownship.insertPetitions(
            &d.random, rootID: d.rootID, users: DemoTownship.PetitionUsers(staff: d.user("staff"), reviewer: d.user("reviewer")),
            today: d.today, cipher: d.app.cipher, on: d.app.db)
    }
}

extension Application {
    private struct PetitionRulesKey: StorageKey { typealias Value = PetitionRules }

    /// The petition time limits (信访工作条例 defaults unless `UNIONDESK_PETITION_CONFIG` names a file).
    var petitionRules: PetitionRules {
        get { storage[PetitionRulesKey.self] ?? PetitionRules() }
        set { storage[PetitionRulesKey.self] = newValue }
    }
}

// MARK: URLs

extension SiteURL {
    static let petitions = SiteURL("/petitions")
    static let petitionRegister = SiteURL("/petitions/register")
    static let petitionNew = SiteURL("/petitions/new")
    static func petition(_ n: Int?) -> SiteURL { SiteURL("/petitions/\(id(n))") }
    static func petitionStep(_ n: Int?) -> SiteURL { SiteURL("/petitions/\(id(n))/step") }
    static func petitionContacts(_ n: Int?) -> SiteURL { SiteURL("/petitions/\(id(n))/contacts") }
    static func petitionHandlers(_ n: Int?) -> SiteURL { SiteURL("/petitions/\(id(n))/handlers") }
    static func petitionRecoveries(_ n: Int?) -> SiteURL { SiteURL("/petitions/\(id(n))/recoveries") }
    static func petitionReveal(_ n: Int?) -> SiteURL { SiteURL("/petitions/\(id(n))/reveal") }
    static func petitionLetter(_ n: Int?, _ kind: PetitionLetterKind?) -> SiteURL {
        SiteURL("/petitions/\(id(n))/letters/\(kind?.rawValue ?? ":kind")")
    }
    static let petitionAway = SiteURL("/petitions/away")
    static let mediations = SiteURL("/mediations")
    static let mediationNew = SiteURL("/mediations/new")
    static func mediation(_ n: Int?) -> SiteURL { SiteURL("/mediations/\(id(n))") }
    static func mediationOutcome(_ n: Int?) -> SiteURL { SiteURL("/mediations/\(id(n))/outcome") }
    static func mediationRecoveries(_ n: Int?) -> SiteURL { SiteURL("/mediations/\(id(n))/recoveries") }
}
extension SiteURL.API {
    static let petitions = SiteURL.API("/petitions")
    static func petition(_ n: Int?) -> SiteURL.API { SiteURL.API("/petitions/\(id(n))") }
    static func petitionSteps(_ n: Int?) -> SiteURL.API { SiteURL.API("/petitions/\(id(n))/steps") }
    static func petitionContacts(_ n: Int?) -> SiteURL.API { SiteURL.API("/petitions/\(id(n))/contacts") }
    static func petitionHandlers(_ n: Int?) -> SiteURL.API { SiteURL.API("/petitions/\(id(n))/handlers") }
    static func petitionRecoveries(_ n: Int?) -> SiteURL.API { SiteURL.API("/petitions/\(id(n))/recoveries") }
    static let petitionQueue = SiteURL.API("/petitions/queue")
    static let petitionStats = SiteURL.API("/petitions/stats")
    static func userAway(_ n: Int?) -> SiteURL.API { SiteURL.API("/users/\(id(n))/away") }
    static let mediations = SiteURL.API("/mediations")
    static func mediation(_ n: Int?) -> SiteURL.API { SiteURL.API("/mediations/\(id(n))") }
    static func mediationOutcome(_ n: Int?) -> SiteURL.API { SiteURL.API("/mediations/\(id(n))/outcome") }
    static func mediationRecoveries(_ n: Int?) -> SiteURL.API { SiteURL.API("/mediations/\(id(n))/recoveries") }
}
