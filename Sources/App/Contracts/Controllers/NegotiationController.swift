import Domain
import Fluent
import Vapor

/// Negotiation pages: the list, the written request (level first, then only that level's parties), and the
/// negotiation with its deadlines, negotiators, steps and timeline.
struct NegotiationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .negotiations, .contractRead, use: index)
        routes.endpoint(.GET, .negotiationNew, .contractHandle, use: new)
        routes.endpoint(.POST, .negotiations, .contractHandle, use: create)
        routes.endpoint(.GET, .negotiation(nil), .contractRead, use: show)
        routes.endpoint(.POST, .negotiationStep(nil), .contractHandle, use: step)
        routes.endpoint(.POST, .negotiators(nil), .contractHandle, use: addSeat)
        routes.endpoint(.POST, .negotiatorLeave(nil, nil), .contractHandle, use: leave)
    }

    static func filter(_ q: FormFields) throws -> Negotiations.Filter {
        var e = FieldErrors()
        var f = Negotiations.Filter()
        f.state = e.collect { () throws(FieldError) in try Input.choice(q["state"], NegotiationState.self, field: "state", name: "状态") } ?? nil
        f.kind = e.collect { () throws(FieldError) in try Input.choice(q["kind"], ContractKind.self, field: "kind", name: "合同种类") } ?? nil
        f.level = e.collect { () throws(FieldError) in try Input.choice(q["level"], ContractLevel.self, field: "level", name: "层级") } ?? nil
        try e.throwIfAny()
        f.open = Input.flag(q["open"])
        f.text = Input.optional(q["q"])
        f.page = q["page"].flatMap { Int($0) } ?? 1
        return f
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let list = try await Negotiations.list(try Self.filter(q), in: p.scope, on: req.db)
        return try await NegotiationListPage(
            layout: Layout(title: "集体协商", principal: p, active: .contracts), rows: list.rows.map(NegotiationRow.init),
            pager: Pager(list, base: SiteURL.negotiations.path, query: ["state", "kind", "level", "open", "q"].map { ($0, q[$0]) }),
            states: SelectOption.list(NegotiationState.self, selected: q["state"]), kinds: SelectOption.list(ContractKind.self, selected: q["kind"]),
            open: Input.flag(q["open"]), text: q["q"] ?? "", canHandle: req.may(.contractHandle)
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        values["requestedOn"] = values["requestedOn"] ?? req.today.iso
        let own = String(try req.scope.orgID)
        values["orgId"] = values["orgId"] ?? own
        return try await form(req, values, errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let n = try await Negotiations.create(
                try NegotiationFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.negotiation(n.id).path, flash: "已登记要约 \(n.number)，请登记双方协商代表")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status)
        }
    }

    private func form(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        guard let level = BargainingForms.chosenLevel(values) else {
            return try await BargainingForms.levelChoice(
                req, action: SiteURL.negotiationNew.path, title: "发起集体协商",
                intro: "先选择合同种类和层级：企业集体协商选择企业；行业性、区域性协商填写企业方。")
        }
        var f = FormBuilder(values, errors: errors)
        try await BargainingForms.parties(&f, level: level, req: req)
        f.choice("requestedBy", "要约方", Requester.self, required: true)
        f.date("requestedOn", "要约日期", hint: "书面要约书送达之日；对方应在\(req.application.contractRules.replyDays)日内书面回应", required: true)
        f.area("request", "要约内容", hint: "协商的议题和主要诉求")
        let renewable = try await Contracts.scoped(try req.scope, on: req.db).filter(Contracts.current).filter(\.$level == level.rawValue)
            .sort(\.$endsOn).limit(200).all().map { (String($0.id ?? 0), "\($0.number) \($0.title)（\($0.endsOn)期满）") }
        if !renewable.isEmpty { f.select("renewsId", "续签的合同", renewable, hint: "续签时选择原合同；新合同生效之日原合同即被替代") }
        let page = FormPage(
            layout: Layout(title: "发起集体协商 · \(level.label)", principal: try req.requirePrincipal(), active: .contracts),
            action: SiteURL.negotiations.path, form: f, submitLabel: "登记要约", intro: "登记后请登记双方协商代表：每方不少于\(req.application.contractRules.minNegotiators)人，人数对等，各有一名首席代表。",
            formID: "negotiation-form")
        return try await page.render(req, status: status)
    }

    // MARK: One negotiation

    func show(req: Request) async throws -> Response { try await page(req, errors: [:], typed: FormFields()) }

    private func page(_ req: Request, errors: [String: String], typed: FormFields, status: HTTPResponseStatus = .ok) async throws -> Response {
        let principal = try req.requirePrincipal()
        let rules = req.application.contractRules
        let n = try await Negotiations.find(req.id("集体协商"), in: principal.scope, on: req.db)
        let id = try n.requireID()
        let seats = try await Negotiations.seats(id, on: req.db)
        let state = n.negotiationState
        let employerStaff = n.employer?.headcount
        let stepForms = BargainingForms.stepForms(
            NegotiationFlow.codes(for: state), label: \.label, typed: typed, errors: errors, today: req.today
        ) { code, f in
            switch code {
            case .reply:
                f.choice("answer", "回应", ReplyAnswer.self, required: true)
                f.area("note", "回应说明", hint: "拒绝协商须写明正当理由")
            case .round: f.area("minutes", "会议纪要", hint: "议题、双方意见、达成的共识；纪要由非协商代表的记录员记录")
            case .draft: break
            case .vote:
                let congress = (employerStaff ?? rules.congressFrom) >= rules.congressFrom
                f.choice("body", "审议机构", VoteBody.self, hint: congress ? "\(rules.congressFrom)人以上企业应提交职工代表大会" : nil, required: true)
                f.text("delegates", "应到人数（全体代表或全体职工）", required: true)
                f.text("attending", "实到人数", hint: "须达到应到人数的三分之二", required: true)
                f.text("approving", "赞成票", hint: "须超过应到人数的半数方为通过", required: true)
                f.choice("result", "表决结果", VoteResult.self, hint: "未通过的草案退回继续协商", required: true)
            case .sign: BargainingForms.terms(&f, kind: n.contractKind, rules: rules)
            }
        }
        let posted = typed["form"] == "seat"
        var seatForm = FormBuilder(posted ? typed : FormFields(["joinedOn": req.today.iso, "form": "seat"]), errors: posted ? errors : [:], idPrefix: "seat-")
        seatForm.hidden("form", "seat")
        seatForm.choice("side", "代表方", NegotiatorSide.self, required: true)
        seatForm.text("name", "姓名", required: true)
        seatForm.text("position", "职务")
        seatForm.check("chief", "首席代表")
        seatForm.date("joinedOn", "产生日期", required: true)
        let seatRows = seats.map { s -> SeatRow in
            let form = "leave-\(s.id ?? 0)"
            let mine = typed["form"] == form
            var f = FormBuilder(mine ? typed : FormFields(["leftOn": req.today.iso, "form": form]), errors: mine ? errors : [:], idPrefix: form + "-")
            f.hidden("form", form)
            f.date("leftOn", "离任日期", required: true)
            f.text("reason", "离任原因", required: true)
            return SeatRow(
                side: NegotiatorSide(rawValue: s.side)?.label ?? s.side, name: s.name, position: s.position ?? "", chief: s.chief,
                joinedOn: s.joinedOn, left: s.leftOn.map { "\($0)离任：\(s.leftReason ?? "")" } ?? "",
                leaveURL: SiteURL.negotiatorLeave(id, s.id).path, leaveForm: FieldGroup(fields: f.fields), canLeave: s.leftOn == nil && state.isOpen)
        }
        let vote: String? = n.votedOn.map { on in
            "\(on) \(VoteBody(rawValue: n.voteBody ?? "")?.label ?? "")：应到\(n.delegates ?? 0)人，实到\(n.attending ?? 0)人，赞成\(n.approving ?? 0)票"
        }
        let facts = Fact.list([
            ("编号", n.number), ("协商工会", n.org.name), ("企业方", n.partyLabel), ("种类", n.contractKind.label), ("层级", n.contractLevel.label),
            ("要约方", Requester(rawValue: n.requestedBy)?.label), ("要约日期", n.requestedOn), ("要约内容", n.request),
            ("书面回应", n.repliedOn.map { "\($0) \(n.replyNote ?? "")" }), ("协商会议", n.rounds > 0 ? "\(n.rounds)轮，最近一次\(n.lastRoundOn ?? "")" : nil),
            ("草案形成", n.draftedOn), ("审议表决", vote), ("未通过的表决", n.failedVotes > 0 ? "\(n.failedVotes)次" : nil), ("签字日期", n.signedOn),
            ("状态", state.label),
        ])
        return try await NegotiationPage(
            layout: Layout(title: "集体协商 \(n.number)", principal: principal, active: .contracts), number: n.number, facts: facts,
            deadlines: ContractDeadlineRow.rows(Negotiations.deadlines(n, seats: seats, rules: rules, today: req.today)), seats: seatRows,
            timeline: try await Negotiations.timeline(negotiation: id, on: req.db).map(ContractEventRow.init), stepForms: stepForms,
            seatForm: FieldGroup(fields: seatForm.fields), canHandle: req.may(.contractHandle), isOpen: state.isOpen,
            contractURL: n.contractID.map { SiteURL.contract($0).path }, stepURL: SiteURL.negotiationStep(id).path,
            seatURL: SiteURL.negotiators(id).path
        ).render(req, status: status)
    }

    /// Runs a posted form and returns to the negotiation (or to `to`), or shows the page again with what was typed.
    private func perform(_ req: Request, _ body: (FormFields, Int) async throws -> (String, String?)) async throws -> Response {
        let id = try req.id("集体协商")
        let values = try req.content.decode(FormFields.self)
        do {
            let (done, to) = try await body(values, id)
            return req.redirect(to: to ?? SiteURL.negotiation(id).path, flash: done)
        } catch let asked as AskedFirst {
            return asked.response
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await page(req, errors: errors, typed: values, status: status)
        }
    }

    func step(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            let n = try await Negotiations.find(id, in: req.scope, on: req.db)
            let rules = req.application.contractRules
            let action = try NegotiationAction.parse(values, kind: n.contractKind, rules: rules)
            if case .sign(let on, let terms) = action,
                let ask = try await req.askFirst(
                    values, title: "确认签字", statements: [
                        "\(n.partyLabel)\(n.contractKind.label)由双方首席代表于\(on.iso)签字，合同期限\(terms.startsOn.iso)至\(terms.endsOn.iso)，覆盖职工\(terms.workers)人。",
                        "签字后生成集体合同，应在\(rules.filingDays(for: n.contractKind))日内报送劳动保障部门审查；签字记录不能撤销。",
                    ], confirmLabel: "确认签字", cancelURL: SiteURL.negotiation(id).path)
            {
                throw AskedFirst(response: ask)
            }
            let contract = try await Negotiations.act(
                id, action, in: req.scope, rules: rules, today: req.today, actor: req.actor, at: req.now, on: req.db)
            if let contract { return ("已签订，合同已登记，请在期限内报送审查", SiteURL.contract(contract).path) }
            return ("已办理：\(action.code.label)", nil)
        }
    }

    func addSeat(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            try await Negotiations.addNegotiator(
                id, try NegotiatorFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return ("已登记协商代表", nil)
        }
    }

    func leave(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            guard let seat = req.parameters.get("seat").flatMap(Int.init) else { throw AppError.notFound("协商代表") }
            try await Negotiations.leave(id, negotiator: seat, values, in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return ("已登记离任，请在\(req.application.contractRules.vacancyDays)日内补足协商代表", nil)
        }
    }
}
