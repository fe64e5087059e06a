import Domain
import Fluent
import Vapor

/// The township's employers, with and without a union, and their export.
struct EmployerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .employers, .employerRead, use: index)
        routes.endpoint(.GET, .employerNew, .employerWrite, use: new)
        routes.endpoint(.POST, .employers, .employerWrite, use: create)
        routes.endpoint(.GET, .employer(nil), .employerRead, use: show)
        routes.endpoint(.GET, .employerEdit(nil), .employerWrite, use: edit)
        routes.endpoint(.POST, .employerEdit(nil), .employerWrite, use: update)
        routes.endpoint(.GET, .employerExport, .employerRead, use: export)
    }

    struct ListQuery: Content {
        var q: String?
        var hasUnion: String?
        var minHeadcount: String?
        var page: Int?

        /// The list's filter; the export takes the same one.
        var filter: EmployerQuery.Filter {
            EmployerQuery.Filter(
                q: q, hasUnion: hasUnion == "yes" ? true : hasUnion == "no" ? false : nil, minHeadcount: minHeadcount.flatMap { Int($0) },
                page: page ?? 1)
        }
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try req.query.decode(ListQuery.self)
        let result = try await EmployerQuery.list(lq.filter, in: p.scope, on: req.db)
        let rows = result.rows.map { e in
            EmployerListPage.Row(
                name: e.name, creditCode: e.creditCode ?? "", headcount: e.headcount,
                sizeBand: SizeBand(headcount: e.headcount).label, industry: e.industry.flatMap(Industry.init(rawValue:))?.label ?? "",
                union: e.union?.name ?? "", hasUnion: e.union != nil, url: SiteURL.employer(e.id).path)
        }
        let pager = Pager(
            result, base: SiteURL.employers.path, query: [("q", lq.q), ("hasUnion", lq.hasUnion), ("minHeadcount", lq.minHeadcount)])
        return try await EmployerListPage(
            layout: Layout(title: "单位", principal: p, active: .employers), rows: rows, pager: pager,
            q: lq.q ?? "", hasUnion: lq.hasUnion ?? "", minHeadcount: lq.minHeadcount ?? "", canWrite: req.may(.employerWrite),
            exportURL: SiteURL.employerExport.path + "?" + Self.filterQuery(lq)
        ).render(req)
    }

    /// The list's filters as a query string, so an export takes what the list shows.
    static func filterQuery(_ lq: ListQuery) -> String {
        [("q", lq.q), ("hasUnion", lq.hasUnion), ("minHeadcount", lq.minHeadcount)].compactMap { k, v in
            v.flatMap { $0.isEmpty ? nil : "\(k)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined(separator: "&")
    }

    func new(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        return try await form(
            req, title: "新增单位", action: SiteURL.employers.path, values: EmployerInput(orgId: String(p.scope.orgID)), errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(EmployerInput.self)
        do {
            let f = try input.validate(mayForce: req.may(.employerForceCode), today: req.today)
            let e = try await EmployerQuery.create(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.employer(e.id).path, flash: "已保存单位")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, title: "新增单位", action: SiteURL.employers.path, values: input, errors: errors, status: status)
        }
    }

    /// What a reader sees of an employer (a leader, a drill-down's 查看): its record and its dated changes.
    func show(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let e = try await EmployerQuery.find(req.id("单位"), in: p.scope, on: req.db)
        let id = try e.requireID()
        let orgs = try await Organization.scoped(p.scope, on: req.db).all()
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let fields: [EmployerShowPage.Field] = [
            .init(label: "单位名称", value: e.name), .init(label: "统一社会信用代码", value: e.creditCode ?? ""),
            .init(label: "职工人数", value: "\(e.headcount)人（\(SizeBand(headcount: e.headcount).label)）"),
            .init(label: "行业", value: e.industry.flatMap(Industry.init(rawValue:))?.label ?? ""),
            .init(label: "经济类型", value: e.ownership.flatMap(Ownership.init(rawValue:))?.label ?? ""),
            .init(label: "地址", value: e.address ?? ""), .init(label: "所属组织", value: names[e.$org.id] ?? ""),
            .init(label: "所建工会", value: e.$union.id.map { names[$0] ?? "（其他工会）" } ?? "未建会"),
        ]
        return try await EmployerShowPage(
            layout: Layout(title: e.name, principal: p, active: .employers), fields: fields.filter { !$0.value.isEmpty },
            history: try await history(of: id, names: names, on: req.db), canWrite: req.may(.employerWrite),
            editURL: SiteURL.employerEdit(id).path
        ).render(req)
    }

    private func history(of id: Int, names: [Int: String], on db: any Database) async throws -> [EmployerHistoryRow] {
        try await EmployerHistory.history(of: id, on: db).map {
            .init(
                date: $0.onDate == EmployerHistory.beforeRecords ? "建档前" : $0.onDate, headcount: $0.headcount,
                union: $0.unionID.map { names[$0] ?? "（其他工会）" } ?? "未建会")
        }
    }

    func edit(req: Request) async throws -> Response {
        let e = try await EmployerQuery.find(req.id("单位"), in: req.scope, on: req.db)
        return try await form(
            req, title: "编辑单位", action: SiteURL.employerEdit(e.id).path, values: EmployerInput(e), errors: [:], employerID: e.id)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.id("单位")
        let input = try req.content.decode(EmployerInput.self)
        do {
            let f = try input.validate(mayForce: req.may(.employerForceCode), today: req.today)
            _ = try await EmployerQuery.update(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.employer(id).path, flash: "已保存单位")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(
                req, title: "编辑单位", action: SiteURL.employerEdit(id).path, values: input, errors: errors, status: status, employerID: id)
        }
    }

    private func form(
        _ req: Request, title: String, action: String, values: EmployerInput, errors: [String: String], status: HTTPResponseStatus = .ok,
        employerID: Int? = nil
    ) async throws -> Response {
        let p = try req.requirePrincipal()
        let orgs = try await Organization.scoped(p.scope, on: req.db).sort(\.$path).all()
        var page = EmployerFormPage(title: title, action: action, values: values, errors: errors, orgs: orgs, principal: p)
        if let employerID {
            let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
            page.history = try await history(of: employerID, names: names, on: req.db)
        }
        return try await page.render(req, status: status)
    }

    func export(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let lq = try req.query.decode(ListQuery.self)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ud-export-\(UUID().uuidString).xlsx")
        let count = try await EmployerExport.write(lq.filter, scope: p.scope, to: out, on: req.db)
        try await req.audit(OrganizationAudit.employerExport, entity: "employer", after: ["rows": String(count)])
        return try Response.xlsxDownload(out, name: "单位名录.xlsx")
    }
}
