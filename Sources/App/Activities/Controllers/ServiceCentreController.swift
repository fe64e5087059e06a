import Domain
import Fluent
import Vapor

/// Service centres' pages: the list with what is open by kind and each centre against its standard, recording and
/// correcting a centre (the equipment of its kind), its page with the day's visits and the activities held there.
struct ServiceCentreController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .serviceCentres, .activitiesRead, use: index)
        routes.endpoint(.GET, .serviceCentreNew, .activitiesRecord, use: new)
        routes.endpoint(.POST, .serviceCentres, .activitiesRecord, use: create)
        routes.endpoint(.GET, .serviceCentre(nil), .activitiesRead, use: show)
        routes.endpoint(.GET, .serviceCentreEdit(nil), .activitiesRecord, use: edit)
        routes.endpoint(.POST, .serviceCentreEdit(nil), .activitiesRecord, use: update)
        routes.endpoint(.POST, .serviceCentreVisits(nil), .activitiesRecord, use: visit)
    }

    static func list(_ q: FormFields, in scope: Scope, on db: any Database) async throws -> Paged<ServiceCentre> {
        var query = ServiceCentres.scoped(scope, on: db).with(\.$org)
        if let k = Input.optional(q["kind"]) { query = query.filter(\.$kind == k) }
        if q["closed"] != "1" { query = query.filter(\.$closedOn == nil) }
        return try await query.sort(\.$kind).sort(\.$name).sort(\.$id).paged(page: q["page"].flatMap { Int($0) } ?? 1, per: 50)
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.activityRules
        let q = try req.query.decode(FormFields.self)
        let list = try await Self.list(q, in: p.scope, on: req.db)
        let year = req.today.year
        var f = ActivityFigures()
        try await ActivityStats.centres(&f, in: p.scope, from: CalendarDate.firstDay(of: year), to: req.today, rules: rules, on: req.db)
        let tallies = try await CentreTally.of(list.rows.compactMap(\.id), from: CalendarDate.firstDay(of: year), to: req.today, on: req.db)
        var page = RecordPage(layout: Layout(title: "职工服务阵地", principal: p, active: .activities))
        if req.may(.activitiesRecord) { page.links.append(.init(label: "登记服务阵地", url: SiteURL.serviceCentreNew.path, id: "new-centre", secondary: false)) }
        page.links.append(.init(label: "返回活动培训", url: SiteURL.activities.path, id: "back"))
        func link(_ code: IndicatorCode) -> String { SiteURL.indicator(code).path + "?year=\(year)" }
        page.intro = "在用阵地截至今天；接待、志愿服务和借阅为\(year)年累计。"
        page.figures = f.centres.map { .init(label: $0.label, value: "\($0.count)个", url: link(.centreKind($0.code))) } + [
            .init(label: "接待职工", value: "\(f.centreVisits)人次", url: link(.centresVisits)),
            .init(label: "志愿服务", value: "\(f.volunteers)人次", url: link(.centresVolunteers)),
            .init(label: "借阅图书", value: "\(f.booksLent)册", url: link(.centresBooksLent)),
        ]
        var form = FormBuilder(q)
        form.select("kind", "类别", rules.centreKinds.map { ($0.code, $0.label) })
        form.check("closed", "含已停用")
        page.filter = .init(action: SiteURL.serviceCentres.path, fields: form.fields)
        page.sections = [
            .init(
                title: "服务阵地", note: "共 \(list.totalText) 个；达标情况按本地标准（面积、藏书、专人管理、配置）核对。",
                table: .init(id: "centres", columns: CentreRow.columns, rows: list.rows.map { CentreRow($0, rules: rules, tally: tallies[$0.id ?? 0]).pageRow }),
                pager: Pager(list, base: SiteURL.serviceCentres.path, query: ["kind", "closed"].map { ($0, q[$0]) }))
        ]
        return try await page.render(req)
    }

    func new(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        values["openedOn"] = values["openedOn"] ?? req.today.iso
        values["orgId"] = try values["orgId"] ?? String(req.scope.orgID)
        return try await form(req, values, errors: [:], editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let centre = try await ServiceCentres.create(
                try ServiceCentreFields.validate(values, rules: req.application.activityRules, today: req.today), in: req.scope, actor: req.actor, at: req.now,
                on: req.db)
            return req.redirect(to: SiteURL.serviceCentre(centre.id).path, flash: "已登记“\(centre.name)”")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let centre = try await ServiceCentres.find(req.id("服务阵地"), in: req.scope, on: req.db)
        var v = FormFields()
        v["orgId"] = String(centre.$org.id)
        v["kind"] = centre.kind
        v["name"] = centre.name
        v["host"] = centre.host
        v["openedOn"] = centre.openedOn
        v["closedOn"] = centre.closedOn
        v["area"] = centre.area.map(String.init)
        v["hours"] = centre.hours
        v["rooms"] = centre.rooms
        v["keeper"] = centre.keeper
        v["books"] = centre.books.map(String.init)
        v["equipment"] = centre.equipmentList.joined(separator: ",")
        return try await form(req, v, errors: [:], editing: centre)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.id("服务阵地")
        let values = try req.content.decode(FormFields.self)
        do {
            let centre = try await ServiceCentres.update(
                id, try ServiceCentreFields.validate(values, rules: req.application.activityRules, today: req.today), in: req.scope, actor: req.actor, at: req.now,
                on: req.db)
            return req.redirect(to: SiteURL.serviceCentre(centre.id).path, flash: "已保存修改")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status, editing: try await ServiceCentres.find(id, in: req.scope, on: req.db))
        }
    }

    /// The kind first (its standard decides the fields): area for a 母婴室, books for a 职工书屋, its equipment list.
    private func form(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok, editing: ServiceCentre?) async throws
        -> Response
    {
        let rules = req.application.activityRules
        let p = try req.requirePrincipal()
        guard let kind = values["kind"].flatMap(rules.centreKind) else {
            var page = RecordPage(layout: Layout(title: "登记服务阵地", principal: p, active: .activities))
            page.intro = "先选阵地类别，表单只列这一类的标准和配置。"
            page.links = rules.centreKinds.map { .init(label: $0.label, url: SiteURL.serviceCentreNew.path + "?kind=\($0.code)", id: "kind-\($0.code)") }
            return try await page.render(req)
        }
        let unions = try await OrganizationQuery.choices(in: p.scope, limit: 2000, on: req.db)
        var f = FormBuilder(values, errors: errors)
        f.hidden("kind", kind.code)
        f.select("orgId", "所属工会", unions, required: true)
        f.text("name", "名称", hint: "如 示例镇总工会职工书屋", required: true)
        f.text("host", "所在单位", hint: "设在企业、社区的填写")
        f.date("openedOn", "建成日期", required: true)
        if editing != nil { f.date("closedOn", "停用日期", hint: "停用、撤销的填写") }
        f.text("area", "面积（㎡）", hint: kind.minArea.map { "标准不少于\($0)㎡" })
        f.text("hours", "开放时间", hint: "如 周一至周五 9:00-17:00")
        f.text("rooms", "功能室", hint: "如 阅览室、健身室、心理咨询室")
        f.text("keeper", "管理人", hint: kind.needsKeeper ? "标准要求专人管理" : nil)
        if kind.minBooks != nil || kind.code == "library" { f.text("books", "藏书（册）", hint: kind.minBooks.map { "标准不少于\($0)册" }) }
        if !kind.equipment.isEmpty { f.checkList("equipment", "已有配置", kind.equipment) }
        let page = FormPage(
            layout: Layout(title: editing.map { "修改 \($0.name)" } ?? "登记\(kind.label)", principal: p, active: .activities),
            action: editing.map { SiteURL.serviceCentreEdit($0.id).path } ?? SiteURL.serviceCentres.path, form: f, submitLabel: editing == nil ? "登记" : "保存",
            intro: "接待人次、志愿服务和借阅在阵地页按日登记。", formID: "centre-form")
        return try await page.render(req, status: status)
    }

    func show(req: Request) async throws -> Response { try await centrePage(req, typed: FormFields(), errors: [:]) }

    private func centrePage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.activityRules
        let centre = try await ServiceCentres.find(req.id("服务阵地"), in: p.scope, on: req.db)
        let id = try centre.requireID()
        let visits = try await CentreVisit.query(on: req.db).filter(\.$centre.$id == id).with(\.$member).sort(\.$onDate, .descending).sort(\.$id, .descending)
            .limit(100).all()
        let events = try await Activity.query(on: req.db).filter(\.$centreID == id).with(\.$org).sort(\.$startsOn, .descending).limit(100).all()
        let year = req.today.year
        let tally = try await CentreTally.of([id], from: CalendarDate.firstDay(of: year), to: req.today, on: req.db)[id]
        let missing = centre.missing(rules)
        var page = RecordPage(layout: Layout(title: centre.name, principal: p, active: .activities))
        page.links = [.init(label: "返回服务阵地", url: SiteURL.serviceCentres.path, id: "back")]
        if req.may(.activitiesRecord) { page.links.insert(.init(label: "修改", url: SiteURL.serviceCentreEdit(id).path, id: "edit"), at: 0) }
        page.facts = Fact.list([
            ("类别", rules.centreKind(centre.kind)?.label ?? centre.kind), ("所属工会", centre.org.name), ("所在单位", centre.host),
            ("建成日期", centre.openedOn), ("停用日期", centre.closedOn), ("面积", centre.area.map { "\($0)㎡" }), ("开放时间", centre.hours),
            ("功能室", centre.rooms), ("管理人", centre.keeper), ("藏书", centre.books.map { "\($0)册" }), ("已有配置", centre.equipmentList.joined(separator: "、")),
            ("达标情况", missing.isEmpty ? "达标" : "未达标，缺：" + missing.joined(separator: "、")),
            ("\(year)年", "接待\(tally?.visits ?? 0)人次，志愿服务\(tally?.volunteers ?? 0)人次，借阅\(tally?.booksLent ?? 0)册，举办活动\(events.filter { $0.startsOn.hasPrefix(String(year)) }.count)次"),
        ])
        page.sections = [
            .init(
                title: "接待登记", note: "最近100条；按人数登记的一行一天，按会员证号登记的一人一次。",
                table: .init(
                    id: "visits", columns: ["日期", "接待（人次）", "会员", "志愿者（人次）", "借阅（册）"],
                    rows: visits.map { v in
                        .init(cells: [
                            RecordPage.Cell(v.onDate), RecordPage.Cell(String(v.visits), num: true),
                            RecordPage.Cell(v.member.map { "\($0.name)（\($0.cardNumber)）" } ?? ""), RecordPage.Cell(String(v.volunteers), num: true),
                            RecordPage.Cell(String(v.booksLent), num: true),
                        ])
                    })),
            .init(title: "在这里举办的活动", table: .init(id: "events", columns: ActivityRow.columns, rows: events.map { ActivityRow($0, rules: rules).pageRow })),
        ]
        page.canHandle = req.may(.activitiesRecord) && centre.closedOn == nil
        if page.canHandle {
            page.forms = [
                RecordPage.form(
                    "visit", title: "登记接待", action: SiteURL.serviceCentreVisits(id).path, submit: "登记", typed: typed, errors: errors, defaults: ["on": req.today.iso]
                ) { f in
                    f.date("on", "日期", required: true)
                    f.text("visits", "接待人次", hint: "当天的人数合计；按人登记的填会员证号")
                    f.text("card", "会员证号", hint: "一人一次，如 GH00000139")
                    f.text("volunteers", "志愿者人次")
                    f.text("booksLent", "借阅图书（册）")
                }
            ]
        }
        return try await page.render(req, status: status)
    }

    func visit(req: Request) async throws -> Response {
        let id = try req.id("服务阵地")
        return try await RecordPage.perform(req, back: SiteURL.serviceCentre(id).path, page: { typed, errors, status in
            try await centrePage(req, typed: typed, errors: errors, status: status)
        }) { values in
            let v = try await ServiceCentres.visit(id, values, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记\(v.onDate)接待\(v.visits)人次"
        }
    }
}
