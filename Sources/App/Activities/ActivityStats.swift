import Domain
import Fluent
import SQLKit
import Vapor

/// Activities' figures for a subtree and period, each from one SQL set that the indicators count and list: the
/// activities and classes started in the period, the attendances on sessions held in it (人数 counts a member once
/// over all of them; 人次 counts every attendance), the certificates issued, and the book entries that paid.
enum ActivityStats {
    /// Which activities a figure reads: events, the union's own classes, or the classes of a higher union it sent to.
    enum Group: Sendable {
        case events, classes, sending

        var filter: SQLQueryString {
            switch self {
            case .events: "t.category = \(bind: ActivityCategory.event.rawValue)"
            case .classes: "t.category = \(bind: ActivityCategory.training.rawValue) AND t.hosted_by IS NULL"
            case .sending: "t.category = \(bind: ActivityCategory.training.rawValue) AND t.hosted_by IS NOT NULL"
            }
        }
    }

    static func inScope(_ scope: Scope) -> SQLQueryString {
        "t.org_id IN (SELECT id FROM organizations WHERE path LIKE \(bind: scope.path + "%"))"
    }

    /// The group's activities started in the period (of one kind where given).
    static func activities(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate, kind: String? = nil) -> SQLQueryString {
        let only: SQLQueryString = kind.map { " AND t.kind = \(bind: $0)" } ?? ""
        return "SELECT t.* FROM activities t WHERE \(inScope(scope)) AND \(group.filter) AND t.starts_on >= \(bind: from.iso) AND t.starts_on <= \(bind: to.iso)\(only)"
    }

    /// The group's sessions held in the period (with their activity's non-member people).
    static func sessions(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT s.id, s.activity_id, s.on_date, s.guest_visits, t.guests FROM activity_sessions s JOIN activities t ON t.id = s.activity_id \
        WHERE \(inScope(scope)) AND \(group.filter) AND s.on_date >= \(bind: from.iso) AND s.on_date <= \(bind: to.iso)
        """
    }

    /// Members' attendances at those sessions: one row each (人次).
    static func attendances(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT a.id, a.member_id, a.session_id FROM activity_attendance a JOIN activity_sessions s ON s.id = a.session_id \
        JOIN activities t ON t.id = s.activity_id WHERE \(inScope(scope)) AND \(group.filter) AND s.on_date >= \(bind: from.iso) \
        AND s.on_date <= \(bind: to.iso)
        """
    }

    /// The members who attended: one row a person (人数).
    static func people(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        "SELECT DISTINCT x.member_id AS id FROM (\(attendances(group, in: scope, from: from, to: to))) x"
    }

    /// Certificates issued in the period for the subtree's classes.
    static func certificates(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT c.id, c.member_id, c.activity_id, c.issued_on FROM activity_certificates c JOIN activities t ON t.id = c.activity_id \
        WHERE \(inScope(scope)) AND c.issued_on >= \(bind: from.iso) AND c.issued_on <= \(bind: to.iso)
        """
    }

    /// The book entries (and their reversals) that paid for activities and classes started in the period, where they count.
    static func costs(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT e.* FROM book_entries e WHERE (e.id IN (SELECT c.entry_id FROM activity_costs c JOIN activities t ON t.id = c.activity_id \
        WHERE \(inScope(scope)) AND t.starts_on >= \(bind: from.iso) AND t.starts_on <= \(bind: to.iso)) \
        OR e.reverses_id IN (SELECT c.entry_id FROM activity_costs c JOIN activities t ON t.id = c.activity_id \
        WHERE \(inScope(scope)) AND t.starts_on >= \(bind: from.iso) AND t.starts_on <= \(bind: to.iso))) AND \(Books.counted("e"))
        """
    }

    static func sum(_ set: SQLQueryString, _ column: String, on db: any Database) async throws -> Int {
        struct Row: Decodable { var total: Int? }
        return try await db.sql.raw("SELECT CAST(SUM(s.\(unsafeRaw: column)) AS BIGINT) AS total FROM (\(set)) s").first(decoding: Row.self)?.total ?? 0
    }

    /// 人数: the members once, and each activity's non-members once (for the activities with a session in the period).
    static func headcount(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> Int {
        let members = try await Registers.count(people(group, in: scope, from: from, to: to), on: db)
        let guests = try await sum(
            "SELECT DISTINCT x.activity_id, x.guests FROM (\(sessions(group, in: scope, from: from, to: to))) x WHERE x.guest_visits > 0", "guests", on: db)
        return members + guests
    }

    /// 人次: every member's attendance and every non-member attendance.
    static func visits(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> Int {
        try await Registers.count(attendances(group, in: scope, from: from, to: to), on: db)
            + sum(sessions(group, in: scope, from: from, to: to), "guest_visits", on: db)
    }

    /// The figures of a period up to its end or today (an activity still to come is not one held).
    static func compute(in scope: Scope, period: ReportPeriod, today: CalendarDate, rules: ActivityRules, on db: any Database) async throws -> ActivityFigures {
        let (from, to) = (period.from, period.asOf(today: today))
        var f = ActivityFigures()
        struct KindRow: Decodable { var kind: String; var n: Int }
        let kinds = try await db.sql.raw("SELECT x.kind, COUNT(*) AS n FROM (\(activities(.events, in: scope, from: from, to: to))) x GROUP BY x.kind")
            .all(decoding: KindRow.self)
        let counts = Dictionary(kinds.map { ($0.kind, $0.n) }, uniquingKeysWith: +)
        f.byKind = rules.kinds.filter { $0.category == .event }.compactMap { k in counts[k.code].map { .init(code: k.code, label: k.label, count: $0) } }
        f.byKind += counts.filter { code, _ in rules.kind(code) == nil }.sorted { $0.key < $1.key }.map { .init(code: $0.key, label: $0.key, count: $0.value) }
        f.people = try await headcount(.events, in: scope, from: from, to: to, on: db)
        f.visits = try await visits(.events, in: scope, from: from, to: to, on: db)
        f.audience = try await sum(activities(.events, in: scope, from: from, to: to), "audience", on: db)
        f.cost = try await sum(costs(in: scope, from: from, to: to), "amount", on: db)
        f.classes = try await Registers.count(activities(.classes, in: scope, from: from, to: to), on: db)
        f.trainees = try await headcount(.classes, in: scope, from: from, to: to, on: db)
        f.trainingVisits = try await visits(.classes, in: scope, from: from, to: to, on: db)
        f.certificates = try await Registers.count(certificates(in: scope, from: from, to: to), on: db)
        f.sent = try await Registers.count(people(.sending, in: scope, from: from, to: to), on: db)
        if f.sent > 0 {
            struct Host: Decodable { var hosted_by: String }
            f.sentTo = try await db.sql.raw(
                """
                SELECT DISTINCT t.hosted_by FROM activities t WHERE t.id IN (SELECT x.activity_id FROM (\(sessions(.sending, in: scope, from: from, to: to))) x \
                WHERE EXISTS (SELECT 1 FROM activity_attendance a WHERE a.session_id = x.id)) ORDER BY t.hosted_by
                """
            ).all(decoding: Host.self).map(\.hosted_by)
        }
        return f
    }
}
