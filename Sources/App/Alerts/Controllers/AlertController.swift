import Domain
import Vapor

/// The alert centre (预警中心), page and `/api/v1/alerts`: every registered module's deadlines in one list, filtered by module, severity, or
/// the caller's own items.
struct AlertController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .alerts, .signedIn, use: page)
        routes.endpoint(
            .GET, .api(.alerts), .signedIn, doc: APIDoc(summary: "预警中心：各模块的到期与逾期事项", queryFields: ["module", "severity", "mine"]),
            use: api)
    }

    func api(req: Request) async throws -> AlertCentre.Result {
        try await Self.result(req, try req.query.decode(FormFields.self))
    }

    static func result(_ req: Request, _ q: FormFields) async throws -> AlertCentre.Result {
        let sources = req.application.alertSources
        if let m = Input.optional(q["module"]), !sources.contains(where: { $0.module == m }) {
            throw FieldError(field: "module", message: "模块“\(m)”无效，应为：" + sources.map(\.module).joined(separator: "、"))
        }
        var severity: AlertItem.Severity?
        if let s = Input.optional(q["severity"]) {
            guard let v = AlertItem.Severity(rawValue: s) else {
                throw FieldError(
                    field: "severity", message: "紧急程度“\(s)”无效，应为：" + AlertItem.Severity.allCases.map(\.rawValue).joined(separator: "、"))
            }
            severity = v
        }
        let p = try req.requirePrincipal()
        let query = AlertQuery(scope: p.scope, today: req.today, handler: Input.flag(q["mine"]) ? p.userID : nil)
        return try await AlertCentre.collect(query, sources: sources, module: Input.optional(q["module"]), severity: severity, on: req.db)
    }

    func page(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let result = try await Self.result(req, q)
        let sources = req.application.alertSources
        let labels = Dictionary(uniqueKeysWithValues: sources.map { ($0.module, $0.label) })
        let shown = Array(AlertCentre.bySubject(result.items).prefix(500))
        return try await AlertCentrePage(
            layout: Layout(title: "预警中心", principal: p, active: .alerts),
            rows: shown.map { AlertRow($0.first, labels: $0.labels, moduleLabel: labels[$0.first.module] ?? $0.first.module) },
            total: result.subjects,
            counts: result.counts.filter { $0.count > 0 }.map {
                AlertCountRow(
                    module: labels[$0.module] ?? $0.module, label: $0.label, count: $0.count,
                    url: SiteURL.alerts.path + "?module=" + $0.module)
            },
            modules: sources.map { SelectOption(value: $0.module, label: $0.label, selected: $0.module == q["module"]) },
            severities: AlertItem.Severity.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == q["severity"])
            },
            mine: Input.flag(q["mine"])
        ).render(req)
    }
}
