import Fluent
import SQLKit

/// Member statistics (members at a date, new members in a period, members per union) read only this index, not the
/// member rows with their ciphertexts: (union, status, join date) replaces (union, status).
struct M0012_MemberStatsIndex: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.drop(index: "members_union_status").run()
        try await createIndex("members_union_status_joined", on: "members", "union_id", "status", "join_date", db: db)
    }

    func revert(on db: any Database) async throws {
        try await db.sql.drop(index: "members_union_status_joined").run()
        try await createIndex("members_union_status", on: "members", "union_id", "status", db: db)
    }
}
