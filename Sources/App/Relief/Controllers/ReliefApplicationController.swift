import Domain
import Fluent
import Vapor

/// Relief application pages: the list, the application form with its eligibility check, and the application with
/// its workflow steps and the forms for the next ones (each shown only to who may take it).
struct ReliefApplicationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .reliefApplications, .reliefRead, use: index)
        routes.endpoint(.GET, .reliefApplicationNew, .reliefApply, use: new)
        routes.endpoint(.POST, .reliefApplications, .reliefApply, use: create)
        routes.endpoint(.GET, .reliefApplication(nil), .reliefRead, use: show)
        routes.endpoint(.GET, .reliefApplicationEdit(nil), .reliefApply, use: edit)
        routes.endpoint(.POST, .reliefApplicationEdit(nil), .reliefApply, use: update)
        routes.endpoint(.POST, .reliefApplicationStep(nil), .reliefApply, use: step)
        routes.endpoint(.POST, .reliefApplicationPay(nil), .reliefPay, use: pay)
        routes.endpoint(.POST, .reliefApplicationReverse(nil), .reliefPay, use: reverse)
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let list = try await ReliefApplications.list(try ReliefController.applicationFilter(q), in: p.scope, on: req.db)
        let rounds = try await ReliefRounds.choices(in: p.scope, on: req.db)
        return try await ApplicationListPage(
            layout: Layout(title: "帮扶申请", principal: p, active: .relief), rows: list.rows.map(ApplicationRow.init),
            pager: Pager(list, base: SiteURL.reliefApplications.path, query: [("state", q["state"]), ("roundId", q["roundId"])]),
            states: SelectOption.list(ReliefState.self, selected: q["state"]),
            rounds: rounds.map { SelectOption(value: String($0.id), label: $0.name, selected: String($0.id) == q["roundId"]) }
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        var values = FormFields()
        values["roundId"] = try? req.query.get(String.self, at: "roundId")
        values["fileId"] = try? req.query.get(String.self, at: "fileId")
        if let id = try? req.query.get(Int.self, at: "memberId"), let m = try? await MemberQuery.find(id, in: req.scope, on: req.db) {
            values["member"] = m.cardNumber
        }
        return try await form(req, values: values, errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            var v = values
            // A member as typed, or (from a file page) a household filed without membership.
            if Input.optional(values["member"]) != nil || Input.optional(values["fileId"]) == nil {
                v["memberId"] = String(
                    try await ReliefController.findMember(req, id: nil, text: values["member"], field: "member").requireID())
                v["fileId"] = nil
            }
            let a = try await ReliefApplications.create(
                try ApplicationFields.validate(v), in: req.scope, settings: req.application.reliefSettings, today: req.today,
                actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefApplication(a.id).path, flash: "已保存申请（编号\(a.id ?? 0)）")
        } catch {
            guard let (found, status) = req.refusal(error) else { throw error }
            var errors = found
            if let m = errors.removeValue(forKey: "memberId") { errors["member"] = m }
            return try await form(req, values: values, errors: errors, status: status)
        }
    }

    /// The application form, in two steps: first the round (its kind decides which facts and documents apply), then
    /// only the fields of that kind. Editing a draft starts at the second step, its round and applicant fixed.
    private func form(
        _ req: Request, values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok, editing: ReliefApplication? = nil
    ) async throws -> Response {
        let p = try req.requirePrincipal()
        // Open rounds; for federation staff also the rounds of this year and last that have ended (补录).
        let today = req.today
        let own = try await Organization.find(req.scope.orgID, on: req.db)
        let mayEnterLate = own?.level == OrgLevel.federation.rawValue
        let rounds = try await ReliefRounds.list(in: req.scope, on: req.db).compactMap { r -> (ReliefRound, Bool)? in
            guard let ends = CalendarDate(parsing: r.endsOn) else { return (r, false) }
            if ends >= today { return (r, false) }
            return mayEnterLate && ends.year >= today.year - 1 ? (r, true) : nil
        }
        var f = FormBuilder(values, errors: errors)
        let chosen = editing.map { ($0.round, false) } ?? rounds.first { String($0.0.id ?? 0) == values["roundId"] }
        guard let (round, ended) = chosen, let kind = round.reliefKind else {
            let roundChoices: [(String, String)] = rounds.map { r, ended in
                (String(r.id ?? 0), r.name + "（" + (r.reliefKind?.label ?? "") + (ended ? "，已结束，补录" : "") + "）")
            }
            f.select("roundId", "帮扶批次", roundChoices, hint: "先选批次：不同帮扶类型需要填写的情况和材料不同", required: true)
            if let file = values["fileId"] { f.hidden("fileId", file) }
            if values["member"] != nil { f.text("member", "申请会员（会员证号或身份证号）") }
            var page = FormPage(
                layout: Layout(title: "新建帮扶申请", principal: p, active: .relief), action: SiteURL.reliefApplicationNew.path, form: f,
                submitLabel: "下一步", intro: "第一步：选择帮扶批次。", formID: "round-choice")
            page.isGet = true
            return try await page.render(req, status: status)
        }
        let intro: String
        if let editing {
            intro = "申请人：\(editing.applicantName)；批次：\(round.name)；申请日期：\(editing.appliedOn)。这三项不能修改，如需更换请撤回本申请后重新申请。"
        } else {
            intro = "批次：\(round.name)（\(kind.label)）。保存时检查申请条件；材料齐全后在申请页提交审核。"
            f.hidden("roundId", String(round.id ?? 0))
            f.date("appliedOn", "申请日期", hint: "留空为今天；补录时填写实际申请的日期")
            if ended { f.text("lateReason", "补录原因", hint: "“\(round.name)”已结束：补录申请必填，记入申请和操作日志", required: true) }
            if values["fileId"] != nil {
                f.text("fileId", "困难职工档案编号", hint: "非会员户由档案申请；会员请填写下一栏")
                f.text("member", "申请会员（会员证号或身份证号）")
            } else {
                f.text("member", "申请会员（会员证号或身份证号）", required: true)
            }
        }
        Self.kindFields(kind, &f)
        f.area("note", "情况说明")
        let action = editing.map { SiteURL.reliefApplicationEdit($0.id).path } ?? SiteURL.reliefApplications.path
        let page = FormPage(
            layout: Layout(title: editing == nil ? "新建帮扶申请 · \(kind.label)" : "修改帮扶申请 · \(kind.label)", principal: p, active: .relief),
            action: action, form: f, submitLabel: editing == nil ? "保存为草稿" : "保存修改",
            intro: intro, formID: "application-form")
        return try await page.render(req, status: status)
    }

    /// The facts and documents a kind asks for, and nothing of the other kinds.
    static func kindFields(_ kind: ReliefKind, _ f: inout FormBuilder) {
        if kind == .medical {
            f.date("admittedOn", "入院日期")
            f.date("dischargedOn", "出院日期", hint: "补助按住院天数和互助办法计算")
            f.text("hospitalDays", "住院天数", hint: "未填入院、出院日期时填写")
            f.text("coveredCost", "医保范围内费用（元）")
        } else {
            f.text("requested", "申请金额（元）", hint: "留空按本轮标准")
            f.select("standardKey", "适用标准", RoundFields.standardKeys.map { ($0.key, $0.label) }, hint: "留空按档案困难类别或就读层次")
        }
        switch kind {
        case .scholarship:
            f.choice("schoolLevel", "子女就读层次", SchoolLevel.self)
            f.checks("exclusions", "排除情形（如有）", ScholarshipExclusion.self)
        case .injury: f.check("workInjury", "已认定工伤")
        case .festival: f.check("festivalTarget", "送温暖慰问对象（大病、一线、劳模等）")
        case .emergency: f.check("suddenCause", "突发致困（意外、灾害、重病）")
        case .medical, .training, .daily: break
        }
        let required = ReliefDocument.required(for: kind)
        f.checks(
            "documents", "已收齐的申请材料", ReliefDocument.self, cases: required + [.bankCard].filter { !required.contains($0) },
            hint: "提交审核前须收齐：" + required.map(\.label).joined(separator: "、"))
    }

    func edit(req: Request) async throws -> Response {
        let a = try await ReliefApplications.find(req.id("帮扶申请"), in: req.scope, on: req.db)
        guard a.reliefState?.isEditable == true else {
            throw AppError.conflict("当前状态为“\(a.reliefState?.label ?? a.state)”，申请已不能修改", field: nil)
        }
        return try await form(req, values: ApplicationView.formValues(a), errors: [:], editing: a)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.id("帮扶申请")
        let values = try req.content.decode(FormFields.self)
        do {
            _ = try await ReliefApplications.update(
                id, { try ApplicationFields.validateEdit(values, keeping: $0) }, in: req.scope, settings: req.application.reliefSettings,
                today: req.today, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefApplication(id).path, flash: "已保存修改")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            let a = try await ReliefApplications.find(id, in: req.scope, on: req.db)
            return try await form(req, values: values, errors: errors, status: status, editing: a)
        }
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, errors: [:], typed: FormFields())
    }

    private func showPage(_ req: Request, errors: [String: String], typed: FormFields, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        let a = try await ReliefApplications.find(req.id("帮扶申请"), in: p.scope, on: req.db)
        let id = try a.requireID()
        let state = a.reliefState ?? .draft
        let steps = try await ReliefApplications.steps(id, on: req.db)
        let users = try await User.query(on: req.db).filter(\.$id ~~ Set(steps.compactMap(\.userID))).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.displayName) } })
        let payments = try await ReliefApplications.disbursements(id, on: req.db)
        let round = a.round
        let (context, _) = try await ReliefApplications.flowContext(
            a, state: state, actor: p.userID, settings: req.application.reliefSettings, on: req.db)
        let allowed = Set(ReliefFlow.allowedActions(state, context, may: req.may))
        var values = typed
        if values["amount"] == nil {
            values["amount"] = Money.yuan(a.upperApproved ?? a.approved ?? a.requested).replacingOccurrences(of: ",", with: "")
        }
        if values["paidOn"] == nil { values["paidOn"] = req.today.iso }
        if values["method"] == nil { values["method"] = PaymentMethod.bankTransfer.rawValue }
        var payForm = FormBuilder(values, errors: errors)
        payForm.choice("method", "发放方式", PaymentMethod.self, required: true)
        payForm.date("paidOn", "发放日期", required: true)
        payForm.check("overdraft", "透支发放（资金余额不足时）")
        payForm.text("overdraftReason", "透支原因")
        return try await ApplicationPage(
            layout: Layout(title: "帮扶申请 · \(a.applicantName)", principal: p, active: .relief), application: ApplicationView(a),
            steps: steps.map { StepRow($0, user: $0.userID.flatMap { names[$0] } ?? "", zone: req.application.config.timeZone) },
            payments: payments.map { PaymentRow($0) },
            formError: errors[FormBuilder.formKey] ?? errors.values.first,
            amount: values["amount"] ?? "", reason: values["reason"] ?? "", date: values["date"] ?? req.today.iso,
            offers: ReliefAction.Code.offers(allowed), payForm: FieldGroup(fields: payForm.fields), token: Token.make(),
            stepURL: SiteURL.reliefApplicationStep(id).path, payURL: SiteURL.reliefApplicationPay(id).path,
            reverseURL: SiteURL.reliefApplicationReverse(id).path, roundURL: SiteURL.reliefRound(round.id).path,
            fileURL: a.$file.id.map { SiteURL.reliefFile($0).path } ?? "", hasFile: a.$file.id != nil,
            editURL: allowed.contains(.submit) ? SiteURL.reliefApplicationEdit(id).path : nil
        ).render(req, status: status)
    }

    func step(req: Request) async throws -> Response {
        let id = try req.id("帮扶申请")
        let values = try req.content.decode(FormFields.self)
        do {
            let step = try ReliefStepInput.parse(values, today: req.today)
            try req.authorize(step.action.permission)
            try await ReliefApplications.act(
                id, step.action, on: step.date, comment: nil, in: req.scope, settings: req.application.reliefSettings, actor: req.actor,
                at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefApplication(id).path, flash: "已办理：\(step.action.code.label)")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, errors: errors, typed: values, status: status)
        }
    }

    func pay(req: Request) async throws -> Response {
        let id = try req.id("帮扶申请")
        let values = try req.content.decode(FormFields.self)
        do {
            let payment = try PaymentFields.validate(values, today: req.today)
            let a = try await ReliefApplications.find(id, in: req.scope, on: req.db)
            let amount = Money.yuan(a.upperApproved ?? a.approved ?? a.requested)
            if let ask = try await req.askFirst(
                values, title: "确认发放",
                statements: [
                    "向\(a.applicantName)发放“\(a.round.name)”帮扶金 \(amount) 元（\(payment.method.label)，\(payment.paidOn.iso)）。",
                    "发放登记后不能修改或删除；如有差错，只能由另一人办理冲正。",
                ] + (payment.overdraftReason.map { ["资金余额不足时透支发放，透支原因：\($0)。"] } ?? []),
                confirmLabel: "确认发放", cancelURL: SiteURL.reliefApplication(id).path)
            {
                return ask
            }
            _ = try await ReliefApplications.pay(
                id, payment, in: req.scope, settings: req.application.reliefSettings, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefApplication(id).path, flash: "已发放，发放记录不可修改（如有差错请申请冲正）")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, errors: errors, typed: values, status: status)
        }
    }

    func reverse(req: Request) async throws -> Response {
        let id = try req.id("帮扶申请")
        let values = try req.content.decode(FormFields.self)
        do {
            let step = try ReliefStepInput.reversal(values, today: req.today)
            let a = try await ReliefApplications.find(id, in: req.scope, on: req.db)
            if let ask = try await req.askFirst(
                values, title: "确认冲正",
                statements: [
                    "冲正\(a.applicantName)在“\(a.round.name)”中已发放的帮扶金，原因：\(values["reason"] ?? "")。",
                    "冲正记为一笔收回，原发放记录保留；金额超过复核限额时须另一人复核后生效。",
                ], confirmLabel: "确认冲正", cancelURL: SiteURL.reliefApplication(id).path)
            {
                return ask
            }
            try await ReliefApplications.act(
                id, step.action, on: step.date, comment: nil, in: req.scope, settings: req.application.reliefSettings, actor: req.actor,
                at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefApplication(id).path, flash: "已办理：\(step.action.code.label)")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, errors: errors, typed: values, status: status)
        }
    }
}
