import Domain
import Fluent
import SQLKit
import Vapor

/// Union funds' indicators, from the sets of `FundsStats`: the employers paying and their formalities, the money
/// received, the arrears, the returns paid — each with the records behind it.
struct FundsIndicatorSource: IndicatorSource {
    var rules: FundsRules
    var definitions: [IndicatorDefinition] { Indicators.funds }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let f = try await FundsStats.compute(in: q.scope, period: q.period, today: q.today, rules: rules, on: db)
        return [
            .fundsPayingEmployers: .init(count: f.payingEmployers), .fundsReturnsComplete: .init(count: f.returnsComplete),
            .fundsReturnsIncomplete: .init(count: f.returnsIncomplete), .fundsReturnsRate: .init(f.returnsComplete, of: f.payingEmployers),
            .fundsReceived: .init(count: f.received), .fundsMonthlyAverage: .init(count: f.monthlyAverage), .fundsPreparatory: .init(count: f.preparatory),
            .fundsTaxCollected: .init(count: f.taxCollected), .fundsArrears: .init(count: f.arrears),
            .fundsArrearsEmployers: .init(count: f.arrearsEmployers), .fundsReturned: .init(count: f.returned),
            .booksIncome: .init(count: f.booksIncome), .booksExpense: .init(count: f.booksExpense), .booksBudgetExecution: .init(f.booksExpense, of: f.budget),
            .booksOverStandard: .init(
                count: try await Registers.count(FundsStats.bookEntries(in: q.scope, from: q.period.from, to: q.period.to, overStandard: true), on: db)),
        ]
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        let (scope, from, to, day) = (q.scope, q.period.from, q.period.to, q.asOf)
        switch code {
        case .fundsPayingEmployers: return try await Self.employers(FundsStats.paying(in: scope, from: from, to: to), q, page: page, on: db)
        case .fundsReturnsComplete, .fundsReturnsIncomplete, .fundsReturnsRate:
            let complete = code == .fundsReturnsComplete || (code == .fundsReturnsRate && !gap)
            return try await Self.employers(FundsStats.paying(in: scope, from: from, to: to, asOf: day, complete: complete), q, page: page, on: db)
        case .fundsArrears, .fundsArrearsEmployers:
            let list = try await DuesArrearsList.compute(in: scope, asOf: day, rules: rules, on: db)
            return RecordTable(
                ["单位名称", "欠缴月数", "欠缴金额（元）", "最早欠缴所属期", "账龄"],
                all: list.map {
                    .init(
                        cells: [$0.name, String($0.lines.count), Money.yuan($0.owed), $0.oldest?.month.chinese ?? "", $0.oldest?.age.label ?? ""],
                        url: SiteURL.fundsEmployer($0.id).path)
                }, page: page)
        case .booksIncome, .booksExpense, .booksBudgetExecution, .booksOverStandard:
            let set =
                code == .booksOverStandard
                ? FundsStats.bookEntries(in: scope, from: from, to: to, overStandard: true)
                : FundsStats.bookEntries(in: scope, from: from, to: to, side: code == .booksIncome ? .income : .expense)
            let list = try await BookEntry.query(on: db).filter(.sql(Registers.within("book_entries.id", "SELECT s.id FROM (\(set)) s"))).with(\.$org)
                .sort(\.$onDate).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["日期", "工会", "科目", "摘要", "金额（元）"],
                rows: list.rows.map { e in
                    .init(
                        cells: [e.onDate, e.org.name, rules.bookCategories.first { $0.code == e.category }?.label ?? e.category, e.description, Money.yuan(e.amount)],
                        url: SiteURL.bookEntry(e.id).path)
                }, total: list.total, page: list.page)
        case .fundsReturned:
            struct Row: Decodable { var id: Int; var number: String; var from_month: String; var to_month: String; var total: Int; var status: String; var paid_on: String? }
            let set = FundsStats.returnsPaid(in: scope, from: from, to: to)
            let total = try await Registers.count(set, on: db)
            let page = Paged<Employer>.clamp(page, counted: total, per: 50)
            let rows = try await db.sql.raw(
                "SELECT s.id, s.number, s.from_month, s.to_month, s.total, s.status, s.paid_on FROM (\(set)) s ORDER BY s.paid_on, s.id LIMIT 50 OFFSET \(literal: (page - 1) * 50)"
            ).all(decoding: Row.self)
            return RecordTable(
                ["编号", "所属期", "返还金额（元）", "状态", "拨付日期"],
                rows: rows.map {
                    .init(
                        cells: [$0.number, "\($0.from_month)至\($0.to_month)", Money.yuan($0.total), ReturnStatus(rawValue: $0.status)?.label ?? "", $0.paid_on ?? ""],
                        url: SiteURL.fundsReturn($0.id).path)
                }, total: total, page: page)
        default:
            let filter: SQLQueryString =
                switch code {
                case .fundsPreparatory: " AND \(FundsStats.preparatory("r"))"
                case .fundsTaxCollected: " AND \(FundsStats.taxCollected("r"))"
                default: ""
                }
            return try await Self.receipts(FundsStats.receipts(in: scope, from: from, to: to, filter: filter), page: page, on: db)
        }
    }

    /// Employers of a set (by `id`) with what arrived from each in the period.
    static func employers(_ set: SQLQueryString, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        struct Row: Decodable { var id: Int; var name: String; var total: Int? }
        let total = try await Registers.count(set, on: db)
        let page = Paged<Employer>.clamp(page, counted: total, per: 50)
        let received = FundsStats.receipts(in: q.scope, from: q.period.from, to: q.period.to)
        let rows = try await db.sql.raw(
            """
            SELECT e.id, e.name, (SELECT CAST(SUM(x.amount) AS BIGINT) FROM (\(received)) x WHERE x.employer_id = e.id) AS total \
            FROM (\(set)) s JOIN employers e ON e.id = s.id ORDER BY e.name, e.id LIMIT 50 OFFSET \(literal: (page - 1) * 50)
            """
        ).all(decoding: Row.self)
        return RecordTable(
            ["单位名称", "期内到账（元）"], rows: rows.map { .init(cells: [$0.name, Money.yuan($0.total ?? 0)], url: SiteURL.fundsEmployer($0.id).path) },
            total: total, page: page)
    }

    /// Receipts of a set, newest first.
    static func receipts(_ set: SQLQueryString, page: Int, on db: any Database) async throws -> RecordTable {
        let list = try await DuesReceipt.query(on: db).filter(.sql(Registers.within("dues_receipts.id", "SELECT s.id FROM (\(set)) s")))
            .with(\.$employer).sort(\.$receivedOn, .descending).sort(\.$id, .descending).paged(page: page, per: 50)
        return RecordTable(ReceiptRow.columns, rows: list.rows.map { ReceiptRow($0).tableRow }, total: list.total, page: list.page)
    }
}

