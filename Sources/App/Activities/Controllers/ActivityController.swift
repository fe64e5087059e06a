import Domain
import Fluent
import SQLKit
import Vapor

/// Activities pages: the list with the year's figures and a filter, recording an activity, a class or the sending of
/// members to a higher union's class (the form shows that choice's fields), the activity's page with its sessions,
/// attendance, sign-ups, programme, outputs, costs and certificates, and its correction.
struct ActivityController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .activities, .activitiesRead, use: index)
        routes.endpoint(.GET, .activityNew, .activitiesRecord, use: new)
        routes.endpoint(.POST, .activities, .activitiesRecord, use: create)
        routes.endpoint(.GET, .activity(nil), .activitiesRead, use: show)
        routes.endpoint(.GET, .activityEdit(nil), .activitiesRecord, use: edit)
        routes.endpoint(.POST, .activityEdit(nil), .activitiesRecord, use: update)
        routes.endpoint(.POST, .activitySessions(nil), .activitiesRecord, use: addSession)
        routes.endpoint(.POST, .activityAttendance(nil), .activitiesRecord, use: attend)
        routes.endpoint(.POST, .activitySignInSheet(nil), .activitiesRecord, body: .stream, use: attendSheet)
        routes.endpoint(.POST, .activityAttendanceRemoval(nil), .activitiesRecord, use: removeAttendance)
        routes.endpoint(.POST, .activitySignups(nil), .activitiesRecord, use: signUp)
        routes.endpoint(.POST, .activitySignupCancel(nil), .activitiesRecord, use: cancel)
        routes.endpoint(.POST, .activityOutputs(nil), .activitiesRecord, use: addOutput)
        routes.endpoint(.POST, .activityItems(nil), .activitiesRecord, use: addItem)
        routes.endpoint(.POST, .activityCosts(nil), .activitiesRecord, use: linkCost)
        routes.endpoint(.POST, .activityCertificates(nil), .activitiesRecord, use: certify)
        routes.endpoint(.POST, .activityResults(nil), .activitiesRecord, use: addResult)
        routes.endpoint(.POST, .activityPhotos(nil), .activitiesRecord, body: .stream, use: upload)
        routes.endpoint(.GET, .activityPhoto(nil, nil), .activitiesRead, use: download)
    }

    typealias Cell = RecordPage.Cell

    // MARK: The list

    struct Filter: Sendable {
        var year: Int
        var category: ActivityCategory?
        var kind: String?
        var text: String?
        var page = 1
    }

    static func filter(_ q: FormFields, today: CalendarDate) throws -> Filter {
        var e = FieldErrors()
        let year = e.collect { () throws(FieldError) in try Input.int(q["year"], field: "year", label: "年度", range: CalendarDate.acceptedYears) } ?? nil
        let category = e.collect { () throws(FieldError) in try Input.choice(q["category"], ActivityCategory.self, field: "category", name: "类别") } ?? nil
        try e.throwIfAny()
        return Filter(year: year ?? today.year, category: category, kind: Input.optional(q["kind"]), text: Input.optional(q["q"]), page: q["page"].flatMap { Int($0) } ?? 1)
    }

    static func list(_ f: Filter, in scope: Scope, on db: any Database) async throws -> Paged<Activity> {
        var query = Activities.scoped(scope, on: db).with(\.$org)
            .filter(\.$startsOn >= CalendarDate.firstDay(of: f.year).iso).filter(\.$startsOn <= CalendarDate.lastDay(of: f.year).iso)
        if let c = f.category { query = query.filter(\.$category == c.rawValue) }
        if let k = f.kind { query = query.filter(\.$kind == k) }
        if let t = f.text { query = query.filter(Like.contains("activities.title", t)) }
        return try await query.sort(\.$startsOn, .descending).sort(\.$id, .descending).paged(page: f.page, per: 50)
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.activityRules
        let q = try req.query.decode(FormFields.self)
        let f = try Self.filter(q, today: req.today)
        let (scope, db) = (p.scope, req.db)
        let figures = try await ActivityStats.overview(req.application, scope: scope, year: f.year, today: req.today, on: db)
        let list = try await Self.list(f, in: scope, on: db)
        let tallies = try await ActivityTally.of(list.rows.compactMap(\.id), on: db)
        var page = RecordPage(layout: Layout(title: "活动培训", principal: p, active: .activities))
        if req.may(.activitiesRecord) {
            page.links = [
                .init(label: "登记活动", url: SiteURL.activityNew.path + "?category=event", id: "new-event", secondary: false),
                .init(label: "登记培训班", url: SiteURL.activityNew.path + "?category=training", id: "new-class"),
                .init(label: "登记选派参加上级培训", url: SiteURL.activityNew.path + "?category=training&sending=1", id: "new-sending"),
                .init(label: "登记劳动竞赛", url: SiteURL.activityNew.path + "?category=competition", id: "new-competition"),
                .init(label: "登记宣传活动", url: SiteURL.activityNew.path + "?category=campaign", id: "new-campaign"),
            ]
        }
        page.links += [
            .init(label: "“金点子”建议", url: SiteURL.ideas.path, id: "to-ideas"), .init(label: "服务阵地", url: SiteURL.serviceCentres.path, id: "to-centres"),
        ]
        page.intro = "\(f.year)年\(f.year == req.today.year ? "截至\(req.today.chinese)" : "全年")：活动和培训班按开始日期统计，参加人次按场次日期统计；人数每人只计一次，观众人次是估计，不计入参加人数。"
        page.figures = ActivityHeadline.figures(figures, year: f.year)
        var form = FormBuilder(q)
        form.text("year", "年度", hint: "如 \(req.today.year)")
        form.choice("category", "活动/培训", ActivityCategory.self)
        form.select("kind", "类别", rules.kinds.map { ($0.code, $0.label) })
        form.text("q", "名称")
        page.filter = .init(action: SiteURL.activities.path, fields: form.fields)
        page.sections = [
            .init(
                title: "活动和培训班", note: "共 \(list.totalText) 项。",
                table: .init(id: "activities", columns: ActivityRow.columns, rows: list.rows.map { ActivityRow($0, rules: rules, tally: tallies[$0.id ?? 0]).pageRow }),
                pager: Pager(list, base: SiteURL.activities.path, query: ["year", "category", "kind", "q"].map { ($0, q[$0]) }))
        ]
        return try await page.render(req)
    }

    // MARK: Recording and correcting

    func new(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        values["startsOn"] = values["startsOn"] ?? req.today.iso
        values["orgId"] = try values["orgId"] ?? String(req.scope.orgID)
        return try await form(req, values, errors: [:], editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let a = try await Activities.create(
                try ActivityFields.validate(values, rules: req.application.activityRules), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.activity(a.id).path, flash: "已登记“\(a.title)”，接着登记出勤")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status, editing: nil)
        }
    }

    func edit(req: Request) async throws -> Response {
        let a = try await Activities.find(req.id("活动"), in: req.scope, on: req.db)
        var values = FormFields()
        values["orgId"] = String(a.$org.id)
        values["category"] = a.category
        values["sending"] = a.isSending ? "1" : nil
        values["kind"] = a.kind
        values["title"] = a.title
        values["startsOn"] = a.startsOn
        values["endsOn"] = a.endsOn
        values["place"] = a.place
        values["jointOrganisers"] = a.jointOrganisers
        values["budget"] = a.budget.map { Money.yuan($0) }
        values["cap"] = a.cap.map(String.init)
        values["guests"] = a.guests > 0 ? String(a.guests) : nil
        values["audience"] = a.audience.map(String.init)
        values["hostedBy"] = a.hostedBy
        values["description"] = a.description
        values["channels"] = a.channelList.joined(separator: ",")
        values["materials"] = a.materials.map(String.init)
        values["campaignId"] = a.campaignID.map(String.init)
        values["centreId"] = a.centreID.map(String.init)
        return try await form(req, values, errors: [:], editing: a)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.id("活动")
        let values = try req.content.decode(FormFields.self)
        do {
            let a = try await Activities.update(
                id, try ActivityFields.validate(values, rules: req.application.activityRules), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.activity(a.id).path, flash: "已保存修改")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status, editing: try await Activities.find(id, in: req.scope, on: req.db))
        }
    }

    /// The form of one choice: an activity or a competition (kinds, joint organisers, places, non-members, audience), a
    /// class held here (kinds of training, non-member trainees), a higher union's class members were sent to (who held
    /// it; no cap or guests), or a campaign (channels and materials; the events under it name it).
    private func form(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok, editing: Activity?) async throws
        -> Response
    {
        let rules = req.application.activityRules
        let scope = try req.scope
        let category = values["category"].flatMap(ActivityCategory.init(rawValue:)) ?? .event
        let sending = category == .training && Input.flag(values["sending"])
        let unions = try await OrganizationQuery.choices(in: scope, limit: 2000, on: req.db)
        var f = FormBuilder(values, errors: errors)
        f.hidden("category", category.rawValue)
        if sending { f.hidden("sending", "1") }
        f.select("orgId", sending ? "选派工会" : "主办工会", unions, required: true)
        f.select("kind", sending ? "培训类别" : "类别", rules.kinds.filter { $0.category == category }.map { ($0.code, $0.label) }, required: true)
        if sending { f.text("hostedBy", "举办单位", hint: "如 区总工会", required: true) }
        let example =
            switch category {
            case .training: sending ? "如 区总工会基层工会主席培训班" : "如 2026年第一期岗位技能培训班"
            case .competition: "如 2026年电工技能比武"
            case .campaign: "如 2026年“法律进企业”普法宣传月"
            case .event: "如 “五一”职工篮球友谊赛"
            }
        f.text("title", sending ? "培训班名称" : "名称", hint: example, required: true)
        f.date("startsOn", "开始日期", required: true)
        f.date("endsOn", "结束日期", hint: category == .campaign ? "宣传活动一般持续一段时间" : "一天的活动不填")
        if category == .campaign {
            f.checkList("channels", "宣传渠道", rules.channels)
            f.text("materials", "发放宣传资料（份）")
        } else {
            f.text("place", "地点")
            if !sending {
                let centres = try await ServiceCentres.scoped(scope, on: req.db).filter(\.$closedOn == nil).sort(\.$name).limit(500).all()
                if !centres.isEmpty { f.select("centreId", "服务阵地", centres.map { (String($0.id ?? 0), $0.name) }, hint: "在职工之家、职工书屋等阵地举办的选上") }
                let campaigns = try await Activities.scoped(scope, on: req.db).filter(\.$category == ActivityCategory.campaign.rawValue)
                    .filter(\.$endsOn >= req.today.adding(years: -1).iso).sort(\.$startsOn, .descending).limit(200).all()
                if !campaigns.isEmpty {
                    f.select("campaignId", "所属宣传活动", campaigns.map { (String($0.id ?? 0), "\($0.title)（\($0.startsOn)起）") }, hint: "属于某项主题宣传活动的选上")
                }
                if category != .training { f.text("jointOrganisers", "联合主办", hint: "如 镇团委、镇妇联") }
                f.text("budget", "预算（元）", hint: "实际支出在经费收支记账后关联")
                f.text("cap", category == .competition ? "参赛名额" : "报名名额", hint: "不限名额的不填；报满后的报名列为候补")
                f.text("guests", category == .training ? "非会员学员人数" : "非会员参加人数", hint: "非会员不登记姓名，只记人数")
                if category != .training { f.text("audience", "观众人次（估计）", hint: "观众不计入参加人数") }
            }
        }
        f.area("description", "内容和成效")
        let title: String =
            if let editing { "修改 \(editing.title)" } else if sending { "登记选派参加上级培训" } else {
                switch category {
                case .event: "登记活动"
                case .training: "登记培训班"
                case .competition: "登记劳动竞赛"
                case .campaign: "登记宣传活动"
                }
            }
        let page = FormPage(
            layout: Layout(title: title, principal: try req.requirePrincipal(), active: .activities),
            action: editing.map { SiteURL.activityEdit($0.id).path } ?? SiteURL.activities.path, form: f, submitLabel: editing == nil ? "登记" : "保存",
            intro: editing == nil
                ? (category == .campaign ? "登记后可在其下登记各项活动。" : "登记后在活动页登记场次、出勤（会员证号）、节目和成果，并关联经费支出。") : nil,
            formID: "activity-form")
        return try await page.render(req, status: status)
    }
}
