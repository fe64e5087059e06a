import Domain
import Fluent
import Office
import Vapor

/// Union funds pages: the overview (figures, recent receipts, arrears), the receipts with their filter, recording and
/// reversing a receipt, an employer's dues (registrations, receipts, arrears, return formalities), the arrears list.
struct FundsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .funds, .fundsRead, use: overview)
        routes.endpoint(.GET, .fundsReceipts, .fundsRead, use: receipts)
        routes.endpoint(.GET, .fundsReceiptNew, .fundsRecord, use: newReceipt)
        routes.endpoint(.POST, .fundsReceipts, .fundsRecord, use: createReceipt)
        routes.endpoint(.GET, .fundsReceipt(nil), .fundsRead, use: receipt)
        routes.endpoint(.POST, .fundsReceiptReverse(nil), .fundsRecord, use: reverse)
        routes.endpoint(.GET, .fundsEmployer(nil), .fundsRead, use: employer)
        routes.endpoint(.POST, .fundsPayers(nil), .fundsRecord, use: register)
        routes.endpoint(.POST, .fundsFormalities(nil), .fundsRecord, use: formalities)
        routes.endpoint(.GET, .fundsArrears, .fundsRead, use: arrears)
        routes.endpoint(.GET, .fundsArrearsExport, .fundsRead, use: arrearsExport)
    }

    typealias Cell = RecordPage.Cell

    // MARK: Overview and receipts

    func overview(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.fundsRules
        let (scope, today, db) = (p.scope, req.today, req.db)
        let (figures, owing) = try await FundsStats.overview(req.application, scope: scope, today: today, on: db)
        var page = RecordPage(layout: Layout(title: "工会经费", principal: p, active: .funds))
        page.links = Self.links(req)
        page.intro = "\(today.year)年截至\(today.chinese)：工会经费按到账日期统计，返还手续和欠缴按今天计算。"
        page.figures = FundsHeadline.figures(figures, year: today.year)
        let recent = try await DuesReceipt.query(on: db).filter(scope.contains(column: "dues_receipts.org_id", or: "dues_receipts.union_id"))
            .with(\.$employer).sort(\.$receivedOn, .descending).sort(\.$id, .descending).limit(10).all()
        page.sections = [
            .init(
                title: "最近到账", note: "全部到账记录见“经费到账”。",
                table: .init(id: "recent", columns: ReceiptRow.columns, rows: recent.map { ReceiptRow($0).pageRow })),
            .init(
                title: "欠缴工会经费", note: "按缴费登记的工资总额×\(Phrase.percent(rules.rateBasisPoints, of: 10_000) ?? 2)%核定，过每月\(rules.dueDay)日未足额到账的月份；共 \(owing.count) 间，前10间。",
                table: .init(id: "arrears", columns: DuesArrearsList.Employer.columns, rows: owing.prefix(10).map(\.pageRow))),
        ]
        return try await page.render(req)
    }

    static func links(_ req: Request) -> [RecordPage.Link] {
        var links: [RecordPage.Link] = []
        if req.may(.fundsRecord) {
            links.append(.init(label: "登记到账", url: SiteURL.fundsReceiptNew.path, id: "new-receipt", secondary: false))
            links.append(.init(label: "导入税务代收明细", url: SiteURL.fundsImport.path, id: "to-import"))
        }
        return links + [
            .init(label: "经费到账", url: SiteURL.fundsReceipts.path, id: "to-receipts"), .init(label: "欠缴", url: SiteURL.fundsArrears.path, id: "to-arrears"),
            .init(label: "经费返还", url: SiteURL.fundsReturns.path, id: "to-returns"),
            .init(label: "对账", url: SiteURL.reconciliation.path, id: "to-reconciliation"),
            .init(label: "经费收支", url: SiteURL.books.path, id: "to-books"),
        ]
    }

    struct Filter: Sendable {
        var month: Month?
        var channel: DuesChannel?
        var stream: DuesStream?
        var text: String?
        var page = 1
    }

    static func filter(_ q: FormFields, today: CalendarDate) throws -> Filter {
        var e = FieldErrors()
        var f = Filter()
        f.month = e.collect { () throws(FieldError) in try Input.month(q["month"], field: "month", label: "所属期") } ?? nil
        f.channel = e.collect { () throws(FieldError) in try Input.choice(q["channel"], DuesChannel.self, field: "channel", name: "缴费方式") } ?? nil
        f.stream = e.collect { () throws(FieldError) in try Input.choice(q["stream"], DuesStream.self, field: "stream", name: "类别") } ?? nil
        try e.throwIfAny()
        f.text = Input.optional(q["q"])
        f.page = q["page"].flatMap { Int($0) } ?? 1
        return f
    }

    static func list(_ f: Filter, in scope: Scope, on db: any Database) async throws -> Paged<DuesReceipt> {
        var query = DuesReceipt.query(on: db).filter(scope.contains(column: "dues_receipts.org_id", or: "dues_receipts.union_id")).with(\.$employer)
        if let m = f.month { query = query.filter(\.$month == m.iso) }
        if let c = f.channel { query = query.filter(\.$channel == c.rawValue) }
        if let s = f.stream { query = query.filter(\.$stream == s.rawValue) }
        if let t = f.text {
            query = query.join(Employer.self, on: \DuesReceipt.$employer.$id == \Employer.$id).filter(Like.contains("employers.name", t))
        }
        return try await query.sort(\.$receivedOn, .descending).sort(\.$id, .descending).paged(page: f.page, per: 50)
    }

    func receipts(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let q = try req.query.decode(FormFields.self)
        let list = try await Self.list(try Self.filter(q, today: req.today), in: p.scope, on: req.db)
        var page = RecordPage(layout: Layout(title: "经费到账", principal: p, active: .funds))
        page.links = Self.links(req)
        var f = FormBuilder(q)
        f.text("month", "所属期", hint: "如 2026-10")
        f.choice("channel", "缴费方式", DuesChannel.self)
        f.choice("stream", "类别", DuesStream.self)
        f.text("q", "单位名称")
        page.filter = .init(action: SiteURL.fundsReceipts.path, fields: f.fields)
        page.sections = [
            .init(
                title: "到账记录", note: "共 \(list.totalText) 笔；冲销记录为负数，按冲销日期计入。",
                table: .init(id: "receipts", columns: ReceiptRow.columns, rows: list.rows.map { ReceiptRow($0).pageRow }),
                pager: Pager(list, base: SiteURL.fundsReceipts.path, query: ["month", "channel", "stream", "q"].map { ($0, q[$0]) }))
        ]
        return try await page.render(req)
    }

    func newReceipt(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        values["receivedOn"] = values["receivedOn"] ?? req.today.iso
        values["month"] = values["month"] ?? Month(req.today).adding(-1).iso
        values["channel"] = values["channel"] ?? DuesChannel.direct.rawValue
        return try await receiptForm(req, values, errors: [:])
    }

    func createReceipt(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let r = try await DuesReceipts.record(
                try ReceiptFields.validate(values, today: req.today, rules: req.application.fundsRules), in: req.scope, actor: req.actor, at: req.now,
                on: req.db)
            return req.redirect(to: SiteURL.fundsReceipt(r.id).path, flash: "已登记到账 \(Money.yuan(r.amount))元")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await receiptForm(req, values, errors: errors, status: status)
        }
    }

    private func receiptForm(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let rules = req.application.fundsRules
        var f = FormBuilder(values, errors: errors)
        let employers = try await Employer.scoped(try req.scope, on: req.db).sort(\.$name).limit(1000).all().map { (String($0.id ?? 0), $0.name) }
        f.select("employerId", "缴费单位", employers, required: true)
        f.text("month", "所属期（工资月份）", hint: "如 2026-10", required: true)
        f.text("base", "计缴工资总额（元）", hint: "当月工资总额", required: true)
        f.text("amount", "实缴金额（元）", hint: "留空按工资总额×\(Phrase.percent(rules.rateBasisPoints, of: 10_000) ?? 2)%计算")
        f.choice("channel", "缴费方式", DuesChannel.self, required: true)
        f.date("receivedOn", "到账日期", required: true)
        f.area("note", "备注")
        let page = FormPage(
            layout: Layout(title: "登记工会经费到账", principal: try req.requirePrincipal(), active: .funds), action: SiteURL.fundsReceipts.path, form: f,
            submitLabel: "登记", intro: "未建会单位缴纳的按工会筹备金登记；税务代收的可整份导入税务明细。", formID: "receipt-form")
        return try await page.render(req, status: status)
    }

    func receipt(req: Request) async throws -> Response { try await receiptPage(req, typed: FormFields(), errors: [:]) }

    private func receiptPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let r = try await DuesReceipts.find(req.id("经费到账记录"), in: p.scope, on: req.db)
        let id = try r.requireID()
        let reversal = try await DuesReceipt.query(on: req.db).filter(\.$reversesID == id).first()
        let returned = try await ReturnItem.query(on: req.db).filter(\.$receipt.$id == id).with(\.$batch).first()
        var page = RecordPage(layout: Layout(title: r.reversesID == nil ? "经费到账" : "冲销记录", principal: p, active: .funds))
        page.links = [.init(label: "返回经费到账", url: SiteURL.fundsReceipts.path, id: "back")]
        page.facts = Fact.list([
            ("缴费单位", r.employer.name), ("所属期", Month(parsing: r.month)?.chinese), ("计缴工资总额", r.base > 0 ? "\(Money.yuan(r.base))元" : nil),
            ("金额", "\(Money.yuan(r.amount))元"), ("类别", r.duesStream.label), ("缴费方式", r.duesChannel.label), ("到账日期", r.receivedOn),
            ("来源", r.sourceKey == nil ? "手工登记" : "税务代收明细导入"), ("备注", r.note), ("冲销", reversal.map { "\($0.receivedOn) 已冲销：\($0.note ?? "")" }),
            ("冲销的到账记录", r.reversesID.map { "第\($0)号" }), ("返还批次", returned.map { $0.batch.number }),
        ])
        page.canHandle = req.may(.fundsRecord) && r.reversesID == nil && reversal == nil && returned == nil
        if page.canHandle {
            page.forms = [
                RecordPage.form(
                    "reverse", title: "冲销", action: SiteURL.fundsReceiptReverse(id).path, submit: "冲销", typed: typed, errors: errors,
                    defaults: ["on": req.today.iso]
                ) { f in
                    f.date("on", "冲销日期", required: true)
                    f.text("reason", "冲销原因", hint: "如 重复登记、单位退费、金额有误（冲销后重新登记）", required: true)
                }
            ]
        }
        return try await page.render(req, status: status)
    }

    func reverse(req: Request) async throws -> Response {
        let id = try req.id("经费到账记录")
        return try await RecordPage.perform(req, back: SiteURL.fundsReceipt(id).path, page: { typed, errors, status in
            try await receiptPage(req, typed: typed, errors: errors, status: status)
        }) { values in
            let f = try ReversalFields.validate(values, today: req.today)
            let r = try await DuesReceipts.find(id, in: req.scope, on: req.db)
            if let ask = try await req.askFirst(
                values, title: "确认冲销",
                statements: ["冲销\(r.employer.name)\(Month(parsing: r.month)?.chinese ?? r.month)到账的\(Money.yuan(r.amount))元，原因：\(f.reason)。", "冲销记一笔负数，原记录保留；冲销后不能撤销。"],
                confirmLabel: "确认冲销", cancelURL: SiteURL.fundsReceipt(id).path)
            {
                throw AskedFirst(response: ask)
            }
            _ = try await DuesReceipts.reverse(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已冲销"
        }
    }

    // MARK: An employer's dues

    func employer(req: Request) async throws -> Response { try await employerPage(req, typed: FormFields(), errors: [:]) }

    private func employerPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.fundsRules
        let e = try await DuesReceipts.employer(req.id("单位"), in: p.scope, field: nil, on: req.db)
        let id = try e.requireID()
        let payers = try await DuesReceipts.payers(of: id, on: req.db)
        let got = try await DuesReceipt.query(on: req.db).filter(\.$employer.$id == id).with(\.$employer).sort(\.$month, .descending)
            .sort(\.$id, .descending).limit(120).all()
        let formality = try await DuesReceipts.formalities(of: id, on: req.today, on: req.db)
        var received: [Month: Int] = [:]
        for r in got where (CalendarDate(parsing: r.receivedOn) ?? req.today) <= req.today {
            if let m = Month(parsing: r.month) { received[m, default: 0] += r.amount }
        }
        let lines = Arrears.lines(terms: payers.compactMap(\.term), received: received, asOf: req.today, rules: rules)
        var page = RecordPage(layout: Layout(title: "\(e.name) · 工会经费", principal: p, active: .funds))
        page.links = [
            .init(label: "单位信息", url: SiteURL.employer(id).path, id: "to-employer"), .init(label: "返回工会经费", url: SiteURL.funds.path, id: "back"),
        ]
        let done = formality?.items ?? []
        page.facts = Fact.list([
            ("工会", e.$union.id == nil ? "未建会（缴纳工会筹备金，不返还）" : "已建会"),
            ("缴费登记", payers.last.map { "自\(Month(parsing: $0.since)?.chinese ?? $0.since)起 月工资总额\(Money.yuan($0.base))元，\(DuesChannel(rawValue: $0.channel)?.label ?? "")" + ($0.endsWith.map { "，\($0)停缴" } ?? "") } ?? "未登记"),
            ("返还手续", rules.formalities.allSatisfy(done.contains) && e.$union.id != nil ? "已完善" : "尚未完善"),
            ("尚缺", rules.formalities.filter { !done.contains($0) }.joined(separator: "、")),
            ("欠缴", lines.isEmpty ? "无" : "\(lines.count)个月 \(Money.yuan(lines.reduce(0) { $0 + $1.owed }))元"),
        ])
        page.sections = [
            .init(
                title: "欠缴月份", note: "按缴费登记的工资总额核定，截至今天已过缴费期限（次月\(rules.dueDay)日）未足额到账的月份。",
                table: .init(
                    id: "arrears-months", columns: ["所属期", "核定（元）", "已到账（元）", "欠缴（元）", "缴费期限", "逾期天数", "账龄", "滞纳金（元）"],
                    rows: lines.map { l in
                        .init(cells: [
                            Cell(l.month.chinese), Cell(Money.yuan(l.assessed), num: true), Cell(Money.yuan(l.received), num: true),
                            Cell(Money.yuan(l.owed), num: true), Cell(l.due.iso), Cell(String(l.daysOverdue), num: true), Cell(l.age.label),
                            Cell(l.lateFee > 0 ? Money.yuan(l.lateFee) : "", num: true),
                        ])
                    })),
            .init(title: "到账记录", table: .init(id: "employer-receipts", columns: ReceiptRow.columns, rows: got.map { ReceiptRow($0).pageRow })),
            .init(
                title: "缴费登记", note: "新的登记自其起缴月份起替代原登记，原登记保留。",
                table: .init(
                    id: "payers", columns: ["起缴月份", "月工资总额（元）", "缴费方式", "停缴月份"],
                    rows: payers.reversed().map { r in
                        .init(cells: [
                            Cell(Month(parsing: r.since)?.chinese ?? r.since), Cell(Money.yuan(r.base), num: true),
                            Cell(DuesChannel(rawValue: r.channel)?.label ?? ""), Cell(r.endsWith.flatMap(Month.init(parsing:))?.chinese ?? ""),
                        ])
                    })),
        ]
        page.canHandle = req.may(.fundsRecord)
        page.forms = [
            RecordPage.form(
                "payer", title: "缴费登记", action: SiteURL.fundsPayers(id).path, submit: "登记", typed: typed, errors: errors,
                defaults: [
                    "since": Month(req.today).iso, "channel": payers.last?.channel ?? DuesChannel.tax.rawValue,
                    "base": payers.last.map { Money.yuan($0.base) } ?? "",
                ]
            ) { f in
                f.text("since", "起缴月份", hint: "如 2026-01", required: true)
                f.text("base", "月工资总额（元）", required: true)
                f.choice("channel", "缴费方式", DuesChannel.self, required: true)
                f.text("endsWith", "停缴月份", hint: "单位注销、迁出的填写最后缴费月份")
            },
            RecordPage.form(
                "formalities", title: "返还手续", action: SiteURL.fundsFormalities(id).path, submit: "保存", typed: typed, errors: errors,
                defaults: ["on": req.today.iso, "done": done.joined(separator: ",")]
            ) { f in
                f.date("on", "日期", required: true)
                f.checkList("done", "已完善的手续", rules.formalities, hint: e.$union.id == nil ? "未建会单位缴纳筹备金，不返还" : nil)
            },
        ]
        return try await page.render(req, status: status)
    }

    /// A form of an employer's page, run with the page's employer as `employerId`.
    private func onEmployer(_ req: Request, _ body: @escaping (FormFields) async throws -> String) async throws -> Response {
        let id = try req.id("单位")
        return try await RecordPage.perform(req, back: SiteURL.fundsEmployer(id).path, page: { typed, errors, status in
            try await employerPage(req, typed: typed, errors: errors, status: status)
        }) { values in
            var v = values
            v["employerId"] = String(id)
            return try await body(v)
        }
    }

    func register(req: Request) async throws -> Response {
        try await onEmployer(req) { v in
            _ = try await DuesReceipts.register(try PayerFields.validate(v, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已保存缴费登记"
        }
    }

    func formalities(req: Request) async throws -> Response {
        try await onEmployer(req) { v in
            let rules = req.application.fundsRules
            let row = try await DuesReceipts.formalities(
                try FormalityFields.validate(v, today: req.today, rules: rules), rules: rules, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return row.complete ? "返还手续已完善" : "已保存返还手续（尚未完善）"
        }
    }

    // MARK: Arrears

    func arrears(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.fundsRules
        let list = try await DuesArrearsList.compute(in: p.scope, asOf: req.today, rules: rules, on: req.db)
        var page = RecordPage(layout: Layout(title: "欠缴工会经费", principal: p, active: .funds))
        page.links = [
            .init(label: "导出欠缴清单（Excel）", url: SiteURL.fundsArrearsExport.path, id: "export-arrears"),
            .init(label: "返回工会经费", url: SiteURL.funds.path, id: "back"),
        ]
        let ages = ArrearsAge.allCases.map { age in (age, list.filter { $0.oldest?.age == age }) }
        page.facts = [Fact(label: "欠缴单位", value: "\(list.count)间，共\(Money.yuan(list.reduce(0) { $0 + $1.owed }))元")]
            + ages.map { Fact(label: "账龄\($0.0.label)", value: "\($0.1.count)间 \(Money.yuan($0.1.reduce(0) { $0 + $1.owed }))元") }
        page.sections = [
            .init(
                title: "欠缴单位", note: "截至\(req.today.chinese)；账龄按最早欠缴月份的缴费期限计算。" + (rules.lateFees ? "" : "本地未征收滞纳金。"),
                table: .init(id: "arrears", columns: DuesArrearsList.Employer.columns, rows: list.map(\.pageRow)))
        ]
        return try await page.render(req)
    }

    func arrearsExport(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let list = try await DuesArrearsList.compute(in: p.scope, asOf: req.today, rules: req.application.fundsRules, on: req.db)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-arrears-\(UUID().uuidString).xlsx")
        let w = try XlsxWriter(url: url)
        let columns = ["单位名称", "所属期", "核定金额（元）", "已到账（元）", "欠缴金额（元）", "缴费期限", "逾期天数", "账龄", "滞纳金（元）"]
        try w.addSheet(
            "欠缴清单", columns: columns.map { XlsxWriter.Column($0, width: $0 == "单位名称" ? 30 : 14) },
            rows: list.flatMap { e in
                e.lines.map { l in
                    [
                        Office.Cell.text(e.name), .text(l.month.iso), .money(fen: l.assessed), .money(fen: l.received), .money(fen: l.owed),
                        .text(l.due.iso), .number(l.daysOverdue), .text(l.age.label), .money(fen: l.lateFee),
                    ]
                }
            })
        try w.close()
        return try .xlsxDownload(url, name: "欠缴工会经费清单（截至\(req.today.iso)）.xlsx", fallback: "arrears.xlsx")
    }
}
