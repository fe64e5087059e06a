import Domain
import Fluent
import SQLKit

/// The maintained member counts (`member_tallies`, M0028): every member's changes to 会员人数 and their joining
/// (`MemberTimeline`), summed per union by year, month and day (`MemberTallyChanges`). Whatever rewrites a member's history — a new
/// member, an edit, a transfer, a status change, a merger, an import — moves that member's changes in the same
/// transaction, so a count on any day reads a few rows a union instead of every member's events, and equals
/// `Registers.members` and `Registers.membersJoined` counted (`MemberTalliesTests` checks that over random histories
/// on both databases).
enum MemberTallies {
    /// Runs `change`, which rewrites the history of members `ids`, in the caller's transaction and moves those members'
    /// changes to the counts with it: their changes as they stood are taken away, their changes as they now stand added.
    static func rewrite<T>(_ ids: [Int], on tx: any Database, _ change: () async throws -> T) async throws -> T {
        let ids = Array(Set(ids)).sorted()
        if tx.isPostgres {
            // Two transactions rewriting one member must not both read what stood before.
            for chunk in ids.chunks(of: 500) {
                try await tx.sql.raw("SELECT id FROM members WHERE id IN (\(Self.list(chunk))) FOR UPDATE").run()
            }
        }
        var changes = MemberTallyChanges()
        for (timeline, female) in try await timelines(ids, on: tx) { changes.add(timeline, female: female, sign: -1) }
        let result = try await change()
        for (timeline, female) in try await timelines(ids, on: tx) { changes.add(timeline, female: female) }
        try await apply(changes, on: tx)
        return result
    }

    /// Adds the changes of members just written with their events (the demo's bulk path).
    static func add(_ ids: [Int], on tx: any Database) async throws {
        var changes = MemberTallyChanges()
        for (timeline, female) in try await timelines(ids, on: tx) { changes.add(timeline, female: female) }
        try await apply(changes, on: tx)
    }

    /// 会员人数 on `day` per union of the subtree, all and women: the years before the day's year, the months of its year
    /// before its month and the days of its month up to it.
    static func counts(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> [Int: MemberCount] {
        struct Row: Decodable { var union_id: Int; var n: Int; var women: Int }
        let (d, month, year) = (day.iso, MemberTallyChanges.start(of: day.iso, .month), MemberTallyChanges.start(of: day.iso, .year))
        let rows = try await db.sql.raw(
            """
            SELECT t.union_id, CAST(SUM(t.members) AS BIGINT) AS n, CAST(SUM(t.women) AS BIGINT) AS women FROM (\
            SELECT union_id, members, women FROM member_tallies WHERE grain = 'y' AND starts_on < \(bind: year) \
            UNION ALL SELECT union_id, members, women FROM member_tallies WHERE grain = 'm' AND starts_on >= \(bind: year) AND starts_on < \(bind: month) \
            UNION ALL SELECT union_id, members, women FROM member_tallies WHERE grain = 'd' AND starts_on >= \(bind: month) AND starts_on <= \(bind: d)\
            ) t WHERE \(scope.contains("t.union_id")) GROUP BY t.union_id HAVING SUM(t.members) <> 0
            """
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.union_id, MemberCount(all: $0.n, women: $0.women)) }, uniquingKeysWith: { a, _ in a })
    }

    /// 新发展会员: the members who joined a union of the subtree in the period (`Registers.membersJoined` counted).
    static func joined(in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> Int {
        struct Row: Decodable { var n: Int? }
        return try await db.sql.raw(
            """
            SELECT CAST(SUM(joined) AS BIGINT) AS n FROM member_tallies WHERE grain = 'd' AND starts_on >= \(bind: from.iso) \
            AND starts_on <= \(bind: to.iso) AND \(scope.contains("union_id"))
            """
        ).first(decoding: Row.self)?.n ?? 0
    }

    /// Counts every member again from the registers (M0028 on a database that already has members).
    static func rebuild(on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM member_tallies").run()
        struct IDRow: Decodable { var id: Int }
        var changes = MemberTallyChanges()
        var after = 0
        while true {
            let ids = try await db.sql.raw("SELECT id FROM members WHERE id > \(bind: after) ORDER BY id LIMIT 20000")
                .all(decoding: IDRow.self).map(\.id)
            guard let last = ids.last else { break }
            for (timeline, female) in try await timelines(ids, on: db) { changes.add(timeline, female: female) }
            after = last
        }
        try await apply(changes, on: db)
    }

    // MARK: Reading and writing

    /// Each member's timeline as the registers now hold it, and whether she is a woman (the women's count).
    private static func timelines(_ ids: [Int], on db: any Database) async throws -> [(MemberTimeline, Bool)] {
        struct MemberRow: Decodable { var id: Int; var union_id: Int; var status: String; var join_date: String; var gender: String }
        struct EventRow: Decodable {
            var id: Int; var member_id: Int; var kind: String; var on_date: String; var to_union_id: Int?; var to_status: String?
        }
        var out: [(MemberTimeline, Bool)] = []
        out.reserveCapacity(ids.count)
        for chunk in ids.chunks(of: 500) {
            let list = Self.list(chunk)
            let members = try await db.sql.raw(
                "SELECT id, union_id, status, join_date, gender FROM members WHERE id IN (\(list))"
            ).all(decoding: MemberRow.self)
            let events = try await db.sql.raw(
                """
                SELECT id, member_id, kind, on_date, to_union_id, to_status FROM member_events \
                WHERE member_id IN (\(list)) AND (to_union_id IS NOT NULL OR to_status IS NOT NULL OR kind = 'joined')
                """
            ).all(decoding: EventRow.self)
            let byMember = Dictionary(grouping: events, by: \.member_id)
            for m in members {
                let history = (byMember[m.id] ?? []).map {
                    MemberTimeline.Event(
                        onDate: $0.on_date, id: $0.id, toUnion: $0.to_union_id, toStatus: $0.to_status, joined: $0.kind == "joined")
                }
                let timeline = MemberTimeline(joinDate: m.join_date, union: m.union_id, status: m.status, events: history)
                out.append((timeline, m.gender == Gender.female.rawValue))
            }
        }
        return out
    }

    /// Adds the changes to the stored totals.
    static func apply(_ changes: MemberTallyChanges, on db: any Database) async throws {
        for chunk in changes.nonZero.chunks(of: 1000) {
            let values = chunk.map { key, total -> SQLQueryString in
                "(\(bind: key.grain.rawValue), \(bind: key.startsOn), \(bind: key.union), \(bind: total.members), \(bind: total.women), \(bind: total.joined))"
            }.joined(separator: ", ")
            try await db.sql.raw(
                """
                INSERT INTO member_tallies (grain, starts_on, union_id, members, women, joined) VALUES \(values) \
                ON CONFLICT (grain, starts_on, union_id) DO UPDATE SET members = member_tallies.members + excluded.members, \
                women = member_tallies.women + excluded.women, joined = member_tallies.joined + excluded.joined
                """
            ).run()
        }
    }

    /// Ids as an SQL list (integers the app read, never input).
    private static func list(_ ids: ArraySlice<Int>) -> SQLQueryString {
        SQLQueryString(ids.map(String.init).joined(separator: ", "))
    }
}
