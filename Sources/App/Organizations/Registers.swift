import Domain
import Fluent
import SQLKit
import Vapor

/// The registers as they stood on a day: one definition of each headline (基层工会数, 会员人数, employers by size band
/// and their unions, 换届), each a SQL set of ids that the home page, the lists, the dashboard, the indicators, their
/// drill-down and the summary all count or list. A day in the past reads the dated history (a union's founding and end,
/// a member's events, an employer's snapshots, the elections), so a past period's figure is the same whenever it is
/// produced and however late its records were entered.
enum Registers {
    // MARK: Unions

    /// A union in being on `day`, for an `organizations` row aliased `o`: founded by then (or with no founding date
    /// recorded: in being since before the records), not in preparation, and active or ended only after `day`.
    static func inBeing(_ o: String, on day: CalendarDate) -> SQLQueryString {
        """
        \(unsafeRaw: o).status <> 'preparing' AND (\(unsafeRaw: o).founded_on IS NULL OR \(unsafeRaw: o).founded_on <= \(bind: day.iso)) \
        AND (\(unsafeRaw: o).status = 'active' OR \(unsafeRaw: o).ended_on > \(bind: day.iso))
        """
    }

    /// 基层工会数: the subtree's grassroots unions in being on `day`.
    static func unions(in scope: Scope, on day: CalendarDate) -> SQLQueryString {
        """
        SELECT o.id FROM organizations o WHERE o.path LIKE \(bind: scope.path + "%") AND o.level = 'union' AND \(inBeing("o", on: day))
        """
    }

    /// 新建工会: unions of the subtree founded in the period (and not merely in preparation).
    static func unionsFounded(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT o.id FROM organizations o WHERE o.path LIKE \(bind: scope.path + "%") AND o.level = 'union' AND o.status <> 'preparing' \
        AND o.founded_on >= \(bind: from.iso) AND o.founded_on <= \(bind: to.iso)
        """
    }

    /// 完成换届: unions of the subtree that held an election in the period other than their founding one.
    static func reElectionsHeld(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT DISTINCT o.id FROM org_events e JOIN organizations o ON o.id = e.org_id \
        WHERE o.path LIKE \(bind: scope.path + "%") AND o.level = 'union' AND e.kind = 'elected' \
        AND e.on_date >= \(bind: from.iso) AND e.on_date <= \(bind: to.iso) AND (o.founded_on IS NULL OR e.on_date > o.founded_on)
        """
    }

    /// 届满未换届 on `day`: unions in being whose latest election by then has a term that ended before it.
    static func reElectionsOverdue(in scope: Scope, on day: CalendarDate) -> SQLQueryString {
        """
        \(unions(in: scope, on: day)) AND (SELECT e.due_on FROM org_events e WHERE e.org_id = o.id AND e.kind = 'elected' \
        AND e.on_date <= \(bind: day.iso) ORDER BY e.on_date DESC, e.id DESC LIMIT 1) < \(bind: day.iso)
        """
    }

    /// 期内换届到期: unions in being on `asOf` with a term that ends within the period.
    static func reElectionsDue(in scope: Scope, from: CalendarDate, to: CalendarDate, asOf: CalendarDate) -> SQLQueryString {
        """
        \(unions(in: scope, on: asOf)) AND EXISTS (SELECT 1 FROM org_events e WHERE e.org_id = o.id AND e.kind = 'elected' \
        AND e.due_on >= \(bind: from.iso) AND e.due_on <= \(bind: to.iso))
        """
    }

    // MARK: Members

    /// 会员人数: members on the roll (在会 or 退休保留会籍) on `day`, with the union they belonged to then, in the
    /// subtree. A member's union and status on a day are those of their latest dated event by then (joined, transfer,
    /// status change); a member without events reads as they stand.
    static func members(in scope: Scope, on day: CalendarDate) -> SQLQueryString {
        """
            SELECT m.id, o.id AS union_id FROM members m JOIN organizations o ON o.id = COALESCE((SELECT e.to_union_id FROM member_events e \
            WHERE e.member_id = m.id AND e.to_union_id IS NOT NULL AND e.on_date <= \(bind: day.iso) ORDER BY e.on_date DESC, e.id DESC LIMIT 1), \
            m.union_id) \
            WHERE \(candidates(scope)) o.path LIKE \(bind: scope.path + "%") AND m.join_date <= \(bind: day.iso) \
            AND COALESCE((SELECT e.to_status FROM member_events e WHERE e.member_id = m.id AND e.to_status IS NOT NULL \
            AND e.on_date <= \(bind: day.iso) ORDER BY e.on_date DESC, e.id DESC LIMIT 1), m.status) IN (\(roll))
            """
    }

