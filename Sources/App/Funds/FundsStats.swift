import Domain
import Fluent
import SQLKit
import Vapor

/// Union funds' figures for a subtree and period, each from one SQL set that the indicators count and list: dues by
/// the day they arrived, the employers paying and their return formalities as of the period's end, the arrears then,
/// and the returns paid.
enum FundsStats {
    /// `alias.org_id` or `alias.union_id` in the subtree (a receipt belongs to the employer's org node or its union's).
    static func inScope(_ alias: String, _ scope: Scope) -> SQLQueryString {
        "(\(scope.contains(alias + ".org_id")) OR \(scope.contains(alias + ".union_id")))"
    }

    /// Receipts (and reversals) that arrived in the period.
    static func receipts(in scope: Scope, from: CalendarDate, to: CalendarDate, filter: SQLQueryString = "") -> SQLQueryString {
        "SELECT r.* FROM dues_receipts r WHERE \(inScope("r", scope)) AND r.received_on >= \(bind: from.iso) AND r.received_on <= \(bind: to.iso)\(filter)"
    }

    /// 缴交工会经费的企业: employers with more received than taken back in the period.
    static func paying(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        "SELECT s.employer_id AS id FROM (\(receipts(in: scope, from: from, to: to))) s GROUP BY s.employer_id HAVING SUM(s.amount) > 0"
    }

    /// Paying employers whose union had completed every return formality by `asOf` (`complete`), or had not.
    static func paying(in scope: Scope, from: CalendarDate, to: CalendarDate, asOf: CalendarDate, complete: Bool) -> SQLQueryString {
        "SELECT p.id FROM (\(paying(in: scope, from: from, to: to))) p WHERE \(unsafeRaw: complete ? "" : "NOT ")\(returnsComplete("p.id", asOf: asOf))"
    }

    /// The employer `id` names had its return formalities complete by `asOf` (its latest record then says so).
    static func returnsComplete(_ id: String, asOf: CalendarDate) -> SQLQueryString {
        """
        COALESCE((SELECT f.complete FROM dues_formalities f WHERE f.employer_id = \(unsafeRaw: id) AND f.on_date <= \(bind: asOf.iso) \
        ORDER BY f.on_date DESC, f.id DESC LIMIT 1), \(bind: false)) = \(bind: true)
        """
    }

    /// A receipt (of alias `r`) collected by the tax bureau (代收), or of preparatory dues (筹备金).
    static func taxCollected(_ r: String) -> SQLQueryString { "\(unsafeRaw: r).channel = 'tax'" }
    static func preparatory(_ r: String) -> SQLQueryString { "\(unsafeRaw: r).stream = 'preparatory'" }

    /// The period's receipts read once (a county's year is a quarter of a million): the employers `paying`, those of
    /// them with their returns complete by `asOf`, and the amounts received, collected by the tax bureau and
    /// preparatory — each what its own set above counts or sums, which the drill-downs list.
    static func receiptTotals(in scope: Scope, from: CalendarDate, to: CalendarDate, asOf: CalendarDate, on db: any Database) async throws
        -> (paying: Int, complete: Int, received: Int, tax: Int, preparatory: Int)
    {
        struct Row: Decodable { var paying: Int?; var complete: Int?; var received: Int?; var tax: Int?; var preparatory: Int? }
        let row = try await db.sql.raw(
            """
            SELECT COUNT(CASE WHEN p.amount > 0 THEN 1 END) AS paying, \
            CAST(SUM(CASE WHEN p.amount > 0 THEN (CASE WHEN \(returnsComplete("p.id", asOf: asOf)) THEN 1 ELSE 0 END) ELSE 0 END) AS BIGINT) AS complete, \
            CAST(SUM(p.amount) AS BIGINT) AS received, CAST(SUM(p.tax) AS BIGINT) AS tax, CAST(SUM(p.preparatory) AS BIGINT) AS preparatory \
            FROM (SELECT s.employer_id AS id, SUM(s.amount) AS amount, SUM(CASE WHEN \(taxCollected("s")) THEN s.amount ELSE 0 END) AS tax, \
            SUM(CASE WHEN \(preparatory("s")) THEN s.amount ELSE 0 END) AS preparatory \
            FROM (\(receipts(in: scope, from: from, to: to))) s GROUP BY s.employer_id) p
            """
        ).first(decoding: Row.self)
        return (row?.paying ?? 0, row?.complete ?? 0, row?.received ?? 0, row?.tax ?? 0, row?.preparatory ?? 0)
    }

