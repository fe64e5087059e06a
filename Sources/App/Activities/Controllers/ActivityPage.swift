import Domain
import Fluent
import SQLKit
import Vapor

/// An activity's page: its facts, sessions and attendance, sign-ups, programme, costs, certificates, awards and photos,
/// with the forms of each step; a campaign's page with the activities under it.
extension ActivityController {
    // MARK: The activity's page

    func show(req: Request) async throws -> Response { try await activityPage(req, typed: FormFields(), errors: [:]) }

    func activityPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
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
        let photos = try await Attachments.list(try Activities.owner(a), on: db)
        if !photos.isEmpty {
            page.sections.append(
                .init(
                    title: "照片和资料",
                    table: .init(
                        id: "photos", columns: ["文件", "大小", "上传日期"],
                        rows: photos.map { f in
                            let row = AttachmentRow(
                                f, url: SiteURL.activityPhoto(id, f.id).path, withdrawURL: "", timeZone: req.application.config.timeZone, typed: typed, errors: errors)
                            return .init(cells: [Cell(row.name, url: row.url), Cell(row.size), Cell(row.added)])
                        })))
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
        if page.canHandle {
            page.forms = try await recordForms(a, sessions: sessions, attended: !people.isEmpty, signups: signups, typed: typed, errors: errors, req: req)
        }
        return try await page.render(req, status: status)
    }

