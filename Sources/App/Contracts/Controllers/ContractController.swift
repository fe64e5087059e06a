import Domain
import Fluent
import Office
import Vapor

/// Contract pages: the register with the subtree's bargaining figures, registering a contract as it stands, and the
/// contract with its deadlines, steps, covered employers and timeline.
struct ContractController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .contracts, .contractRead, use: index)
        routes.endpoint(.GET, .contractNew, .contractHandle, use: new)
        routes.endpoint(.POST, .contracts, .contractHandle, use: create)
        routes.endpoint(.GET, .contract(nil), .contractRead, use: show)
        routes.endpoint(.POST, .contractStep(nil), .contractHandle, use: step)
        routes.endpoint(.POST, .contractCovered(nil), .contractHandle, use: addCovered)
        routes.endpoint(.GET, .contractText(nil), .contractRead, use: text)
        routes.endpoint(.POST, .contractFiles(nil), .contractHandle, body: .stream, use: upload)
        routes.endpoint(.GET, .contractFile(nil, nil), .contractRead, use: download)
        routes.endpoint(.POST, .contractFileWithdraw(nil, nil), .contractHandle, use: withdraw)
    }

    /// The contract's text from its kind's template, filled from the record, as a Word document.
    func text(req: Request) async throws -> Response {
        let c = try await Contracts.find(req.id("集体合同"), in: req.scope, on: req.db)
        let covered = try await Contracts.covered(try c.requireID(), on: req.db)
        let d = c.dates
        let text = ContractText.compose(
            .init(
                kind: c.contractKind, level: c.contractLevel, title: c.title, union: c.org.name, party: c.partyLabel, covered: covered.map(\.employer.name),
                workers: c.workers, womenWorkers: c.womenWorkers, starts: d.starts, ends: d.ends, wageRise: c.wageRise, minimumWage: c.minimumWage,
                signed: d.signed))
        var doc = DocxDocument(title: text.title)
        doc.add(.title, text.title)
        for line in text.lines {
            switch line {
            case .chapter(let t): doc.add(.heading1, t)
            case .clause(let t): doc.add(.body, t)
            case .signature(let t): doc.add(.signature, t)
            }
        }
        return .attachment(
            try doc.data(), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name: "\(c.number) \(c.title).docx",
            fallback: "contract.docx")
    }

    static func filter(_ q: FormFields) throws -> Contracts.Filter {
        var e = FieldErrors()
        var f = Contracts.Filter()
        f.state = e.collect { () throws(FieldError) in try Input.choice(q["state"], ContractState.self, field: "state", name: "状态") } ?? nil
        f.kind = e.collect { () throws(FieldError) in try Input.choice(q["kind"], ContractKind.self, field: "kind", name: "合同种类") } ?? nil
        f.level = e.collect { () throws(FieldError) in try Input.choice(q["level"], ContractLevel.self, field: "level", name: "层级") } ?? nil
        f.alert = e.collect { () throws(FieldError) in try Input.choice(q["alert"], Contracts.Alert.self, field: "alert", name: "提醒") } ?? nil
        try e.throwIfAny()
        f.text = Input.optional(q["q"])
        f.page = q["page"].flatMap { Int($0) } ?? 1
        return f
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let rules = req.application.contractRules
        let list = try await Contracts.list(try Self.filter(q), in: p.scope, rules: rules, today: req.today, on: req.db)
        let year = req.today.year
        let figures = try await ContractStats.overview(req.application, scope: p.scope, today: req.today, on: req.db)
        return try await ContractListPage(
            layout: Layout(title: "集体合同", principal: p, active: .contracts), headline: ContractHeadline(figures, year: year),
            rows: list.rows.map { ContractRow($0, rules: rules, today: req.today) },
            pager: Pager(list, base: SiteURL.contracts.path, query: ["state", "kind", "level", "alert", "q"].map { ($0, q[$0]) }),
            states: SelectOption.list(ContractState.self, selected: q["state"]), kinds: SelectOption.list(ContractKind.self, selected: q["kind"]),
            levels: SelectOption.list(ContractLevel.self, selected: q["level"]), alerts: SelectOption.list(Contracts.Alert.self, selected: q["alert"]),
            text: q["q"] ?? "", canHandle: req.may(.contractHandle)
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        let own = String(try req.scope.orgID)
        values["orgId"] = values["orgId"] ?? own
        return try await form(req, values, errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let id = try await Contracts.register(
                try ContractRecordFields.validate(values, today: req.today, rules: req.application.contractRules), in: req.scope,
                actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.contract(id).path, flash: "已登记集体合同")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status)
        }
    }

    private func form(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        guard let level = BargainingForms.chosenLevel(values) else {
            return try await BargainingForms.levelChoice(
                req, action: SiteURL.contractNew.path, title: "登记已有集体合同", intro: "登记在系统外签订的集体合同：先选择合同种类和层级。")
        }
        var f = FormBuilder(values, errors: errors)
        try await BargainingForms.parties(&f, level: level, req: req)
        f.date("signedOn", "签订日期", required: true)
        BargainingForms.terms(&f, kind: values["kind"].flatMap(ContractKind.init(rawValue:)), rules: req.application.contractRules)
        f.date("filedOn", "报送审查日期", hint: "已报送劳动保障部门的填写")
        f.date("effectiveOn", "生效日期", hint: "审查通过或报送满15日无异议之日")
        f.date("publishedOn", "公布日期", hint: "向全体职工公布之日")
        let page = FormPage(
            layout: Layout(title: "登记已有集体合同 · \(level.label)", principal: try req.requirePrincipal(), active: .contracts),
            action: SiteURL.contracts.path, form: f, submitLabel: "登记", intro: "新的协商请从“发起集体协商”开始，签字后合同自动登记。", formID: "contract-form")
        return try await page.render(req, status: status)
    }

    // MARK: One contract

    func show(req: Request) async throws -> Response { try await page(req, errors: [:], typed: FormFields()) }

    func page(_ req: Request, errors: [String: String], typed: FormFields, status: HTTPResponseStatus = .ok) async throws -> Response {
        let principal = try req.requirePrincipal()
        let rules = req.application.contractRules
        let c = try await Contracts.find(req.id("集体合同"), in: principal.scope, on: req.db)
        let id = try c.requireID()
        let state = c.contractState
        let pack = try await Self.pack(c, typed: typed, errors: errors, req: req)
        let attached = pack.filter(\.attached).map(\.code).joined(separator: ",")
        /// The pack's checklist, ticked where documents are attached until the form is posted.
        func packChecks(_ f: inout FormBuilder, _ label: String, posted: Bool) {
            if !posted { f.values["pack"] = attached }
            f.checks("pack", label, FilingItem.self, cases: FilingItem.required(for: c.contractLevel), hint: "已上传附件的材料已勾选")
        }
        let stepForms = BargainingForms.stepForms(
            ContractFlow.codes(for: state, dates: c.dates), label: \.label, typed: typed, errors: errors, today: req.today
        ) { code, f in
            switch code {
            case .object: f.area("note", "审查意见", hint: "劳动保障部门《审查意见书》的意见")
            case .resubmit:
                f.area("note", "修改情况", hint: "重新协商修改的内容")
                packChecks(&f, "报送材料", posted: typed["form"] == code.rawValue)
            case .publish: f.text("channel", "公布方式", hint: "如 厂务公开栏、职代会、企业微信群", required: true)
            case .check: f.area("note", "检查情况", hint: "履约检查发现的问题和整改")
            case .end: f.area("note", "终止原因", hint: "如 企业关闭、期满不再续签、双方协商一致解除")
            case .submit:
                packChecks(&f, "报送材料（须齐全）", posted: typed["form"] == code.rawValue)
            case .takeEffect: break
            }
        }
        let covered = try await Contracts.covered(id, on: req.db)
        var coveredForm: FieldGroup?
        if c.contractLevel.coversMany, state != .terminated, c.supersededOn == nil {
            let posted = typed["form"] == "covered"
            var f = FormBuilder(posted ? typed : FormFields(["form": "covered"]), errors: posted ? errors : [:], idPrefix: "covered-")
            let taken = Set(covered.map(\.$employer.id))
            let employers = try await Employer.scoped(principal.scope, on: req.db).sort(\.$name).limit(500).all()
                .filter { !taken.contains($0.id ?? 0) }.map { (String($0.id ?? 0), "\($0.name)（\($0.headcount)人）") }
            f.hidden("form", "covered")
            f.select("employerId", "覆盖企业", employers, required: true)
            f.text("headcount", "职工人数", hint: "不填按单位登记的人数")
            coveredForm = FieldGroup(fields: f.fields)
        }
        let d = c.dates
        let facts = Fact.list([
            ("编号", c.number), ("合同名称", c.title), ("种类", c.contractKind.label), ("层级", c.contractLevel.label), ("工会（职工方）", c.org.name),
            ("企业方", c.partyLabel), ("签订日期", c.signedOn), ("期限", "\(c.startsOn)至\(c.endsOn)"), ("覆盖职工", "\(c.workers)人"),
            ("其中女职工", c.womenWorkers.map { "\($0)人" }), ("工资增幅", c.wageRise.map(WageRise.text)),
            ("最低工资", c.minimumWage.map { "\(Money.yuan($0))元/月" }), ("报送审查", c.filedOn), ("重新报送", c.refiledOn),
            ("审查意见", c.objectedOn.map { "\($0) \(c.objection ?? "")" }), ("生效日期", c.effectiveOn),
            ("公布", c.publishedOn.map { "\($0) \(c.publishedVia ?? "")" }), ("终止", c.terminatedOn.map { "\($0) \(c.endReason ?? "")" }),
            ("续签替代", c.supersededOn), ("续签的原合同", c.renews.map { "\($0.number) \($0.title)" }),
            ("集体协商", c.negotiation?.number), ("状态", d.label(state, today: req.today)),
        ])
        let renewable = state == .inForce && c.supersededOn == nil
        var renew = SiteURL.negotiationNew.path + "?level=\(c.level)&kind=\(c.kind)&renewsId=\(id)&orgId=\(c.$org.id)"
        if let e = c.$employer.id { renew += "&employerId=\(e)" }
        if let party = c.counterpart, c.contractLevel.coversMany {
            renew += "&counterpart=" + (party.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        return try await ContractPage(
            layout: Layout(title: "集体合同 \(c.number)", principal: principal, active: .contracts), number: c.number, facts: facts,
            deadlines: ContractDeadlineRow.rows(Contracts.deadlines(c, rules: rules, today: req.today)),
            covered: covered.map { CoveredRow(name: $0.employer.name, url: SiteURL.employer($0.$employer.id).path, headcount: $0.headcount) },
            coveredTotal: covered.reduce(0) { $0 + $1.headcount },
            timeline: try await Negotiations.timeline(contract: id, on: req.db).map(ContractEventRow.init), stepForms: stepForms,
            coveredForm: coveredForm, pack: pack, fileForm: Self.fileForm(c, typed: typed, errors: errors, req: req),
            canHandle: req.may(.contractHandle), renewURL: renewable ? renew : nil,
            stepURL: SiteURL.contractStep(id).path, coveredURL: SiteURL.contractCovered(id).path, textURL: SiteURL.contractText(id).path,
            filesURL: SiteURL.contractFiles(id).path
        ).render(req, status: status)
    }

    func perform(_ req: Request, _ body: (FormFields, Int) async throws -> String) async throws -> Response {
        let id = try req.id("集体合同")
        let values = try req.content.decode(FormFields.self)
        do {
            return req.redirect(to: SiteURL.contract(id).path, flash: try await body(values, id))
        } catch let asked as AskedFirst {
            return asked.response
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await page(req, errors: errors, typed: values, status: status)
        }
    }

    func step(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            let level = try await Contracts.find(id, in: req.scope, on: req.db).contractLevel
            let action = try ContractAction.parse(values, level: level)
            if case .end(let on, let reason) = action {
                let c = try await Contracts.find(id, in: req.scope, on: req.db)
                if let ask = try await req.askFirst(
                    values, title: "确认终止合同",
                    statements: ["\(c.number) \(c.title)自\(on.iso)起终止，原因：\(reason)。", "终止后不再计入生效集体合同和建制率，不能恢复。"],
                    confirmLabel: "确认终止", cancelURL: SiteURL.contract(id).path)
                {
                    throw AskedFirst(response: ask)
                }
            }
            try await Contracts.act(id, action, in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已办理：\(action.code.label)"
        }
    }

    func addCovered(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            try await Contracts.addCovered(id, try CoveredEmployerFields.validate(values), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已增加覆盖企业"
        }
    }
}
