import Fluent
import SQLKit

/// The members of a subtree on a past day are those whose union then — their latest event's union by that day, else
/// their current one — is in it. That union is either an event's `to_union_id` or the member's `union_id`, so the
/// members worth examining are found by these two indexes instead of examining every member of the database (a
/// town's count of a county's million members: 3.1 s → 0.24 s).
struct M0025_MemberEventsUnionIndex: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await createIndex("member_events_to_union", on: "member_events", "to_union_id", "member_id", db: db)
        try await db.analyze("member_events")
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(index: "member_events_to_union").run()
    }
}
