import Domain
import Fluent
import Vapor

/// The start page: the caller's subtree and its key figures.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .home, .signedIn, use: home)
        routes.endpoint(.GET, .orgTreeRows(nil), .signedIn, use: treeRows)
        routes.endpoint(.GET, .health, .anonymous, use: health)
        routes.endpoint(.GET, .metrics, .anonymous, use: OperatorMetrics.scrape)
        routes.endpoint(.GET, .styles, .anonymous) { Self.asset($0, \.stylesheet, subType: "css") }
        routes.endpoint(.GET, .script, .anonymous) { Self.asset($0, \.script, subType: "javascript") }
    }

    /// A file of `Public/`, read at start-up and served from memory.
    static func asset(_ req: Request, _ text: KeyPath<Application, String>, subType: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: subType, parameters: ["charset": "utf-8"])
        headers.cacheControl = HTTPHeaders.CacheControl(isPublic: true, maxAge: 3600)
        return Response(status: .ok, headers: headers, body: .init(string: req.application[keyPath: text]))
    }

    /// For the reverse proxy's health check: the process answers, without touching the database.
    func health(req: Request) -> [String: String] {
        ["status": "ok"]
    }

    struct HomePage: Page {
        static let template = "home"
        var layout: Layout
        var orgName: String
        var members: Int
        var unions: Int
        var employers: Int
        var employers8NoUnion: Int
        /// Each headline's records and its 口径 (who is counted), from the indicator it is the value of.
        var links: [String: String]
        var bases: [String: String]
        /// What waits for this person today (待办), from every module.
        var work: [WorkItem]
        var hasWork: Bool
        var tree: [TreeRow]
    }

    /// The headline counts (unions, employers, those of 8 or more without a union): figures like the members', as old
    /// as the statistics cache keeps them.
    static func headline(_ scope: Scope, today: CalendarDate, app: Application, on db: any Database) async throws
        -> (unions: Int, employers: Int, employers8NoUnion: Int)
    {
        try await app.statsCache.value("home|\(scope.path)|\(today.iso)", on: db) { db in
            (
                try await Registers.count(Registers.unions(in: scope, on: today), on: db),
                try await Employer.scoped(scope, on: db).count(),
                try await Registers.count(Registers.employers(in: scope, on: today, atLeast: 8, covered: false), on: db)
            )
        }
    }

    func home(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let (db, scope, app) = (req.db, p.scope, req.application)
        let today = req.today
        let root = try await OrganizationQuery.find(scope.orgID, in: scope, on: db)
        let counts = try await req.membersByUnionToday()
        let totals = try await Registers.subtreeTotals(cachedIn: scope, today: today, app: app, on: db)
        let (unions, employers, no8) = try await Self.headline(scope, today: today, app: app, on: db)
        let sources = req.application.indicatorSources
        func basis(_ code: IndicatorCode, gap: Bool = false) -> String {
            let d = IndicatorRegistry.find(code, in: sources)?.definition
            return (gap ? d?.gap : d?.basis) ?? ""
        }
        var work: [WorkItem] = []
        let wq = WorkQuery(principal: p, today: today, now: req.now)
        for source in req.application.workSources { work += try await source.items(wq, on: db) }
        let page = HomePage(
            layout: Layout(title: "首页", principal: p, active: .home),
            orgName: root.name,
            members: counts.values.reduce(0, +), unions: unions,
            employers: employers, employers8NoUnion: no8,
            links: [
                "members": SiteURL.indicator(.membersTotal).path, "unions": SiteURL.indicator(.orgUnions).path,
                "noUnion": SiteURL.indicator(.orgCoverage8).path + "?gap=1", "employers": SiteURL.employers.path,
            ],
            bases: [
                "members": basis(.membersTotal), "unions": basis(.orgUnions), "noUnion": basis(.orgCoverage8, gap: true),
                "employers": "本级及下级登记的全部单位",
            ], work: work, hasWork: !work.isEmpty,
            tree: try await TreeRow.level(
                below: root, includingParent: true, rootPath: scope.path, counts: counts, totals: totals, today: today, on: db))
        return try await page.render(req)
    }

    struct TreeRowsPage: Page {
        static let template = "partials/tree-rows"
        var layout: Layout
        var tree: [TreeRow]
    }

    /// The children of a node of the caller's subtree as rows of the tree, for the page's script to insert below it.
    func treeRows(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let (db, scope, app, today) = (req.db, p.scope, req.application, req.today)
        let id = try req.parameters.require("id", as: Int.self)
        let node = try await OrganizationQuery.find(id, in: scope, on: db)
        let counts = try await req.membersByUnionToday()
        let totals = try await Registers.subtreeTotals(cachedIn: scope, today: today, app: app, on: db)
        return try await TreeRowsPage(
            layout: Layout(title: node.name, principal: p, active: .home),
            tree: try await TreeRow.level(
                below: node, includingParent: false, rootPath: scope.path, counts: counts, totals: totals, today: today, on: db)
        ).render(req)
    }
}

extension Application {
    private struct StylesheetKey: StorageKey { typealias Value = String }
    private struct ScriptKey: StorageKey { typealias Value = String }

    /// `Public/styles.css`, read at start-up.
    var stylesheet: String {
        get { storage[StylesheetKey.self] ?? "" }
        set { storage[StylesheetKey.self] = newValue }
    }

    /// `Public/app.js`, read at start-up: progressive enhancement only, every page works without it.
    var script: String {
        get { storage[ScriptKey.self] ?? "" }
        set { storage[ScriptKey.self] = newValue }
    }
}
