import Domain
import Fluent
import SQLKit
import Vapor

/// Organisation-building figures for an org subtree and period, each counted from its one definition in `Registers`:
/// unions and members as of the period's end (or today, while it runs), unions founded and new members in it,
/// employers of 8+ and 25+ people on that day and how many had a union (组建率), re-elections held in the period and
/// unions past their term on that day.
enum OrganizationStats {
    static func compute(in scope: Scope, period: ReportPeriod, today: CalendarDate, on db: any Database) async throws
        -> OrganizationFigures
    {
        let day = period.asOf(today: today)
        var f = OrganizationFigures()
        f.unions = try await Registers.count(Registers.unions(in: scope, on: day), on: db)
        f.newUnions = try await Registers.count(Registers.unionsFounded(in: scope, from: period.from, to: period.to), on: db)
        f.reElectionsHeld = try await Registers.count(Registers.reElectionsHeld(in: scope, from: period.from, to: period.to), on: db)
        f.reElectionsOverdue = try await Registers.count(Registers.reElectionsOverdue(in: scope, on: day), on: db)
        f.members = try await Registers.memberTotal(in: scope, on: day, on: db)
        f.newMembers = try await MemberTallies.joined(in: scope, from: period.from, to: period.to, on: db)
        try await Registers.count(
            Registers.employers(in: scope, on: day), into: &f,
            [
                (\.employers8, Registers.employer(atLeast: 8)), (\.employers8WithUnion, Registers.employer(atLeast: 8, covered: true)),
                (\.employers25, Registers.employer(atLeast: 25)), (\.employers25WithUnion, Registers.employer(atLeast: 25, covered: true)),
            ], on: db)
        return f
    }

    /// The employees of the subtree's employers with a union, on `day`: 入会率's denominator.
    static func employeesWithUnion(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> Int {
        struct Row: Decodable { var n: Int? }
        return try await db.sql.raw(
            """
            SELECT CAST(SUM(s.headcount) AS BIGINT) AS n FROM (\(Registers.employers(in: scope, on: day))) s \
            WHERE \(scope.contains("s.union_id"))
            """
        ).first(decoding: Row.self)?.n ?? 0
    }
}
