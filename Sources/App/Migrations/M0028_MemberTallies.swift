import Fluent
import SQLKit

/// The maintained member counts (`MemberTallies`): per union, the members gained and lost and the members who joined in
/// each year, month and day.
/// Filled from the members and their events already recorded. A county's count on a day read every member's events
/// (1.2–1.5 s on SQLite, 4.8 s on PostgreSQL for 1,000,009 members); from these totals it reads a few rows a union.
struct M0028_MemberTallies: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.raw(
            """
            CREATE TABLE member_tallies (grain TEXT NOT NULL, starts_on TEXT NOT NULL, union_id BIGINT NOT NULL, \
            members BIGINT NOT NULL, women BIGINT NOT NULL, joined BIGINT NOT NULL, PRIMARY KEY (grain, starts_on, union_id))\
            \(unsafeRaw: db.isPostgres ? "" : " WITHOUT ROWID")
            """
        ).run()
        try await MemberTallies.rebuild(on: db)
        try await db.analyze("member_tallies")
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(table: "member_tallies").run()
    }
}
