import Fluent
import SQLKit

/// Indexes for a million members. Statistics (members at a date, new members in a period, members per union) read
/// only (union, status, join date), not the rows with their ciphertexts; it replaces (union, status). The member list
/// walks (union, id newest first) in order, so a page reads fifty entries however large the subtree.
struct M0012_MemberIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.drop(index: "members_union_status").run()
        try await createIndex("members_union_status_joined", on: "members", "union_id", "status", "join_date", db: db)
        try await db.sql.raw("CREATE INDEX members_union_newest ON members (union_id, id DESC)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(index: "members_union_newest").run()
        try await db.sql.drop(index: "members_union_status_joined").run()
        try await createIndex("members_union_status", on: "members", "union_id", "status", db: db)
    }
}
