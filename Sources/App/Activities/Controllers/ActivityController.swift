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
        routes.endpoint(.POST, .activitySignups(nil), .activitiesRecord, use: signUp)
        routes.endpoint(.POST, .activitySignupCancel(nil), .activitiesRecord, use: cancel)
        routes.endpoint(.POST, .activityOutputs(nil), .activitiesRecord, use: addOutput)
        routes.endpoint(.POST, .activityItems(nil), .activitiesRecord, use: addItem)
        routes.endpoint(.POST, .activityCosts(nil), .activitiesRecord, use: linkCost)
        routes.endpoint(.POST, .activityCertificates(nil), .activitiesRecord, use: certify)
        routes.endpoint(.POST, .activityResults(nil), .activitiesRecord, use: addResult)
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
        let period = f.year == req.today.year ? ReportPeriod.yearToDate(f.year, until: req.today) : try ReportPeriod.year(f.year)
        let figures = try await req.application.statsCache.value("activities|\(scope.path)|\(f.year)|\(req.today.iso)") {
            try await ActivityStats.compute(in: scope, period: period, today: req.today, rules: rules, on: db)
        }
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
        let unions = try await Organization.scoped(scope, on: req.db).sort(\.$path).limit(2000).all().map { (String($0.id ?? 0), $0.name) }
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

    // MARK: The activity's page

    func show(req: Request) async throws -> Response { try await activityPage(req, typed: FormFields(), errors: [:]) }

    private func activityPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.activityRules
        let a = try await Activities.find(req.id("活动"), in: p.scope, on: req.db)
        if a.activityCategory == .campaign { return try await campaignPage(req, a, status: status) }
        let id = try a.requireID()
        let db = req.db
        let sessions = try await ActivitySession.query(on: db).filter(\.$activity.$id == id).sort(\.$onDate).sort(\.$id).all()
        struct Count: Decodable { var session_id: Int; var n: Int }
        let present = Dictionary(
            try await db.sql.raw(
                "SELECT a.session_id, COUNT(*) AS n FROM activity_attendance a JOIN activity_sessions s ON s.id = a.session_id WHERE s.activity_id = \(bind: id) GROUP BY a.session_id"
            ).all(decoding: Count.self).map { ($0.session_id, $0.n) }, uniquingKeysWith: +)
        let people = try await Activities.attendees(of: id, on: db)
        let signups = try await Signup.query(on: db).filter(\.$activity.$id == id).with(\.$member).sort(\.$id).all()
        let items = try await ProgrammeItem.query(on: db).filter(\.$activity.$id == id).sort(\.$id).all()
        let outputs = try await ActivityOutput.query(on: db).filter(\.$activity.$id == id).sort(\.$id).all()
        let costs = try await Activities.costs(of: id, on: db)
        let certificates = try await Certificate.query(on: db).filter(\.$activity.$id == id).with(\.$member).sort(\.$id).all()
        let memberVisits = present.values.reduce(0, +)
        let guestVisits = sessions.reduce(0) { $0 + $1.guestVisits }
        // Non-members count once any session records them (as the figures do).
        let guests = guestVisits > 0 ? a.guests : 0
        let enrolled = signups.filter { $0.signupStatus == .enrolled }.count
        let waiting = signups.filter { $0.signupStatus == .waiting }.count

        var page = RecordPage(layout: Layout(title: a.title, principal: p, active: .activities))
        page.links = [.init(label: "返回活动培训", url: SiteURL.activities.path + "?year=\(a.startsOn.prefix(4))", id: "back")]
        if req.may(.activitiesRecord) { page.links.insert(.init(label: "修改", url: SiteURL.activityEdit(id).path, id: "edit"), at: 0) }
        let spent = costs.reduce(0) { $0 + $1.amount }
        let centreName: String? = if let pid = a.centreID { try await ServiceCentre.find(pid, on: db)?.name } else { nil }
        let campaignTitle: String? = if let cid = a.campaignID { try await Activity.find(cid, on: db)?.title } else { nil }
        page.facts = Fact.list([
            ("类别", "\(a.activityCategory.label) · \(rules.label(a.kind))"), (a.isSending ? "选派工会" : "主办", a.org.name), ("举办单位", a.hostedBy),
            ("联合主办", a.jointOrganisers), ("日期", a.startsOn == a.endsOn ? a.startsOn : "\(a.startsOn)至\(a.endsOn)"), ("地点", a.place),
            ("服务阵地", centreName), ("所属宣传活动", campaignTitle),
            ("参加", "\(people.count + guests)人（会员\(people.count)人\(guests > 0 ? "、非会员\(guests)人" : "")），\(memberVisits + guestVisits)人次"),
            ("观众（估计）", a.audience.map { "\($0)人次" }),
            ("报名", a.cap != nil || !signups.isEmpty ? "\(enrolled)人" + (a.cap.map { "（名额\($0)人）" } ?? "") + (waiting > 0 ? "，候补\(waiting)人" : "") : nil),
            ("预算", a.budget.map { "\(Money.yuan($0))元" }), ("实际支出", costs.isEmpty ? nil : "\(Money.yuan(spent))元（以经费账为准）"),
            ("节目/场次/剧目", items.isEmpty ? nil : ProgrammeKind.allCases.compactMap { k in
                let n = items.filter { $0.kind == k.rawValue }.count
                return n > 0 ? "\(k.label)\(n)个" : nil
            }.joined(separator: "、")),
            ("成果", outputs.isEmpty ? nil : outputs.map(\.text).joined(separator: "、")), ("内容和成效", a.description),
        ])
        page.sections = [
            .init(
                title: a.activityCategory == .training ? "课次" : "场次", note: "出勤按会员证号登记，每人每场只计一次；非会员只记人次。",
                table: .init(
                    id: "sessions", columns: ["日期", "名称", "学时", "会员出勤", "非会员人次"],
                    rows: sessions.map { s in
                        .init(cells: [
                            Cell(s.onDate), Cell(s.title ?? ""), Cell(s.hours.map(String.init) ?? "", num: true), Cell(String(present[s.id ?? 0] ?? 0), num: true),
                            Cell(String(s.guestVisits), num: true),
                        ])
                    }))
        ]
        if !signups.isEmpty {
            page.sections.append(
                .init(
                    title: "报名", note: "报满后的报名列为候补；有人取消时第一位候补自动转为报名。",
                    table: .init(
                        id: "signups", columns: ["姓名", "会员证号", "报名日期", "状态"],
                        rows: signups.map { s in
                            .init(cells: [
                                Cell(s.member.name, url: SiteURL.member(s.$member.id).path), Cell(s.member.cardNumber), Cell(s.signedOn),
                                Cell("", badge: Badge(label: s.signupStatus.label, cls: s.signupStatus == .enrolled ? "badge ok" : "badge")),
                            ])
                        })))
        }
        if !items.isEmpty {
            page.sections.append(
                .init(
                    title: "节目、场次和剧目",
                    table: .init(
                        id: "items", columns: ["类别", "名称"],
                        rows: items.map { .init(cells: [Cell(ProgrammeKind(rawValue: $0.kind)?.label ?? $0.kind), Cell($0.title)]) })))
        }
        if !costs.isEmpty {
            page.sections.append(
                .init(
                    title: "经费支出", note: "支出记在\(a.org.name)的经费收支账上，这里只关联，不重复记账。",
                    table: .init(
                        id: "costs", columns: ["日期", "摘要", "金额（元）"],
                        rows: costs.map { .init(cells: [Cell($0.onDate, url: SiteURL.bookEntry($0.id).path), Cell($0.description), Cell(Money.yuan($0.amount), num: true)]) })))
        }
        if !certificates.isEmpty {
            page.sections.append(
                .init(
                    title: "结业证书",
                    table: .init(
                        id: "certificates", columns: ["姓名", "会员证号", "颁发日期"],
                        rows: certificates.map { .init(cells: [Cell($0.member.name, url: SiteURL.member($0.$member.id).path), Cell($0.member.cardNumber), Cell($0.issuedOn)]) })))
        }
        let results = a.activityCategory == .competition
            ? try await CompetitionResult.query(on: db).filter(\.$activity.$id == id).with(\.$member).sort(\.$award).sort(\.$id).all() : []
        if !results.isEmpty {
            page.sections.append(
                .init(
                    title: "获奖", note: "获奖不超过参赛人数的\(rules.winners)/\(rules.perEntrants)。",
                    table: .init(
                        id: "results", columns: ["奖次", "获奖者", "奖金（元）"],
                        rows: results.map {
                            .init(cells: [Cell(AwardLevel(rawValue: $0.award)?.label ?? $0.award), Cell($0.winner), Cell($0.prize.map { Money.yuan($0) } ?? "", num: true)])
                        })))
        }
        page.canHandle = req.may(.activitiesRecord)
        guard page.canHandle else { return try await page.render(req, status: status) }
        let held = sessions.filter { $0.onDate <= req.today.iso }
        let sessionOptions = held.reversed().map { (String($0.id ?? 0), $0.onDate + ($0.title.map { " \($0)" } ?? "")) }
        func form(_ name: String, _ title: String, _ url: SiteURL, _ submit: String, defaults: [String: String] = [:], _ build: (inout FormBuilder) -> Void)
            -> RecordPage.Form
        {
            RecordPage.form(name, title: title, action: url.path, submit: submit, typed: typed, errors: errors, defaults: defaults, build)
        }
        if !held.isEmpty {
            page.forms.append(
                form("attendance", "登记出勤", .activityAttendance(id), "登记", defaults: ["sessionId": sessionOptions.first?.0 ?? ""]) { f in
                    f.select("sessionId", "场次", sessionOptions, required: true)
                    f.area("cards", "出勤会员的会员证号", hint: "每行一个或用逗号、空格隔开，如 GH00000139；已登记的不重复计")
                    if a.guests > 0 { f.text("guestVisits", "非会员人次", hint: "本场参加的非会员人数，不超过\(a.guests)人") }
                })
            var sheet = form("sheet", "导入签到表", .activitySignInSheet(id), "导入", defaults: ["sessionId": sessionOptions.first?.0 ?? ""]) { f in
                f.select("sessionId", "场次", sessionOptions, required: true)
                f.file("file", "签到表", accept: ".xlsx,.csv", hint: "Excel 或 CSV，表头有“会员证号”一列；全部有效才登记")
            }
            sheet.multipart = true
            page.forms.append(sheet)
        }
        page.forms.append(
            form("session", a.activityCategory == .training ? "增加课次" : "增加场次", .activitySessions(id), "增加", defaults: ["on": min(req.today, a.ends ?? req.today).iso]) { f in
                f.date("on", "日期", required: true)
                f.text("title", "名称", hint: a.activityCategory == .training ? "如 第二课 安全生产" : "如 第二场")
                if a.activityCategory == .training { f.text("hours", "学时") }
            })
        if !a.isSending, a.endsOn >= req.today.iso {
            page.forms.append(
                form("signup", "报名", .activitySignups(id), "报名") { f in
                    f.text("card", "会员证号", hint: a.cap.map { "名额\($0)人，报满后列为候补" } ?? "不限名额", required: true)
                })
        }
        if signups.contains(where: { $0.signupStatus != .cancelled }) {
            page.forms.append(
                form("cancel", "取消报名", .activitySignupCancel(id), "取消报名") { f in
                    f.text("card", "会员证号", hint: "取消后第一位候补转为报名", required: true)
                })
        }
        if a.activityCategory == .training, !people.isEmpty {
            page.forms.append(
                form("certificates", "颁发结业证书", .activityCertificates(id), "登记", defaults: ["issuedOn": req.today.iso]) { f in
                    f.area("cards", "结业学员的会员证号", hint: "须有出勤记录")
                    f.date("issuedOn", "颁发日期", required: true)
                })
        }
        if a.activityCategory == .competition, !people.isEmpty {
            page.forms.append(
                form("result", "登记获奖", .activityResults(id), "登记", defaults: ["award": AwardLevel.first.rawValue]) { f in
                    f.choice("award", "奖次", AwardLevel.self, required: true)
                    f.text("card", "获奖会员的会员证号", hint: "个人获奖填写")
                    f.text("team", "获奖参赛队", hint: "团体获奖填写，与个人只填一项")
                    f.text("prize", "奖金（元）", hint: rules.prizeCaps.isEmpty ? nil : "本地标准：" + AwardLevel.allCases.compactMap { l in rules.prizeCaps[l.rawValue].map { "\(l.label)不超过\(Money.yuan($0))元" } }.joined(separator: "，"))
                })
        }
        if a.activityCategory.isActivity {
            page.forms.append(
                form("item", "登记节目、场次或剧目", .activityItems(id), "登记", defaults: ["kind": ProgrammeKind.number.rawValue]) { f in
                    f.choice("kind", "类别", ProgrammeKind.self, required: true)
                    f.text("title", "名称", hint: "如 合唱《咱们工人有力量》", required: true)
                })
            page.forms.append(
                form("output", "登记成果", .activityOutputs(id), "登记") { f in
                    f.text("label", "成果", hint: "如 清扫垃圾、河道清理、送书", required: true)
                    f.text("quantity", "数量", hint: "如 8、1.5", required: true)
                    f.text("unit", "单位", hint: "如 吨、公里、册", required: true)
                })
        }
        let open = try await Self.unlinkedSpending(of: a, on: db)
        if !open.isEmpty {
            page.forms.append(
                form("cost", "关联经费支出", .activityCosts(id), "关联") { f in
                    f.select(
                        "entryId", "\(a.org.name)账上的支出", open.map { (String($0.id ?? 0), "\($0.onDate) \($0.description) \(Money.yuan($0.amount))元") },
                        hint: "支出先在经费收支记账；一笔支出只能关联一个活动", required: true)
                })
        }
        return try await page.render(req, status: status)
    }

    /// The organiser's spending entries of the activity's year not yet linked to any activity.
    static func unlinkedSpending(of a: Activity, on db: any Database) async throws -> [BookEntry] {
        let year = String(a.startsOn.prefix(4))
        return try await BookEntry.query(on: db).filter(\.$org.$id == a.$org.id).filter(\.$side == BookSide.expense.rawValue).filter(\.$reversesID == nil)
            .filter(\.$onDate >= "\(year)-01-01").filter(\.$onDate <= "\(year)-12-31")
            .filter(.sql(unsafeRaw: "NOT EXISTS (SELECT 1 FROM activity_costs c WHERE c.entry_id = book_entries.id)"))
            .sort(\.$onDate, .descending).limit(200).all()
    }

    /// A form of the activity's page.
    private func onActivity(_ req: Request, _ body: @escaping (Int, FormFields) async throws -> String) async throws -> Response {
        let id = try req.id("活动")
        return try await RecordPage.perform(req, back: SiteURL.activity(id).path, page: { typed, errors, status in
            try await activityPage(req, typed: typed, errors: errors, status: status)
        }) { values in try await body(id, values) }
    }

    func addSession(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let s = try await Activities.addSession(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已增加\(s.onDate)的场次"
        }
    }

    func attend(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let n = try await Activities.attend(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记出勤，新增会员\(n)人"
        }
    }

    /// A sign-in sheet for a session: its card column recorded as typed cards are (all or nothing).
    func attendSheet(req: Request) async throws -> Response {
        let id = try req.id("活动")
        struct Sheet: Decodable, Sendable {
            var file: File?
            var sessionId: String?
        }
        let sheet = try await req.decodeMultipart(Sheet.self)
        var values = FormFields()
        values["sessionId"] = sheet.sessionId
        values["form"] = "sheet"
        do {
            var cards = values
            cards["cards"] = try await SignInSheets.cards(sheet.file?.data, app: req.application).joined(separator: ",")
            let n: Int
            do {
                n = try await Activities.attend(id, cards, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            } catch {
                // What the cards were refused for is the sheet's fault: said beside the file.
                guard let e = FieldErrors(error) else { throw error }
                throw FieldErrors(e.errors.map { $0.field == "cards" ? FieldError(field: "file", message: $0.message) : $0 })
            }
            return req.redirect(to: SiteURL.activity(id).path, flash: "已按签到表登记出勤，新增会员\(n)人")
        } catch {
            guard let (errors, status) = req.refusal(error, form: "sheet") else { throw error }
            return try await activityPage(req, typed: values, errors: errors, status: status)
        }
    }

    func signUp(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let s = try await Activities.signUp(id, try SignupFields.validate(v), today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "\(s.member.name)\(s.signupStatus == .waiting ? "已列为候补（名额已满）" : "已报名")"
        }
    }

    func cancel(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let promoted = try await Activities.cancel(id, try SignupFields.validate(v), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已取消报名" + (promoted.map { "，候补的\($0.name)转为报名" } ?? "")
        }
    }

    func addOutput(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let f = try OutputFields.validate(v)
            try await Activities.addOutput(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记成果：\(f.label)\(Quantity.text(f.quantity))\(f.unit)"
        }
    }

    func addItem(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let f = try ProgrammeFields.validate(v)
            try await Activities.addItem(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记\(f.kind.label)“\(f.title)”"
        }
    }

    func linkCost(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            try await Activities.linkCost(id, entry: try CostFields.validate(v).entryId, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已关联经费支出"
        }
    }

    func addResult(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let rules = req.application.activityRules
            let f = try ResultFields.validate(v, rules: rules)
            try await Activities.addResult(id, f, rules: rules, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记\(f.award.label)"
        }
    }

    /// A campaign: its channels and materials, the activities held under it, and (a 金点子 collection) its ideas.
    private func campaignPage(_ req: Request, _ a: Activity, status: HTTPResponseStatus) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.activityRules
        let id = try a.requireID()
        let children = try await Activity.query(on: req.db).filter(\.$campaignID == id).with(\.$org).sort(\.$startsOn).all()
        let tallies = try await ActivityTally.of(children.compactMap(\.id), on: req.db)
        var page = RecordPage(layout: Layout(title: a.title, principal: p, active: .activities))
        page.links = [.init(label: "返回活动培训", url: SiteURL.activities.path + "?year=\(a.startsOn.prefix(4))", id: "back")]
        if req.may(.activitiesRecord) {
            page.links.insert(.init(label: "修改", url: SiteURL.activityEdit(id).path, id: "edit"), at: 0)
            page.links.insert(.init(label: "登记其中的活动", url: SiteURL.activityNew.path + "?category=event&campaignId=\(id)&startsOn=\(a.startsOn)", id: "new-child", secondary: false), at: 0)
            if a.kind == "ideas" {
                page.links.insert(.init(label: "登记建议", url: SiteURL.ideaNew.path + "?activityId=\(id)&orgId=\(a.$org.id)", id: "new-idea", secondary: false), at: 0)
            }
        }
        page.facts = Fact.list([
            ("类别", "\(a.activityCategory.label) · \(rules.label(a.kind))"), ("主办", a.org.name), ("联合主办", a.jointOrganisers),
            ("日期", a.startsOn == a.endsOn ? a.startsOn : "\(a.startsOn)至\(a.endsOn)"), ("宣传渠道", a.channelList.joined(separator: "、")),
            ("发放宣传资料", a.materials.map { "\($0)份" }), ("其中的活动", "\(children.count)次"), ("内容和成效", a.description),
        ])
        page.sections = [
            .init(
                title: "其中的活动", table: .init(id: "children", columns: ActivityRow.columns, rows: children.map { ActivityRow($0, rules: rules, tally: tallies[$0.id ?? 0]).pageRow }))
        ]
        if a.kind == "ideas" {
            let ideas = try await Idea.query(on: req.db).filter(\.$activityID == id).with(\.$member).sort(\.$submittedOn).sort(\.$id).all()
            page.sections.append(.init(title: "收到的建议", note: "共 \(ideas.count) 条。", table: .init(id: "ideas", columns: IdeaRow.columns, rows: ideas.map { IdeaRow($0).pageRow })))
        }
        return try await page.render(req, status: status)
    }

    func certify(req: Request) async throws -> Response {
        try await onActivity(req) { id, v in
            let n = try await Activities.certify(id, v, today: req.today, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记结业证书\(n)人"
        }
    }
}
