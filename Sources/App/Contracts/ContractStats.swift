import Domain
import Fluent
import SQLKit
import Vapor

/// The collective bargaining figures, each one SQL set that the indicators count and their drill-down lists.
/// Coverage is of the subtree's unionised employers on a day (the registers' employer history), by any contract in
/// force that day that covers them, whoever signed it (a county's sectoral contract covers a town's employers).
enum ContractStats {
    /// Unionised employers of at least `size` staff on `day`, covered (or, with `covered` false, not covered) by a
    /// contract in force of `kind` (any kind when nil).
    static func employers(in scope: Scope, on day: CalendarDate, atLeast size: Int, kind: ContractKind?, covered: Bool) -> SQLQueryString {
        "SELECT s.* FROM (\(Registers.employers(in: scope, on: day))) s WHERE \(employer(on: day, atLeast: size, kind: kind, covered: covered))"
    }

    /// That condition on a row `s` of `Registers.employers(in:on:)`.
    static func employer(on day: CalendarDate, atLeast size: Int, kind: ContractKind?, covered: Bool) -> SQLQueryString {
        let kindFilter: SQLQueryString = kind.map { " AND c.kind = \(literal: $0.rawValue)" } ?? ""
        return """
            \(Registers.employer(atLeast: size, covered: true)) AND s.id \(unsafeRaw: covered ? "IN" : "NOT IN") \
            (SELECT ce.employer_id FROM contract_employers ce JOIN contracts c ON c.id = ce.contract_id WHERE \(Contracts.inForce("c", on: day))\(kindFilter))
            """
    }

    /// The subtree's contracts in force on `day` (of `kind` when given).
    static func inForce(in scope: Scope, on day: CalendarDate, kind: ContractKind? = nil) -> SQLQueryString {
        let all: SQLQueryString = """
            SELECT c.id, c.kind, c.ends_on FROM contracts c WHERE \(scope.contains("c.org_id")) AND \(Contracts.inForce("c", on: day))
            """
        return kind.map { "SELECT s.* FROM (\(all)) s WHERE \(contract(kind: $0))" } ?? all
    }

    /// The condition on a row `s` of `inForce(in:on:)`: a contract of `kind`.
    static func contract(kind: ContractKind) -> SQLQueryString { "s.kind = \(literal: kind.rawValue)" }

    /// Employers of the subtree covered by a contract in force on `day`, each once with the largest headcount recorded.
    static func employersCovered(in scope: Scope, on day: CalendarDate) -> SQLQueryString {
        """
        SELECT ce.employer_id AS id, MAX(ce.headcount) AS headcount FROM contract_employers ce JOIN contracts c ON c.id = ce.contract_id \
        JOIN employers e ON e.id = ce.employer_id \
        WHERE \(Contracts.inForce("c", on: day)) AND (\(scope.contains("e.org_id")) \
        OR \(scope.contains("e.union_id"))) GROUP BY ce.employer_id
        """
    }

    /// The subtree's contracts signed in the period (of these levels when given; with a wage rise when `rise`).
    static func signed(in scope: Scope, from: CalendarDate, to: CalendarDate, levels: [ContractLevel]? = nil, rise: Bool = false)
        -> SQLQueryString
    {
        let levelFilter: SQLQueryString = levels.map { " AND c.level IN (\(Registers.codes($0)))" } ?? ""
        let riseFilter: SQLQueryString = rise ? " AND c.wage_rise_bp > 0" : ""
        return """
            SELECT c.id, c.workers, c.wage_rise_bp FROM contracts c WHERE \(scope.contains("c.org_id")) \
            AND c.signed_on >= \(bind: from.iso) AND c.signed_on <= \(bind: to.iso)\(levelFilter)\(riseFilter)
            """
    }

