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
        case events, competitions, campaigns, classes, sending

        var filter: SQLQueryString {
            switch self {
            case .events: "t.category IN (\(bind: ActivityCategory.event.rawValue), \(bind: ActivityCategory.competition.rawValue))"
            case .competitions: "t.category = \(bind: ActivityCategory.competition.rawValue)"
            case .campaigns: "t.category = \(bind: ActivityCategory.campaign.rawValue)"
            case .classes: "t.category = \(bind: ActivityCategory.training.rawValue) AND t.hosted_by IS NULL"
            case .sending: "t.category = \(bind: ActivityCategory.training.rawValue) AND t.hosted_by IS NOT NULL"
            }
        }
    }

    static func inScope(_ scope: Scope, _ alias: String = "t") -> SQLQueryString {
        scope.contains(alias + ".org_id")
    }

    /// Competitions' results, for the competitions started in the period.
    static func results(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT r.* FROM competition_results r WHERE r.activity_id IN (SELECT x.id FROM (\(activities(.competitions, in: scope, from: from, to: to))) x)
        """
    }

    /// Ideas handed in during the period (`adopted`, `excellent`: only those).
    static func ideas(in scope: Scope, from: CalendarDate, to: CalendarDate, only: SQLQueryString = "") -> SQLQueryString {
        "SELECT i.* FROM ideas i WHERE \(inScope(scope, "i")) AND i.submitted_on >= \(bind: from.iso) AND i.submitted_on <= \(bind: to.iso)\(only)"
    }

    static let adopted: SQLQueryString = " AND i.adopted = \(bind: true)"
    static let excellent: SQLQueryString = " AND i.grade = \(bind: IdeaGrade.a.rawValue)"

    /// Service centres open at the end of `day` (of one kind where given).
    static func centres(in scope: Scope, on day: CalendarDate, kind: String? = nil) -> SQLQueryString {
        let only: SQLQueryString = kind.map { " AND p.kind = \(bind: $0)" } ?? ""
        return """
            SELECT p.* FROM service_centres p WHERE \(inScope(scope, "p")) AND p.opened_on <= \(bind: day.iso) \
            AND (p.closed_on IS NULL OR p.closed_on > \(bind: day.iso))\(only)
            """
    }

    /// The visits logged at the subtree's centres in the period.
    static func visits(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT v.* FROM centre_visits v JOIN service_centres p ON p.id = v.centre_id WHERE \(inScope(scope, "p")) AND v.on_date >= \(bind: from.iso) \
        AND v.on_date <= \(bind: to.iso)
        """
    }

    /// Activities and classes started in the period at a service centre, or under a campaign.
    static func linked(_ column: String, in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT t.* FROM activities t WHERE \(inScope(scope)) AND t.\(unsafeRaw: column) IS NOT NULL AND t.starts_on >= \(bind: from.iso) \
        AND t.starts_on <= \(bind: to.iso)
        """
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

    /// The book entries (and their reversals) that paid for the activities of `ids` (a set of activity ids), where
    /// they count.
    static func paidBy(_ ids: SQLQueryString) -> SQLQueryString {
        """
        SELECT e.* FROM book_entries e WHERE (e.id IN (SELECT c.entry_id FROM activity_costs c WHERE c.activity_id IN (\(ids))) \
        OR e.reverses_id IN (SELECT c.entry_id FROM activity_costs c WHERE c.activity_id IN (\(ids)))) AND \(Books.counted("e"))
        """
    }

    /// What paid for the activities and classes started in the period.
    static func costs(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        paidBy("SELECT t.id FROM activities t WHERE \(inScope(scope)) AND t.starts_on >= \(bind: from.iso) AND t.starts_on <= \(bind: to.iso)")
    }

    /// 人数: the members once, and each activity's non-members once (for the activities with a session in the period).
    static func headcount(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> Int {
        let members = try await Registers.count(people(group, in: scope, from: from, to: to), on: db)
        let guests = try await Registers.sum(
            "SELECT DISTINCT x.activity_id, x.guests FROM (\(sessions(group, in: scope, from: from, to: to))) x WHERE x.guest_visits > 0", "guests", on: db)
        return members + guests
    }

    /// 人次: every member's attendance and every non-member attendance.
    static func visits(_ group: Group, in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> Int {
        try await Registers.count(attendances(group, in: scope, from: from, to: to), on: db)
            + Registers.sum(sessions(group, in: scope, from: from, to: to), "guest_visits", on: db)
    }

    /// The activities page's figures of a year (to date for this one), through the statistics cache.
    static func overview(_ app: Application, scope: Scope, year: Int, today: CalendarDate, on db: any Database) async throws -> ActivityFigures {
        let period = try period(year, today: today)
        let rules = app.activityRules
        return try await app.statsCache.value("activities|\(scope.path)|\(year)|\(today.iso)", on: db) { db in
            try await compute(in: scope, period: period, today: today, rules: rules, on: db)
        }
    }

    /// The 金点子 page's figures of a year (to date for this one), through the statistics cache: the participation
    /// rate counts the subtree's members.
    static func ideasOverview(_ app: Application, scope: Scope, year: Int, today: CalendarDate, on db: any Database) async throws -> ActivityFigures {
        let period = try period(year, today: today)
        return try await app.statsCache.value("ideas|\(scope.path)|\(year)|\(today.iso)", on: db) { db in
            var f = ActivityFigures()
            try await ideas(&f, in: scope, from: period.from, to: period.asOf(today: today), on: db)
            return f
        }
    }

    /// A year's period as the pages show it: this year up to today, a past one whole.
    static func period(_ year: Int, today: CalendarDate) throws -> ReportPeriod {
        year == today.year ? ReportPeriod.yearToDate(year, until: today) : try ReportPeriod.year(year)
    }

    /// The figures of a period up to its end or today (an activity still to come is not one held).
    static func compute(in scope: Scope, period: ReportPeriod, today: CalendarDate, rules: ActivityRules, on db: any Database) async throws -> ActivityFigures {
        let (from, to) = (period.from, period.asOf(today: today))
        var f = ActivityFigures()
        try await events(&f, in: scope, from: from, to: to, rules: rules, on: db)
        try await training(&f, in: scope, from: from, to: to, on: db)
        try await competitions(&f, in: scope, from: from, to: to, on: db)
        try await ideas(&f, in: scope, from: from, to: to, on: db)
        try await centres(&f, in: scope, from: from, to: to, rules: rules, on: db)
        try await campaigns(&f, in: scope, from: from, to: to, rules: rules, on: db)
        return f
    }

    /// Activities by kind, their 人数 and 人次, audience and cost.
    static func events(_ f: inout ActivityFigures, in scope: Scope, from: CalendarDate, to: CalendarDate, rules: ActivityRules, on db: any Database)
        async throws
    {
        struct KindRow: Decodable { var kind: String; var n: Int }
        let kinds = try await db.sql.raw("SELECT x.kind, COUNT(*) AS n FROM (\(activities(.events, in: scope, from: from, to: to))) x GROUP BY x.kind")
            .all(decoding: KindRow.self)
        let counts = Dictionary(kinds.map { ($0.kind, $0.n) }, uniquingKeysWith: +)
        f.byKind = rules.kinds.filter { $0.category.isActivity }.compactMap { k in counts[k.code].map { .init(code: k.code, label: k.label, count: $0) } }
        f.byKind += counts.filter { code, _ in rules.kind(code) == nil }.sorted { $0.key < $1.key }.map { .init(code: $0.key, label: $0.key, count: $0.value) }
        f.people = try await headcount(.events, in: scope, from: from, to: to, on: db)
        f.visits = try await visits(.events, in: scope, from: from, to: to, on: db)
        f.audience = try await Registers.sum(activities(.events, in: scope, from: from, to: to), "audience", on: db)
        f.cost = try await Registers.sum(costs(in: scope, from: from, to: to), "amount", on: db)
    }

    /// Classes held here, their trainees, 人次 and certificates; members sent to a higher union's class.
    static func training(_ f: inout ActivityFigures, in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws {
        f.classes = try await Registers.count(activities(.classes, in: scope, from: from, to: to), on: db)
        f.trainees = try await headcount(.classes, in: scope, from: from, to: to, on: db)
        f.trainingVisits = try await visits(.classes, in: scope, from: from, to: to, on: db)
        f.certificates = try await Registers.count(certificates(in: scope, from: from, to: to), on: db)
        f.sent = try await Registers.count(people(.sending, in: scope, from: from, to: to), on: db)
        guard f.sent > 0 else { return }
        struct Host: Decodable { var hosted_by: String }
        f.sentTo = try await db.sql.raw(
            """
            SELECT DISTINCT t.hosted_by FROM activities t WHERE t.id IN (SELECT x.activity_id FROM (\(sessions(.sending, in: scope, from: from, to: to))) x \
            WHERE EXISTS (SELECT 1 FROM activity_attendance a WHERE a.session_id = x.id)) ORDER BY t.hosted_by
            """
        ).all(decoding: Host.self).map(\.hosted_by)
    }

    static func competitions(_ f: inout ActivityFigures, in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws {
        f.competitions = try await Registers.count(activities(.competitions, in: scope, from: from, to: to), on: db)
        f.entrants = try await headcount(.competitions, in: scope, from: from, to: to, on: db)
        f.winners = try await Registers.count(results(in: scope, from: from, to: to), on: db)
        f.prizes = try await Registers.sum(results(in: scope, from: from, to: to), "prize", on: db)
    }

    /// The 金点子 ideas handed in during the period and what became of them.
    static func ideas(_ f: inout ActivityFigures, in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws {
        f.ideas = try await Registers.count(ideas(in: scope, from: from, to: to), on: db)
        guard f.ideas > 0 else { return }
        f.proposers = try await Registers.count("SELECT DISTINCT x.member_id FROM (\(ideas(in: scope, from: from, to: to))) x", on: db)
        f.members = try await Registers.memberTotal(in: scope, on: to, on: db)
        f.ideasAdopted = try await Registers.count(ideas(in: scope, from: from, to: to, only: adopted), on: db)
        f.ideasExcellent = try await Registers.count(ideas(in: scope, from: from, to: to, only: excellent), on: db)
        f.savings = try await Registers.sum(ideas(in: scope, from: from, to: to, only: adopted), "savings", on: db)
        f.rewards = try await Registers.sum(ideas(in: scope, from: from, to: to), "reward", on: db)
    }

    /// Service centres open at the period's end by kind; their visits, volunteers and books lent (one statement), and
    /// the activities held there.
    static func centres(_ f: inout ActivityFigures, in scope: Scope, from: CalendarDate, to: CalendarDate, rules: ActivityRules, on db: any Database)
        async throws
    {
        struct KindRow: Decodable { var kind: String; var n: Int }
        let open = try await db.sql.raw("SELECT x.kind, COUNT(*) AS n FROM (\(centres(in: scope, on: to))) x GROUP BY x.kind").all(decoding: KindRow.self)
        let byCentre = Dictionary(open.map { ($0.kind, $0.n) }, uniquingKeysWith: +)
        f.centres = rules.centreKinds.compactMap { k in byCentre[k.code].map { .init(code: k.code, label: k.label, count: $0) } }
        struct Logged: Decodable { var visits: Int?; var volunteers: Int?; var books: Int? }
        let logged = try await db.sql.raw(
            """
            SELECT CAST(SUM(x.visits) AS BIGINT) AS visits, CAST(SUM(x.volunteers) AS BIGINT) AS volunteers, CAST(SUM(x.books_lent) AS BIGINT) AS books \
            FROM (\(visits(in: scope, from: from, to: to))) x
            """
        ).first(decoding: Logged.self)
        f.centreVisits = logged?.visits ?? 0
        f.volunteers = logged?.volunteers ?? 0
        f.booksLent = logged?.books ?? 0
        f.centreEvents = try await Registers.count(linked("centre_id", in: scope, from: from, to: to), on: db)
    }

    static func campaigns(_ f: inout ActivityFigures, in scope: Scope, from: CalendarDate, to: CalendarDate, rules: ActivityRules, on db: any Database)
        async throws
    {
        let campaigns = activities(.campaigns, in: scope, from: from, to: to)
        f.campaigns = try await Registers.count(campaigns, on: db)
        guard f.campaigns > 0 else { return }
        f.materials = try await Registers.sum(campaigns, "materials", on: db)
        f.campaignEvents = try await Registers.count(linked("campaign_id", in: scope, from: from, to: to), on: db)
        struct Channels: Decodable { var channels: String? }
        let used = Set(try await db.sql.raw("SELECT x.channels FROM (\(campaigns)) x").all(decoding: Channels.self)
            .flatMap { ($0.channels ?? "").split(separator: "、").map(String.init) })
        f.channels = rules.channels.filter(used.contains)
    }
}
