import Domain
import Fluent
import Vapor

/// Yearly targets per org and indicator: the page with each target's progress and the records that make its gap,
/// the form to set one, and the API.
struct TargetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .targets, .reportRead, use: page)
        routes.endpoint(.POST, .targets, .reportWrite, use: setFromForm)
        routes.endpoint(.POST, .targetDelete(nil), .reportWrite, use: deleteFromForm)
        routes.endpoint(
            .GET, .api(.targets), .reportRead, doc: APIDoc(summary: "年度目标及完成情况", queryFields: ["orgId", "year"]), use: apiList)
        routes.endpoint(
            .PUT, .api(.targets), .reportWrite,
            doc: APIDoc(summary: "设定年度目标", body: TargetFields.inputFields),
            use: apiSet)
        routes.endpoint(.DELETE, .api(.target(nil)), .reportWrite, doc: APIDoc(summary: "删除年度目标"), use: apiDelete)
    }

    /// The org (`orgId` in the caller's subtree, default their own) and the year (default this year).
    private func subject(_ req: Request, _ f: FormFields) async throws -> (Organization, Int) {
        let scope = try req.scope
        let org = try await OrganizationQuery.find(
            try Input.id(f["orgId"], field: "orgId", label: "单位") ?? scope.orgID, in: scope, on: req.db)
        let year = try Input.int(f["year"], field: "year", label: "年度", range: 2000...2100) ?? req.today.year
        return (org, year)
    }

    private func progress(_ req: Request, org: Organization, year: Int) async throws -> [Targets.Line] {
        let period = ReportPeriod.yearToDate(year, until: req.today)
        return try await Targets.progress(
            org: org, year: year, period: period, today: req.today, sources: req.application.indicatorSources, on: req.db)
    }

    private func set(_ req: Request, _ f: FormFields) async throws -> (Organization, Target) {
        let d = IndicatorRegistry.find(IndicatorCode(Input.optional(f["indicator"]) ?? ""), in: req.application.indicatorSources)?.definition
        let fields = try TargetFields.validate(f, definition: d)
        let org = try await OrganizationQuery.find(fields.orgId ?? req.scope.orgID, in: req.scope, on: req.db)
        return (org, try await Targets.set(fields, org: org, actor: req.actor, at: req.now, on: req.db))
    }

    func apiList(req: Request) async throws -> [Targets.Line] {
        let (org, year) = try await subject(req, try req.query.decode(FormFields.self))
        return try await progress(req, org: org, year: year)
    }

    func apiSet(req: Request) async throws -> [Targets.Line] {
        let f = try req.decodeJSON(FormFields.self)
        let (org, t) = try await set(req, f)
        return try await progress(req, org: org, year: t.year).filter { $0.id == t.id }
    }

    func apiDelete(req: Request) async throws -> HTTPStatus {
        try await Targets.delete(try req.id("目标"), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return .noContent
    }

    func page(req: Request) async throws -> Response {
        try await render(req, try req.query.decode(FormFields.self), errors: [:])
    }

    func setFromForm(req: Request) async throws -> Response {
        let f = try req.content.decode(FormFields.self)
        do {
            let (org, t) = try await set(req, f)
            return req.redirect(to: SiteURL.targets.path + "?orgId=\(org.id ?? 0)&year=\(t.year)", flash: "已保存目标")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await render(req, f, errors: errors, status: status)
        }
    }

    func deleteFromForm(req: Request) async throws -> Response {
        let f = try req.content.decode(FormFields.self)
        if let ask = try await req.askFirst(
            f, title: "确认删除目标", statements: ["删除这项年度目标：统计总览和工作总结将不再对照它，删除记入操作日志。"],
            confirmLabel: "确认删除", cancelURL: SiteURL.targets.path)
        {
            return ask
        }
        try await Targets.delete(try req.id("目标"), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return req.redirect(to: SiteURL.targets.path, flash: "已删除目标")
    }

    private func render(_ req: Request, _ f: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        let (org, year) = try await subject(req, f)
        let lines = try await progress(req, org: org, year: year)
        let definitions = req.application.indicatorSources.flatMap(\.definitions)
        var values = f
        if values["year"] == nil { values["year"] = String(year) }
        var form = FormBuilder(values, errors: errors)
        form.select("indicator", "指标", definitions.map { ($0.code.rawValue, $0.name) }, required: true)
        form.text("year", "年度", required: true)
        form.text("value", "目标值", hint: "比率填百分数（如 100），人数、件数填整数，金额可写 5万", required: true)
        form.text("note", "说明")
        let query = "orgId=\(org.id ?? 0)&year=\(year)"
        return try await TargetPage(
            layout: Layout(title: "年度目标 · \(org.name) · \(year)年", principal: p, active: .reportSummary),
            rows: lines.map { l in
                let d = definitions.first { $0.code == l.indicator }
                let gap = d?.gap != nil ? "&gap=1" : ""
                return TargetRow(
                    name: l.name, target: l.target, actual: l.actual, met: l.progress.met, gap: l.gapText ?? "",
                    gapURL: SiteURL.indicator(l.indicator).path + "?" + query + gap, deleteURL: SiteURL.targetDelete(l.id).path,
                    editURL: SiteURL.targets.path + "?" + Self.editQuery(l, d: d, orgID: org.id ?? 0) + "#target-form",
                    note: l.note ?? "")
            }, canManage: req.may(.reportWrite), form: FieldGroup(fields: form.fields), orgId: String(org.id ?? 0),
            formError: errors[FormBuilder.formKey]
        ).render(req, status: status)
    }
}

extension TargetController {
    /// The targets page's query that fills the form with a target as it stands.
    static func editQuery(_ l: Targets.Line, d: IndicatorDefinition?, orgID: Int) -> String {
        let value = d?.kind == .money ? Money.yuan(l.progress.target).replacingOccurrences(of: ",", with: "") : String(l.progress.target)
        var c = URLComponents()
        c.queryItems = [
            URLQueryItem(name: "orgId", value: String(orgID)), URLQueryItem(name: "year", value: String(l.year)),
            URLQueryItem(name: "indicator", value: l.indicator.rawValue), URLQueryItem(name: "value", value: value),
            URLQueryItem(name: "note", value: l.note ?? ""),
        ]
        return c.percentEncodedQuery ?? ""
    }
}

struct TargetRow: Encodable, Sendable {
    var name: String
    var target: String
    var actual: String
    var met: Bool
    var gap: String
    var gapURL: String
    var deleteURL: String
    /// The form below, filled with this target: saving it replaces the target.
    var editURL: String
    var note: String
}

struct TargetPage: Page {
    static let template = "reports/targets"
    var layout: Layout
    var rows: [TargetRow]
    var canManage: Bool
    var form: FieldGroup
    var orgId: String
    var formError: String?
    var action = SiteURL.targets.path
}