    static func negotiationsStarted(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT n.id FROM negotiations n WHERE \(scope.contains("n.org_id")) \
        AND n.requested_on >= \(bind: from.iso) AND n.requested_on <= \(bind: to.iso)
        """
    }

    /// Contracts of the subtree late for filing on `day`: signed, not filed by then (nor ended), past the filing days.
    static func filingOverdue(in scope: Scope, on day: CalendarDate, rules: ContractRules, on db: any Database) async throws -> [CollectiveContract] {
        let earliest = day.adding(days: -min(rules.filingDays, rules.wageFilingDays))
        let rows = try await Contracts.scoped(scope, on: db).filter(\.$signedOn < earliest.iso)
            .group(.or) { $0.filter(\.$filedOn == nil).filter(\.$filedOn > day.iso) }
            .group(.or) { $0.filter(\.$terminatedOn == nil).filter(\.$terminatedOn > day.iso) }
            .with(\.$employer).sort(\.$signedOn).all()
        return rows.filter { c in
            guard let signed = CalendarDate(parsing: c.signedOn) else { return false }
            return signed.adding(days: rules.filingDays(for: c.contractKind)) < day
        }
    }

    /// Contracts in force on `day` whose term ends within the renewal window and that no renewal has replaced.
    static func expiring(in scope: Scope, on day: CalendarDate, rules: ContractRules) -> SQLQueryString {
        "SELECT s.* FROM (\(inForce(in: scope, on: day))) s WHERE \(expiring(on: day, rules: rules))"
    }

    /// That condition on a row `s` of `inForce(in:on:)`.
    static func expiring(on day: CalendarDate, rules: ContractRules) -> SQLQueryString {
        "s.ends_on <= \(bind: day.adding(months: rules.renewalMonths).iso)"
    }

    /// The register's headline (this year to date), through the statistics cache.
    static func overview(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws -> ContractFigures {
        let rules = app.contractRules
        return try await app.statsCache.value("contracts|\(scope.path)|\(today.iso)", on: db) { db in
            try await compute(in: scope, period: ReportPeriod.yearToDate(today.year, until: today), today: today, rules: rules, on: db)
        }
    }

    static func compute(in scope: Scope, period: ReportPeriod, today: CalendarDate, rules: ContractRules, on db: any Database)
        async throws -> ContractFigures
    {
        let day = period.asOf(today: today)
        var f = ContractFigures()
        func count(_ set: SQLQueryString) async throws -> Int { try await Registers.count(set, on: db) }
        try await Registers.count(
            Registers.employers(in: scope, on: day), into: &f,
            [
                (\.unionised, Registers.employer(atLeast: 0, covered: true)), (\.wageEmployers, employer(on: day, atLeast: 0, kind: .wage, covered: true)),
                (\.unionised100, Registers.employer(atLeast: 100, covered: true)),
                (\.wageEmployers100, employer(on: day, atLeast: 100, kind: .wage, covered: true)),
                (\.wage1000, employer(on: day, atLeast: 1000, kind: .wage, covered: true)),
            ], on: db)
        try await Registers.count(
            inForce(in: scope, on: day), into: &f,
            [(\.inForce, "1 = 1"), (\.womenInForce, contract(kind: .women)), (\.expiring, expiring(on: day, rules: rules))], on: db)
        struct Covered: Decodable { var n: Int; var workers: Int? }
        let covered = try await db.sql.raw("SELECT COUNT(*) AS n, CAST(SUM(s.headcount) AS BIGINT) AS workers FROM (\(employersCovered(in: scope, on: day))) s")
            .first(decoding: Covered.self)
        f.employersCovered = covered?.n ?? 0
        f.workersCovered = covered?.workers ?? 0
        f.signed = try await count(signed(in: scope, from: period.from, to: period.to))
        f.sectoralSigned = try await count(signed(in: scope, from: period.from, to: period.to, levels: [.sectoral, .regional]))
        (f.wageRiseWorkers, f.wageRise) = try await wageRise(in: scope, period: period, on: db)
        f.negotiationsStarted = try await count(negotiationsStarted(in: scope, from: period.from, to: period.to))
        f.filingOverdue = try await filingOverdue(in: scope, on: day, rules: rules, on: db).count
        return f
    }

    /// Workers covered by the period's contracts that agreed a rise, and the rise weighted by them (whole percent).
    /// Summed in Swift: workers × basis points can pass a 32-bit column's range.
    static func wageRise(in scope: Scope, period: ReportPeriod, on db: any Database) async throws -> (workers: Int, percent: Int?) {
        struct Row: Decodable { var workers: Int; var wage_rise_bp: Int? }
        let rows = try await db.sql.raw(signed(in: scope, from: period.from, to: period.to, rise: true)).all(decoding: Row.self)
        let workers = rows.reduce(0) { $0 + $1.workers }
        guard workers > 0 else { return (0, nil) }
        let weighted = rows.reduce(0) { $0 + $1.workers * ($1.wage_rise_bp ?? 0) }
        // Hundredths of a percent to whole percent, rounded half up.
        return (workers, (weighted / workers + 50) / 100)
    }
}
