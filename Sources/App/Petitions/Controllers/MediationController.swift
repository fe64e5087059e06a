import Domain
import Fluent
import Vapor

/// Labour-dispute mediation pages: the list (pending past the limit flagged), the application form (from a petition
/// or on its own), and the case with its outcome and the money recovered.
struct MediationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .mediations, .petitionRead, use: list)
        routes.endpoint(.GET, .mediationNew, .petitionHandle, use: newMediation)
        routes.endpoint(.POST, .mediations, .petitionHandle, use: create)
        routes.endpoint(.GET, .mediation(nil), .petitionRead, use: show)
        routes.endpoint(.POST, .mediationOutcome(nil), .petitionHandle, use: outcome)
        routes.endpoint(.POST, .mediationRecoveries(nil), .petitionHandle, use: recovery)
    }

    static func filter(_ q: FormFields) throws -> Mediations.Filter {
        Mediations.Filter(
            outcome: try Input.choice(q["outcome"], MediationOutcome.self, field: "outcome", name: "调解结果"),
            overdue: Input.flag(q["overdue"]),
            page: q["page"].flatMap { Int($0) } ?? 1)
    }

    func list(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let rules = req.application.petitionRules
        let list = try await Mediations.list(try Self.filter(q), in: p.scope, rules: rules, today: req.today, on: req.db)
        return try await MediationListPage(
            layout: Layout(title: "劳动争议调解", principal: p, active: .petitions),
            rows: list.rows.map { MediationRow($0, rules: rules, today: req.today) },
            pager: Pager(list, base: SiteURL.mediations.path, query: [("outcome", q["outcome"]), ("overdue", q["overdue"])]),
            outcomes: SelectOption.list(MediationOutcome.self, selected: q["outcome"]), overdue: Input.flag(q["overdue"]),
            canHandle: req.may(.petitionHandle)
        ).render(req)
    }

    func newMediation(req: Request) async throws -> Response {
        let q = try req.query.decode(FormFields.self)
        var values = FormFields(["appliedOn": req.today.iso, "workers": "1"])
        // From a petition: its number, petitioner, employer and workers carry over.
        if let id = try Input.id(q["petitionId"], field: "petitionId", label: "来源信访件") {
            let p = try await Petitions.find(id, in: req.scope, on: req.db)
            values["petitionId"] = String(id)
            values["applicantName"] = p.petitionerName
            values["workers"] = String(p.workers)
            values["employerId"] = p.$employer.id.map(String.init)
            values["employerName"] = p.employerName
            values["claim"] = p.requests ?? p.summary
        }
        return try await form(req, values, errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let m = try await Mediations.create(
                try MediationFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.mediation(m.id).path, flash: "已登记调解申请")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status)
        }
    }

    private func form(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let employers = try await Employer.scoped(req.scope, on: req.db).sort(\.$name).limit(500).all().map {
            (String($0.id ?? 0), $0.name)
        }
        var f = FormBuilder(values, errors: errors)
        f.text("petitionId", "来源信访件编号（内部号）", hint: "由信访件页面“转入调解”进入时自动带出")
        f.text("applicantName", "申请人（职工方）", required: true)
        f.text("workers", "涉及职工人数")
        f.select("employerId", "被申请单位", employers, hint: "未登记的单位填写下一栏")
        f.text("employerName", "被申请单位名称（未登记）")
        f.area("claim", "调解请求")
        f.text("claimAmount", "请求金额（元）")
        f.date("appliedOn", "申请日期", required: true)
        f.text("mediators", "调解员", hint: "多人用顿号分隔", required: true)
        let page = FormPage(
            layout: Layout(title: "登记调解申请", principal: try req.requirePrincipal(), active: .petitions), action: SiteURL.mediations.path,
            form: f, submitLabel: "登记",
            intro: "自收到调解申请之日起\(req.application.petitionRules.mediationDays)日内未达成调解协议的，当事人可以依法申请仲裁。", formID: "mediation-form")
        return try await page.render(req, status: status)
    }

    func show(req: Request) async throws -> Response { try await showPage(req, errors: [:], typed: FormFields()) }

    private func showPage(_ req: Request, errors: [String: String], typed: FormFields, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        let rules = req.application.petitionRules
        let m = try await Mediations.find(req.id("调解案件"), in: p.scope, on: req.db)
        let id = try m.requireID()
        let posted = typed["form"] ?? ""
        let outcome = m.mediationOutcome ?? .pending
        var outcomeForm = FormBuilder(
            posted == "outcome" ? typed : FormFields(["form": "outcome", "decidedOn": req.today.iso]),
            errors: posted == "outcome" ? errors : [:],
            idPrefix: "outcome-")
        outcomeForm.choice("outcome", "调解结果", MediationOutcome.self, cases: [.agreement, .noAgreement, .withdrawn], required: true)
        outcomeForm.date("decidedOn", "结案日期", required: true)
        outcomeForm.text("agreedAmount", "协议金额（元）")
        outcomeForm.check("performed", "协议已履行")
        outcomeForm.text("note", "说明")
        let recovery = PetitionController.recoveryForm(
            posted == "recovery"
                ? typed : FormFields(["form": "recovery", "date": req.today.iso, "kind": "wages", "workers": String(m.workers)]),
            errors: posted == "recovery" ? errors : [:])
        let formError = errors[FormBuilder.formKey]
        return try await MediationPage(
            layout: Layout(title: "调解案件 \(m.number)", principal: p, active: .petitions),
            mediation: MediationRow(m, rules: rules, today: req.today),
            claim: m.claim, mediators: m.mediators, decidedOn: m.decidedOn ?? "", agreedAmount: m.agreedAmount.map(Money.yuan) ?? "",
            note: m.note ?? "", petitionURL: m.$petition.id.map { SiteURL.petition($0).path } ?? "", hasPetition: m.petition != nil,
            petitionNumber: m.petition?.number ?? "",
            recoveries: try await Petitions.recoveries(mediationID: id, on: req.db).map(RecoveryRow.init),
            formError: formError, canHandle: req.may(.petitionHandle),
            canDecide: req.may(.petitionHandle) && (outcome == .pending || (outcome == .agreement && !m.performed)),
            outcomeForm: FieldGroup(fields: outcomeForm.fields), recoveryForm: FieldGroup(fields: recovery.fields),
            outcomeURL: SiteURL.mediationOutcome(id).path, recoveryURL: SiteURL.mediationRecoveries(id).path
        ).render(req, status: status)
    }

    private func perform(_ req: Request, _ body: (FormFields, Int) async throws -> Void) async throws -> Response {
        let id = try req.id("调解案件")
        let values = try req.content.decode(FormFields.self)
        do {
            try await body(values, id)
            return req.redirect(to: SiteURL.mediation(id).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, errors: errors, typed: values, status: status)
        }
    }

    func outcome(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            let today = req.today
            try await Mediations.decide(
                id, { applied throws(FieldErrors) in try MediationOutcomeFields.validate(values, appliedOn: applied, today: today) },
                in: req.scope, actor: req.actor, at: req.now, on: req.db)
        }
    }

    func recovery(req: Request) async throws -> Response {
        try await perform(req) { values, id in
            _ = try await Petitions.addRecovery(
                try RecoveryFields.validate(values, today: req.today), petitionID: nil, mediationID: id, in: req.scope, actor: req.actor,
                at: req.now, on: req.db)
        }
    }
}
