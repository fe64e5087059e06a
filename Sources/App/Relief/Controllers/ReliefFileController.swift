import Domain
import Fluent
import Vapor

/// Hardship file pages: the register with its alerts, the form, and the file with its family, lifecycle and re-checks.
struct ReliefFileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .reliefFiles, .reliefRead, use: index)
        routes.endpoint(.GET, .reliefFileNew, .reliefApply, use: new)
        routes.endpoint(.POST, .reliefFiles, .reliefApply, use: create)
        routes.endpoint(.GET, .reliefFile(nil), .reliefRead, use: show)
        routes.endpoint(.GET, .reliefFileEdit(nil), .reliefApply, use: edit)
        routes.endpoint(.POST, .reliefFileEdit(nil), .reliefApply, use: update)
        routes.endpoint(.POST, .reliefFileStatus(nil), .reliefApply, use: changeStatus)
        routes.endpoint(.POST, .reliefFileFamily(nil), .reliefApply, use: addFamily)
        routes.endpoint(.POST, .reliefFileVerify(nil), .reliefApply, use: verify)
        routes.endpoint(.POST, .reliefFileReveal(nil), .reliefReveal, use: reveal)
    }

    func index(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let filter = try ReliefController.fileFilter(q)
        let settings = req.application.reliefSettings
        let list = try await HardshipFiles.list(filter, in: p.scope, today: req.today, settings: settings, on: req.db)
        return try await HardshipFileListPage(
            layout: Layout(title: "困难职工档案", principal: p, active: .relief),
            rows: list.rows.map { HardshipFileRow($0, settings: settings, year: req.today.year) },
            pager: Pager(
                list, base: SiteURL.reliefFiles.path, query: [("status", q["status"]), ("tier", q["tier"]), ("alert", q["alert"])]),
            statuses: SelectOption.list(HardshipFileStatus.self, selected: q["status"]),
            tiers: SelectOption.list(HardshipTier.self, selected: q["tier"]),
            alerts: SelectOption.list(HardshipFiles.Alert.self, selected: q["alert"]), canApply: req.may(.reliefApply)
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        var values = FormFields(["openedOn": req.today.iso, "status": HardshipFileStatus.formal.rawValue, "householdSize": "1"])
        values["memberId"] = try? req.query.get(String.self, at: "memberId")
        values["region"] = try await OrganizationQuery.find(req.scope.orgID, in: req.scope, on: req.db).regionCode
        return try await form(req, values: values, errors: [:], editing: nil)
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            var v = values
            if v["memberId"].flatMap({ Int($0) }) == nil, let typed = Input.optional(v["member"]) {
                v["memberId"] = String(try await ReliefController.findMember(req, id: nil, text: typed, field: "member").requireID())
            }
            let f = try HardshipFileFields.validate(v, today: req.today)
            let file = try await HardshipFiles.create(
                f, in: req.scope, cipher: req.application.cipher, settings: req.application.reliefSettings, actor: req.actor, at: req.now,
                on: req.db)
            return req.redirect(to: SiteURL.reliefFile(file.id).path, flash: "已保存")
        } catch {
            guard let (found, status) = req.refusal(error) else { throw error }
            var errors = found
            if let m = errors.removeValue(forKey: "memberId") { errors["member"] = m }
            return try await form(req, values: values, errors: errors, editing: nil, status: status)
        }
    }

    func edit(req: Request) async throws -> Response {
        let file = try await HardshipFiles.find(req.id("困难职工档案"), in: req.scope, on: req.db)
        return try await form(req, values: Self.values(file), errors: [:], editing: file)
    }

    func update(req: Request) async throws -> Response {
        let file = try await HardshipFiles.find(req.id("困难职工档案"), in: req.scope, on: req.db)
        var values = try req.content.decode(FormFields.self)
        values["memberId"] = file.$member.id.map(String.init)
        values["status"] = file.status
        do {
            let f = try HardshipFileFields.validate(values, today: req.today, editing: true)
            _ = try await HardshipFiles.update(
                file.requireID(), f, in: req.scope, cipher: req.application.cipher, settings: req.application.reliefSettings,
                actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefFile(file.id).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values: values, errors: errors, editing: file, status: status)
        }
    }

    /// What the form shows for a stored file (money back in yuan; the bank account is never shown, only replaced).
    static func values(_ f: HardshipFile) -> FormFields {
        var v = FormFields([
            "status": f.status, "tier": f.tier, "mainCause": f.mainCause, "otherCauses": f.otherCauses,
            "region": f.region, "householdSize": String(f.householdSize), "openedOn": f.openedOn, "verifiedOn": f.verifiedOn,
        ])
        for (key, fen) in [
            ("wages", f.wages), ("business", f.business), ("property", f.property), ("transfer", f.transfer),
            ("otherIncome", f.otherIncome),
            ("unavoidableCosts", f.unavoidableCosts),
        ] where fen != 0 {
            v[key] = Money.yuan(fen).replacingOccurrences(of: ",", with: "")
        }
        v["health"] = f.health
        v["disability"] = f.disability
        v["housing"] = f.housing
        v["workStatus"] = f.workStatus
        return v
    }

    private func form(
        _ req: Request, values: FormFields, errors: [String: String], editing: HardshipFile?, status: HTTPResponseStatus = .ok
    )
        async throws -> Response
    {
        var f = FormBuilder(values, errors: errors)
        if let editing {
            f.values["member"] = editing.headName
        } else {
            if let id = values["memberId"].flatMap({ Int($0) }), let m = try? await MemberQuery.find(id, in: req.scope, on: req.db) {
                f.values["member"] = m.cardNumber
            }
            f.text("member", "户主（会员证号或身份证号）", hint: "一户只能有一个未关闭的档案")
            f.text("headName", "非会员户主姓名", hint: "户主不是会员（如灵活就业人员）时，由总工会或街道工会填写姓名和身份证号，上一栏留空")
            f.text("headIdNumber", "非会员户主身份证号")
            f.choice("status", "建档方式", HardshipFileStatus.self, cases: [.temporary, .formal])
        }
        f.choice("tier", "困难类别", HardshipTier.self, hint: "旧类别（低保户等）仅用于导入历史档案", required: true)
        f.choice("mainCause", "主要致困原因", HardshipCause.self, required: true)
        f.checks("otherCauses", "次要致困原因（最多三项）", HardshipCause.self)
        f.text("region", "所在地区（行政区划代码）", hint: "用于查找当地低保标准", required: true)
        f.text("householdSize", "家庭人口", required: true)
        f.text("wages", "近12个月工资性收入（元）")
        f.text("business", "经营性收入（元）")
        f.text("property", "财产性收入（元）")
        f.text("transfer", "转移性收入（元）", hint: "养老金、低保金、赡养费等")
        f.text("otherIncome", "其他收入（元）")
        f.text("unavoidableCosts", "刚性支出（元）", hint: "医疗、残疾、非义务教育、住房等必需支出，按规定从收入中扣除")
        f.text("health", "健康状况")
        f.text("disability", "残疾类别及等级")
        f.text("housing", "住房情况")
        f.choice("workStatus", "工作状况", WorkStatus.self)
        f.text("bankAccount", editing == nil ? "银行账号" : "银行账号（留空则不修改）", hint: "加密保存，页面只显示后四位")
        if editing == nil { f.date("openedOn", "建档日期", required: true) }
        f.date("verifiedOn", "最近核查日期")
        let title = editing == nil ? "新建困难职工档案" : "编辑档案（\(editing?.headName ?? "")）"
        let action = editing == nil ? SiteURL.reliefFiles.path : SiteURL.reliefFileEdit(editing?.id).path
        let page = FormPage(
            layout: Layout(title: title, principal: try req.requirePrincipal(), active: .relief), action: action, form: f,
            submitLabel: "保存档案", intro: "收入按申请前12个月合计填写；系统按“（各项收入－刚性支出）÷家庭人口÷12”计算月人均收入，并与当地低保标准比较给出建议类别。",
            formID: "file-form")
        return try await page.render(req, status: status)
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, errors: [:], revealed: nil)
    }

    /// `typed`: the small form that was just refused and what was typed into it, shown again.
    private func showPage(
        _ req: Request, errors: [String: String], revealed: String?, typed: (form: String, values: FormFields)? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let p = try req.requirePrincipal()
        let file = try await HardshipFiles.find(req.id("困难职工档案"), in: p.scope, on: req.db)
        let id = try file.requireID()
        let settings = req.application.reliefSettings
        let family = try await HardshipFiles.family(id, on: req.db)
        let apps = try await ReliefApplication.query(on: req.db).filter(\.$file.$id == id).with(\.$round).sort(\.$id, .descending).all()
        let open = file.fileStatus?.isOpen == true
        func typedValues(_ form: String, _ fallback: FormFields) -> FormFields {
            typed.flatMap { $0.form == form ? $0.values : nil } ?? fallback
        }
        var familyForm = FormBuilder(typedValues("family", FormFields()), errors: typed?.form == "family" ? errors : [:])
        familyForm.text("name", "姓名", required: true)
        familyForm.text("idNumber", "身份证号", required: true)
        familyForm.text("relation", "与户主关系", hint: "如 配偶、子女、父母", required: true)
        familyForm.text("annualIncome", "年收入（元）")
        familyForm.text("status", "就业/就学状况")
        var statusForm = FormBuilder(
            typedValues("status", FormFields(["date": req.today.iso])), errors: typed?.form == "status" ? errors : [:])
        let current = file.fileStatus ?? .formal
        statusForm.choice(
            "status", "新状态", HardshipFileStatus.self, cases: HardshipFileStatus.allCases.filter { current.canMove(to: $0) }, required: true)
        statusForm.date("date", "变更日期", required: true)
        statusForm.text("reason", "原因", hint: "脱困须写明致困原因已消除、收入连续6个月高于低保等情况", required: true)
        return try await HardshipFilePage(
            layout: Layout(title: "困难职工档案 · \(file.headName)", principal: p, active: .relief),
            file: HardshipFileView(file, settings: settings, today: req.today), revealedBank: revealed ?? "", hasRevealed: revealed != nil,
            family: family.map {
                FamilyRow(
                    name: $0.name, idNumber: $0.idNumberMasked, relation: $0.relation, income: Money.yuan($0.annualIncome),
                    status: $0.status ?? "")
            },
            applications: apps.map(ApplicationRow.init), isOpen: open, canApply: req.may(.reliefApply) && open,
            canReveal: req.may(.reliefReveal) && file.bankEncrypted != nil,
            familyForm: FieldGroup(fields: familyForm.fields), statusForm: FieldGroup(fields: statusForm.fields),
            formError: errors[FormBuilder.formKey], today: req.today.iso,
            editURL: SiteURL.reliefFileEdit(id).path, familyURL: SiteURL.reliefFileFamily(id).path,
            statusURL: SiteURL.reliefFileStatus(id).path,
            verifyURL: SiteURL.reliefFileVerify(id).path, revealURL: SiteURL.reliefFileReveal(id).path,
            applyURL: SiteURL.reliefApplicationNew.path + (file.$member.id.map { "?memberId=\($0)" } ?? "?fileId=\(id)")
        ).render(req, status: status)
    }

    func changeStatus(req: Request) async throws -> Response {
        let id = try req.id("困难职工档案")
        let values = try req.content.decode(FormFields.self)
        return try await attempt(req, form: "status", values: values) {
            try await HardshipFiles.changeStatus(
                id, try HardshipStatusChange.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        }
    }

    func addFamily(req: Request) async throws -> Response {
        let id = try req.id("困难职工档案")
        let values = try req.content.decode(FormFields.self)
        return try await attempt(req, form: "family", values: values) {
            _ = try await HardshipFiles.addFamilyMember(
                id, try FamilyMemberFields.validate(values), in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now,
                on: req.db)
        }
    }

    func verify(req: Request) async throws -> Response {
        let id = try req.id("困难职工档案")
        let values = try req.content.decode(FormFields.self)
        return try await attempt(req, form: "verify", values: values) {
            try await HardshipFiles.verify(
                id, try HardshipVerification.validate(values, today: req.today), in: req.scope, settings: req.application.reliefSettings, actor: req.actor, at: req.now,
                on: req.db)
        }
    }

    func reveal(req: Request) async throws -> Response {
        let id = try req.id("困难职工档案")
        let bank = try await HardshipFiles.revealBank(
            id, in: req.scope, cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
        return try await showPage(req, errors: [:], revealed: bank ?? "")
    }

    /// Runs a small form's action and comes back to the file; a refusal re-renders the file with the message.
    private func attempt(_ req: Request, form: String, values: FormFields, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return req.redirect(to: SiteURL.reliefFile(try req.id("困难职工档案")).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            var all = errors
            if all[FormBuilder.formKey] == nil, let first = errors.values.first { all[FormBuilder.formKey] = first }
            return try await showPage(req, errors: all, revealed: nil, typed: (form, values), status: status)
        }
    }
}