    /// Return batches of the subtree paid in the period.
    static func returnsPaid(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT b.* FROM dues_returns b WHERE \(scope.contains("b.org_id")) \
        AND b.status <> 'pending' AND b.paid_on >= \(bind: from.iso) AND b.paid_on <= \(bind: to.iso)
        """
    }

    /// Book entries of the subtree's unions that counted, dated in the period (of one side; `overStandard`: only those
    /// recorded over a welfare standard or the budget).
    static func bookEntries(in scope: Scope, from: CalendarDate, to: CalendarDate, side: BookSide? = nil, overStandard: Bool = false) -> SQLQueryString {
        var filter: SQLQueryString = ""
        if let side { filter = " AND e.side = \(bind: side.rawValue)" }
        if overStandard { filter = " AND (e.over_cap = \(bind: true) OR e.over_budget = \(bind: true))" }
        return """
            SELECT e.* FROM book_entries e WHERE \(scope.contains("e.org_id")) \
            AND e.on_date >= \(bind: from.iso) AND e.on_date <= \(bind: to.iso) AND \(Books.counted("e"))\(filter)
            """
    }

    /// The spending budgets of the subtree's unions for a year (each union's latest per category).
    static func budgets(in scope: Scope, year: Int, on db: any Database) async throws -> Int {
        try await Registers.sum(
            """
            SELECT b.amount FROM book_budgets b WHERE \(scope.contains("b.org_id")) \
            AND b.year = \(bind: year) AND b.id = (SELECT MAX(x.id) FROM book_budgets x WHERE x.org_id = b.org_id AND x.year = b.year \
            AND x.category = b.category)
            """, "amount", on: db)
    }

    static func compute(in scope: Scope, period: ReportPeriod, today: CalendarDate, rules: FundsRules, on db: any Database) async throws -> FundsFigures {
        try await withArrears(in: scope, period: period, today: today, rules: rules, on: db).figures
    }

    /// The overview of this year to date: its figures and the arrears list they count, through the statistics cache
    /// (a county's arrears read every employer's months).
    static func overview(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws
        -> (figures: FundsFigures, arrears: [DuesArrearsList.Employer])
    {
        let rules = app.fundsRules
        return try await app.statsCache.value("funds|\(scope.path)|\(today.iso)", on: db) { db in
            try await withArrears(in: scope, period: ReportPeriod.yearToDate(today.year, until: today), today: today, rules: rules, on: db)
        }
    }

    /// The figures of a period and the arrears list (as of its end) they count.
    static func withArrears(in scope: Scope, period: ReportPeriod, today: CalendarDate, rules: FundsRules, on db: any Database) async throws
        -> (figures: FundsFigures, arrears: [DuesArrearsList.Employer])
    {
        let (from, to, asOf) = (period.from, period.to, period.asOf(today: today))
        var f = FundsFigures()
        (f.payingEmployers, f.returnsComplete, f.received, f.taxCollected, f.preparatory) = try await receiptTotals(
            in: scope, from: from, to: to, asOf: asOf, on: db)
        // Months of the period already over by `asOf` (at least one): a running month would lower the average.
        f.months = max(1, Month(from).through(Month(max(from, asOf))).filter { $0.last <= asOf }.count)
        f.returned = try await Registers.sum(returnsPaid(in: scope, from: from, to: to), "total", on: db)
        f.booksIncome = try await Registers.sum(bookEntries(in: scope, from: from, to: to, side: .income), "amount", on: db)
        f.booksExpense = try await Registers.sum(bookEntries(in: scope, from: from, to: to, side: .expense), "amount", on: db)
        f.budget = try await budgets(in: scope, year: from.year, on: db)
        let arrears = try await DuesArrearsList.compute(in: scope, asOf: asOf, rules: rules, on: db)
        f.arrears = arrears.reduce(0) { $0 + $1.owed }
        f.arrearsEmployers = arrears.count
        return (f, arrears)
    }
}

/// The arrears of a subtree on a day (欠缴): every registered payer's months past their due date without the full dues,
/// counting only what had arrived by that day.
enum DuesArrearsList {
    struct Employer: Sendable {
        var id: Int
        var name: String
        var channel: DuesChannel
        var lines: [ArrearsLine]
        var owed: Int { lines.reduce(0) { $0 + $1.owed } }
        var lateFee: Int { lines.reduce(0) { $0 + $1.lateFee } }
        var oldest: ArrearsLine? { lines.first }
    }

    /// Once within a computation (`FigureMemo`): the funds figures, their indicators and the alerts ask for the same day.
    static func compute(in scope: Scope, asOf: CalendarDate, rules: FundsRules, on db: any Database) async throws -> [Employer] {
        try await FigureMemo.value("duesArrears|\(scope.path)|\(asOf.iso)|\(rules)") { try await read(in: scope, asOf: asOf, rules: rules, on: db) }
    }

    private static func read(in scope: Scope, asOf: CalendarDate, rules: FundsRules, on db: any Database) async throws -> [Employer] {
        struct Term: Decodable { var employer_id: Int; var since: String; var ends_with: String?; var base: Int; var channel: String; var name: String }
        struct Got: Decodable { var employer_id: Int; var months: String? }
        let terms = try await db.sql.raw(
            """
            SELECT p.employer_id, p.since, p.ends_with, p.base, p.channel, e.name FROM dues_payers p JOIN employers e ON e.id = p.employer_id \
            WHERE \(FundsStats.inScope("p", scope)) AND p.since <= \(bind: Month(asOf).iso) ORDER BY p.employer_id, p.since, p.id
            """
        ).all(decoding: Term.self)
        guard !terms.isEmpty else { return [] }
        let earliest = Month(asOf).adding(-rules.arrearsMonths - 1)
        // Each employer's months as one `2025-01:12345,2025-02:12345` row: a county's quarter of a million months
        // decoded as rows took seconds.
        let got = try await db.sql.raw(
            """
            SELECT g.employer_id, \(db.commaJoined("g.month || ':' || CAST(g.amount AS TEXT)")) AS months FROM (SELECT r.employer_id, r.month, \
            CAST(SUM(r.amount) AS BIGINT) AS amount FROM dues_receipts r WHERE \(FundsStats.inScope("r", scope)) \
            AND r.received_on <= \(bind: asOf.iso) AND r.month >= \(bind: earliest.iso) GROUP BY r.employer_id, r.month) g GROUP BY g.employer_id
            """
        ).all(decoding: Got.self)
        var received: [Int: [Month: Int]] = [:]
        for g in got { received[g.employer_id] = monthAmounts(g.months ?? "") }
        var out: [Employer] = []
        for (id, rows) in Dictionary(grouping: terms, by: \.employer_id).sorted(by: { $0.key < $1.key }) {
            let payerTerms = rows.compactMap { t in
                Month(parsing: t.since).map { PayerTerm(since: $0, endsWith: t.ends_with.flatMap(Month.init(parsing:)), base: t.base) }
            }
            let lines = Arrears.lines(terms: payerTerms, received: received[id] ?? [:], asOf: asOf, rules: rules)
            guard !lines.isEmpty, let last = rows.last else { continue }
            out.append(Employer(id: id, name: last.name, channel: DuesChannel(rawValue: last.channel) ?? .direct, lines: lines))
        }
        return out.sorted { ($0.oldest?.daysOverdue ?? 0, $0.owed) > ($1.oldest?.daysOverdue ?? 0, $1.owed) }
    }

    /// `2025-01:12345,2025-02:-500` as amounts by month (a piece that does not read as one is left out).
    static func monthAmounts(_ text: String) -> [Month: Int] {
        var out: [Month: Int] = [:]
        for piece in text.split(separator: ",") {
            let parts = piece.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let m = Month(parsing: String(parts[0])), let amount = Int(parts[1]) else { continue }
            out[m] = amount
        }
        return out
    }
}

/// Dues received per month (reversals less, by the day the money arrived), for the dashboard.
struct FundsTrend: TrendSource {
    let title = "各月收到工会经费"

    func monthly(in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [MonthTotal] {
        try await db.sql.raw(
            """
            SELECT substr(s.received_on, 1, 7) AS month, CAST(SUM(s.amount) AS BIGINT) AS value \
            FROM (\(FundsStats.receipts(in: scope, from: from, to: to))) s GROUP BY substr(s.received_on, 1, 7)
            """
        ).all(decoding: MonthTotal.self)
    }

    func text(_ value: Int) -> String { value == 0 ? "" : Money.phrase(value) }
}
