import Domain
import Fluent
import Vapor

/// 活动培训: activities and training classes with their sessions, members' attendance and sign-ups (人数 and 人次 kept
/// apart, audiences as estimates), programme items and outputs, what they cost (the organiser's book entries), classes
/// held by a higher union that members were sent to, certificates; the summary's activities and training paragraphs.
struct ActivitiesModule: UnionModule {
    let name = "活动培训"
    let permissions = Permission.activities
    let navigation = [NavEntry(label: "活动培训", url: .activities, permission: .activitiesRead)]
    let auditActions: [any AuditAction] = ActivityAudit.allCases
    let attachmentUploads: [SiteURL] = [
        .activitySignInSheet(nil), .api(.activitySignInSheet(nil)), .activityPhotos(nil), .api(.activityPhotos(nil)),
    ]

    func configure(_ app: Application) throws {
        app.activityRules = try loadConfiguration(ActivityRules.self, variable: "UNIONDESK_ACTIVITIES_CONFIG", name: "活动培训", defaults: ActivityRules())
    }

    func routes(_ app: Application) throws {
        try app.register(collection: ActivityController())
        try app.register(collection: IdeaController())
        try app.register(collection: ServiceCentreController())
        try app.register(collection: ActivityAPIController())
        try app.register(collection: PlacesAPIController())
    }

    func indicatorSources(_ app: Application) -> [any IndicatorSource] { [ActivityIndicatorSource(rules: app.activityRules)] }
    func alertSources(_ app: Application) -> [any AlertSource] { [ActivityAlertSource(rules: app.activityRules)] }

    func warm(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws {
        _ = try await ActivityStats.overview(app, scope: scope, year: today.year, today: today, on: db)
        _ = try await ActivityStats.ideasOverview(app, scope: scope, year: today.year, today: today, on: db)
    }

    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {
        let rules = s.app.activityRules
        let now = try await ActivityStats.compute(in: s.scope, period: s.period, today: s.today, rules: rules, on: s.db)
        let before = try await ActivityStats.compute(in: s.scope, period: s.period.previous, today: s.today, rules: rules, on: s.db)
        part.input.topics.append(ActivitySummary(now: now, before: before.isEmpty ? nil : before))
        part.input.topics.append(CompetitionSummary(now: now))
        part.input.topics.append(TrainingSummary(now: now, before: before.isEmpty ? nil : before))
        part.input.topics.append(CampaignSummary(now: now))
        part.input.topics.append(ServiceCentreSummary(now: now))
    }

    func seedDemo(_ d: inout DemoContext) async throws { try await ActivitiesDemo.seed(&d) }
}

extension Application {
    private struct ActivityRulesKey: StorageKey { typealias Value = ActivityRules }

    /// The kinds of activity and class and the attendance deadline (`UNIONDESK_ACTIVITIES_CONFIG` names a file).
    var activityRules: ActivityRules {
        get { storage[ActivityRulesKey.self] ?? ActivityRules() }
        set { storage[ActivityRulesKey.self] = newValue }
    }
}

// MARK: URLs

extension SiteURL {
    static let activities = SiteURL("/activities")
    static let activityNew = SiteURL("/activities/new")
    static func activity(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))") }
    static func activityEdit(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/edit") }
    static func activitySessions(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/sessions") }
    static func activityAttendance(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/attendance") }
    static func activitySignInSheet(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/attendance/sheet") }
    static func activityAttendanceRemoval(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/attendance/remove") }
    static func activityPhotos(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/photos") }
    static func activityPhoto(_ n: Int?, _ file: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/photos/\(fileID(file))") }
    static func activitySignups(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/signups") }
    static func activitySignupCancel(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/signups/cancel") }
    static func activityOutputs(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/outputs") }
    static func activityItems(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/items") }
    static func activityCosts(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/costs") }
    static func activityCertificates(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/certificates") }
    static func activityResults(_ n: Int?) -> SiteURL { SiteURL("/activities/\(id(n))/results") }
    static let ideas = SiteURL("/ideas")
    static let ideaNew = SiteURL("/ideas/new")
    static func idea(_ n: Int?) -> SiteURL { SiteURL("/ideas/\(id(n))") }
    static func ideaDecision(_ n: Int?) -> SiteURL { SiteURL("/ideas/\(id(n))/decision") }
    static let serviceCentres = SiteURL("/service-centres")
    static let serviceCentreNew = SiteURL("/service-centres/new")
    static func serviceCentre(_ n: Int?) -> SiteURL { SiteURL("/service-centres/\(id(n))") }
    static func serviceCentreEdit(_ n: Int?) -> SiteURL { SiteURL("/service-centres/\(id(n))/edit") }
    static func serviceCentreVisits(_ n: Int?) -> SiteURL { SiteURL("/service-centres/\(id(n))/visits") }
}
extension SiteURL.API {
    static let activities = SiteURL.API("/activities")
    static let activityStats = SiteURL.API("/activities/stats")
    static func activity(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))") }
    static func activitySessions(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/sessions") }
    static func activityAttendance(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/attendance") }
    static func activitySignInSheet(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/attendance/sheet") }
    static func activityAttendanceRemoval(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/attendance/remove") }
    static func activityPhotos(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/photos") }
    static func activitySignups(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/signups") }
    static func activitySignupCancel(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/signups/cancel") }
    static func activityOutputs(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/outputs") }
    static func activityItems(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/items") }
    static func activityCosts(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/costs") }
    static func activityCertificates(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/certificates") }
    static func activityResults(_ n: Int?) -> SiteURL.API { SiteURL.API("/activities/\(id(n))/results") }
    static let ideas = SiteURL.API("/ideas")
    static func idea(_ n: Int?) -> SiteURL.API { SiteURL.API("/ideas/\(id(n))") }
    static func ideaDecision(_ n: Int?) -> SiteURL.API { SiteURL.API("/ideas/\(id(n))/decision") }
    static let serviceCentres = SiteURL.API("/service-centres")
    static func serviceCentre(_ n: Int?) -> SiteURL.API { SiteURL.API("/service-centres/\(id(n))") }
    static func serviceCentreVisits(_ n: Int?) -> SiteURL.API { SiteURL.API("/service-centres/\(id(n))/visits") }
}
