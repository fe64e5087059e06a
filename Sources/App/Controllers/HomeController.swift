import Domain
import Fluent
import Vapor

/// The start page: the caller's subtree and its key figures.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .home, .signedIn, use: home)
        routes.endpoint(.GET, .health, .anonymous, use: health)
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
        var tree: [TreeRow]
    }

    func home(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let orgs = try await Organization.scoped(p.scope, on: req.db).all()
        let counts = try await OrganizationQuery.memberCounts(in: p.scope, on: req.db)
        let employers = try await Employer.scoped(p.scope, on: req.db).count()
        let no8 = try await Employer.scoped(p.scope, on: req.db).filter(\.$headcount >= 8).filter(\.$union.$id == nil).count()
        let page = HomePage(
            layout: Layout(title: "首页", principal: p, active: .home),
            orgName: orgs.first { $0.id == p.scope.orgID }?.name ?? "",
            members: counts.values.reduce(0, +), unions: orgs.filter { $0.level == OrgLevel.union.rawValue }.count,
            employers: employers, employers8NoUnion: no8,
            tree: TreeRow.build(orgs, counts: counts, today: req.today, rootPath: p.scope.path))
        return try await page.render(req)
    }
}
