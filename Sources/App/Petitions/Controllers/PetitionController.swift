import Domain
import Fluent
import Vapor

/// Petition pages: the work queue (with the handlers' away flags and the year's figures), the register with filters,
/// intake, and the petition with its deadlines, steps, timeline, handlers and recoveries.
struct PetitionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .petitions, .petitionRead, use: queue)
        routes.endpoint(.POST, .petitionAway, .petitionHandle, use: away)
        routes.endpoint(.GET, .petitionRegister, .petitionRead, use: register)
        routes.endpoint(.GET, .petitionNew, .petitionHandle, use: newPetition)
        routes.endpoint(.POST, .petitions, .petitionHandle, use: create)
        routes.endpoint(.GET, .petition(nil), .petitionRead, use: show)
        routes.endpoint(.POST, .petitionStep(nil), .petitionHandle, use: step)
        routes.endpoint(.POST, .petitionContacts(nil), .petitionHandle, use: contact)
        routes.endpoint(.POST, .petitionHandlers(nil), .petitionManage, use: handlers)
        routes.endpoint(.POST, .petitionRecoveries(nil), .petitionHandle, use: recovery)
        routes.endpoint(.POST, .petitionReveal(nil), .petitionReveal, use: reveal)
        routes.endpoint(.GET, .petitionLetter(nil, nil), .petitionRead, use: letter)
    }

    // MARK: Queue

    func queue(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.petitionRules
        let mine = try await Petitions.queue(for: p.userID, rules: rules, today: req.today, on: req.db)
        let colleagues = try await Petitions.handlerChoices(in: p.scope, on: req.db)
        let stats = try await PetitionStats.overview(req.application, scope: p.scope, today: req.today, on: req.db)
        return try await PetitionQueuePage(
            layout: Layout(title: "信访维权 · 我的待办", principal: p, active: .petitions),
            rows: mine.map { PetitionRow($0, rules: rules, today: req.today, viewer: p.userID) }, hasRows: !mine.isEmpty,
            handlers: colleagues.map {
                HandlerRow(
                    id: $0.id ?? 0, name: $0.displayName, away: $0.awaySince != nil, awaySince: $0.awaySince ?? "", isMe: $0.id == p.userID)
            }, canManage: req.may(.petitionManage), canHandle: req.may(.petitionHandle), stats: PetitionStatsView(stats)
        ).render(req)
    }

    func away(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        guard let id = try Input.id(values["userId"], field: "userId", label: "承办人") else { throw AppError.notFound("用户") }
        _ = try await Petitions.setAway(
            id, away: Input.flag(values["away"]), principal: req.requirePrincipal(), today: req.today, actor: req.actor, at: req.now,
            on: req.db)
        return req.redirect(to: SiteURL.petitions.path, flash: Input.flag(values["away"]) ? "已登记外出，期间由B角承办" : "已登记返岗")
    }

    // MARK: Register

    static func filter(_ q: FormFields) throws -> Petitions.Filter {
        var e = FieldErrors()
        var f = Petitions.Filter()
        f.state = e.collect { () throws(FieldError) in try Input.choice(q["state"], PetitionState.self, field: "state", name: "状态") } ?? nil
        f.source =
            e.collect { () throws(FieldError) in try Input.choice(q["source"], PetitionSource.self, field: "source", name: "来源") } ?? nil
        f.category =
            e.collect { () throws(FieldError) in try Input.choice(q["category"], PetitionCategory.self, field: "category", name: "问题类别") }
            ?? nil
        f.alert =
            e.collect { () throws(FieldError) in try Input.choice(q["alert"], Petitions.Alert.self, field: "alert", name: "预警") } ?? nil
        f.handler = e.collect { () throws(FieldError) in try Input.id(q["handler"], field: "handler", label: "承办人") } ?? nil
        f.from = e.collect { () throws(FieldError) in try Input.date(q["from"], field: "from", label: "开始日期") } ?? nil
        f.to = e.collect { () throws(FieldError) in try Input.date(q["to"], field: "to", label: "结束日期") } ?? nil
        try e.throwIfAny()
        f.urgent = Input.flag(q["urgent"])
        f.group = Input.flag(q["group"])
        f.text = Input.optional(q["q"])
        f.page = q["page"].flatMap { Int($0) } ?? 1
        return f
    }

    func register(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let rules = req.application.petitionRules
        let list = try await Petitions.list(try Self.filter(q), in: p.scope, rules: rules, today: req.today, on: req.db)
        let keys = ["state", "source", "category", "alert", "urgent", "group", "from", "to", "q"]
        return try await PetitionRegisterPage(
            layout: Layout(title: "信访登记簿", principal: p, active: .petitions),
            rows: list.rows.map { PetitionRow($0, rules: rules, today: req.today) },
            pager: Pager(list, base: SiteURL.petitionRegister.path, query: keys.map { ($0, q[$0]) }),
            states: SelectOption.list(PetitionState.self, selected: q["state"]),
            sources: SelectOption.list(PetitionSource.self, selected: q["source"]),
            categories: SelectOption.list(PetitionCategory.self, selected: q["category"]),
            alerts: SelectOption.list(Petitions.Alert.self, selected: q["alert"]), urgent: Input.flag(q["urgent"]),
            group: Input.flag(q["group"]),
            from: q["from"] ?? "", to: q["to"] ?? "", text: q["q"] ?? "", canHandle: req.may(.petitionHandle)
        ).render(req)
    }

    // MARK: Intake

    func newPetition(req: Request) async throws -> Response {
        try await intakeForm(
            req, FormFields(["receivedOn": req.today.iso, "workers": "1", "handlerA": String(try req.requirePrincipal().userID)]),
            errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let f = try PetitionFields.validate(values, today: req.today)
            let p = try await Petitions.create(
                f, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.petition(p.id).path, flash: "已登记信访件 \(p.number)")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await intakeForm(req, values, errors: errors, status: status)
        }
    }

    private func intakeForm(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let handlers = try await Petitions.handlerChoices(in: req.scope, on: req.db).map { (String($0.id ?? 0), $0.displayName) }
        let employers = try await Employer.scoped(req.scope, on: req.db).sort(\.$name).limit(500).all().map {
            (String($0.id ?? 0), $0.name)
        }
        var f = FormBuilder(values, errors: errors)
        f.choice("source", "来源", PetitionSource.self, required: true)
        f.date("receivedOn", "收件日期", required: true)
        f.text("transferBody", "转办机关", hint: "上级转办件填写，如“市总工会”")
        f.text("transferRef", "转办文号")
        f.date("transferReplyDue", "转办要求回复日期")
        f.text("petitionerName", "信访人（代表）姓名", required: true)
        f.text("petitionerPhone", "联系电话", hint: "手机或带区号的固定电话；保存后脱敏显示")
        f.text("petitionerIdNumber", "身份证号", hint: "可不填；填写后用于查找同一人的在办件")
        f.text("workers", "涉及人数", hint: "\(req.application.petitionRules.groupSize)人及以上按集体访统计")
        f.select("employerId", "涉及单位", employers, hint: "未登记的单位填写下一栏")
        f.text("employerName", "涉及单位名称（未登记）")
        f.choice("category", "问题类别", PetitionCategory.self, required: true)
        f.check("urgent", "重大紧急（须及时向党委政府和上级工会报告）")
        f.area("summary", "反映问题")
        f.area("requests", "诉求")
        f.select("handlerA", "A角（主办）", handlers, required: true)
        f.select("handlerB", "B角（替补）", handlers, hint: "A角外出时由B角办理", required: true)
        if errors["confirmDuplicate"] != nil { f.check("confirmDuplicate", "已核对，确认不是重复件") }
        let page = FormPage(
            layout: Layout(title: "信访登记", principal: try req.requirePrincipal(), active: .petitions), action: SiteURL.petitions.path,
            form: f,
            submitLabel: "登记", intro: "登记后15日内须书面告知是否受理。同一人或同一单位同类在办件会提示可能重复。", formID: "petition-form")
        return try await page.render(req, status: status)
    }

    // MARK: One petition

    func show(req: Request) async throws -> Response {
        try await showPage(req, errors: [:], typed: FormFields())
    }

    /// The petition page. After a refused step the posted form (named by `form`) shows what was typed with its errors.
    private func showPage(
        _ req: Request, errors: [String: String], typed: FormFields, revealed: (phone: String?, idNumber: String?)? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let principal = try req.requirePrincipal()
        let rules = req.application.petitionRules
        let p = try await Petitions.find(req.id("信访件"), in: principal.scope, on: req.db)
        let id = try p.requireID()
        let posted = typed["form"] ?? ""
        func values(_ form: String, _ defaults: [String: String]) -> (FormFields, [String: String]) {
            posted == form ? (typed, errors) : (FormFields(defaults.merging(["form": form]) { a, _ in a }), [:])
        }
        let codes = PetitionFlow.codes(for: p.petitionState, dates: p.dates, unreported: p.urgent && p.reportedOn == nil)
        let today = req.today.iso
        // One form per step the flow allows now, each with only its own fields.
        let stepForms = codes.map { code in
            let (v, e) = values(code.rawValue, ["date": today])
            var f = FormBuilder(v, errors: e, idPrefix: code.rawValue + "-")
            f.date("date", "日期", required: true)
            switch code {
            case .notAccept: f.text("reason", "不予受理理由", required: true)
            case .transferOut: f.text("to", "转往单位", hint: "有权处理的机关或单位", required: true)
            case .report: f.text("to", "报告对象", hint: "镇党委、政府或上级工会", required: true)
            case .extend:
                f.text("days", "延长天数", hint: "至多\(rules.maxExtensionDays)天，只能延长一次", required: true)
                f.text("reason", "延期理由", required: true)
                f.text("approver", "延期批准人", hint: "须经本单位负责人批准", required: true)
            case .reply:
                f.area("summary", "答复内容")
                f.text("reference", "答复文号")
            case .close: f.choice("satisfaction", "回访满意度", Satisfaction.self, required: true)
            case .accept, .start, .replyToTransferrer, .reopen: break
            }
            return StepForm(code: code.rawValue, label: code.label, fields: f.fields)
        }
        var (v, e) = values("contact", ["date": today])
        var contact = FormBuilder(v, errors: e, idPrefix: "contact-")
        contact.choice("kind", "方式", ContactKind.self, required: true)
        contact.date("date", "日期", required: true)
        contact.area("note", "情况记录")
        contact.text("reference", "文号")
        (v, e) = values("handlers", ["handlerA": String(p.$handlerA.id), "handlerB": String(p.$handlerB.id)])
        let choices = try await Petitions.handlerChoices(in: principal.scope, on: req.db).map { (String($0.id ?? 0), $0.displayName) }
        var handlers = FormBuilder(v, errors: e, idPrefix: "handlers-")
        handlers.select("handlerA", "A角（主办）", choices, required: true)
        handlers.select("handlerB", "B角（替补）", choices, required: true)
        handlers.text("reason", "调整原因", required: true)
        (v, e) = values("recovery", ["date": today, "kind": p.category == PetitionCategory.workInjury.rawValue ? "injury" : "wages"])
        let recovery = Self.recoveryForm(v, errors: e)
        let formError = errors[FormBuilder.formKey]
        return try await PetitionPage(
            layout: Layout(title: "信访件 \(p.number)", principal: principal, active: .petitions),
            petition: PetitionView(p, rules: rules, revealed: revealed),
            deadlines: Petitions.deadlines(p, rules: rules, today: req.today).map(DeadlineRow.init),
            timeline: try await Petitions.timeline(id, on: req.db).map(EventRow.init),
            recoveries: try await Petitions.recoveries(petitionID: id, on: req.db).map(RecoveryRow.init),
            mediations: try await Mediations.linked(toPetition: id, on: req.db).map { MediationRow($0, rules: rules, today: req.today) },
            formError: formError, canHandle: req.may(.petitionHandle),
            canManage: req.may(.petitionManage),
            canReveal: req.may(.petitionReveal) && (p.phoneEncrypted != nil || p.idNumberEncrypted != nil) && revealed == nil,
            stepForms: stepForms,
            letters: Self.letterFacts(p, rules: rules).available.map {
                SelectOption(value: SiteURL.petitionLetter(id, $0).path, label: $0.label, selected: false)
            },
            contactForm: FieldGroup(fields: contact.fields),
            handlersForm: FieldGroup(fields: handlers.fields), recoveryForm: FieldGroup(fields: recovery.fields),
            stepURL: SiteURL.petitionStep(id).path, contactURL: SiteURL.petitionContacts(id).path,
            handlersURL: SiteURL.petitionHandlers(id).path,
            recoveryURL: SiteURL.petitionRecoveries(id).path, revealURL: SiteURL.petitionReveal(id).path,
            newMediationURL: SiteURL.mediationNew.path + "?petitionId=\(id)"
        ).render(req, status: status)
    }

    static func recoveryForm(_ values: FormFields, errors: [String: String]) -> FormBuilder {
        var f = FormBuilder(values, errors: errors, idPrefix: "recovery-")
        f.choice("kind", "类型", RecoveryKind.self, required: true)
        f.text("workers", "受助职工人数", required: true)
        f.text("migrantWorkers", "其中农民工人数")
        f.text("amount", "金额（元）", hint: "可写 12000、1.2万", required: true)
        f.date("date", "到位日期", required: true)
        f.text("note", "说明")
        return f
    }

    /// Runs a posted form's action and returns to the petition, or shows the page again with what was typed.
    /// The body returns what was done (“已受理”), confirmed on the petition's page.
    private func perform(_ req: Request, _ body: (FormFields, Int) async throws -> String) async throws -> Response {
        let id = try req.id("信访件")
        let values = try req.content.decode(FormFields.self)
        do {
            let done = try await body(values, id)
            return req.redirect(to: SiteURL.petition(id).path, flash: done)
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, errors: errors, typed: values, status: status)
        }
    }

    func step(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            let action = try PetitionAction.parse(values, today: req.today)
            try await Petitions.act(
                id, action, in: req.scope, rules: req.application.petitionRules, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已办理：\(action.code.label)"
        }
    }

    func contact(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            try await Petitions.addContact(
                id, try ContactFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已记录联系情况"
        }
    }

    func handlers(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            try await Petitions.changeHandlers(
                id, try HandlerChange.validate(values), in: req.scope, today: req.today, actor: req.actor, at: req.now, on: req.db)
            return "已调整承办人"
        }
    }

    func recovery(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            _ = try await Petitions.addRecovery(
                try RecoveryFields.validate(values, today: req.today), petitionID: id, mediationID: nil, in: req.scope, actor: req.actor,
                at: req.now, on: req.db)
            return "已登记追回款项"
        }
    }

    /// The petitioner's full phone and ID number, for a handler who must call back; audited.
    func reveal(req: Request) async throws -> Response {
        let p = try await Petitions.find(req.id("信访件"), in: req.scope, on: req.db)
        let cipher = req.application.cipher
        let phone = try p.phoneEncrypted.map { try cipher.decrypt($0) }
        let idNumber = try p.idNumberEncrypted.map { try cipher.decrypt($0) }
        try await Audit.record(
            PetitionAudit.reveal, entity: "petition", id: p.id, after: ["fields": "petitionerPhone,petitionerIdNumber"], actor: req.actor,
            at: req.now, on: req.db)
        return try await showPage(req, errors: [:], typed: FormFields(), revealed: (phone, idNumber))
    }

    /// A letter of the petition's handling, laid out for A4 (受理告知书, 不予受理告知书, 答复意见书, 转办回复).
    func letter(req: Request) async throws -> Response {
        let p = try await Petitions.find(req.id("信访件"), in: req.scope, on: req.db)
        guard let kind = req.parameters.get("kind").flatMap(PetitionLetterKind.init(rawValue:)),
            let letter = Self.letterFacts(p, rules: req.application.petitionRules).letter(kind, today: req.today)
        else { throw AppError.notFound("文书") }
        return try await PetitionLetterPage(
            layout: Layout(title: letter.title, principal: try req.requirePrincipal(), active: .petitions), letter: letter,
            backURL: SiteURL.petition(p.id).path
        ).render(req)
    }

    static func letterFacts(_ p: Petition, rules: PetitionRules) -> PetitionLetterFacts {
        func day(_ s: String?) -> CalendarDate? { s.flatMap(CalendarDate.init(parsing:)) }
        return PetitionLetterFacts(
            number: p.number, org: p.org.name, petitioner: p.petitionerName, receivedOn: day(p.receivedOn) ?? CalendarDate(clamping: 2000, 1, 1),
            source: PetitionSource(rawValue: p.source) ?? .visit, category: PetitionCategory(rawValue: p.category)?.label ?? p.category,
            summary: p.summary, state: p.petitionState, acceptedOn: day(p.acceptedOn), decisionNote: p.decisionNote,
            answeredOn: day(p.answeredOn), replySummary: p.replySummary, replyRef: p.replyRef, transferBody: p.transferBody,
            transferRef: p.transferRef, transferRepliedOn: day(p.transferRepliedOn), handler: p.handlerA.displayName, rules: rules)
    }
}
