import Domain
import Fluent
import Vapor

/// The work summary: the web view (each figure linked to its records), downloads in Word and Markdown, and the API.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .reportSummary, .reportRead, use: page)
        routes.endpoint(.GET, .reportSummaryFile(nil), .reportRead, use: file)
        routes.endpoint(
            .GET, .api(.reportSummary), .reportRead,
            doc: APIDoc(summary: "工作总结（按记录生成）", queryFields: ["orgId", "year", "half", "from", "to", "format"]), use: api)
    }

    /// The org a report covers (`orgId`, a node of the caller's subtree, default their own) and the period.
    static func subject(_ req: Request, _ q: FormFields) async throws -> (Organization, ReportPeriod) {
        let scope = try req.scope
        let period = try ReportPeriod.parse(q, today: req.today)
        let id = try Input.id(q["orgId"], field: "orgId", label: "单位") ?? scope.orgID
        return (try await OrganizationQuery.find(id, in: scope, on: req.db), period)
    }

    /// The org, the period, and the summary drafted from the records.
    static func summary(_ req: Request, _ q: FormFields) async throws -> (Organization, ReportPeriod, WorkSummary) {
        let (org, period) = try await subject(req, q)
        let s = try await WorkSummaries.compose(org: org, period: period, today: req.today, app: req.application, on: req.db)
        return (org, period, s)
    }

    static func render(_ s: WorkSummary, _ format: SummaryExport.Format, for req: Request) throws -> Response {
        switch format {
        case .docx:
            return .attachment(
                try SummaryExport.docx(s), contentType: format.contentType, name: "\(s.title).docx", fallback: "summary.docx")
        case .md:
            return .attachment(
                Data(SummaryMarkdown.render(s).utf8), contentType: format.contentType, name: "\(s.title).md", fallback: "summary.md")
        case .html: return Response(status: .ok, headers: ["Content-Type": format.contentType], body: .init(string: SummaryExport.page(s)))
        case .json:
            return Response(status: .ok, headers: ["Content-Type": format.contentType], body: .init(data: try JSONEncoder().encode(s)))
        }
    }

    func page(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let orgs = try await Organization.scoped(p.scope, on: req.db).filter(\.$level == OrgLevel.federation.rawValue).sort(\.$path).limit(
            200
        ).all()
        do {
            let (org, period, s) = try await Self.summary(req, q)
            let query = Self.query(orgID: try org.requireID(), period: period)
            return try await SummaryPage(
                layout: Layout(title: s.title, principal: p, active: .reportSummary),
                orgs: orgs.map { SelectOption(value: String($0.id ?? 0), label: $0.name, selected: $0.id == org.id) }, orgName: org.name,
                year: q["year"] ?? (q["from"] == nil ? String(req.today.year) : ""), half: q["half"] ?? "", from: q["from"] ?? "",
                to: q["to"] ?? "",
                summaryHTML: SummaryExport.html(s, link: { f in f.indicator.map { SiteURL.indicator($0).path + "?" + query } }),
                docxURL: SiteURL.reportSummaryFile("docx").path + "?" + query,
                markdownURL: SiteURL.reportSummaryFile("md").path + "?" + query,
                printURL: SiteURL.reportSummaryFile("html").path + "?" + query, error: ""
            ).render(req)
        } catch let e as FieldError {
            return try await SummaryPage(
                layout: Layout(title: "工作总结", principal: p, active: .reportSummary),
                orgs: orgs.map { SelectOption(value: String($0.id ?? 0), label: $0.name, selected: false) }, orgName: "",
                year: q["year"] ?? "",
                half: q["half"] ?? "", from: q["from"] ?? "", to: q["to"] ?? "", summaryHTML: "", docxURL: "", markdownURL: "",
                printURL: "",
                error: e.message
            ).render(req, status: .unprocessableEntity)
        }
    }

    /// The query naming an org and a period, as `ReportPeriod.parse` reads it back.
    static func query(orgID: Int, period: ReportPeriod) -> String {
        switch period.kind {
        case .year(let y): "orgId=\(orgID)&year=\(y)"
        case .half(let y, let h): "orgId=\(orgID)&year=\(y)&half=\(h)"
        case .range: "orgId=\(orgID)&from=\(period.from.iso)&to=\(period.to.iso)"
        }
    }

    func file(req: Request) async throws -> Response {
        guard let format = req.parameters.get("format").flatMap(SummaryExport.Format.init(rawValue:)), format != .json else {
            throw AppError.notFound("文件格式")
        }
        let (_, _, s) = try await Self.summary(req, try req.query.decode(FormFields.self))
        return try Self.render(s, format, for: req)
    }

    func api(req: Request) async throws -> Response {
        let q = try req.query.decode(FormFields.self)
        let format = try Input.choice(q["format"], SummaryFormatChoice.self, field: "format", name: "格式")?.format ?? .json
        let (_, _, s) = try await Self.summary(req, q)
        return try Self.render(s, format, for: req)
    }
}

/// The formats the API offers, as a closed list for its error message.
enum SummaryFormatChoice: String, Choice {
    case json, html, docx, md
    var label: String { rawValue }
    var format: SummaryExport.Format { SummaryExport.Format(rawValue: rawValue) ?? .json }
}

struct SummaryPage: Page {
    static let template = "reports/summary"
    var layout: Layout
    var orgs: [SelectOption]
    var orgName: String
    var year: String
    var half: String
    var from: String
    var to: String
    var summaryHTML: String
    var docxURL: String
    var markdownURL: String
    var printURL: String
    var error: String
    var hasError = false
    var hasSummary = false
    var listURL = SiteURL.reportSummary.path
    var indicatorsURL = SiteURL.indicators.path
    var targetsURL = SiteURL.targets.path

    init(
        layout: Layout, orgs: [SelectOption], orgName: String, year: String, half: String, from: String, to: String, summaryHTML: String,
        docxURL: String, markdownURL: String, printURL: String, error: String
    ) {
        (self.layout, self.orgs, self.orgName, self.year, self.half, self.from, self.to) = (layout, orgs, orgName, year, half, from, to)
        (self.summaryHTML, self.docxURL, self.markdownURL, self.printURL, self.error) = (summaryHTML, docxURL, markdownURL, printURL, error)
        hasError = !error.isEmpty
        hasSummary = !summaryHTML.isEmpty
        let query = docxURL.split(separator: "?").dropFirst().first.map { "?" + $0 } ?? ""
        indicatorsURL += query
        targetsURL += query
    }
}
