import Domain
import Fluent
import SQLKit
import Vapor

/// 会员人数 on a day in one union: all members on the roll, and the women among them.
struct MemberCount: Sendable, Hashable {
    var all = 0
    var women = 0
}

extension Registers {
    /// 会员人数 on `day` per union of the subtree, all and women: `Registers.members` counted, read from the maintained
    /// totals (`MemberTallies`). Within one computation (`FigureMemo`) each subtree and day is read once however many
    /// figures ask.
    static func memberCounts(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> [Int: MemberCount] {
        try await FigureMemo.value("memberCounts|\(scope.path)|\(day.iso)") { try await MemberTallies.counts(in: scope, on: day, on: db) }
    }

    /// 会员人数 on `day` per union of the subtree counted member by member from their events (`Registers.members`): what
    /// the maintained totals must equal.
    static func memberCountsFromEvents(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> [Int: MemberCount] {
        struct Row: Decodable { var union_id: Int; var women: Int; var n: Int }
        let rows = try await db.sql.raw(
            """
            SELECT s.union_id, CAST(SUM(CASE WHEN m.gender = 'female' THEN 1 ELSE 0 END) AS BIGINT) AS women, COUNT(*) AS n \
            FROM (\(members(in: scope, on: day))) s JOIN members m ON m.id = s.id GROUP BY s.union_id
            """
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.union_id, MemberCount(all: $0.n, women: $0.women)) }, uniquingKeysWith: { a, _ in a })
    }

    /// 会员人数 on `day` in the subtree.
    static func memberTotal(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> Int {
        try await memberCounts(in: scope, on: day, on: db).values.reduce(0) { $0 + $1.all }
    }

    /// `memberCounts` through the statistics cache: the home page's headline and tree, the member list's total, the
    /// dashboard's unions and the women's page share one computation per subtree and day.
    static func memberCounts(cachedIn scope: Scope, on day: CalendarDate, app: Application, on db: any Database) async throws
        -> [Int: MemberCount]
    {
        try await app.statsCache.value("memberCounts|\(scope.path)|\(day.iso)", on: db) { db in
            try await memberCounts(in: scope, on: day, on: db)
        }
    }
}
