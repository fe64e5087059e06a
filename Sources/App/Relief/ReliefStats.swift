import Domain
import Fluent
import SQLKit
import Vapor

/// The relief figures the work summary quotes, for an org subtree and a period, computed by SQL aggregates:
/// “帮扶困难职工20人,送去资金5000元”, “获得帮扶款的有75名,共获得75000的慰问金”, “共有45人申请,其中43人已通过”.
/// Money counts by payment date, net of reversals; people are distinct members, households distinct files
/// (a member without a file counts as one household; a household filed without membership, as one person), 人次 one
/// per paid application.
struct ReliefStats: Content, Sendable {
    struct Line: Content, Sendable {
        var key: String
        var label: String
        var people: Int
        var visits: Int
        var money: Int
    }

    var from: String
    var to: String
    var people = 0
    var households = 0
    var visits = 0
    /// Fen.
    var money = 0
    var byKind: [Line] = []
    var byRound: [Line] = []
    var byUnion: [Line] = []
    var applicationsMade = 0
    var applicationsApproved = 0
    var applicationsRejected = 0
    var applicationsReported = 0
    var filesOpened = 0
    var filesExited = 0
    var filesOpen = 0
    var filesOverdueRecheck = 0

    /// The one definition of “paid in the period”: applications whose disbursements dated in the period (payments less
    /// reversals, by the day paid) come to more than nothing, with that net amount and the last day paid. The
    /// statistics, the indicators and their drill-down all count from it.
    static func paidApplications(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT d.application_id, CAST(SUM(d.amount) AS BIGINT) AS net, MAX(d.paid_on) AS paid_on \
        FROM disbursements d JOIN relief_applications a0 ON a0.id = d.application_id JOIN organizations o0 ON o0.id = a0.org_id \
        WHERE o0.path LIKE \(bind: scope.path + "%") AND d.paid_on >= \(bind: from.iso) AND d.paid_on <= \(bind: to.iso) \
        GROUP BY d.application_id HAVING SUM(d.amount) > 0
        """
    }

    /// Applications submitted in the period (by the day of their submit step, whenever entered), each with the state
    /// it was in on `asOf` (its latest step by then) and whether it had been reported upward by then.
    static func applicationsSubmitted(in scope: Scope, from: CalendarDate, to: CalendarDate, asOf: CalendarDate) -> SQLQueryString {
        """
        SELECT a.id, (SELECT st.to_state FROM relief_steps st WHERE st.application_id = a.id AND st.on_date <= \(bind: asOf.iso) \
        ORDER BY st.on_date DESC, st.id DESC LIMIT 1) AS state, \
        CASE WHEN EXISTS (SELECT 1 FROM relief_steps st WHERE st.application_id = a.id AND st.action = 'report' \
        AND st.on_date <= \(bind: asOf.iso)) THEN 1 ELSE 0 END AS reported \
        FROM relief_applications a JOIN organizations o ON o.id = a.org_id WHERE o.path LIKE \(bind: scope.path + "%") \
        AND EXISTS (SELECT 1 FROM relief_steps st WHERE st.application_id = a.id AND st.action = 'submit' \
        AND st.on_date >= \(bind: from.iso) AND st.on_date <= \(bind: to.iso))
        """
    }

    /// Those of `applicationsSubmitted` in one of `states` on `asOf` (approved and not turned down above, or turned
    /// down), or reported upward by then.
    static func applications(_ set: SQLQueryString, in states: [ReliefState]? = nil, reported: Bool = false) -> SQLQueryString {
        var out: SQLQueryString = "SELECT s.* FROM (\(set)) s WHERE 1 = 1"
        if let states { out = "\(out) AND s.state IN (\(Registers.codes(states)))" }
        if reported { out = "\(out) AND s.reported = 1" }
        return out
    }

    /// Hardship files of the subtree open on `day` (opened by then, not closed by then).
    static func filesOpen(in scope: Scope, on day: CalendarDate) -> SQLQueryString {
        """
        SELECT f.id FROM hardship_files f JOIN organizations o ON o.id = f.org_id WHERE o.path LIKE \(bind: scope.path + "%") \
        AND f.opened_on <= \(bind: day.iso) AND (f.status IN (\(Registers.codes(HardshipFileStatus.allCases.filter(\.isOpen)))) \
        OR f.status_since > \(bind: day.iso))
        """
    }

    /// Open files on `day` whose last re-check is older than `months`.
    static func filesOverdueRecheck(in scope: Scope, on day: CalendarDate, months: Int) -> SQLQueryString {
        "\(filesOpen(in: scope, on: day)) AND f.verified_on < \(bind: day.adding(months: -months).iso)"
    }

    /// Files opened, or closed as 脱困 (exited), in the period.
    static func files(in scope: Scope, from: CalendarDate, to: CalendarDate, exited: Bool) -> SQLQueryString {
        let column = exited ? "f.status_since" : "f.opened_on"
        return """
            SELECT f.id FROM hardship_files f JOIN organizations o ON o.id = f.org_id WHERE o.path LIKE \(bind: scope.path + "%") \
            \(unsafeRaw: exited ? "AND f.status = 'exited' " : "")AND \(unsafeRaw: column) >= \(bind: from.iso) AND \(unsafeRaw: column) <= \(bind: to.iso)
            """
    }

    static func compute(
        in scope: Scope, from: CalendarDate, to: CalendarDate, today: CalendarDate, settings: ReliefSettings,
        on db: any Database
    ) async throws -> ReliefStats {
        var s = ReliefStats(from: from.iso, to: to.iso)
        let sql = db.sql
        // Paid applications of the period with their member, household, kind, round and union.
        let paid = SQLQueryString(
            """
            SELECT a.id, COALESCE(a.member_id, -a.file_id) AS person, COALESCE(a.file_id, -a.member_id) AS household, r.kind, r.id AS round_id, r.name AS round_name, \
            a.org_id, o.name AS org_name, p.net \
            FROM (\(Self.paidApplications(in: scope, from: from, to: to))) p JOIN relief_applications a ON a.id = p.application_id \
            JOIN relief_rounds r ON r.id = a.round_id JOIN organizations o ON o.id = a.org_id
            """)
        struct Total: Decodable { var people: Int; var households: Int; var visits: Int; var money: Int? }
        if let t = try await sql.raw(
            "SELECT COUNT(DISTINCT person) AS people, COUNT(DISTINCT household) AS households, COUNT(*) AS visits, CAST(SUM(net) AS BIGINT) AS money FROM (\(paid)) p"
        ).first(decoding: Total.self) {
            s.people = t.people
            s.households = t.households
            s.visits = t.visits
            s.money = t.money ?? 0
        }
        struct Group: Decodable { var key: String; var label: String; var people: Int; var visits: Int; var money: Int? }
        func grouped(_ key: String, _ label: String) async throws -> [Line] {
            try await sql.raw(
                """
                SELECT CAST(\(unsafeRaw: key) AS TEXT) AS key, MAX(\(unsafeRaw: label)) AS label, COUNT(DISTINCT person) AS people, \
                COUNT(*) AS visits, CAST(SUM(net) AS BIGINT) AS money FROM (\(paid)) p GROUP BY \(unsafeRaw: key) ORDER BY SUM(net) DESC
                """
            ).all(decoding: Group.self).map {
                Line(key: $0.key, label: $0.label, people: $0.people, visits: $0.visits, money: $0.money ?? 0)
            }
        }
        s.byKind = try await grouped("kind", "kind").map { line in
            var l = line
            l.label = ReliefKind(rawValue: l.key)?.label ?? l.key
            return l
        }
        s.byRound = try await grouped("round_id", "round_name")
        s.byUnion = try await grouped("org_id", "org_name")

        // Applications submitted in the period and where they stood at its end (or today); files opened and exited
        // in it, open on that day, and overdue for their re-check then.
        let asOf = min(to, today)
        let submitted = Self.applicationsSubmitted(in: scope, from: from, to: to, asOf: asOf)
        struct Apps: Decodable { var made: Int; var approved: Int?; var rejected: Int?; var reported: Int? }
        if let a = try await sql.raw(
            """
            SELECT COUNT(*) AS made, SUM(CASE WHEN s.state IN (\(Registers.codes(ReliefState.countedApproved))) THEN 1 ELSE 0 END) AS approved, \
            SUM(CASE WHEN s.state IN (\(Registers.codes(ReliefState.allCases.filter(\.isRejected)))) THEN 1 ELSE 0 END) AS rejected, \
            SUM(s.reported) AS reported FROM (\(submitted)) s
            """
        ).first(decoding: Apps.self) {
            (s.applicationsMade, s.applicationsApproved) = (a.made, a.approved ?? 0)
            (s.applicationsRejected, s.applicationsReported) = (a.rejected ?? 0, a.reported ?? 0)
        }
        s.filesOpened = try await Registers.count(Self.files(in: scope, from: from, to: to, exited: false), on: db)
        s.filesExited = try await Registers.count(Self.files(in: scope, from: from, to: to, exited: true), on: db)
        s.filesOpen = try await Registers.count(Self.filesOpen(in: scope, on: asOf), on: db)
        s.filesOverdueRecheck = try await Registers.count(
            Self.filesOverdueRecheck(in: scope, on: asOf, months: settings.reverifyMonths), on: db)
        return s
    }
}

/// Relief money paid per month (payments less reversals, by the day paid), for the dashboard.
struct ReliefMoneyTrend: TrendSource {
    let title = "各月发放帮扶资金"

    func monthly(in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [MonthTotal] {
        try await db.sql.raw(
            """
            SELECT substr(d.paid_on, 1, 7) AS month, CAST(SUM(d.amount) AS BIGINT) AS value FROM disbursements d \
            JOIN relief_applications a ON a.id = d.application_id JOIN organizations o ON o.id = a.org_id \
            WHERE o.path LIKE \(bind: scope.path + "%") AND d.paid_on >= \(bind: from.iso) AND d.paid_on <= \(bind: to.iso) \
            GROUP BY substr(d.paid_on, 1, 7)
            """
        ).all(decoding: MonthTotal.self)
    }

    func text(_ value: Int) -> String { value == 0 ? "" : Money.phrase(value) }
}

/// What the work summary says of relief.
extension ReliefFigures {
    init(_ s: ReliefStats) {
        self.init()
        (people, households, visits, money) = (s.people, s.households, s.visits, s.money)
        byKind = s.byKind.map { .init(code: $0.key, label: $0.label, people: $0.people, visits: $0.visits, money: $0.money) }
        (applicationsMade, applicationsApproved, applicationsReported) = (
            s.applicationsMade, s.applicationsApproved, s.applicationsReported
        )
        (filesOpened, filesExited, filesOpen, filesOverdueRecheck) = (s.filesOpened, s.filesExited, s.filesOpen, s.filesOverdueRecheck)
    }
}
