import Domain
import Fluent
import Office
import Vapor

/// The relief module's overview, rounds (with public notice and bank list), funds and medical-aid enrolment pages,
/// and the parsing shared with the API. Files and applications have their own controllers.
struct ReliefController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .relief, .reliefRead, use: overview)
        routes.endpoint(.GET, .reliefRoundNew, .reliefManage, use: newRound)
        routes.endpoint(.POST, .reliefRounds, .reliefManage, use: createRound)
        routes.endpoint(.GET, .reliefRound(nil), .reliefRead, use: round)
        routes.endpoint(.GET, .reliefRoundNotice(nil), .reliefRead, use: notice)
        routes.endpoint(.GET, .reliefRoundExport(nil), .reliefRead) { try await export($0, full: false) }
        // Full ID numbers and accounts only by a CSRF-checked form post, audited.
        routes.endpoint(.POST, .reliefRoundExport(nil), .reliefReveal) { try await export($0, full: true) }
        routes.endpoint(.GET, .reliefFunds, .reliefRead, use: funds)
        routes.endpoint(.POST, .reliefFunds, .reliefManage, use: createFund)
        routes.endpoint(.GET, .reliefFund(nil), .reliefRead, use: fund)
        routes.endpoint(.POST, .reliefFundEntries(nil), .reliefPay, use: receive)
        routes.endpoint(.GET, .reliefMedical, .reliefRead, use: medical)
        routes.endpoint(.POST, .reliefMedical, .reliefApply, use: enrolPage)
    }

    // MARK: Overview

    func overview(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let (from, to) = try StatsQuery.period(q, today: req.today)
        let settings = req.application.reliefSettings
        let stats = try await ReliefStats.compute(
            in: try await StatsQuery.subtree(q, req), from: from, to: to, today: req.today,
            settings: settings, on: req.db)
        let alerts = try await HardshipFiles.alertCounts(in: p.scope, today: req.today, settings: settings, on: req.db)
        let rounds = try await ReliefRounds.list(in: p.scope, on: req.db)
        return try await ReliefOverviewPage(
            layout: Layout(title: "困难帮扶", principal: p, active: .relief), stats: ReliefStatsView(stats),
            alerts: HardshipFiles.Alert.allCases.map {
                AlertLink(label: $0.label, count: alerts[$0] ?? 0, url: SiteURL.reliefFiles.path + "?alert=" + $0.rawValue)
            },
            rounds: rounds.map(RoundRow.init), canManage: req.may(.reliefManage), canApply: req.may(.reliefApply), from: from.iso,
            to: to.iso
        ).render(req)
    }

    // MARK: Rounds

    func newRound(req: Request) async throws -> Response {
        let today = req.today
        return try await roundForm(req, FormFields(["startsOn": today.iso, "endsOn": today.adding(months: 1).iso]), errors: [:])
    }

    func createRound(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let r = try await ReliefRounds.create(
                try RoundFields.validate(values), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefRound(r.id).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await roundForm(req, values, errors: errors, status: status)
        }
    }

    private func roundForm(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let funds = try await FundLedger.visible(in: req.scope, on: req.db)
        var f = FormBuilder(values, errors: errors)
        f.text("name", "批次名称", hint: "如“2026年春节送温暖”“2026年金秋助学”", required: true)
        f.choice("kind", "帮扶类型", ReliefKind.self, required: true)
        f.date("startsOn", "开始日期", required: true)
        f.date("endsOn", "结束日期", required: true)
        f.select("fundId", "资金来源", funds.map { (String($0.id ?? 0), "\($0.org.name)·\($0.name)") }, required: true)
        f.text("budget", "预算（元）", hint: "可写 50000、5万、1,234.50")
        for (key, label) in RoundFields.standardKeys { f.text("standard_" + key, "标准金额·\(label)（元）") }
        f.check("reportsUpward", "需报上级工会批准后发放")
        f.text(
            "secondApprovalAbove", "复核金额线（元）",
            hint: "核定金额超过此数须另一人复核；留空按系统设置 \(Money.yuan(req.application.reliefSettings.secondApprovalAbove)) 元")
        let page = FormPage(
            layout: Layout(title: "新建帮扶批次", principal: try req.requirePrincipal(), active: .relief), action: SiteURL.reliefRounds.path,
            form: f, submitLabel: "保存", formID: "round-form")
        return try await page.render(req, status: status)
    }

    func round(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let r = try await ReliefRounds.find(req.id("帮扶批次"), in: p.scope, on: req.db)
        let state = try? req.query.get(String.self, at: "state")
        let list = try await ReliefApplications.list(
            .init(
                roundId: r.id, state: state.flatMap(ReliefState.init(rawValue:)), page: (try? req.query.get(Int.self, at: "page")) ?? 1
            ),
            in: p.scope, on: req.db)
        let standards = ReliefRounds.standards(r)
        let noAccount = try await Self.payList(r, in: p.scope, on: req.db).count { $0.file?.bankEncrypted == nil }
        return try await ReliefRoundPage(
            layout: Layout(title: r.name, principal: p, active: .relief), round: RoundRow(r),
            standards: RoundFields.standardKeys.compactMap { k in standards[k.key].map { "\(k.label) \(Money.yuan($0)) 元" } }.joined(
                separator: "；"),
            rows: list.rows.map(ApplicationRow.init),
            pager: Pager(list, base: SiteURL.reliefRound(r.id).path, query: [("state", state)]),
            states: SelectOption.list(ReliefState.self, selected: state), canApply: req.may(.reliefApply),
            newApplicationURL: SiteURL.reliefApplicationNew.path + "?roundId=\(r.id ?? 0)", noticeURL: SiteURL.reliefRoundNotice(r.id).path,
            exportURL: SiteURL.reliefRoundExport(r.id).path, canExportFull: req.may(.reliefReveal),
            missingAccounts: noAccount > 0 ? "发放名单中有\(noAccount)人没有银行账号（未建困难职工档案或档案未填账号），名单“备注”列已标出，请补录后再交银行。" : nil
        ).render(req)
    }

    /// 公示, laid out for A4: before payment the approved applications (拟帮扶对象), after it the paid ones (结果), with
    /// the issuing organisation, the notice period and how to object; masked name, union, kind and amount only (PIPL:
    /// no ID numbers, diagnoses or bank data).
    func notice(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let r = try await ReliefRounds.find(req.id("帮扶批次"), in: p.scope, on: req.db)
        let values = try req.query.decode(FormFields.self)
        var status = HTTPResponseStatus.ok
        let fields: NoticeFields
        do {
            fields = try NoticeFields.validate(values, today: req.today)
        } catch {
            guard let (_, refused) = req.refusal(error) else { throw error }
            status = refused
            fields = NoticeFields.standard(today: req.today)
        }
        let states = ReliefState.allCases.filter { fields.stage == .result ? $0.isPaidOut : $0.isApproved && !$0.isPaidOut }
        let listed = try await ReliefApplications.scoped(p.scope, on: req.db).filter(\.$round.$id == r.id ?? 0)
            .filter(\.$state ~~ states.map(\.rawValue)).with(\.$member).with(\.$file).with(\.$org).sort(\.$id).all()
        let kind = r.reliefKind?.label ?? r.kind
        let rows = listed.enumerated().map { i, a in
            NoticeRow(
                number: i + 1, name: Masking.name(a.applicantName), union: a.org.name, kind: kind,
                amount: Money.yuan(payable(a) ?? a.requested))
        }
        let total = listed.reduce(0) { $0 + (payable($1) ?? $1.requested) }
        let issuer = try await Organization.find(r.$org.id, on: req.db)?.name ?? ""
        return try await ReliefNoticePage(
            layout: Layout(title: "\(r.name)\(fields.stage.label)", principal: p, active: .relief),
            title: r.name + fields.stage.label,
            paragraphs: fields.paragraphs(round: r.name, kind: kind, org: issuer, count: rows.count, total: Money.yuan(total)),
            rows: rows, issuer: issuer, date: fields.from.chinese,
            stages: SelectOption.list(NoticeStage.self, selected: fields.stage.rawValue), from: values["from"] ?? fields.from.iso,
            days: values["days"] ?? String(fields.days), contact: values["contact"] ?? "", formURL: SiteURL.reliefRoundNotice(r.id).path,
            roundURL: SiteURL.reliefRound(r.id).path
        ).render(req, status: status)
    }

    /// The approved amount to pay: the upper union's where the round reports upward.
    private func payable(_ a: ReliefApplication) -> Int? { a.upperApproved ?? a.approved }

    /// Who is on the bank's payment list: approved (at this level or above) or paid.
    static func payList(_ r: ReliefRound, in scope: Scope, on db: any Database) async throws -> [ReliefApplication] {
        try await ReliefApplications.scoped(scope, on: db).filter(\.$round.$id == r.id ?? 0)
            .filter(\.$state ~~ [ReliefState.approved.rawValue, ReliefState.upperApproved.rawValue, ReliefState.paid.rawValue])
            .with(\.$member).with(\.$org).with(\.$file).sort(\.$id).all()
    }

    /// The bank's payment list: masked, or (`full`, a form post by a role with the reveal permission) with full ID
    /// numbers and accounts, audited.
    func export(_ req: Request, full: Bool) async throws -> Response {
        let p = try req.requirePrincipal()
        let r = try await ReliefRounds.find(req.id("帮扶批次"), in: p.scope, on: req.db)
        let apps = try await Self.payList(r, in: p.scope, on: req.db)
        let cipher = req.application.cipher
        var rows: [[Cell]] = []
        for (i, a) in apps.enumerated() {
            let member = a.member
            let idEncrypted = member?.idNumberEncrypted ?? a.file?.headIdNumberEncrypted ?? ""
            let id = full ? try cipher.decrypt(idEncrypted) : member?.idNumberMasked ?? a.file?.headIdNumberMasked ?? ""
            let bank = try a.file?.bankEncrypted.map { full ? try cipher.decrypt($0) : (a.file?.bankMasked ?? "") } ?? ""
            rows.append([
                .number(i + 1), .text(a.applicantName), .text(id), .text(bank), .money(fen: payable(a) ?? 0), .text(a.org.name),
                .text(a.reliefState?.label ?? a.state), bank.isEmpty ? .text("缺少银行账号，须补录后再交银行") : .empty,
            ])
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ud-pay-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        let writer = try XlsxWriter(url: file)
        let columns: [XlsxWriter.Column] = [
            .init("序号", width: 6), .init("姓名", width: 10), .init("身份证号", width: 22, text: true), .init("银行账号", width: 24, text: true),
            .init("金额（元）", width: 12), .init("所在工会", width: 24), .init("状态", width: 12), .init("备注", width: 30),
        ]
        try writer.addSheet("发放名单", columns: columns, rows: rows)
        try writer.close()
        if full {
            try await Audit.record(
                ReliefAudit.export, entity: "relief_round", id: r.id, after: ["rows": String(rows.count), "full": "true"], actor: req.actor,
                at: req.now, on: req.db)
        }
        return try .xlsxDownload(file, name: "\(r.name)发放名单.xlsx", fallback: "payments.xlsx")
    }

    // MARK: Funds

    func funds(req: Request) async throws -> Response {
        try await fundsPage(req, name: "", errors: [:])
    }

    func createFund(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let f = try await FundLedger.create(try FundFields.validate(values), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefFund(f.id).path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await fundsPage(req, name: values["name"] ?? "", errors: errors, status: status)
        }
    }

    private func fundsPage(_ req: Request, name: String, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        let funds = try await FundLedger.visible(in: p.scope, on: req.db)
        let balances = try await FundLedger.balances(funds.compactMap(\.id), on: req.db)
        var form = FormBuilder(FormFields(["name": name]), errors: errors)
        form.text("name", "新资金账户名称", hint: "如“帮扶专项资金”“金秋助学资金”", required: true)
        return try await ReliefFundsPage(
            layout: Layout(title: "帮扶资金", principal: p, active: .relief),
            rows: funds.map {
                FundRow(
                    name: $0.name, org: $0.org.name, balance: Money.yuan(balances[$0.id ?? 0] ?? 0), url: SiteURL.reliefFund($0.id).path)
            }, canManage: req.may(.reliefManage), form: FieldGroup(fields: form.fields), action: SiteURL.reliefFunds.path
        ).render(req, status: status)
    }

    func fund(req: Request) async throws -> Response {
        try await fundPage(req, values: FormFields(["onDate": req.today.iso]), errors: [:])
    }

    func receive(req: Request) async throws -> Response {
        let id = try req.id("资金账户")
        let values = try req.content.decode(FormFields.self)
        do {
            _ = try await FundLedger.receive(
                id, try FundEntryFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(to: SiteURL.reliefFund(id).path, flash: "已记账")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await fundPage(req, values: values, errors: errors, status: status)
        }
    }

    private func fundPage(_ req: Request, values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        let fund = try await FundLedger.find(req.id("资金账户"), in: p.scope, on: req.db)
        let (page, balances) = try await FundLedger.ledger(fund, for: p.scope, page: (try? req.query.get(Int.self, at: "page")) ?? 1, on: req.db)
        var form = FormBuilder(values, errors: errors)
        form.choice("source", "资金来源", FundSource.self, required: true)
        form.text("amount", "金额（元）", required: true)
        form.date("onDate", "入账日期", required: true)
        form.text("note", "摘要")
        return try await ReliefFundPage(
            layout: Layout(title: fund.name, principal: p, active: .relief), org: fund.org.name,
            balance: Money.yuan(try await FundLedger.balance(fund.id ?? 0, on: req.db)),
            rows: zip(page.rows, balances).map { LedgerRow($0, balance: $1) },
            pager: Pager(page, base: SiteURL.reliefFund(fund.id).path, query: []),
            canReceive: req.may(.reliefPay) && p.scope.contains(path: fund.org.path), form: FieldGroup(fields: form.fields),
            formError: errors[FormBuilder.formKey],
            action: SiteURL.reliefFundEntries(fund.id).path
        ).render(req, status: status)
    }

    // MARK: Medical mutual aid

    func medical(req: Request) async throws -> Response {
        try await medicalPage(req, values: FormFields(["year": String(req.today.year)]), errors: [:])
    }

    func enrolPage(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            _ = try await Self.enrol(req, try EnrolmentFields.validate(values, today: req.today))
            return req.redirect(to: SiteURL.reliefMedical.path, flash: "已保存")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await medicalPage(req, values: values, errors: errors, status: status)
        }
    }

    private func medicalPage(_ req: Request, values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        let year = Int(values["year"] ?? "") ?? req.today.year
        let list = try await MedicalEnrolment.query(on: req.db).join(Member.self, on: \MedicalEnrolment.$member.$id == \Member.$id)
            .filter(p.scope.contains(column: "members.union_id")).filter(\.$year == year).with(\.$member).sort(\.$id, .descending)
            .paged(page: (try? req.query.get(Int.self, at: "page")) ?? 1, per: 50)
        var form = FormBuilder(values, errors: errors)
        form.text("member", "会员（会员证号或身份证号）", required: true)
        form.text("year", "年度", required: true)
        let scheme = req.application.reliefSettings.medicalScheme
        return try await MedicalPage(
            layout: Layout(title: "职工医疗互助", principal: p, active: .relief), year: year,
            scheme: "\(scheme.name)：每人每年 \(Money.yuan(scheme.annualFee)) 元，年度最高 \(Money.yuan(scheme.annualCap)) 元",
            rows: list.rows.map { MedicalRow(name: $0.member.name, card: $0.member.cardNumber, fee: Money.yuan($0.fee), year: $0.year) },
            total: list.total, pager: Pager(list, base: SiteURL.reliefMedical.path, query: [("year", String(year))]),
            canEnrol: req.may(.reliefApply), form: FieldGroup(fields: form.fields), formError: errors[FormBuilder.formKey], action: SiteURL.reliefMedical.path
        ).render(req, status: status)
    }

    /// Enrols a member (by id, or by card or ID number as typed) in the year's medical mutual-aid scheme.
    static func enrol(_ req: Request, _ f: EnrolmentFields) async throws -> MedicalEnrolment {
        let m = try await findMember(req, id: f.memberId, text: f.member, field: f.memberId == nil ? "member" : "memberId")
        let y = f.year
        guard m.status == MemberStatus.active.rawValue else { throw FieldError(field: "member", message: "\(m.name)不是在会会员，不能参加互助") }
        let scheme = req.application.reliefSettings.medicalScheme
        let e = MedicalEnrolment()
        e.$member.id = try m.requireID()
        e.year = y
        e.scheme = scheme.name
        e.fee = scheme.annualFee
        return try await Store.write(req.db) { tx in
            if try await MedicalEnrolment.query(on: tx).filter(\.$member.$id == e.$member.id).filter(\.$year == y).first() != nil {
                throw AppError.conflict("\(m.name)已参加\(y)年度医疗互助", field: "member")
            }
            try await e.create(on: tx)
            try await Audit.record(
                ReliefAudit.enrol, entity: "member", id: m.id, after: ["year": String(y), "fee": Money.yuan(e.fee)], actor: req.actor,
                at: req.now,
                on: tx)
            return e
        }
    }

    /// A member of the caller's subtree by id, or by what was typed: a card number or an ID number (through its hash).
    static func findMember(_ req: Request, id: Int?, text: String?, field: String) async throws -> Member {
        let scope = try req.scope
        if let id {
            return try await MemberQuery.find(id, in: scope, on: req.db)
        }
        guard let t = text.flatMap(Input.optional) else { throw FieldError(field: field, message: "请填写会员证号或身份证号") }
        var q = Member.scoped(scope, on: req.db)
        if let idNumber = try? IDNumber(t) {
            q = q.filter(\.$idNumberHash == req.application.cipher.index(idNumber.value))
        } else {
            q = q.filter(\.$cardNumber == t.uppercased())
        }
        guard let m = try await q.first() else {
            throw FieldError(field: field, message: "在您的管辖范围内找不到会员“\(t.count > 10 ? Masking.idNumber(t) : t)”")
        }
        return m
    }

    // MARK: Parsing shared with the API

    static func fileFilter(_ q: FormFields) throws -> HardshipFiles.Filter {
        HardshipFiles.Filter(
            status: try Input.choice(q["status"], HardshipFileStatus.self, field: "status", name: "档案状态"),
            tier: try Input.choice(q["tier"], HardshipTier.self, field: "tier", name: "困难类别"),
            alert: try Input.choice(q["alert"], HardshipFiles.Alert.self, field: "alert", name: "预警"),
            orgId: q["orgId"].flatMap { Int($0) }, page: q["page"].flatMap { Int($0) } ?? 1)
    }

    static func applicationFilter(_ q: FormFields) throws -> ReliefApplications.Filter {
        ReliefApplications.Filter(
            roundId: q["roundId"].flatMap { Int($0) },
            state: try Input.choice(q["state"], ReliefState.self, field: "state", name: "状态"),
            orgId: q["orgId"].flatMap { Int($0) }, page: q["page"].flatMap { Int($0) } ?? 1)
    }
}