    /// The forms of an activity's page, for those who record: attendance (typed, or a sign-in sheet) and its removal,
    /// sessions, sign-ups, certificates for a class, awards for a competition, programme and outputs for an activity,
    /// photos, the book entry that paid.
    func recordForms(
        _ a: Activity, sessions: [ActivitySession], attended: Bool, signups: [Signup], typed: FormFields, errors: [String: String], req: Request
    ) async throws -> [RecordPage.Form] {
        let rules = req.application.activityRules
        let id = try a.requireID()
        let db = req.db
        var forms: [RecordPage.Form] = []
        let held = sessions.filter { $0.onDate <= req.today.iso }
        let sessionOptions = held.reversed().map { (String($0.id ?? 0), $0.onDate + ($0.title.map { " \($0)" } ?? "")) }
        func form(_ name: String, _ title: String, _ url: SiteURL, _ submit: String, defaults: [String: String] = [:], _ build: (inout FormBuilder) -> Void)
            -> RecordPage.Form
        {
            RecordPage.form(name, title: title, action: url.path, submit: submit, typed: typed, errors: errors, defaults: defaults, build)
        }
        if !held.isEmpty {
            forms.append(
                form("attendance", "登记出勤", .activityAttendance(id), "登记", defaults: ["sessionId": sessionOptions.first?.0 ?? ""]) { f in
                    f.select("sessionId", "场次", sessionOptions, required: true)
                    f.area("cards", "出勤会员的会员证号", hint: "每行一个或用逗号、空格隔开，如 GH00000139；已登记的不重复计")
                    if a.guests > 0 { f.text("guestVisits", "非会员人次", hint: "本场参加的非会员人数，不超过\(a.guests)人") }
                })
            let sheet = form("sheet", "导入签到表", .activitySignInSheet(id), "导入", defaults: ["sessionId": sessionOptions.first?.0 ?? ""]) { f in
                f.select("sessionId", "场次", sessionOptions, required: true)
                f.file("file", "签到表", accept: ".xlsx,.csv", hint: "Excel 或 CSV，表头有“会员证号”一列；全部有效才登记")
            }
            forms.append(sheet)
            if attended {
                forms.append(
                    form("remove", "撤销出勤", .activityAttendanceRemoval(id), "撤销", defaults: ["sessionId": sessionOptions.first?.0 ?? ""]) { f in
                        f.select("sessionId", "场次", sessionOptions, required: true)
                        f.text("card", "会员证号", hint: "登记错的会员", required: true)
                        f.text("reason", "撤销原因", hint: "如 证号输错、未到场", required: true)
                    })
            }
        }
        forms.append(
            form("session", a.activityCategory == .training ? "增加课次" : "增加场次", .activitySessions(id), "增加", defaults: ["on": max(a.starts ?? req.today, min(req.today, a.ends ?? req.today)).iso]) { f in
                f.date("on", "日期", required: true)
                f.text("title", "名称", hint: a.activityCategory == .training ? "如 第二课 安全生产" : "如 第二场")
                if a.activityCategory == .training { f.text("hours", "学时") }
            })
        if !a.isSending, a.endsOn >= req.today.iso {
            forms.append(
                form("signup", "报名", .activitySignups(id), "报名") { f in
                    f.text("card", "会员证号", hint: a.cap.map { "名额\($0)人，报满后列为候补" } ?? "不限名额", required: true)
                })
        }
        if signups.contains(where: { $0.signupStatus != .cancelled }) {
            forms.append(
                form("cancel", "取消报名", .activitySignupCancel(id), "取消报名") { f in
                    f.text("card", "会员证号", hint: "取消后第一位候补转为报名", required: true)
                })
        }
        if a.activityCategory == .training, attended {
            forms.append(
                form("certificates", "颁发结业证书", .activityCertificates(id), "登记", defaults: ["issuedOn": req.today.iso]) { f in
                    f.area("cards", "结业学员的会员证号", hint: "须有出勤记录")
                    f.date("issuedOn", "颁发日期", required: true)
                })
        }
        if a.activityCategory == .competition, attended {
            forms.append(
                form("result", "登记获奖", .activityResults(id), "登记", defaults: ["award": AwardLevel.first.rawValue]) { f in
                    f.choice("award", "奖次", AwardLevel.self, required: true)
                    f.text("card", "获奖会员的会员证号", hint: "个人获奖填写")
                    f.text("team", "获奖参赛队", hint: "团体获奖填写，与个人只填一项")
                    f.text("prize", "奖金（元）", hint: rules.prizeCaps.isEmpty ? nil : "本地标准：" + AwardLevel.allCases.compactMap { l in rules.prizeCaps[l.rawValue].map { "\(l.label)不超过\(Money.yuan($0))元" } }.joined(separator: "，"))
                })
        }
        if a.activityCategory.isActivity {
            forms.append(
                form("item", "登记节目、场次或剧目", .activityItems(id), "登记", defaults: ["kind": ProgrammeKind.number.rawValue]) { f in
                    f.choice("kind", "类别", ProgrammeKind.self, required: true)
                    f.text("title", "名称", hint: "如 合唱《咱们工人有力量》", required: true)
                })
            forms.append(
                form("output", "登记成果", .activityOutputs(id), "登记") { f in
                    f.text("label", "成果", hint: "如 清扫垃圾、河道清理、送书", required: true)
                    f.text("quantity", "数量", hint: "如 8、1.5", required: true)
                    f.text("unit", "单位", hint: "如 吨、公里、册", required: true)
                })
        }
        forms.append(
            form("photo", "上传照片", .activityPhotos(id), "上传") { f in
                f.file("file", "照片或资料", accept: AttachmentRow.accept, hint: "JPG、PNG 或 PDF，每个不超过\(req.application.config.maxAttachmentBytes / 1_048_576)MB")
            })
        let open = try await Self.unlinkedSpending(of: a, on: db)
        if !open.isEmpty {
            forms.append(
                form("cost", "关联经费支出", .activityCosts(id), "关联") { f in
                    f.select(
                        "entryId", "\(a.org.name)账上的支出", open.map { (String($0.id ?? 0), "\($0.onDate) \($0.description) \(Money.yuan($0.amount))元") },
                        hint: "支出先在经费收支记账；一笔支出只能关联一个活动", required: true)
                })
        }
        return forms
    }

    /// The organiser's spending entries of the activity's year not yet linked to any activity.
    static func unlinkedSpending(of a: Activity, on db: any Database) async throws -> [BookEntry] {
        let year = String(a.startsOn.prefix(4))
        return try await BookEntry.query(on: db).filter(\.$org.$id == a.$org.id).filter(\.$side == BookSide.expense.rawValue).filter(\.$reversesID == nil)
            .filter(\.$onDate >= "\(year)-01-01").filter(\.$onDate <= "\(year)-12-31")
            .filter(.sql(unsafeRaw: "NOT EXISTS (SELECT 1 FROM activity_costs c WHERE c.entry_id = book_entries.id)"))
            .sort(\.$onDate, .descending).limit(200).all()
    }

    /// A campaign: its channels and materials, the activities held under it, and (a 金点子 collection) its ideas.
    func campaignPage(_ req: Request, _ a: Activity, status: HTTPResponseStatus) async throws -> Response {
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
}
