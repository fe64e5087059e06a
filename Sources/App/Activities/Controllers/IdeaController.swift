import Domain
import Fluent
import Vapor

/// 金点子 pages: the ideas of a year with their figures, handing one in by the proposer's card, and its assessment.
struct IdeaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .ideas, .activitiesRead, use: index)
        routes.endpoint(.GET, .ideaNew, .activitiesRecord, use: new)
        routes.endpoint(.POST, .ideas, .activitiesRecord, use: create)
        routes.endpoint(.GET, .idea(nil), .activitiesRead, use: show)
        routes.endpoint(.POST, .ideaDecision(nil), .activitiesRecord, use: decide)
    }

    static func list(_ q: FormFields, in scope: Scope, today: CalendarDate, on db: any Database) async throws -> (year: Int, list: Paged<Idea>) {
        var e = FieldErrors()
        let year = e.collect { () throws(FieldError) in try Input.int(q["year"], field: "year", label: "年度", range: CalendarDate.acceptedYears) } ?? nil
        try e.throwIfAny()
        let y = year ?? today.year
        var query = Ideas.scoped(scope, on: db).with(\.$member)
            .filter(\.$submittedOn >= CalendarDate.firstDay(of: y).iso).filter(\.$submittedOn <= CalendarDate.lastDay(of: y).iso)
        switch q["status"] {
        case "pending": query = query.filter(\.$decidedOn == nil)
        case "adopted": query = query.filter(\.$adopted == true)
        default: break
        }
        return (y, try await query.sort(\.$submittedOn, .descending).sort(\.$id, .descending).paged(page: q["page"].flatMap { Int($0) } ?? 1, per: 50))
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let (year, list) = try await Self.list(q, in: p.scope, today: req.today, on: req.db)
        let f = try await ActivityStats.ideasOverview(req.application, scope: p.scope, year: year, today: req.today, on: req.db)
        var page = RecordPage(layout: Layout(title: "“金点子”合理化建议", principal: p, active: .activities))
        if req.may(.activitiesRecord) { page.links.append(.init(label: "登记建议", url: SiteURL.ideaNew.path, id: "new-idea", secondary: false)) }
        page.links.append(.init(label: "返回活动培训", url: SiteURL.activities.path, id: "back"))
        func link(_ code: IndicatorCode) -> String { SiteURL.indicator(code).path + "?year=\(year)" }
        page.figures = [
            .init(label: "收到建议", value: "\(f.ideas)条", url: link(.ideasSubmitted)),
            .init(label: "参与率", value: Phrase.percent(f.proposers, of: f.members).map { "\($0)%" } ?? "—", url: link(.ideasParticipation)),
            .init(label: "采纳", value: "\(f.ideasAdopted)条", url: link(.ideasAdopted)),
            .init(label: "A级建议", value: "\(f.ideasExcellent)条", url: link(.ideasExcellent)),
            .init(label: "经济效益", value: Money.phrase(f.savings), url: link(.ideasSavings)),
            .init(label: "奖励", value: Money.phrase(f.rewards), url: link(.ideasRewards)),
        ]
        var form = FormBuilder(q)
        form.text("year", "年度", hint: "如 \(req.today.year)")
        form.select("status", "状态", [("pending", "待评定"), ("adopted", "已采纳")])
        page.filter = .init(action: SiteURL.ideas.path, fields: form.fields)
        page.sections = [
            .init(
                title: "\(year)年的建议", note: "共 \(list.totalText) 条。", table: .init(id: "ideas", columns: IdeaRow.columns, rows: list.rows.map { IdeaRow($0).pageRow }),
                pager: Pager(list, base: SiteURL.ideas.path, query: ["year", "status"].map { ($0, q[$0]) }))
        ]
        return try await page.render(req)
    }

    func new(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        values["submittedOn"] = values["submittedOn"] ?? req.today.iso
        values["orgId"] = try values["orgId"] ?? String(req.scope.orgID)
        return try await form(req, values, errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let i = try await Ideas.submit(try IdeaFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.idea(i.id).path, flash: "已登记建议“\(i.title)”（\(i.member.name)）")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status)
        }
    }

    private func form(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let scope = try req.scope
        let unions = try await OrganizationQuery.choices(in: scope, limit: 2000, on: req.db)
        let campaigns = try await Activities.scoped(scope, on: req.db).filter(\.$kind == "ideas").sort(\.$startsOn, .descending).limit(50).all()
        var f = FormBuilder(values, errors: errors)
        f.select("orgId", "收集工会", unions, required: true)
        if !campaigns.isEmpty { f.select("activityId", "征集活动", campaigns.map { (String($0.id ?? 0), "\($0.title)（\($0.startsOn)起）") }) }
        f.text("card", "提出人会员证号", hint: "如 GH00000139", required: true)
        f.text("employer", "所在单位")
        f.text("title", "建议名称", hint: "如 改进冲压模具定位装置", required: true)
        f.area("description", "建议内容")
        f.date("submittedOn", "提出日期", required: true)
        let page = FormPage(
            layout: Layout(title: "登记合理化建议", principal: try req.requirePrincipal(), active: .activities), action: SiteURL.ideas.path, form: f,
            submitLabel: "登记", intro: "评定等级、是否采纳和奖励在建议页登记。", formID: "idea-form")
        return try await page.render(req, status: status)
    }

    func show(req: Request) async throws -> Response { try await ideaPage(req, typed: FormFields(), errors: [:]) }

    private func ideaPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let i = try await Ideas.find(req.id("建议"), in: p.scope, on: req.db)
        let id = try i.requireID()
        var page = RecordPage(layout: Layout(title: i.title, principal: p, active: .activities))
        page.links = [.init(label: "返回建议", url: SiteURL.ideas.path + "?year=\(i.submittedOn.prefix(4))", id: "back")]
        let campaign: String? = if let a = i.activityID { try await Activity.find(a, on: req.db)?.title } else { nil }
        page.facts = Fact.list([
            ("提出人", "\(i.member.name)（\(i.member.cardNumber)）"), ("所在单位", i.employer), ("收集工会", i.org.name), ("征集活动", campaign),
            ("提出日期", i.submittedOn), ("建议内容", i.description), ("状态", i.standing), ("评定等级", i.ideaGrade?.label), ("评定日期", i.decidedOn),
            ("经济效益", i.savings.map { "\(Money.yuan($0))元" }), ("奖励", i.reward.map { "\(Money.yuan($0))元" }),
        ])
        page.canHandle = req.may(.activitiesRecord)
        if page.canHandle {
            page.forms = [
                RecordPage.form(
                    "decision", title: i.decidedOn == nil ? "评定" : "重新评定", action: SiteURL.ideaDecision(id).path, submit: "保存", typed: typed, errors: errors,
                    defaults: [
                        "grade": i.grade ?? "", "adopted": i.adopted == true ? "on" : "", "decidedOn": i.decidedOn ?? req.today.iso,
                        "savings": i.savings.map { Money.yuan($0) } ?? "", "reward": i.reward.map { Money.yuan($0) } ?? "",
                    ]
                ) { f in
                    f.choice("grade", "评定等级", IdeaGrade.self, required: true)
                    f.check("adopted", "采纳实施")
                    f.date("decidedOn", "评定日期", required: true)
                    f.text("savings", "经济效益（元）", hint: "采纳实施后每年节约或增加的金额")
                    f.text("reward", "奖励（元）", hint: "未采纳的建议也可给予鼓励奖")
                }
            ]
        }
        return try await page.render(req, status: status)
    }

    func decide(req: Request) async throws -> Response {
        let id = try req.id("建议")
        return try await RecordPage.perform(req, back: SiteURL.idea(id).path, page: { typed, errors, status in
            try await ideaPage(req, typed: typed, errors: errors, status: status)
        }) { values in
            let i = try await Ideas.decide(id, values, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已评定：\(i.ideaGrade?.label ?? "")，\(i.standing)"
        }
    }
}
