import Domain
import Fluent
import SQLKit
import Vapor

/// Organisation-building figures for an org subtree and period, by SQL aggregates: unions, members at the end of the
/// period and new members in it, employers of 8+ and 25+ people and how many have a union (组建率), re-elections held
/// in the period and unions past their term on `today`.
enum OrganizationStats {
    static func compute(in scope: Scope, period: ReportPeriod, today: CalendarDate, on db: any Database) async throws
        -> OrganizationFigures
    {
        var f = OrganizationFigures()
        let sql = db.sql
        let like = scope.path + "%"
        let (from, to) = (period.from.iso, period.to.iso)
        struct Unions: Decodable { var unions: Int; var held: Int?; var overdue: Int? }
        if let u = try await sql.raw(
            """
            SELECT COUNT(*) AS unions, \
            SUM(CASE WHEN elected_on >= \(bind: from) AND elected_on <= \(bind: to) THEN 1 ELSE 0 END) AS held, \
            SUM(CASE WHEN reelection_due < \(bind: today.iso) THEN 1 ELSE 0 END) AS overdue \
            FROM organizations WHERE path LIKE \(bind: like) AND level = 'union' AND status = 'active'
            """
        ).first(decoding: Unions.self) {
            f.unions = u.unions
            f.reElectionsHeld = u.held ?? 0
            f.reElectionsOverdue = u.overdue ?? 0
        }
        struct Members: Decodable { var members: Int?; var joined: Int? }
        if let m = try await sql.raw(
            """
            SELECT SUM(CASE WHEN m.status = 'active' AND m.join_date <= \(bind: to) THEN 1 ELSE 0 END) AS members, \
            SUM(CASE WHEN m.join_date >= \(bind: from) AND m.join_date <= \(bind: to) THEN 1 ELSE 0 END) AS joined \
            FROM members m JOIN organizations o ON o.id = m.union_id WHERE o.path LIKE \(bind: like)
            """
        ).first(decoding: Members.self) {
            f.members = m.members ?? 0
            f.newMembers = m.joined ?? 0
        }
        struct Employers: Decodable { var e8: Int?; var u8: Int?; var e25: Int?; var u25: Int? }
        if let e = try await sql.raw(
            """
            SELECT SUM(CASE WHEN headcount >= 8 THEN 1 ELSE 0 END) AS e8, \
            SUM(CASE WHEN headcount >= 8 AND union_id IS NOT NULL THEN 1 ELSE 0 END) AS u8, \
            SUM(CASE WHEN headcount >= 25 THEN 1 ELSE 0 END) AS e25, \
            SUM(CASE WHEN headcount >= 25 AND union_id IS NOT NULL THEN 1 ELSE 0 END) AS u25 \
            FROM employers WHERE org_id IN (SELECT id FROM organizations WHERE path LIKE \(bind: like)) \
            OR union_id IN (SELECT id FROM organizations WHERE path LIKE \(bind: like))
            """
        ).first(decoding: Employers.self) {
            (f.employers8, f.employers8WithUnion, f.employers25, f.employers25WithUnion) = (e.e8 ?? 0, e.u8 ?? 0, e.e25 ?? 0, e.u25 ?? 0)
        }
        return f
    }

    /// Active unions whose term ends within `period` (re-elections to plan for).
    static func reElectionsDue(in scope: Scope, period: ReportPeriod, on db: any Database) async throws -> Int {
        try await Organization.scoped(scope, on: db).filter(\.$level == "union").filter(\.$status == OrgStatus.active.rawValue)
            .filter(\.$reElectionDue >= period.from.iso).filter(\.$reElectionDue <= period.to.iso).count()
    }
}