/// Arrears past 90 days (a month's dues unpaid a quarter after their due date) and return batches waiting for a second
/// person's approval.
struct FundsAlertSource: AlertSource {
    var rules: FundsRules
    let module = "funds"
    let label = "工会经费"
    var kinds: [(code: String, label: String)] {
        [("funds.arrears", "欠缴工会经费超过90天"), ("funds.return", "经费返还待审核拨付"), ("funds.reconcile", "税务代收对账不符")]
    }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        var out: [AlertItem] = []
        let org = try await Organization.find(q.scope.orgID, on: db)?.name ?? ""
        for e in try await DuesArrearsList.compute(in: q.scope, asOf: q.today, rules: rules, on: db) where out.count < q.limit {
            guard let oldest = e.oldest, oldest.daysOverdue > 90 else { continue }
            out.append(
                AlertItem(
                    module: module, kind: "funds.arrears", label: "欠缴工会经费超过90天", severity: .overdue,
                    subject: "\(e.name) 欠缴\(e.lines.count)个月 \(Money.yuan(e.owed))元", orgName: org, due: oldest.due.iso,
                    daysLeft: -oldest.daysOverdue, url: SiteURL.fundsEmployer(e.id).path))
        }
        // Months before last whose tax list and bank still differ without an explanation.
        let last = Month(q.today).adding(-2)
        for l in try await Reconciliation.lines(in: q.scope, from: last.adding(-22), to: last, on: db) where l.state == .open && out.count < q.limit {
            out.append(
                AlertItem(
                    module: module, kind: "funds.reconcile", label: "税务代收对账不符", severity: .notice,
                    subject: "\(l.month.chinese) 差额\(Money.yuan(l.difference))元", orgName: org, due: nil, daysLeft: nil, url: SiteURL.reconciliation.path))
        }
        for b in try await ReturnBatch.query(on: db).filter(q.scope.contains(column: "dues_returns.org_id")).filter(\.$status == ReturnStatus.pending.rawValue)
            .with(\.$org).sort(\.$madeOn).all() where out.count < q.limit
        {
            out.append(
                AlertItem(
                    module: module, kind: "funds.return", label: "经费返还待审核拨付", severity: .dueSoon, subject: "\(b.number) \(Money.yuan(b.total))元",
                    orgName: b.org.name, due: b.madeOn, daysLeft: nil, url: SiteURL.fundsReturn(b.id).path))
        }
        return out
    }
}

/// On the home page: return batches someone else drew up, waiting for this person's approval (双人复核).
struct FundsWorkSource: WorkSource {
    func items(_ q: WorkQuery, on db: any Database) async throws -> [WorkItem] {
        guard q.principal.role.may(.fundsApprove) else { return [] }
        let waiting = try await ReturnBatch.query(on: db).filter(q.principal.scope.contains(column: "dues_returns.org_id"))
            .filter(\.$status == ReturnStatus.pending.rawValue).sort(\.$madeOn).all().filter { $0.madeBy != q.principal.userID }
        guard !waiting.isEmpty else { return [] }
        return [
            WorkItem(
                id: "work-funds-returns", label: "经费返还待审核拨付", count: waiting.count, url: SiteURL.fundsReturns.path,
                lines: waiting.prefix(5).map { WorkLine(text: "\($0.number) \(Money.yuan($0.total))元", due: "", url: SiteURL.fundsReturn($0.id).path, overdue: false) })
        ]
    }
}
