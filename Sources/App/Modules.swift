import Domain
import Fluent
import Vapor

/// The modules of UnionDesk, in the order of the navigation and of the work summary's sections. Adding a module is
/// one line here (docs/architecture.md, "Adding a module").
enum Modules {
    static let all: [any UnionModule] = [
        CoreModule(), OrganizationsModule(), MembersModule(), ReliefModule(), PetitionsModule(), ContractsModule(), FundsModule(), ActivitiesModule(), AlertsModule(), ReportsModule(),
        AuditModule(),
    ]
}

/// One feature of UnionDesk as the rest of the server sees it. The shared parts (routes, navigation, role checks, the
/// audit page, the alert centre, indicators and dashboard, the work summary, OpenAPI, the demo) read the module list
/// and nothing else of a module; a module names only Core and its own files.
protocol UnionModule: Sendable {
    /// Its name, as the navigation and the docs say it.
    var name: String { get }
    /// The permissions it declares (in Domain, beside its rules), each carrying the roles granted it.
    var permissions: [Permission] { get }
    /// Its entries in the navigation, in order; each shows to the roles that hold its permission.
    var navigation: [NavEntry] { get }
    /// The audit actions it records (each with its code and Chinese label).
    var auditActions: [any AuditAction] { get }
    /// The rosters it imports from Excel or CSV; their upload routes take a file (the upload limit and gate apply).
    var importers: [any Importer] { get }
    /// Its routes that take an attachment (a scan or photo kept with a record: `Attachments`); the attachment limit and
    /// the upload gate apply.
    var attachmentUploads: [SiteURL] { get }
    /// Loads its settings at start-up; a settings file that is wrong stops the server with its message.
    func configure(_ app: Application) throws
    /// Its web and API routes. The OpenAPI document is made from the API routes' `APIDoc`, so it cannot drift.
    func routes(_ app: Application) throws
    /// Its indicators (values, definitions, drill-down), read by targets, the dashboard and the summary.
    func indicatorSources(_ app: Application) -> [any IndicatorSource]
    /// What it feeds the alert centre.
    func alertSources(_ app: Application) -> [any AlertSource]
    /// What it puts on a person's to-do list on the home page (待办).
    func workSources(_ app: Application) -> [any WorkSource]
    /// Month-by-month series for the dashboard's charts.
    func trends(_ app: Application) -> [any TrendSource]
    /// Its figures, problems and plans for the work summary of a subtree and period.
    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws
    /// Its pages' figures for a subtree, put into the statistics cache ahead of the first request (`serve`'s start-up
    /// warm-up calls it for the top of the tree, on the statistics' own connection).
    func warm(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws
    /// Its believable records in the demo township (this year and last), drawn from the shared seeded generator.
    func seedDemo(_ d: inout DemoContext) async throws
    /// Its records at the county over the demo's towns (`demo --scale county`), after every town is loaded.
    func seedDemoCounty(_ app: Application, county: Int, towns: Int, today: CalendarDate) async throws
}

extension UnionModule {
    var navigation: [NavEntry] { [] }
    var auditActions: [any AuditAction] { [] }
    var importers: [any Importer] { [] }
    var attachmentUploads: [SiteURL] { [] }
    func configure(_ app: Application) throws {}
    func indicatorSources(_ app: Application) -> [any IndicatorSource] { [] }
    func alertSources(_ app: Application) -> [any AlertSource] { [] }
    func workSources(_ app: Application) -> [any WorkSource] { [] }
    func trends(_ app: Application) -> [any TrendSource] { [] }
    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {}
    func warm(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws {}
    func seedDemo(_ d: inout DemoContext) async throws {}
    func seedDemoCounty(_ app: Application, county: Int, towns: Int, today: CalendarDate) async throws {}
}

/// A navigation entry: shown to whoever holds its permission.
struct NavEntry: Sendable {
    var label: String
    var url: SiteURL
    var permission: Permission
}

extension Application {
    private struct ModulesKey: StorageKey { typealias Value = [any UnionModule] }

    /// The modules this server runs (`Modules.all` unless a test leaves one out).
    var modules: [any UnionModule] {
        get { storage[ModulesKey.self] ?? Modules.all }
        set { storage[ModulesKey.self] = newValue }
    }

    /// Wires the modules: settings, then the registries that read them, then routes.
    func useModules(_ modules: [any UnionModule]) throws {
        self.modules = modules
        for m in modules { try m.configure(self) }
        alertSources = modules.flatMap { $0.alertSources(self) }
        workSources = modules.flatMap { $0.workSources(self) }
        indicatorSources = modules.flatMap { $0.indicatorSources(self) }.map { CachedIndicatorSource(source: $0, cache: statsCache) }
        trendSources = modules.flatMap { $0.trends(self) }
        importers = modules.flatMap(\.importers)
        uploadRoutes =
            importers.flatMap { [$0.uploadURL, SiteURL.api($0.apiUploadURL)] }.map { UploadRoute(url: $0, maxBytes: config.maxUploadBytes) }
            + modules.flatMap(\.attachmentUploads).map { UploadRoute(url: $0, maxBytes: Attachments.bodyLimit(config)) }
        auditLabels = modules.flatMap(\.auditActions).reduce(into: [:]) { labels, a in labels[a.auditCode] = a.auditLabel }
        for m in modules { try m.routes(self) }
    }
}

extension Application {
    private struct WorkSourcesKey: StorageKey { typealias Value = [any WorkSource] }

    /// The modules' parts of the home page's to-do list, in module order.
    var workSources: [any WorkSource] {
        get { storage[WorkSourcesKey.self] ?? [] }
        set { storage[WorkSourcesKey.self] = newValue }
    }
}
