import Domain
import Fluent
import Vapor

/// The audit log browser (admin only): filter by action, entity, user and date.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .audit, .auditRead, use: index)
    }

    struct ListQuery: Content {
        var action: String?
        var entity: String?
        var username: String?
        var from: String?
        var to: String?
        var page: Int?
    }

    struct AuditPage: Page {
        static let template = "audit/index"
        struct Row: Encodable, Sendable {
            var at: String
            var username: String
            var ip: String
            var action: String
            var entity: String
            var before: String
            var after: String
            var success: Bool
        }
        var layout: Layout
        var rows: [Row]
        var pager: Pager
        var filter: ListQuery
        /// The filters' choices: every action by its Chinese label, every kind of record, every user.
        var actions: [SelectOption]
        var entities: [SelectOption]
        var users: [SelectOption]
        var listURL = SiteURL.audit.path
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try req.query.decode(ListQuery.self)
        var q = AuditEntry.query(on: req.db).sort(\.$id, .descending)
        // The dropdown gives one action; a typed prefix (`member`) still finds a module's actions.
        if let a = lq.action.flatMap(Input.optional) {
            q = req.application.auditLabels[a] != nil ? q.filter(\.$action == a) : q.filter(Like.prefix("audit_entries.action", a))
        }
        if let e = lq.entity.flatMap(Input.optional) { q = q.filter(\.$entity == e) }
        if let u = lq.username.flatMap(Input.optional) { q = q.filter(\.$username == u.lowercased()) }
        let zone = req.application.config.timeZone
        if let d = lq.from.flatMap(CalendarDate.init(parsing:)) { q = q.filter(\.$at >= d.date(in: zone)) }
        if let d = lq.to.flatMap(CalendarDate.init(parsing:)) { q = q.filter(\.$at < d.adding(days: 1).date(in: zone)) }
        let result = try await q.paged(page: lq.page ?? 1, per: 50)
        let fmt = DateFormatter()
        fmt.dateFormat = "yyyy-MM-dd HH:mm:ss"
        fmt.timeZone = zone
        let rows = result.rows.map { e in
            AuditPage.Row(
                at: fmt.string(from: e.at), username: e.username, ip: e.ip ?? "", action: req.application.auditLabel(e.action),
                entity: (AuditWording.entities[e.entity] ?? e.entity) + (e.entityID.map { " #\($0)" } ?? ""),
                before: AuditWording.readable(e.before), after: AuditWording.readable(e.after), success: e.success)
        }
        let pager = Pager(
            result, base: SiteURL.audit.path,
            query: [("action", lq.action), ("entity", lq.entity), ("username", lq.username), ("from", lq.from), ("to", lq.to)])
        let labels = req.application.auditLabels
        let names = try await User.query(on: req.db).sort(\.$username).all()
        return try await AuditPage(
            layout: Layout(title: "操作日志", principal: p, active: .audit), rows: rows, pager: pager,
            filter: lq,
            actions: labels.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map {
                SelectOption(value: $0.key, label: $0.value, selected: $0.key == lq.action)
            },
            entities: AuditWording.entities.sorted { $0.value < $1.value }.map {
                SelectOption(value: $0.key, label: $0.value, selected: $0.key == lq.entity)
            },
            users: names.map { SelectOption(value: $0.username, label: "\($0.displayName)（\($0.username)）", selected: $0.username == lq.username) }
        ).render(req)
    }
}
