import Domain
import Fluent
import Vapor

/// Democratic management pages: the overview with congresses, a congress (make-up, delegates, sessions, resolutions,
/// proposals), a proposal, 厂务公开, the weekly bargaining report and women workers' organisations.
struct DemocracyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .democracy, .contractRead, use: overview)
        routes.endpoint(.GET, .congressNew, .contractHandle, use: newCongress)
        routes.endpoint(.POST, .congresses, .contractHandle, use: createCongress)
        routes.endpoint(.GET, .congress(nil), .contractRead, use: congress)
        routes.endpoint(.POST, .congressDelegates(nil), .contractHandle, use: addDelegate)
        routes.endpoint(.POST, .congressSessions(nil), .contractHandle, use: addSession)
        routes.endpoint(.POST, .sessionResolutions(nil), .contractHandle, use: addResolution)
        routes.endpoint(.POST, .sessionReport(nil), .contractHandle, use: reportSession)
        routes.endpoint(.POST, .proposals, .contractHandle, use: submitProposal)
        routes.endpoint(.GET, .proposal(nil), .contractRead, use: proposal)
        routes.endpoint(.POST, .proposalStep(nil), .contractHandle, use: proposalStep)
        routes.endpoint(.GET, .disclosures, .contractRead, use: disclosures)
        routes.endpoint(.POST, .disclosures, .contractHandle, use: disclose)
        routes.endpoint(.POST, .disclosureChecks, .contractHandle, use: check)
        routes.endpoint(.POST, .disclosureCorrected(nil), .contractHandle, use: corrected)
        routes.endpoint(.GET, .bargainingWeek, .contractRead, use: week)
        routes.endpoint(.POST, .bargainingWeek, .contractHandle, use: reportWeek)
        routes.endpoint(.GET, .women, .contractRead, use: women)
        routes.endpoint(.POST, .women, .contractHandle, use: setWomen)
    }

    typealias Cell = RecordPage.Cell

    static func figure(_ label: String, _ value: IndicatorValue, _ code: IndicatorCode, kind: IndicatorDefinition.Kind, unit: String, year: Int)
        -> RecordPage.Figure
    {
        let text = kind == .rate ? (value.value.map { "\($0)%" } ?? "—") : "\(value.value ?? 0)\(unit)"
        return .init(label: label, value: text, url: SiteURL.indicator(code).path + "?year=\(year)")
    }

    // MARK: Overview

    func overview(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.contractRules
        let (scope, today, db) = (p.scope, req.today, req.db)
        let period = ReportPeriod.yearToDate(today.year, until: today)
        // The registered source, whose figures come through the statistics cache (a county's take seconds).
        let source = IndicatorRegistry.find(.democracySessions, in: req.application.indicatorSources)?.source ?? DemocracyIndicatorSource(rules: rules)
        let values = try await source.values(IndicatorQuery(scope: scope, period: period, today: today), on: db)
        var page = RecordPage(layout: Layout(title: "民主管理", principal: p, active: .democracy))
        page.links = [
            .init(label: "登记新一届职代会", url: SiteURL.congressNew.path, id: "new-congress", secondary: false),
            .init(label: "厂务公开", url: SiteURL.disclosures.path, id: "to-disclosures"),
            .init(label: "每周协商进展", url: SiteURL.bargainingWeek.path, id: "to-weekly"),
            .init(label: "女职工组织", url: SiteURL.women.path, id: "to-women"),
        ]
        func fig(_ label: String, _ code: IndicatorCode, _ kind: IndicatorDefinition.Kind, _ unit: String) -> RecordPage.Figure {
            Self.figure(label, values[code] ?? .init(count: 0), code, kind: kind, unit: unit, year: today.year)
        }
        page.figures = [
            fig("50人以上企业建立职代会制度", .democracyCongress50, .rate, "%"), fig("50人以上企业厂务公开", .democracyDisclosure50, .rate, "%"),
            fig("今年召开职代会", .democracySessions, .count, "次"), fig("提案按期答复率", .proposalsOnTime, .rate, "%"),
            fig("女会员占比", .womenShare, .rate, "%"), fig("超期未召开职代会", .democracyCongressesDue, .count, "个"),
        ]
        let congresses = try await Congresses.list(in: scope, page: 1, on: db)
        let ids = congresses.rows.compactMap(\.id)
        let sessions = ids.isEmpty ? [] : try await CongressSession.query(on: db).filter(\.$congress.$id ~~ ids).all()
        page.sections = [
            .init(
                title: "职代会（教代会、会员代表大会）", note: "共 \(congresses.total) 届；每年至少召开一次，会后\(rules.reportWorkingDays)个工作日内报告上级工会。",
                table: .init(
                    id: "congresses", columns: ["大会", "类别", "工作机构", "本届", "代表名额", "上次会议", "下次应召开"],
                    rows: congresses.rows.map { c in
                        let last = sessions.filter { $0.$congress.id == c.id }.map(\.held).max()
                        let due = Congresses.nextSessionDue(start: c.start, lastHeld: last, rules: rules)
                        let badge: Badge? =
                            c.termEnds < today ? Badge(label: "届满未换届", cls: "badge bad") : due < today ? Badge(label: "超期未召开", cls: "badge bad") : nil
                        return .init(cells: [
                            Cell(c.name, url: SiteURL.congress(c.id).path), Cell(c.congressKind.short), Cell(c.org.name),
                            Cell("\(c.termStart)至\(c.termEnds.iso)"), Cell(c.allStaff ? "全体职工大会" : String(c.seats), num: !c.allStaff),
                            Cell(last?.iso ?? "—"), Cell(due.iso, badge: badge),
                        ])
                    }))
        ]
        return try await page.render(req)
    }

    // MARK: Congress

    func newCongress(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        let own = String(try req.scope.orgID)
        values["orgId"] = values["orgId"] ?? own
        values["termYears"] = values["termYears"] ?? "3"
        values["termStart"] = values["termStart"] ?? req.today.iso
        return try await congressForm(req, values, errors: [:])
    }

    func createCongress(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let c = try await Congresses.create(
                try CongressFields.validate(values, today: req.today, rules: req.application.contractRules), in: req.scope,
                rules: req.application.contractRules, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.congress(c.id).path, flash: c.allStaff ? "已登记（全体职工大会）" : "已登记，请登记当选代表")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await congressForm(req, values, errors: errors, status: status)
        }
    }

    private func congressForm(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let rules = req.application.contractRules
        guard let level = BargainingForms.chosenLevel(values) else {
            var f = FormBuilder(FormFields(["kind": CongressKind.workers.rawValue]), errors: [:])
            f.choice("kind", "大会类别", CongressKind.self, required: true)
            f.choice("level", "层级", ContractLevel.self, required: true)
            var page = FormPage(
                layout: Layout(title: "登记新一届职代会", principal: try req.requirePrincipal(), active: .democracy), action: SiteURL.congressNew.path,
                form: f, submitLabel: "下一步", intro: "先选择大会类别和层级：企业、学校选择单位；行业性、区域性职代会填写大会名称。", formID: "level-form")
            page.isGet = true
            return try await page.render(req)
        }
        var f = FormBuilder(values, errors: errors)
        let scope = try req.scope
        let unions = try await OrganizationQuery.choices(in: scope, byName: true, limit: 500, on: req.db)
        f.hidden("level", level.rawValue)
        f.choice("kind", "大会类别", CongressKind.self, required: true)
        f.select("orgId", "工作机构（工会）", unions, required: true)
        if level.coversMany {
            f.text("name", "大会名称", hint: "如“示例镇五金行业职工代表大会”", required: true)
        } else {
            let employers = try await Employer.scoped(scope, on: req.db).sort(\.$name).limit(500).all().map {
                (String($0.id ?? 0), "\($0.name)（\($0.headcount)人）")
            }
            f.select("employerId", "单位", employers, hint: "学校教代会可不选，以工会名称登记", required: values["kind"] != CongressKind.teachers.rawValue)
        }
        f.date("termStart", "本届起始日期", required: true)
        f.text("termYears", "任期（年）", hint: "\(rules.congressTermYears.lowerBound)至\(rules.congressTermYears.upperBound)年", required: true)
        f.text("staff", "职工人数", hint: "不足\(rules.congressFrom)人的企业召开全体职工大会，不选代表", required: true)
        f.text("womenStaff", "其中女职工")
        f.text("seats", "代表名额", hint: "不少于职工人数的\(rules.delegateSharePercent)%且不少于\(rules.minDelegates)人")
        let page = FormPage(
            layout: Layout(title: "登记新一届职代会 · \(level.label)", principal: try req.requirePrincipal(), active: .democracy),
            action: SiteURL.congresses.path, form: f, submitLabel: "登记", formID: "congress-form")
        return try await page.render(req, status: status)
    }

    func congress(req: Request) async throws -> Response { try await congressPage(req, typed: FormFields(), errors: [:]) }

    private func congressPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.contractRules
        let c = try await Congresses.find(req.id("职代会"), in: p.scope, on: req.db)
        let id = try c.requireID()
        let delegates = try await Congresses.delegates(id, on: req.db)
        let sessions = try await Congresses.sessions(id, on: req.db)
        let resolutions = try await Congresses.resolutions(sessions: sessions.compactMap(\.id), on: req.db)
        let proposals = sessions.isEmpty ? [] : try await Proposal.query(on: req.db).filter(\.$session.$id ~~ sessions.compactMap(\.id)).sort(\.$id).all()
        let makeup = Congresses.makeup(c, delegates)
        let today = req.today
        var page = RecordPage(layout: Layout(title: c.name, principal: p, active: .democracy))
        page.links = [.init(label: "返回民主管理", url: SiteURL.democracy.path, id: "back")]
        let last = sessions.map(\.held).max()
        page.facts = Fact.list([
            ("大会类别", c.congressKind.label), ("层级", c.congressLevel.label), ("工作机构", c.org.name), ("单位", c.employer?.name),
            ("本届", "\(c.termStart)至\(c.termEnds.iso)（\(c.termYears)年）"), ("职工人数", "\(c.staff)人（女职工\(c.womenStaff)人）"),
            ("形式", c.allStaff ? "全体职工大会（职工不足\(rules.congressFrom)人）" : "代表大会，代表名额\(c.seats)人，已选\(delegates.count)人"),
            ("下次应召开", Congresses.nextSessionDue(start: c.start, lastHeld: last, rules: rules).iso),
        ])
        if !c.allStaff {
            page.sections.append(
                .init(
                    title: "代表构成", table: .init(
                        id: "makeup", columns: ["要求", "实际", "结果"],
                        rows: makeup.checks(rules).map {
                            .init(cells: [Cell($0.rule), Cell($0.actual), Cell($0.holds ? "符合" : "不符合", badge: $0.holds ? nil : Badge(label: "需调整", cls: "badge bad"))])
                        })))
            page.sections.append(
                .init(
                    title: "代表名单", table: .init(
                        id: "delegates", columns: ["选区（代表团）", "姓名", "性别", "类别", "当选日期"],
                        rows: delegates.map {
                            .init(cells: [
                                Cell($0.constituency), Cell($0.name), Cell(Gender(rawValue: $0.gender)?.label ?? ""),
                                Cell((DelegateCategory(rawValue: $0.category)?.label ?? "") + ($0.teacher ? "·教师" : "")), Cell($0.electedOn),
                            ])
                        })))
        }
        page.sections.append(
            .init(
                title: "会议", table: .init(
                    id: "sessions", columns: ["会议", "召开日期", "应到", "实到", "决议", "报告上级工会"],
                    rows: sessions.map { s in
                        let due = s.held.adding(workingDays: rules.reportWorkingDays)
                        let rs = resolutions.filter { $0.$session.id == s.id }.map {
                            "\($0.title)（赞成\($0.approving)、反对\($0.against)、弃权\($0.abstaining)，\($0.passed ? "通过" : "未通过")）"
                        }
                        return .init(cells: [
                            Cell(s.title), Cell(s.heldOn), Cell(String(s.members), num: true), Cell(String(s.attending), num: true),
                            Cell(rs.joined(separator: "；")),
                            Cell(s.reportedOn ?? "未报告（应于\(due.iso)前）", badge: s.reportedOn == nil && due < today ? Badge(label: "逾期", cls: "badge bad") : nil),
                        ])
                    })))
        page.sections.append(
            .init(
                title: "提案", table: .init(
                    id: "proposals", columns: ["编号", "案由", "提案人", "提交日期", "状态"],
                    rows: proposals.map {
                        .init(cells: [
                            Cell($0.number, url: SiteURL.proposal($0.id).path), Cell($0.title), Cell($0.proposer), Cell($0.submittedOn),
                            Cell($0.proposalState.label),
                        ])
                    })))
        let sessionChoices = sessions.reversed().map { (String($0.id ?? 0), "\($0.title)（\($0.heldOn)）") }
        var forms: [RecordPage.Form] = []
        if !c.allStaff, delegates.count < c.seats {
            forms.append(
                RecordPage.form("delegate", title: "登记当选代表", action: SiteURL.congressDelegates(id).path, submit: "登记", typed: typed, errors: errors,
                    defaults: ["electedOn": today.iso]) { f in
                    f.text("constituency", "选区（代表团）", required: true)
                    f.text("name", "姓名", required: true)
                    f.select("gender", "性别", Gender.allCases.map { ($0.rawValue, $0.label) }, required: true)
                    f.choice("category", "代表类别", DelegateCategory.self, hint: "中层及以上管理人员不超过名额的\(c.congressLevel == .enterprise ? rules.managerSharePercent : rules.sectoralManagerSharePercent)%", required: true)
                    if c.congressKind == .teachers { f.check("teacher", "教师") }
                    f.date("electedOn", "当选日期", required: true)
                })
        }
        forms.append(
            RecordPage.form("session", title: "登记会议", action: SiteURL.congressSessions(id).path, submit: "登记", typed: typed, errors: errors,
                defaults: ["heldOn": today.iso]) { f in
                f.text("title", "会议名称", hint: "如“第三届第二次会议”", required: true)
                f.date("heldOn", "召开日期", required: true)
                f.text("attending", "实到人数", hint: "应到\(Congresses.members(c, delegates: delegates.count))人，须达到三分之二", required: true)
                f.date("proposalsFrom", "提案征集开始")
                f.date("proposalsTo", "提案征集截止")
            })
        if let s = sessions.last, let sid = s.id {
            forms.append(
                RecordPage.form("resolution", title: "登记决议（\(s.title)）", action: SiteURL.sessionResolutions(sid).path, submit: "登记", typed: typed,
                    errors: errors) { f in
                    f.text("title", "决议事项", required: true)
                    f.text("approving", "赞成票", hint: "超过全体\(c.allStaff ? "职工" : "代表")（\(s.members)人）半数为通过", required: true)
                    f.text("against", "反对票")
                    f.text("abstaining", "弃权票")
                })
            if s.reportedOn == nil {
                forms.append(
                    RecordPage.form("report", title: "报告上级工会（\(s.title)）", action: SiteURL.sessionReport(sid).path, submit: "登记", typed: typed,
                        errors: errors, defaults: ["reportedOn": today.iso]) { f in
                        f.date("reportedOn", "报告日期", hint: "会后\(rules.reportWorkingDays)个工作日内", required: true)
                    })
            }
        }
        if !sessionChoices.isEmpty {
            forms.append(
                RecordPage.form("proposal", title: "提交提案", action: SiteURL.proposals.path, submit: "提交", typed: typed, errors: errors,
                    defaults: ["submittedOn": today.iso, "sessionId": sessionChoices.first?.0 ?? ""]) { f in
                    f.select("sessionId", "会议", Array(sessionChoices), required: true)
                    f.text("title", "案由", hint: "一事一案", required: true)
                    f.area("content", "提案内容")
                    f.text("proposer", "提案人", required: true)
                    f.text("cosigners", "附议人", hint: "\(rules.minCosigners)人以上，用顿号分隔", required: true)
                    f.date("submittedOn", "提交日期", required: true)
                })
        }
        page.forms = forms
        page.canHandle = req.may(.contractHandle)
        return try await page.render(req, status: status)
    }

    private func onCongress(_ req: Request, _ body: (FormFields, Int) async throws -> String) async throws -> Response {
        let id = try req.id("职代会")
        return try await RecordPage.perform(
            req, back: SiteURL.congress(id).path, page: { try await congressPage(req, typed: $0, errors: $1, status: $2) }
        ) { try await body($0, id) }
    }

    func addDelegate(req: Request) async throws -> Response {
        try await onCongress(req) { values, id in
            try await Congresses.addDelegate(
                id, try DelegateFields.validate(values, today: req.today), in: req.scope, rules: req.application.contractRules, actor: req.actor,
                at: req.now, on: req.db)
            return "已登记代表"
        }
    }

    func addSession(req: Request) async throws -> Response {
        try await onCongress(req) { values, id in
            _ = try await Congresses.addSession(id, values, in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已登记会议，请在\(req.application.contractRules.reportWorkingDays)个工作日内报告上级工会"
        }
    }

    /// A session's form posted from its congress's page: back there, or the page again with what was typed.
    private func onSession(_ req: Request, _ body: (FormFields, Int) async throws -> String) async throws -> Response {
        let sid = try req.id("会议")
        let (_, c) = try await Congresses.session(sid, in: req.scope, on: req.db)
        req.parameters.set("id", to: String(c.id ?? 0))
        return try await RecordPage.perform(
            req, back: SiteURL.congress(c.id).path, page: { try await congressPage(req, typed: $0, errors: $1, status: $2) }
        ) { try await body($0, sid) }
    }

    func addResolution(req: Request) async throws -> Response {
        try await onSession(req) { values, sid in
            try await Congresses.addResolution(sid, values, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记决议"
        }
    }

    func reportSession(req: Request) async throws -> Response {
        try await onSession(req) { values, sid in
            try await Congresses.report(sid, values, in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已登记报告上级工会"
        }
    }

    func submitProposal(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        let sid = Int(values["sessionId"] ?? "") ?? 0
        let (_, c) = try await Congresses.session(sid, in: req.scope, on: req.db)
        req.parameters.set("id", to: String(c.id ?? 0))
        do {
            let p = try await Congresses.submit(
                try ProposalFields.validate(values, today: req.today, rules: req.application.contractRules), in: req.scope, actor: req.actor,
                at: req.now, on: req.db)
            return req.redirect(to: SiteURL.proposal(p.id).path, flash: "已提交提案 \(p.number)")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await congressPage(req, typed: values, errors: errors, status: status)
        }
    }

    // MARK: Proposal

    func proposal(req: Request) async throws -> Response { try await proposalPage(req, typed: FormFields(), errors: [:]) }

    private func proposalPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let principal = try req.requirePrincipal()
        let rules = req.application.contractRules
        let (p, s, c) = try await Congresses.proposal(req.id("提案"), in: principal.scope, on: req.db)
        let id = try p.requireID()
        var page = RecordPage(layout: Layout(title: "提案 \(p.number)", principal: principal, active: .democracy))
        page.links = [.init(label: "返回\(c.congressKind.short)", url: SiteURL.congress(c.id).path, id: "back")]
        let due = Congresses.replyDue(p, rules: rules)
        page.facts = Fact.list([
            ("编号", p.number), ("大会", "\(c.name) \(s.title)"), ("案由", p.title), ("内容", p.content), ("提案人", p.proposer), ("附议人", p.cosigners),
            ("提交日期", p.submittedOn), ("状态", p.proposalState.label), ("立案", p.registeredOn.map { "\($0)，承办部门：\(p.department ?? "")" }),
            ("答复期限", p.repliedOn == nil ? due?.iso : nil), ("不予立案", p.returnedOn.map { "\($0)：\(p.returnReason ?? "")" }),
            ("答复", p.repliedOn.map { "\($0)：\(p.answer ?? "")" }),
            ("提案人意见", p.satisfaction.flatMap(ProposalSatisfaction.init(rawValue:)).map { "\($0.label)（\(p.ratedOn ?? "")）" }),
            ("向大会报告", p.reportedOn),
        ])
        page.forms = ProposalFlow.codes(for: p.proposalState, dates: p.dates, rated: p.satisfaction != nil).map { code in
            RecordPage.form(code.rawValue, title: code.label, action: SiteURL.proposalStep(id).path, submit: code.label, typed: typed, errors: errors,
                defaults: ["date": req.today.iso]) { f in
                f.hidden("action", code.rawValue)
                f.date("date", "日期", required: true)
                switch code {
                case .register: f.text("department", "承办部门", required: true)
                case .giveBack: f.area("reason", "不予立案理由")
                case .reply: f.area("answer", "答复意见")
                case .rate: f.choice("satisfaction", "提案人意见", ProposalSatisfaction.self, required: true)
                case .report: break
                }
            }
        }
        page.canHandle = req.may(.contractHandle)
        return try await page.render(req, status: status)
    }

    func proposalStep(req: Request) async throws -> Response {
        let id = try req.id("提案")
        return try await RecordPage.perform(req, back: SiteURL.proposal(id).path, page: { try await proposalPage(req, typed: $0, errors: $1, status: $2) }) {
            let action = try ProposalAction.parse($0)
            try await Congresses.act(id, action, in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已办理：\(action.code.label)"
        }
    }

    // MARK: 厂务公开

    func disclosures(req: Request) async throws -> Response { try await disclosurePage(req, typed: FormFields(), errors: [:]) }

    private func disclosurePage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let chosen = Int(typed["employerId"] ?? q["employerId"] ?? "")
        let employers = try await Employer.scoped(p.scope, on: req.db).sort(\.$name).limit(500).all()
        var page = RecordPage(layout: Layout(title: "厂务公开", principal: p, active: .democracy))
        page.links = [.init(label: "返回民主管理", url: SiteURL.democracy.path, id: "back")]
        var filter = FormBuilder(FormFields(["employerId": chosen.map(String.init) ?? ""]), errors: [:], idPrefix: "filter-")
        filter.select("employerId", "单位", employers.map { (String($0.id ?? 0), "\($0.name)（\($0.headcount)人）") })
        page.filter = .init(action: SiteURL.disclosures.path, fields: filter.fields)
        let open = try await OpenAffairs.openCorrections(in: p.scope, on: req.db)
        if let chosen, let employer = employers.first(where: { $0.id == chosen }) {
            page.intro = "\(employer.name)：公开事项、年度检查和整改。"
            let items = try await Disclosure.query(on: req.db).filter(\.$employer.$id == chosen).sort(\.$disclosedOn, .descending).all()
            let checks = try await DisclosureCheck.query(on: req.db).filter(\.$employer.$id == chosen).sort(\.$checkedOn, .descending).all()
            page.sections = [
                .init(
                    title: "公开事项", table: .init(
                        id: "disclosures", columns: ["公开日期", "公开形式", "事项"],
                        rows: items.map { .init(cells: [Cell($0.disclosedOn), Cell(DisclosureChannel(rawValue: $0.channel)?.label ?? ""), Cell($0.title)]) })),
                .init(
                    title: "年度检查", table: .init(
                        id: "checks", columns: ["检查日期", "结果", "检查情况", "整改期限", "整改完成"],
                        rows: checks.map {
                            .init(cells: [
                                Cell($0.checkedOn), Cell($0.passed ? "通过" : "需整改"), Cell($0.findings), Cell($0.correctionsDue ?? ""),
                                Cell($0.correctedOn ?? (($0.passed) ? "" : "未完成")),
                            ])
                        })),
            ]
            let today = req.today.iso
            page.forms = [
                RecordPage.form("item", title: "登记公开事项", action: SiteURL.disclosures.path, submit: "登记", typed: typed, errors: errors,
                    defaults: ["disclosedOn": today, "employerId": String(chosen)]) { f in
                    f.hidden("employerId", String(chosen))
                    f.date("disclosedOn", "公开日期", required: true)
                    f.choice("channel", "公开形式", DisclosureChannel.self, required: true)
                    f.text("title", "公开事项", hint: "如 年度经营情况、工资调整方案、职工福利", required: true)
                },
                RecordPage.form("check", title: "登记年度检查", action: SiteURL.disclosureChecks.path, submit: "登记", typed: typed, errors: errors,
                    defaults: ["checkedOn": today, "employerId": String(chosen)]) { f in
                    f.hidden("employerId", String(chosen))
                    f.date("checkedOn", "检查日期", required: true)
                    f.check("passed", "检查通过")
                    f.area("findings", "检查情况")
                    f.date("correctionsDue", "整改期限", hint: "未通过时填写")
                },
            ]
            for c in checks where !c.passed && c.correctedOn == nil {
                page.forms.append(
                    RecordPage.form("corrected-\(c.id ?? 0)", title: "登记整改完成（\(c.checkedOn)检查）", action: SiteURL.disclosureCorrected(c.id).path,
                        submit: "登记", typed: typed, errors: errors, defaults: ["correctedOn": today]) { f in
                        f.date("correctedOn", "整改完成日期", required: true)
                    })
            }
        } else {
            page.intro = "选择单位查看和登记公开事项、年度检查；下表为待整改的检查。"
            page.sections = [
                .init(
                    title: "待整改", table: .init(
                        id: "corrections", columns: ["单位", "检查日期", "检查情况", "整改期限"],
                        rows: open.map {
                            .init(cells: [
                                Cell($0.employer.name, url: SiteURL.disclosures.path + "?employerId=\($0.$employer.id)"), Cell($0.checkedOn), Cell($0.findings),
                                Cell($0.correctionsDue ?? ""),
                            ])
                        }))
            ]
        }
        page.canHandle = req.may(.contractHandle)
        return try await page.render(req, status: status)
    }

    private func onDisclosures(_ req: Request, _ body: (FormFields) async throws -> String) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        let back = SiteURL.disclosures.path + (values["employerId"].map { "?employerId=\($0)" } ?? "")
        return try await RecordPage.perform(req, back: back, page: { try await disclosurePage(req, typed: $0, errors: $1, status: $2) }, body)
    }

    func disclose(req: Request) async throws -> Response {
        try await onDisclosures(req) {
            try await OpenAffairs.disclose(try DisclosureFields.validate($0, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记公开事项"
        }
    }

    func check(req: Request) async throws -> Response {
        try await onDisclosures(req) {
            try await OpenAffairs.check(try DisclosureCheckFields.validate($0, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记检查"
        }
    }

    func corrected(req: Request) async throws -> Response {
        let id = try req.id("检查记录")
        let employer = try await DisclosureCheck.query(on: req.db).filter(\.$id == id).first()?.$employer.id
        return try await RecordPage.perform(
            req, back: SiteURL.disclosures.path + (employer.map { "?employerId=\($0)" } ?? ""),
            page: { try await disclosurePage(req, typed: $0, errors: $1, status: $2) }
        ) {
            try await OpenAffairs.corrected(id, $0, in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已登记整改完成"
        }
    }

    // MARK: Weekly report

    func week(req: Request) async throws -> Response { try await weekPage(req, typed: FormFields(), errors: [:]) }

    private func weekPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.contractRules
        let q = try req.query.decode(FormFields.self)
        let week = (q["week"].flatMap(CalendarDate.init(parsing:)) ?? req.today).monday
        let rows = try await OpenAffairs.week(week, in: p.scope, on: req.db)
        let due = OpenAffairs.reportDue(week: week, rules: rules)
        var page = RecordPage(layout: Layout(title: "集体协商每周进展", principal: p, active: .democracy))
        page.links = [
            .init(label: "上一周", url: SiteURL.bargainingWeek.path + "?week=\(week.adding(days: -7).iso)", id: "prev-week"),
            .init(label: "集体协商", url: SiteURL.negotiations.path, id: "to-negotiations"),
        ]
        page.intro = "\(week.iso)这一周（应于\(due.iso)前上报）：有进行中集体协商的工会每周上报一次进展。"
        var filter = FormBuilder(FormFields(["week": week.iso]), errors: [:], idPrefix: "filter-")
        filter.date("week", "周")
        page.filter = .init(action: SiteURL.bargainingWeek.path, fields: filter.fields)
        page.sections = [
            .init(
                title: "本周上报", note: "共 \(rows.count) 个工会，已上报 \(rows.filter { $0.report != nil }.count) 个",
                table: .init(
                    id: "weekly", columns: ["工会", "进行中的协商", "上报日期", "进展"],
                    rows: rows.map { r in
                        .init(cells: [
                            Cell(r.union.name), Cell(String(r.negotiations), num: true),
                            Cell(r.report?.reportedOn ?? "未上报", badge: r.report == nil && req.today > due ? Badge(label: "逾期未报", cls: "badge bad") : nil),
                            Cell(r.report?.progress ?? ""),
                        ])
                    }))
        ]
        let unions = rows.map { (String($0.union.id ?? 0), $0.union.name) }
        if !unions.isEmpty {
            let mine = unions.contains { $0.0 == String(p.scope.orgID) } ? String(p.scope.orgID) : unions.first?.0 ?? ""
            page.forms = [
                RecordPage.form("weekly", title: "上报本周进展", action: SiteURL.bargainingWeek.path, submit: "上报", typed: typed, errors: errors,
                    defaults: ["week": week.iso, "orgId": mine]) { f in
                    f.select("orgId", "工会", unions, required: true)
                    f.date("week", "周（任一天）", required: true)
                    f.area("progress", "本周进展")
                }
            ]
        }
        page.canHandle = req.may(.contractHandle)
        return try await page.render(req, status: status)
    }

    func reportWeek(req: Request) async throws -> Response {
        try await RecordPage.perform(req, back: SiteURL.bargainingWeek.path, page: { try await weekPage(req, typed: $0, errors: $1, status: $2) }) {
            try await OpenAffairs.report(
                try ProgressReportFields.validate($0, today: req.today), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已上报本周进展"
        }
    }

    // MARK: Women workers

    func women(req: Request) async throws -> Response { try await womenPage(req, typed: FormFields(), errors: [:]) }

    private func womenPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.contractRules
        let today = req.today
        let q = try req.query.decode(FormFields.self)
        let members = try await Registers.memberCounts(cachedIn: p.scope, on: today, app: req.application, on: req.db)
        let withCommittee = try await OpenAffairs.unionsWithWomenCommittee(in: p.scope, on: today, on: req.db)
        func due(_ union: Int) -> Bool {
            (members[union]?.women ?? 0) >= rules.womenCommitteeFrom && !withCommittee.contains(union)
        }
        // A county has thousands of unions: the table comes in pages, found by name or narrowed to those that should
        // set up a committee and have not; the form offers the unions of the page.
        var unions = Organization.scoped(p.scope, on: req.db).filter(\.$level == OrgLevel.union.rawValue)
        if let name = Input.optional(q["q"]) { unions = unions.filter(Like.contains("organizations.name", name)) }
        let owing = members.keys.filter(due)
        if Input.flag(q["due"]) { unions = unions.filter(\.$id ~~ owing) }
        let list = try await unions.sort(\.$name).sort(\.$id).paged(page: q["page"].flatMap { Int($0) } ?? 1, per: 50)
        let committees = try await OpenAffairs.womenCommittees(in: p.scope, on: today, only: list.rows.compactMap(\.id), on: req.db)
        var choices = list.rows
        if let id = typed["orgId"].flatMap({ Int($0) }), !choices.contains(where: { $0.id == id }),
            let typedUnion = try await Organization.scoped(p.scope, on: req.db).filter(\.$id == id).first()
        {
            choices.insert(typedUnion, at: 0)
        }
        var page = RecordPage(layout: Layout(title: "女职工组织", principal: p, active: .democracy))
        page.links = [.init(label: "返回民主管理", url: SiteURL.democracy.path, id: "back")]
        let women = members.values.reduce(0) { $0 + $1.women }
        let all = members.values.reduce(0) { $0 + $1.all }
        page.intro = "女会员 \(women) 人，占会员总数的 \(Phrase.percent(women, of: all).map { "\($0)%" } ?? "—")（按身份证号判定性别）。女会员\(rules.womenCommitteeFrom)人以上的工会应建立女职工委员会，尚未建立的 \(owing.count) 个。"
        var filter = FormBuilder(q)
        filter.text("q", "工会名称")
        filter.check("due", "只看应建未建女职委的工会")
        page.filter = .init(action: SiteURL.women.path, fields: filter.fields)
        page.sections = [
            .init(
                title: "各工会女职工组织", note: "共 \(list.totalText) 个工会。", table: .init(
                    id: "women", columns: ["工会", "女会员", "占比", "女职工组织"],
                    rows: list.rows.map { u in
                        let n = members[u.id ?? 0] ?? MemberCount()
                        let c = committees[u.id ?? 0]
                        return .init(cells: [
                            Cell(u.name), Cell(String(n.women), num: true), Cell(Phrase.percent(n.women, of: n.all).map { "\($0)%" } ?? "—"),
                            Cell(
                                c.map { "\(WomenOrganisation(rawValue: $0.form)?.label ?? "")：\($0.chair)（\($0.setUpOn)起\($0.form == WomenOrganisation.committee.rawValue ? "，委员\($0.members)人" : "")）" }
                                    ?? "未建立", badge: due(u.id ?? 0) ? Badge(label: "应建女职委", cls: "badge warn") : nil),
                        ])
                    }),
                pager: Pager(list, base: SiteURL.women.path, query: ["q", "due"].map { ($0, q[$0]) }))
        ]
        page.forms = [
            RecordPage.form("women", title: "登记女职工组织", action: SiteURL.women.path, submit: "登记", typed: typed, errors: errors,
                defaults: ["setUpOn": today.iso, "orgId": String(p.scope.orgID)]) { f in
                f.select("orgId", "工会", choices.map { (String($0.id ?? 0), $0.name) }, hint: "列出本页的工会；其他工会请先在上方按名称查找", required: true)
                f.choice("form", "组织形式", WomenOrganisation.self, required: true)
                f.date("setUpOn", "建立（任职）日期", required: true)
                f.text("chair", "女职委主任（或女职工委员）", required: true)
                f.text("members", "委员人数", hint: "女职工委员会填写，3人以上")
                f.date("termEnds", "任期届满")
            }
        ]
        page.canHandle = req.may(.contractHandle)
        return try await page.render(req, status: status)
    }

    func setWomen(req: Request) async throws -> Response {
        try await RecordPage.perform(req, back: SiteURL.women.path, page: { try await womenPage(req, typed: $0, errors: $1, status: $2) }) {
            try await OpenAffairs.setWomenCommittee(try WomenCommitteeFields.validate($0, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记女职工组织"
        }
    }
}
