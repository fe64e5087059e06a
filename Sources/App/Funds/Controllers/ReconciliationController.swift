import Domain
import Fluent
import Vapor

/// 对账 on a page and over the API: each month's tax-list total against the bank, the transfers recorded, the
/// differences explained.
struct ReconciliationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .reconciliation, .fundsRead, use: index)
        routes.endpoint(.POST, .bankTransfers, .fundsRecord, use: transfer)
        routes.endpoint(.POST, .reconciliationNotes, .fundsRecord, use: explain)
        routes.endpoint(.GET, .api(.reconciliation), .fundsRead, doc: APIDoc(summary: "税务代收与银行到账对账（近24个月）"), use: api)
        routes.endpoint(.POST, .api(.bankTransfers), .fundsRecord, doc: APIDoc(summary: "登记银行到账（税务划转）", body: TransferFields.inputFields), use: apiTransfer)
        routes.endpoint(
            .POST, .api(.reconciliationNotes), .fundsRecord, doc: APIDoc(summary: "说明某月对账差异", body: ReconciliationNoteFields.inputFields), use: apiExplain)
    }

    typealias Cell = RecordPage.Cell

    static func recent(_ req: Request) async throws -> [ReconciliationLine] {
        let last = Month(req.today)
        return try await Reconciliation.lines(in: req.scope, from: last.adding(-23), to: last, on: req.db)
    }

    func index(req: Request) async throws -> Response { try await page(req, typed: FormFields(), errors: [:]) }

    private func page(_ req: Request, typed: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let p = try req.requirePrincipal()
        let lines = try await Self.recent(req)
        var page = RecordPage(layout: Layout(title: "税务代收对账", principal: p, active: .funds))
        page.links = [.init(label: "返回工会经费", url: SiteURL.funds.path, id: "back")]
        page.intro = "每月税务代收明细（按所属期）与税务划入本会账户的银行到账核对；有差额的月份须查明原因并说明，之后再有到账变动的重新核对。"
        let open = lines.filter { $0.state == .open }
        page.facts = [
            Fact(label: "待核对月份", value: open.isEmpty ? "无" : open.map(\.month.chinese).joined(separator: "、")),
            Fact(label: "待核对差额", value: Money.phrase(open.reduce(0) { $0 + $1.difference })),
        ]
        page.sections = [
            .init(
                title: "近24个月",
                table: .init(
                    id: "reconciliation", columns: ["所属期", "税务明细（元）", "银行到账（元）", "差额（元）", "状态"],
                    rows: lines.map { l in
                        .init(cells: [
                            Cell(l.month.chinese), Cell(Money.yuan(l.reported), num: true), Cell(Money.yuan(l.banked), num: true),
                            Cell(Money.yuan(l.difference), num: true),
                            Cell(l.state.label, badge: l.state == .open ? Badge(label: "异常", cls: "badge bad") : nil),
                        ])
                    }))
        ]
        page.canHandle = req.may(.fundsRecord)
        let last = Month(req.today).adding(-1).iso
        page.forms = [
            RecordPage.form(
                "transfer", title: "登记银行到账", action: SiteURL.bankTransfers.path, submit: "登记", typed: typed, errors: errors,
                defaults: ["month": last, "receivedOn": req.today.iso]
            ) { f in
                f.text("month", "所属期", hint: "税务划转对应的月份，如 2026-10", required: true)
                f.text("amount", "到账金额（元）", required: true)
                f.date("receivedOn", "到账日期", required: true)
                f.text("reference", "银行回单号")
            },
            RecordPage.form(
                "note", title: "说明差异", action: SiteURL.reconciliationNotes.path, submit: "保存说明", typed: typed, errors: errors,
                defaults: ["month": open.first?.month.iso ?? last]
            ) { f in
                f.text("month", "所属期", required: true)
                f.area("note", "差异原因", hint: "如 税务已退费未划转、划转延至下月")
            },
        ]
        return try await page.render(req, status: status)
    }

    func transfer(req: Request) async throws -> Response {
        try await RecordPage.perform(req, back: SiteURL.reconciliation.path, page: { try await page(req, typed: $0, errors: $1, status: $2) }) { values in
            try await Reconciliation.transfer(try TransferFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已登记银行到账"
        }
    }

    func explain(req: Request) async throws -> Response {
        try await RecordPage.perform(req, back: SiteURL.reconciliation.path, page: { try await page(req, typed: $0, errors: $1, status: $2) }) { values in
            try await Reconciliation.explain(
                try ReconciliationNoteFields.validate(values, today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
            return "已说明差异"
        }
    }

    struct LineDTO: Content {
        var month: String
        var reported: Int
        var banked: Int
        var difference: Int
        var state: String
    }

    func api(req: Request) async throws -> [LineDTO] {
        try await Self.recent(req).map { LineDTO(month: $0.month.iso, reported: $0.reported, banked: $0.banked, difference: $0.difference, state: $0.state.rawValue) }
    }

    /// The month's line as it stands after a change.
    private func line(_ req: Request, _ month: Month) async throws -> Response {
        let l = try await Reconciliation.lines(in: req.scope, from: month, to: month, on: req.db).first
            ?? ReconciliationLine(month: month, reported: 0, banked: 0, explained: nil)
        return try await LineDTO(month: l.month.iso, reported: l.reported, banked: l.banked, difference: l.difference, state: l.state.rawValue)
            .encodeResponse(status: .created, for: req)
    }

    func apiTransfer(req: Request) async throws -> Response {
        let f = try TransferFields.validate(try req.decodeJSON(FormFields.self), today: req.today)
        try await Reconciliation.transfer(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await line(req, f.month)
    }

    func apiExplain(req: Request) async throws -> Response {
        let f = try ReconciliationNoteFields.validate(try req.decodeJSON(FormFields.self), today: req.today)
        try await Reconciliation.explain(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await line(req, f.month)
    }
}
