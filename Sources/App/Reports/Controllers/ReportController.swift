import Domain
import Leaf
import Fluent
import Vapor

/// The work summary: the web view (each figure linked to its records), downloads in Word and Markdown, and the API.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .reportSummary, .reportRead, use: page)
        routes.endpoint(.GET, .reportSummaryFile(nil), .reportRead, use: file)
        routes.endpoint(
            .GET, .api(.reportSummary), .reportRead,
            doc: APIDoc(
                summary: "工作总结（按记录生成，含人工修改）", queryFields: ["orgId", "year", "half", "from", "to", "format"],
                alsoProduces: SummaryExport.Format.allCases.filter { $0 != .json }.map { String($0.contentType.prefix { $0 != ";" }) }),
            use: api)
        routes.endpoint(.POST, .reportParagraphs, .reportWrite, use: paragraphFromForm)
        routes.endpoint(.POST, .reportFinalize, .reportWrite, use: finalizeFromForm)
        routes.endpoint(.GET, .snapshot(nil), .reportRead, use: snapshotPage)
        routes.endpoint(.GET, .snapshotFile(nil), .reportRead, use: snapshotFile)
        routes.endpoint(
            .PUT, .api(.reportParagraphs), .reportWrite,
            doc: APIDoc(
                summary: "修改或添加总结段落（text 为空则恢复系统文字）",
                body: ParagraphChange.inputFields), use: apiParagraph)
        routes.endpoint(
            .POST, .api(.reportFinalize), .reportWrite,
            doc: APIDoc(summary: "定稿（冻结为不可修改的上报版本）", body: ReportSubject.inputFields), use: apiFinalize)
        routes.endpoint(.GET, .api(.snapshot(nil)), .reportRead, doc: APIDoc(summary: "查看定稿"), use: apiSnapshot)
    }

    /// The org a report covers (`orgId`, a node of the caller's subtree, default their own) and the period.
    static func subject(_ req: Request, _ q: FormFields) async throws -> (Organization, ReportPeriod) {
        try await subject(req, try ReportSubject.validate(q, today: req.today))
    }

    static func subject(_ req: Request, _ s: ReportSubject) async throws -> (Organization, ReportPeriod) {
        let scope = try req.scope
        return (try await OrganizationQuery.find(s.orgId ?? scope.orgID, in: scope, on: req.db), s.period)
    }

    /// The org, the period, and the summary drafted from the records with the staff's edits.
    static func summary(_ req: Request, _ q: FormFields) async throws -> (Organization, ReportPeriod, EditedSummary) {
        let (org, period) = try await subject(req, q)
        let s = try await SummaryDrafts.current(org: org, period: period, today: req.today, app: req.application, on: req.reportDB)
        return (org, period, s)
    }

    static func render(_ s: WorkSummary, _ format: SummaryExport.Format, for req: Request) async throws -> Response {
        switch format {
        case .docx:
            return .attachment(
                try SummaryExport.docx(s), contentType: format.contentType, name: "\(s.title).docx", fallback: "summary.docx")
        case .md:
            return .attachment(
                Data(SummaryMarkdown.render(s).utf8), contentType: format.contentType, name: "\(s.title).md", fallback: "summary.md")
        case .html:
            let page = try await SummaryExport.page(s, views: req.leaf).data
            var headers: HTTPHeaders = ["Content-Type": format.contentType]
            // Its official-document styles stand inline, so the file prints the same saved to disk; the page's policy
            // allows exactly that style.
            let text = String(buffer: page)
            if let open = text.range(of: "<style>"), let close = text.range(of: "</style>", range: open.upperBound..<text.endIndex) {
                headers.replaceOrAdd(
                    name: "Content-Security-Policy",
                    value: SecurityHeadersMiddleware.csp(allowingStyle: String(text[open.upperBound..<close.lowerBound])))
            }
            return Response(status: .ok, headers: headers, body: .init(buffer: page))
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
            let (org, period, edited) = try await Self.summary(req, q)
            let s = edited.summary
            let query = Self.query(orgID: try org.requireID(), period: period)
            let canEdit = req.may(.reportWrite)
            let csrf = p.csrfToken ?? ""
            let fields = Self.hiddenFields(org: try org.requireID(), period: period, csrf: csrf)
            let snapshots = try await SummaryDrafts.snapshots(org: try org.requireID(), on: req.db)
            return try await SummaryPage(
                layout: Layout(title: s.title, principal: p, active: .reportSummary),
                orgs: orgs.map { SelectOption(value: String($0.id ?? 0), label: $0.name, selected: $0.id == org.id) }, orgName: org.name,
                year: q["year"] ?? (q["from"] == nil ? String(req.today.year) : ""), half: q["half"] ?? "", from: q["from"] ?? "",
                to: q["to"] ?? "",
                summary: SummaryView(
                    s, link: { f in f.indicator.map { SiteURL.indicator($0).path + "?" + query } }, edited: edited.edited,
                    conflicts: edited.conflicts, editing: canEdit ? fields : nil),
                docxURL: SiteURL.reportSummaryFile("docx").path + "?" + query,
                markdownURL: SiteURL.reportSummaryFile("md").path + "?" + query,
                printURL: SiteURL.reportSummaryFile("html").path + "?" + query, error: "",
                finalizeFields: canEdit ? fields : nil,
                snapshots: snapshots.map {
                    SnapshotLink(
                        title: $0.title, at: $0.createdAt.map { CalendarDate.on($0, in: req.application.config.timeZone).iso } ?? "",
                        url: SiteURL.snapshot($0.id).path)
                }
            ).render(req)
        } catch let e as FieldError {
            return try await SummaryPage(
                layout: Layout(title: "工作总结", principal: p, active: .reportSummary),
                orgs: orgs.map { SelectOption(value: String($0.id ?? 0), label: $0.name, selected: false) }, orgName: "",
                year: q["year"] ?? "",
                half: q["half"] ?? "", from: q["from"] ?? "", to: q["to"] ?? "", summary: nil, docxURL: "", markdownURL: "",
                printURL: "",
                error: e.message, finalizeFields: nil, snapshots: []
            ).render(req, status: .unprocessableEntity)
        }
    }

    /// The hidden fields that carry the org and period in a summary's forms.
    static func hiddenFields(org: Int, period: ReportPeriod, csrf: String) -> [HiddenField] {
        var fields = ["_csrf": csrf, "orgId": String(org)]
        switch period.kind {
        case .year(let y): fields["year"] = String(y)
        case .half(let y, let h): (fields["year"], fields["half"]) = (String(y), String(h))
        case .range: (fields["from"], fields["to"]) = (period.from.iso, period.to.iso)
        }
        return fields.sorted { $0.key < $1.key }.map { HiddenField(name: $0.key, value: $0.value) }
    }

    private func saveParagraph(_ req: Request, _ f: FormFields) async throws -> (Organization, ReportPeriod) {
        let edit = try ParagraphChange.validate(f, today: req.today)
        let (org, period) = try await Self.subject(req, edit.subject)
        try await SummaryDrafts.save(edit, org: org, today: req.today, app: req.application, actor: req.actor, at: req.now, on: req.db)
        return (org, period)
    }

    func paragraphFromForm(req: Request) async throws -> Response {
        let (org, period) = try await saveParagraph(req, try req.content.decode(FormFields.self))
        return req.redirect(to: SiteURL.reportSummary.path + "?" + Self.query(orgID: try org.requireID(), period: period), flash: "已保存段落")
    }

    func apiParagraph(req: Request) async throws -> Response {
        let (org, period) = try await saveParagraph(req, try req.decodeJSON(FormFields.self))
        let s = try await SummaryDrafts.current(org: org, period: period, today: req.today, app: req.application, on: req.db)
        return Response(
            status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: try JSONEncoder().encode(s)))
    }

    private func finalize(_ req: Request, _ f: FormFields) async throws -> SummarySnapshot {
        let (org, period) = try await Self.subject(req, f)
        return try await SummaryDrafts.finalize(
            org: org, period: period, today: req.today, app: req.application, actor: req.actor, at: req.now, on: req.db)
    }

    /// 定稿 freezes the summary for good, so the form asks first, naming what will be frozen.
    func finalizeFromForm(req: Request) async throws -> Response {
        let f = try req.content.decode(FormFields.self)
        let (org, period) = try await Self.subject(req, f)
        if let ask = try await req.askFirst(
            f, title: "确认定稿上报",
            statements: [
                "将\(org.name)\(period.label)工作总结定稿，按今天的记录固定全部数字并生成上报版本。",
                "定稿后该版本不能修改或撤回；之后补录的记录不会改变已定稿的版本，如需更正只能重新定稿一个新版本。",
            ], confirmLabel: "确认定稿", cancelURL: SiteURL.reportSummary.path + "?" + Self.query(orgID: try org.requireID(), period: period))
        {
            return ask
        }
        let snapshot = try await finalize(req, f)
        return req.redirect(to: SiteURL.snapshot(snapshot.id).path, flash: "已定稿上报")
    }

    func apiFinalize(req: Request) async throws -> Response {
        let s = try await finalize(req, try req.decodeJSON(FormFields.self))
        return try await SnapshotDTO(s).encodeResponse(status: .created, for: req)
    }

    func apiSnapshot(req: Request) async throws -> SnapshotDTO {
        SnapshotDTO(try await SummaryDrafts.snapshot(req.id("定稿"), in: req.scope, on: req.db).0)
    }

    func snapshotPage(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let (snap, summary) = try await SummaryDrafts.snapshot(req.id("定稿"), in: p.scope, on: req.db)
        let at = snap.createdAt.map { CalendarDate.on($0, in: req.application.config.timeZone).chinese } ?? ""
        return try await SnapshotPage(
            layout: Layout(title: "定稿 · \(snap.title)", principal: p, active: .reportSummary), at: at,
            summary: SummaryView(summary), docxURL: SiteURL.snapshotFile(snap.id).path
        ).render(req)
    }

    func snapshotFile(req: Request) async throws -> Response {
        let (_, summary) = try await SummaryDrafts.snapshot(req.id("定稿"), in: req.scope, on: req.db)
        return try await Self.render(summary, .docx, for: req)
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
        return try await Self.render(s.summary, format, for: req)
    }

    func api(req: Request) async throws -> Response {
        let q = try req.query.decode(FormFields.self)
        let format = try Input.choice(q["format"], SummaryExport.Format.self, field: "format", name: "格式") ?? .json
        let (_, _, s) = try await Self.summary(req, q)
        return try await Self.render(s.summary, format, for: req)
    }
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
    var summary: SummaryView?
    var docxURL: String
    var markdownURL: String
    var printURL: String
    var error: String
    var hasError = false
    /// The org and period the finalize form posts; nil for whoever may not finalise.
    var finalizeFields: [HiddenField]?
    var finalizeURL = SiteURL.reportFinalize.path
    var snapshots: [SnapshotLink]
    var hasSnapshots = false
    var listURL = SiteURL.reportSummary.path
    var indicatorsURL = SiteURL.indicators.path
    var targetsURL = SiteURL.targets.path

    init(
        layout: Layout, orgs: [SelectOption], orgName: String, year: String, half: String, from: String, to: String, summary: SummaryView?,
        docxURL: String, markdownURL: String, printURL: String, error: String, finalizeFields: [HiddenField]?, snapshots: [SnapshotLink]
    ) {
        (self.finalizeFields, self.snapshots, hasSnapshots) = (finalizeFields, snapshots, !snapshots.isEmpty)
        (self.layout, self.orgs, self.orgName, self.year, self.half, self.from, self.to) = (layout, orgs, orgName, year, half, from, to)
        (self.summary, self.docxURL, self.markdownURL, self.printURL, self.error) = (summary, docxURL, markdownURL, printURL, error)
        hasError = !error.isEmpty
        let query = docxURL.split(separator: "?").dropFirst().first.map { "?" + $0 } ?? ""
        indicatorsURL += query
        targetsURL += query
    }
}

struct SnapshotLink: Encodable, Sendable {
    var title: String
    var at: String
    var url: String
}

struct SnapshotDTO: Content {
    var id: Int
    var orgId: Int
    var title: String
    var period: String
    var createdAt: Date?
    var summary: WorkSummary?

    init(_ s: SummarySnapshot) {
        (id, orgId, title, period, createdAt) = (s.id ?? 0, s.$org.id, s.title, s.periodKey, s.createdAt)
        summary = try? JSONDecoder().decode(WorkSummary.self, from: Data(s.body.utf8))
    }
}

struct SnapshotPage: Page {
    static let template = "reports/snapshot"
    var layout: Layout
    var at: String
    var summary: SummaryView
    var docxURL: String
}