    /// 新发展会员: members of the subtree's unions who joined in the period.
    static func membersJoined(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT m.id FROM members m JOIN organizations o ON o.id = COALESCE((SELECT e.to_union_id FROM member_events e \
        WHERE e.member_id = m.id AND e.kind = 'joined' ORDER BY e.on_date, e.id LIMIT 1), m.union_id) \
        WHERE \(candidates(scope)) o.path LIKE \(bind: scope.path + "%") AND m.join_date >= \(bind: from.iso) AND m.join_date <= \(bind: to.iso)
        """
    }

    /// The members whose union on some day may have been in the subtree (a condition followed by `AND`): that union is
    /// an event's `to_union_id` or the member's own `union_id`, so only members with either in the subtree need their
    /// events read — found by the two indexes (M0025) rather than by reading every member's events. At the top of the
    /// tree every member is one, and the condition is left out.
    static func candidates(_ scope: Scope) -> SQLQueryString {
        guard scope.path.split(separator: "/").count > 1 else { return "" }
        let subtree: SQLQueryString = "SELECT id FROM organizations WHERE path LIKE \(bind: scope.path + "%")"
        return "m.id IN (SELECT id FROM members WHERE union_id IN (\(subtree)) UNION SELECT member_id FROM member_events WHERE to_union_id IN (\(subtree))) AND "
    }

    // MARK: Employers

    /// The subtree's employers registered by `day`, each with its headcount and union on that day (its latest
    /// snapshot by then): registered under the subtree or with a union in it.
    static func employers(in scope: Scope, on day: CalendarDate) -> SQLQueryString {
        """
        SELECT e.id, e.name, h.headcount, h.union_id FROM employers e JOIN employer_history h ON h.id = (SELECT h2.id FROM employer_history h2 \
        WHERE h2.employer_id = e.id AND h2.on_date <= \(bind: day.iso) ORDER BY h2.on_date DESC, h2.id DESC LIMIT 1) \
        WHERE \(scope.contains("e.org_id")) \
        OR \(scope.contains("h.union_id"))
        """
    }

    /// Employers of at least `size` people on `day`, with a union (`covered`) or without one.
    static func employers(in scope: Scope, on day: CalendarDate, atLeast size: Int, covered: Bool? = nil) -> SQLQueryString {
        "SELECT s.* FROM (\(employers(in: scope, on: day))) s WHERE \(employer(atLeast: size, covered: covered))"
    }

    /// The condition on a row `s` of `employers(in:on:)`: at least `size` people, with a union (`covered`) or without.
    static func employer(atLeast size: Int, covered: Bool? = nil) -> SQLQueryString {
        let union: SQLQueryString =
            switch covered {
            case true?: " AND s.union_id IS NOT NULL"
            case false?: " AND s.union_id IS NULL"
            case nil: ""
            }
        return "s.headcount >= \(literal: size)\(union)"
    }

    // MARK: Counting

    /// Stored codes as an SQL list for `IN (…)`: `'active', 'retired'` (codes are the app's own, never input).
    static func codes<C: RawRepresentable>(_ values: [C]) -> SQLQueryString where C.RawValue == String {
        SQLQueryString(values.map { "'\($0.rawValue)'" }.joined(separator: ", "))
    }

    /// Members on the roll (在册).
    static let roll = codes(MemberStatus.allCases.filter(\.isMember))

    /// `column IN (set)`: a filter (Fluent's `.sql`) that lists a set's rows by its first column.
    static func within(_ column: String, _ set: SQLQueryString) -> SQLQueryString {
        "\(unsafeRaw: column) IN (SELECT s.id FROM (\(set)) s)"
    }

    /// The total of a set's `column` (0 for none; once within a computation, `FigureMemo`).
    static func sum(_ set: SQLQueryString, _ column: String, on db: any Database) async throws -> Int {
        struct Row: Decodable { var total: Int? }
        let statement: SQLQueryString = "SELECT CAST(SUM(s.\(unsafeRaw: column)) AS BIGINT) AS total FROM (\(set)) s"
        return try await FigureMemo.value("sum", statement, on: db) { try await db.sql.raw(statement).first(decoding: Row.self)?.total ?? 0 }
    }

    /// How many rows a set has (once within a computation, `FigureMemo`).
    static func count(_ set: SQLQueryString, on db: any Database) async throws -> Int {
        struct Row: Decodable { var n: Int }
        let statement: SQLQueryString = "SELECT COUNT(*) AS n FROM (\(set)) s"
        return try await FigureMemo.value("count", statement, on: db) { try await db.sql.raw(statement).first(decoding: Row.self)?.n ?? 0 }
    }

    /// Several figures of one set read in one pass: each the number of rows of `set` (as `s`) that meet its condition,
    /// what `count("SELECT s.* FROM (set) s WHERE condition")` gives (a county's employers on a day are read once for
    /// all of a section's figures, not once a figure).
    static func count<F>(_ set: SQLQueryString, into figures: inout F, _ conditions: [(WritableKeyPath<F, Int>, SQLQueryString)], on db: any Database)
        async throws
    {
        guard !conditions.isEmpty else { return }
        let columns = conditions.enumerated().map { i, c -> SQLQueryString in
            "CAST(SUM(CASE WHEN \(c.1) THEN 1 ELSE 0 END) AS BIGINT) AS c\(unsafeRaw: String(i))"
        }
        let row = try await db.sql.raw("SELECT \(columns.joined(separator: ", ")) FROM (\(set)) s").first()
        for (i, c) in conditions.enumerated() {
            figures[keyPath: c.0] = try row?.decode(column: "c\(i)", as: Int?.self) ?? 0
        }
    }

    /// Employers of a set with their headcount and union on the set's day.
    static func employerTable(_ set: SQLQueryString, page: Int, on db: any Database) async throws -> RecordTable {
        struct Row: Decodable { var id: Int; var name: String; var headcount: Int; var union_name: String? }
        let total = try await Registers.count(set, on: db)
        let page = Paged<Employer>.clamp(page, counted: total, per: 50)
        let rows = try await db.sql.raw(
            """
            SELECT s.id, s.name, s.headcount, u.name AS union_name FROM (\(set)) s LEFT JOIN organizations u ON u.id = s.union_id \
            ORDER BY s.headcount DESC, s.id LIMIT 50 OFFSET \(literal: (page - 1) * 50)
            """
        ).all(decoding: Row.self)
        return RecordTable(
            ["单位名称", "职工人数", "工会"],
            rows: rows.map { .init(cells: [$0.name, String($0.headcount), $0.union_name ?? "未建会"], url: SiteURL.employer($0.id).path) },
            total: total, page: page)
    }
}

extension Request {
    /// 会员人数 today per union of the caller's subtree: the headline the home page and the member list show, kept as
    /// long as the statistics cache keeps figures (`UNIONDESK_STATS_CACHE_SECONDS`).
    func membersByUnionToday() async throws -> [Int: Int] {
        try await Registers.memberCounts(cachedIn: try scope, on: today, app: application, on: db).mapValues(\.all)
    }
}

extension Registers {
    /// Every node's subtree totals (unions, and members today), through the statistics cache: the figures of the home
    /// page's tree, whose levels load one at a time.
    static func subtreeTotals(cachedIn scope: Scope, today: CalendarDate, app: Application, on db: any Database) async throws
        -> [Int: SubtreeTotal]
    {
        let counts = try await memberCounts(cachedIn: scope, on: today, app: app, on: db).mapValues(\.all)
        return try await app.statsCache.value("subtreeTotals|\(scope.path)|\(today.iso)", on: db) { db in
            struct Node: Decodable { var id: Int; var path: String; var level: String }
            let nodes = try await db.sql.raw(
                "SELECT id, path, level FROM organizations WHERE path LIKE \(bind: scope.path + "%")"
            ).all(decoding: Node.self)
            var totals: [Int: SubtreeTotal] = [:]
            for n in nodes {
                let union = n.level == OrgLevel.union.rawValue
                let members = counts[n.id] ?? 0
                guard union || members > 0 else { continue }
                for part in n.path.split(separator: "/") {
                    guard let ancestor = Int(part) else { continue }
                    totals[ancestor, default: SubtreeTotal()].unions += union ? 1 : 0
                    totals[ancestor, default: SubtreeTotal()].members += members
                }
            }
            return totals
        }
    }
}
