import Domain
import Fluent
import Office
import Vapor

/// A union's books on pages: the year's budget against spending, income, the entries; recording an entry (income,
/// spending, or a member's welfare against the province's standard), its invoices, its approval by a second person,
/// its reversal; the budget; the 收支表 as Excel.
struct BooksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .books, .fundsRead, use: index)
        routes.endpoint(.GET, .bookEntryNew, .booksRecord, use: new)
        routes.endpoint(.POST, .bookEntries, .booksRecord, use: create)
        routes.endpoint(.POST, .bookBudgets, .booksRecord, use: budget)
        routes.endpoint(.GET, .bookEntry(nil), .fundsRead, use: show)
        routes.endpoint(.POST, .bookEntryDecision(nil), .booksApprove, use: decide)
        routes.endpoint(.POST, .bookEntryReverse(nil), .booksRecord, use: reverse)
        routes.endpoint(.POST, .bookEntryFiles(nil), .booksRecord, body: .stream, use: upload)
        routes.endpoint(.GET, .bookEntryFile(nil, nil), .fundsRead, use: download)
        routes.endpoint(.GET, .booksExport, .fundsRead, use: export)
    }

    typealias Cell = RecordPage.Cell

    struct Subject {
        var org: Organization
        var year: Int
    }

    /// The union (own by default) and year a page is about.
    static func subject(_ req: Request) async throws -> Subject {
        let q = try req.query.decode(FormFields.self)
        var e = FieldErrors()
        let org = e.collect { () throws(FieldError) in try Input.id(q["orgId"], field: "orgId", label: "工会") } ?? nil
        let year = e.collect { () throws(FieldError) in try Input.int(q["year"], field: "year", label: "年度", range: 1900...2100) } ?? nil
        try e.throwIfAny()
        let scope = try req.scope
        return Subject(org: try await Books.org(org ?? scope.orgID, in: scope, field: nil, on: req.db), year: year ?? req.today.year)
    }

    static func owner(_ e: BookEntry) throws -> Attachments.Owner { .init(kind: "book_entry", id: try e.requireID(), orgID: e.$org.id) }

    func index(req: Request) async throws -> Response { try await indexPage(req, typed: FormFields(), errors: [:]) }

    private func indexPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.fundsRules
        let s = try await Self.subject(req)
        let orgID = try s.org.requireID()
        let lines = try await Books.lines(org: orgID, year: s.year, rules: rules, on: req.db)
        let income = lines.filter { $0.category.side == .income }
        let expense = lines.filter { $0.category.side == .expense }
        let budget = expense.compactMap(\.budget).reduce(0, +)
        let spent = expense.reduce(0) { $0 + $1.actual }
        let entries = try await BookEntry.query(on: req.db).filter(\.$org.$id == orgID)
            .filter(\.$onDate >= CalendarDate.firstDay(of: s.year).iso).filter(\.$onDate <= CalendarDate.lastDay(of: s.year).iso)
            .sort(\.$onDate, .descending).sort(\.$id, .descending).paged(page: (try? req.query.get(Int.self, at: "page")) ?? 1, per: 50)
        let approvals = try await BookApproval.query(on: req.db).filter(\.$entry.$id ~~ entries.rows.compactMap(\.id)).all()
        var page = RecordPage(layout: Layout(title: "\(s.org.name) \(s.year)年经费收支", principal: p, active: .funds))
        let base = "orgId=\(orgID)"
        page.links = (req.may(.booksRecord)
            ? [
                .init(label: "记一笔支出", url: SiteURL.bookEntryNew.path + "?\(base)&kind=expense", id: "new-expense", secondary: false),
                .init(label: "发放会员福利", url: SiteURL.bookEntryNew.path + "?\(base)&kind=welfare", id: "new-welfare"),
                .init(label: "记一笔收入", url: SiteURL.bookEntryNew.path + "?\(base)&kind=income", id: "new-income"),
            ] : [])
            + [.init(label: "导出收支表（Excel）", url: SiteURL.booksExport.path + "?\(base)&year=\(s.year)", id: "export-books")]
        let units = try await OrganizationQuery.choices(in: p.scope, limit: 500, on: req.db)
        var f = FormBuilder(FormFields(["orgId": String(orgID), "year": String(s.year)]))
        f.select("orgId", "工会", units)
        f.text("year", "年度")
        page.filter = .init(action: SiteURL.books.path, fields: f.fields)
        page.facts = [
            Fact(label: "本年收入", value: Money.phrase(income.reduce(0) { $0 + $1.actual })), Fact(label: "本年支出", value: Money.phrase(spent)),
            Fact(label: "支出预算", value: budget > 0 ? Money.phrase(budget) : "未编制"),
            Fact(label: "预算执行率", value: Phrase.percent(spent, of: budget).map { "\($0)%" } ?? "—"),
            Fact(label: "待审批", value: Money.phrase(lines.reduce(0) { $0 + $1.pending })),
        ]
        func money(_ v: Int?) -> Cell { Cell(v.map(Money.yuan) ?? "—", num: true) }
        page.sections = [
            .init(
                title: "支出与预算", note: "支出按《基层工会经费收支管理办法》科目；待审批的不计入已支出。",
                table: .init(
                    id: "budget-lines", columns: ["科目", "预算（元）", "已支出（元）", "剩余（元）", "执行率", "待审批（元）"],
                    rows: expense.map { l in
                        .init(cells: [
                            Cell(l.category.label), money(l.budget), money(l.actual),
                            Cell(l.remaining.map(Money.yuan) ?? "—", badge: (l.remaining ?? 0) < 0 ? Badge(label: "超预算", cls: "badge bad") : nil, num: true),
                            Cell(l.budget.flatMap { Phrase.percent(l.actual, of: $0) }.map { "\($0)%" } ?? "—", num: true), money(l.pending),
                        ])
                    })),
            .init(
                title: "收入", table: .init(id: "income-lines", columns: ["科目", "本年收入（元）"], rows: income.map { .init(cells: [Cell($0.category.label), money($0.actual)]) })),
            .init(
                title: "收支分录", note: "共 \(entries.totalText) 笔",
                table: .init(
                    id: "entries", columns: ["日期", "收支", "科目", "摘要", "金额（元）", "状态"],
                    rows: entries.rows.map { e in
                        let state: Badge? =
                            switch (e.reversesID, Books.standing(e, decision: approvals.first { $0.$entry.id == e.id })) {
                            case (.some, _): Badge(label: "冲销", cls: "badge warn")
                            case (nil, .pending): Badge(label: "待审批", cls: "badge warn")
                            case (nil, .rejected): Badge(label: "未通过", cls: "badge bad")
                            case (nil, .counted): nil
                            }
                        return .init(cells: [
                            Cell(e.onDate, url: SiteURL.bookEntry(e.id).path), Cell(e.bookSide.label),
                            Cell(rules.bookCategories.first { $0.code == e.category }?.label ?? e.category), Cell(e.description),
                            Cell(Money.yuan(e.amount), num: true), Cell("", badge: state),
                        ])
                    }),
                pager: Pager(entries, base: SiteURL.books.path, query: [("orgId", String(orgID)), ("year", String(s.year))])),
        ]
        if let dues = try await Self.memberDues(org: orgID, year: s.year, rules: rules, today: req.today, on: req.db) { page.sections.insert(dues, at: 2) }
        page.canHandle = req.may(.booksRecord)
        page.forms = [
            RecordPage.form(
                "budget", title: "编制\(s.year)年预算", action: SiteURL.bookBudgets.path, submit: "保存预算", typed: typed, errors: errors,
                defaults: ["orgId": String(orgID), "year": String(s.year)]
            ) { f in
                f.hidden("orgId", String(orgID))
                f.hidden("year", String(s.year))
                f.select("category", "支出科目", rules.bookCategories.filter { $0.side == .expense }.map { ($0.code, $0.label) }, required: true)
                f.text("amount", "预算金额（元）", required: true)
            }
        ]
        return try await page.render(req, status: status)
    }

    /// The union's member dues month by month (会费), where it collects them: what came in each month so far, and the months
    /// nothing did. Nil for a union that records none this year or last.
    static func memberDues(org: Int, year: Int, rules: FundsRules, today: CalendarDate, on db: any Database) async throws -> RecordPage.Section? {
        struct Row: Decodable { var month: String; var total: Int? }
        let rows = try await db.sql.raw(
            """
            SELECT substr(e.on_date, 1, 7) AS month, CAST(SUM(e.amount) AS BIGINT) AS total FROM book_entries e WHERE e.org_id = \(bind: org) \
            AND e.category = 'memberDues' AND e.on_date >= \(bind: CalendarDate.firstDay(of: year - 1).iso) AND e.on_date <= \(bind: CalendarDate.lastDay(of: year).iso) \
            AND \(Books.counted("e")) GROUP BY substr(e.on_date, 1, 7)
            """
        ).all(decoding: Row.self)
        guard !rows.isEmpty else { return nil }
        let months = Month(year, 1).through(min(Month(year, 12), Month(today)))
        let example = rules.memberDues(wage: 3_456_00)
        return .init(
            title: "会费（按月）",
            note: "会员按月工资的\(rules.memberDuesBasisPoints / 10)‰交纳会费，工资中不足\(Money.phrase(rules.memberDuesIgnoreBelowFen))的尾数不计（月工资3456元交\(Money.phrase(example))）。",
            table: .init(
                id: "member-dues", columns: ["月份", "会费收入（元）", "状态"],
                rows: months.map { m in
                    let got = rows.first { $0.month == m.iso }?.total ?? 0
                    return .init(cells: [
                        Cell(m.chinese), Cell(Money.yuan(got), num: true),
                        got > 0 ? Cell("已收") : m == Month(today) ? Cell("本月待收") : Cell("", badge: Badge(label: "未收", cls: "badge warn")),
                    ])
                }))
    }

    func budget(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        let back = SiteURL.books.path + "?orgId=\(values["orgId"] ?? "")&year=\(values["year"] ?? "")"
        return try await RecordPage.perform(req, back: back, page: { typed, errors, status in
            try await indexPage(req, typed: typed, errors: errors, status: status)
        }) { values in
            let f = try BudgetFields.validate(values, today: req.today, rules: req.application.fundsRules)
            try await Books.setBudget(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已保存预算"
        }
    }

    // MARK: An entry

    enum Kind: String {
        case income, expense, welfare
    }

    func new(req: Request) async throws -> Response {
        var values = try req.query.decode(FormFields.self)
        values["on"] = values["on"] ?? req.today.iso
        values["form"] = values["form"] ?? WelfareForm.inKind.rawValue
        return try await form(req, values, errors: [:])
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let e = try await Books.record(
                try BookEntryFields.validate(values, today: req.today, rules: req.application.fundsRules), rules: req.application.fundsRules,
                in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return req.redirect(
                to: SiteURL.bookEntry(e.id).path, flash: e.needsApproval ? "已记账，待另一人审批后入账" : "已记账 \(Money.yuan(e.amount))元")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await form(req, values, errors: errors, status: status)
        }
    }

    private func form(_ req: Request, _ values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let rules = req.application.fundsRules
        let kind = values["kind"].flatMap(Kind.init(rawValue:)) ?? (values["welfare"].flatMap(Input.optional) != nil ? .welfare : values["side"] == "income" ? .income : .expense)
        let org = try await Books.org(Input.id(values["orgId"], field: "orgId", label: "工会") ?? req.scope.orgID, in: req.scope, field: nil, on: req.db)
        var f = FormBuilder(values, errors: errors)
        f.hidden("kind", kind.rawValue)
        f.hidden("orgId", String(try org.requireID()))
        f.hidden("side", kind == .income ? BookSide.income.rawValue : BookSide.expense.rawValue)
        f.date("on", "日期", required: true)
        if kind == .welfare {
            f.select("welfare", "福利项目", rules.welfareCaps.map { ($0.code, "\($0.label)（\($0.standard)）") }, required: true)
            f.text("people", "慰问人数", required: true)
            f.choice("form", "发放形式", WelfareForm.self, hint: "节日、生日慰问和退休纪念只能发放实物，不得发放现金、购物卡")
        }
        let side: BookSide = kind == .income ? .income : .expense
        f.select("category", "科目", rules.bookCategories.filter { $0.side == side }.map { ($0.code, $0.label) }, required: true)
        f.text("amount", "金额（元）", hint: "\(Money.phrase(rules.approvalFromFen))以上须另一人审批后入账", required: true)
        f.text("description", "摘要", hint: "如 2026年春节慰问品（大米、食用油）", required: true)
        if side == .expense { f.area("overReason", "超预算（超标准）原因", hint: "超出年度预算时填写，须经审批") }
        let title = kind == .income ? "记一笔收入" : kind == .welfare ? "发放会员福利" : "记一笔支出"
        let page = FormPage(
            layout: Layout(title: "\(org.name) · \(title)", principal: try req.requirePrincipal(), active: .funds), action: SiteURL.bookEntries.path, form: f,
            submitLabel: "记账", intro: "发票等凭证在记账后上传。", formID: "entry-form")
        return try await page.render(req, status: status)
    }

    func show(req: Request) async throws -> Response { try await entryPage(req, typed: FormFields(), errors: [:]) }

    private func entryPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.fundsRules
        let e = try await Books.find(req.id("收支分录"), in: p.scope, on: req.db)
        let id = try e.requireID()
        let (standing, decision) = try await Books.standing(e, on: req.db)
        let reversal = try await BookEntry.query(on: req.db).filter(\.$reversesID == id).first()
        let files = try await Attachments.list(try Self.owner(e), on: req.db)
        let cap = rules.welfareCaps.first { $0.code == e.welfare }
        var page = RecordPage(layout: Layout(title: "经费\(e.bookSide.label) \(e.onDate)", principal: p, active: .funds))
        page.links = [.init(label: "返回经费收支", url: SiteURL.books.path + "?orgId=\(e.$org.id)&year=\(e.onDate.prefix(4))", id: "back")]
        page.facts = Fact.list([
            ("工会", e.org.name), ("日期", e.onDate), ("收支", e.bookSide.label), ("科目", rules.bookCategories.first { $0.code == e.category }?.label ?? e.category),
            ("摘要", e.description), ("金额", "\(Money.yuan(e.amount))元"), ("福利项目", cap.map { "\($0.label)（\($0.standard)）" }),
            ("慰问人数", e.people.map { "\($0)人，人均\(Money.phrase(e.amount / max(1, $0)))" }), ("发放形式", e.form.flatMap(WelfareForm.init(rawValue:))?.label),
            ("超出", [e.overCap ? "福利标准" : nil, e.overBudget ? "年度预算" : nil].compactMap { $0 }.joined(separator: "、")), ("超出原因", e.overReason),
            ("状态", standing.label), ("审批", decision.map { "\($0.decidedOn) \($0.approved ? "同意" : "不同意") \($0.note ?? "")" }),
            ("冲销", reversal.map { "\($0.onDate) \($0.description)" }),
        ])
        page.sections = [
            .init(
                title: "凭证（发票照片）",
                table: .init(
                    id: "invoices", columns: ["文件", "大小", "上传日期"],
                    rows: files.map { a in
                        let row = AttachmentRow(
                            a, url: SiteURL.bookEntryFile(id, a.id).path, withdrawURL: "", timeZone: req.application.config.timeZone, typed: typed, errors: errors)
                        return .init(cells: [Cell(row.name, url: row.url), Cell(row.size), Cell(row.added)])
                    }))
        ]
        page.canHandle = true
        if req.may(.booksRecord) {
            page.forms.append(
                RecordPage.form("invoice", title: "上传凭证", action: SiteURL.bookEntryFiles(id).path, submit: "上传", typed: typed, errors: errors) { f in
                    f.file("file", "发票或收据照片", accept: AttachmentRow.accept, hint: "PDF、JPG 或 PNG，每个不超过\(req.application.config.maxAttachmentBytes / 1_048_576)MB")
                })
            page.forms[page.forms.count - 1].multipart = true
        }
        if standing == .pending, req.may(.booksApprove), e.createdBy != p.userID {
            page.forms.append(
                RecordPage.form("decision", title: "审批", action: SiteURL.bookEntryDecision(id).path, submit: "提交审批", typed: typed, errors: errors) { f in
                    f.select("approved", "审批意见", [("true", "同意入账"), ("false", "不同意")], required: true)
                    f.area("note", "意见说明", hint: "不同意的请写明理由")
                })
        } else if standing == .pending {
            page.intro = "本笔须由记账人以外的另一名干部审批后入账。"
        }
        if standing == .counted, e.reversesID == nil, reversal == nil, req.may(.booksRecord) {
            page.forms.append(
                RecordPage.form(
                    "reverse", title: "冲销", action: SiteURL.bookEntryReverse(id).path, submit: "冲销", typed: typed, errors: errors,
                    defaults: ["on": req.today.iso]
                ) { f in
                    f.date("on", "冲销日期", required: true)
                    f.text("reason", "冲销原因", required: true)
                })
        }
        return try await page.render(req, status: status)
    }

    private func onEntry(_ req: Request, _ body: @escaping (FormFields, Int) async throws -> String) async throws -> Response {
        let id = try req.id("收支分录")
        return try await RecordPage.perform(req, back: SiteURL.bookEntry(id).path, page: { typed, errors, status in
            try await entryPage(req, typed: typed, errors: errors, status: status)
        }) { values in try await body(values, id) }
    }

    func decide(req: Request) async throws -> Response {
        try await onEntry(req) { values, id in
            let f = try BookDecisionFields.validate(values)
            try await Books.decide(id, approve: f.approved, note: f.note, in: req.scope, actor: req.actor, at: req.now, today: req.today, on: req.db)
            return f.approved ? "已同意，已入账" : "已审批：不同意"
        }
    }

    func reverse(req: Request) async throws -> Response {
        try await onEntry(req) { values, id in
            let f = try ReversalFields.validate(values, today: req.today)
            let e = try await Books.find(id, in: req.scope, on: req.db)
            if let ask = try await req.askFirst(
                values, title: "确认冲销", statements: ["冲销\(e.onDate)“\(e.description)”\(Money.yuan(e.amount))元，原因：\(f.reason)。", "冲销记一笔负数，原分录保留；冲销后不能撤销。"],
                confirmLabel: "确认冲销", cancelURL: SiteURL.bookEntry(id).path)
            {
                throw AskedFirst(response: ask)
            }
            _ = try await Books.reverse(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已冲销"
        }
    }

    func upload(req: Request) async throws -> Response {
        let e = try await Books.find(req.id("收支分录"), in: req.scope, on: req.db)
        return try await req.attach(to: try Self.owner(e), slot: "invoice", form: "invoice", back: SiteURL.bookEntry(e.id).path, saved: "已上传凭证") {
            typed, errors, status in try await entryPage(req, typed: typed, errors: errors, status: status)
        }
    }

    func download(req: Request) async throws -> Response {
        let e = try await Books.find(req.id("收支分录"), in: req.scope, on: req.db)
        return try await Attachments.download(
            req.id("附件", parameter: "file"), of: try Self.owner(e), cipher: req.application.cipher, actor: req.actor, at: req.now, on: req.db)
    }

    /// The union's 收支表 for the year: each category's budget, income or spending, remaining; then every entry that counts.
    func export(req: Request) async throws -> Response {
        let rules = req.application.fundsRules
        let s = try await Self.subject(req)
        let orgID = try s.org.requireID()
        let lines = try await Books.lines(org: orgID, year: s.year, rules: rules, on: req.db)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-books-\(UUID().uuidString).xlsx")
        let w = try XlsxWriter(url: url)
        try w.addSheet(
            "收支表",
            columns: [
                XlsxWriter.Column("收支", width: 8), XlsxWriter.Column("科目", width: 22), XlsxWriter.Column("预算（元）", width: 16),
                XlsxWriter.Column("本年实际（元）", width: 16), XlsxWriter.Column("剩余（元）", width: 16), XlsxWriter.Column("待审批（元）", width: 16),
            ],
            rows: lines.map { l in
                [
                    Office.Cell.text(l.category.side.label), .text(l.category.label), l.budget.map { .money(fen: $0) } ?? .empty, .money(fen: l.actual),
                    l.remaining.map { .money(fen: $0) } ?? .empty, .money(fen: l.pending),
                ]
            })
        struct Row: Decodable { var on_date: String; var side: String; var category: String; var description: String; var amount: Int }
        let rows = try await req.db.sql.raw(
            """
            SELECT e.on_date, e.side, e.category, e.description, e.amount FROM book_entries e WHERE e.org_id = \(bind: orgID) \
            AND e.on_date >= \(bind: CalendarDate.firstDay(of: s.year).iso) AND e.on_date <= \(bind: CalendarDate.lastDay(of: s.year).iso) \
            AND \(Books.counted("e")) ORDER BY e.on_date, e.id
            """
        ).all(decoding: Row.self)
        try w.addSheet(
            "分录",
            columns: [
                XlsxWriter.Column("日期", width: 12), XlsxWriter.Column("收支", width: 8), XlsxWriter.Column("科目", width: 22),
                XlsxWriter.Column("摘要", width: 40), XlsxWriter.Column("金额（元）", width: 16),
            ],
            rows: rows.map { r in
                [
                    Office.Cell.text(r.on_date), .text(BookSide(rawValue: r.side)?.label ?? r.side),
                    .text(rules.bookCategories.first { $0.code == r.category }?.label ?? r.category), .text(r.description), .money(fen: r.amount),
                ]
            })
        try w.close()
        return try .xlsxDownload(url, name: "\(s.org.name)\(s.year)年经费收支表.xlsx", fallback: "books.xlsx")
    }
}
