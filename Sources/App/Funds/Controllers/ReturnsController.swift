import Domain
import Fluent
import Office
import Vapor

/// Return batches (经费返还): the list with the form that draws one up, a batch with its lines, its approval by a second
/// person, and its Excel table for the bank.
struct ReturnsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .fundsReturns, .fundsRead, use: index)
        routes.endpoint(.POST, .fundsReturns, .fundsRecord, use: draw)
        routes.endpoint(.GET, .fundsReturn(nil), .fundsRead, use: show)
        routes.endpoint(.POST, .fundsReturnPay(nil), .fundsApprove, use: pay)
        routes.endpoint(.GET, .fundsReturnExport(nil), .fundsRead, use: export)
    }

    typealias Cell = RecordPage.Cell

    func index(req: Request) async throws -> Response { try await indexPage(req, typed: FormFields(), errors: [:]) }

    private func indexPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let rules = req.application.fundsRules
        let batches = try await ReturnBatch.query(on: req.db).filter(p.scope.contains(column: "dues_returns.org_id")).with(\.$org)
            .sort(\.$madeOn, .descending).sort(\.$id, .descending).limit(200).all()
        var page = RecordPage(layout: Layout(title: "工会经费返还", principal: p, active: .funds))
        page.links = [.init(label: "返回工会经费", url: SiteURL.funds.path, id: "back")]
        page.intro = "已完善返还手续的建会单位，按到账工会经费的\(rules.returnPercent)%返还其工会" + (rules.returnPercentByOwnership.isEmpty ? "" : "（按单位性质另有比例）")
            + "；未建会单位缴纳的筹备金不返还。制表后须由另一人审核拨付。"
        page.sections = [
            .init(
                title: "返还批次",
                table: .init(
                    id: "returns", columns: ["编号", "所属期", "制表日期", "返还金额（元）", "状态", "拨付日期"],
                    rows: batches.map { b in
                        .init(cells: [
                            Cell(b.number, url: SiteURL.fundsReturn(b.id).path), Cell("\(b.fromMonth)至\(b.toMonth)"), Cell(b.madeOn),
                            Cell(Money.yuan(b.total), num: true),
                            Cell(b.returnStatus.label, badge: b.returnStatus == .pending ? Badge(label: "待审核", cls: "badge warn") : nil), Cell(b.paidOn ?? ""),
                        ])
                    }))
        ]
        page.canHandle = req.may(.fundsRecord)
        let last = Month(req.today).adding(-1)
        page.forms = [
            RecordPage.form(
                "batch", title: "制作返还批次", action: SiteURL.fundsReturns.path, submit: "制表", typed: typed, errors: errors,
                defaults: ["from": Month(last.year, 1).iso, "to": last.iso, "on": req.today.iso]
            ) { f in
                f.text("from", "起始所属期", hint: "如 2026-01", required: true)
                f.text("to", "截止所属期", required: true)
                f.date("on", "制表日期", required: true)
            }
        ]
        return try await page.render(req, status: status)
    }

    func draw(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let b = try await Returns.draw(
                try ReturnBatchFields.validate(values, today: req.today), rules: req.application.fundsRules, in: req.scope, actor: req.actor, at: req.now,
                on: req.db)
            return req.redirect(to: SiteURL.fundsReturn(b.id).path, flash: "已制作返还批次 \(b.number)，共\(Money.yuan(b.total))元，待另一人审核拨付")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await indexPage(req, typed: values, errors: errors, status: status)
        }
    }

    func show(req: Request) async throws -> Response { try await batchPage(req, typed: FormFields(), errors: [:]) }

    private func batchPage(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let b = try await Returns.find(req.id("返还批次"), in: p.scope, on: req.db)
        let id = try b.requireID()
        let lines = try await Returns.lines(id, on: req.db)
        let users = try await User.query(on: req.db).filter(\.$id ~~ [b.madeBy, b.approvedBy].compactMap { $0 }).all()
        func name(_ id: Int?) -> String? { users.first { $0.id == id }?.displayName }
        var page = RecordPage(layout: Layout(title: "返还批次 \(b.number)", principal: p, active: .funds))
        page.links = [
            .init(label: "导出返还表（Excel）", url: SiteURL.fundsReturnExport(id).path, id: "export-return"),
            .init(label: "返回经费返还", url: SiteURL.fundsReturns.path, id: "back"),
        ]
        page.facts = Fact.list([
            ("编号", b.number), ("所属期", "\(b.fromMonth)至\(b.toMonth)"), ("制表日期", b.madeOn), ("制表人", name(b.madeBy)),
            ("返还单位", "\(lines.count)间"), ("返还金额", "\(Money.yuan(b.total))元"), ("状态", b.returnStatus.label), ("拨付日期", b.paidOn),
            ("审核人", name(b.approvedBy)), ("备注", b.note),
        ])
        page.sections = [
            .init(
                title: "返还明细",
                table: .init(
                    id: "return-lines", columns: ["单位", "工会", "到账工会经费（元）", "返还比例", "返还金额（元）"],
                    rows: lines.map { l in
                        .init(cells: [
                            Cell(l.employer, url: SiteURL.fundsEmployer(l.employer_id).path), Cell(l.union_name ?? ""), Cell(Money.yuan(l.received), num: true),
                            Cell("\(l.share_percent)%", num: true), Cell(Money.yuan(l.amount), num: true),
                        ])
                    }))
        ]
        page.canHandle = req.may(.fundsApprove) && b.returnStatus == .pending && b.madeBy != p.userID
        if b.returnStatus == .pending, b.madeBy == p.userID {
            page.intro = "本批次由您制表，须由另一名干部审核拨付（双人复核）。"
        }
        if page.canHandle {
            page.forms = [
                RecordPage.form(
                    "pay", title: "审核拨付", action: SiteURL.fundsReturnPay(id).path, submit: "审核拨付", typed: typed, errors: errors,
                    defaults: ["on": req.today.iso, "status": ReturnStatus.returned.rawValue]
                ) { f in
                    f.choice("status", "拨付方式", ReturnStatus.self, cases: ReturnStatus.paid, required: true)
                    f.date("on", "拨付日期", required: true)
                    f.area("note", "备注", hint: "如 银行回单号")
                }
            ]
        }
        return try await page.render(req, status: status)
    }

    func pay(req: Request) async throws -> Response {
        let id = try req.id("返还批次")
        return try await RecordPage.perform(req, back: SiteURL.fundsReturn(id).path, page: { typed, errors, status in
            try await batchPage(req, typed: typed, errors: errors, status: status)
        }) { values in
            let b = try await Returns.find(id, in: req.scope, on: req.db)
            let f = try ReturnPaymentFields.validate(values, today: req.today, made: CalendarDate(parsing: b.madeOn) ?? req.today)
            if let ask = try await req.askFirst(
                values, title: "确认拨付",
                statements: ["\(b.number)：\(f.status.label) \(Money.yuan(b.total))元，拨付日期\(f.on.iso)。", "拨付后不能撤销。"], confirmLabel: "确认拨付",
                cancelURL: SiteURL.fundsReturn(id).path)
            {
                throw AskedFirst(response: ask)
            }
            _ = try await Returns.pay(id, f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已审核拨付（\(f.status.label)）"
        }
    }

    func export(req: Request) async throws -> Response {
        let b = try await Returns.find(req.id("返还批次"), in: req.scope, on: req.db)
        let lines = try await Returns.lines(try b.requireID(), on: req.db)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-return-\(UUID().uuidString).xlsx")
        let w = try XlsxWriter(url: url)
        try w.addSheet(
            "返还明细",
            columns: [
                XlsxWriter.Column("单位", width: 30), XlsxWriter.Column("工会", width: 30), XlsxWriter.Column("到账工会经费（元）", width: 16),
                XlsxWriter.Column("返还比例", width: 10), XlsxWriter.Column("返还金额（元）", width: 16),
            ],
            rows: lines.map { [Office.Cell.text($0.employer), .text($0.union_name ?? ""), .money(fen: $0.received), .percent($0.share_percent), .money(fen: $0.amount)] }
                + [[.text("合计"), .text(""), .money(fen: lines.reduce(0) { $0 + $1.received }), .empty, .money(fen: b.total)]])
        try w.close()
        return try .xlsxDownload(url, name: "经费返还表 \(b.number).xlsx", fallback: "return.xlsx")
    }
}
