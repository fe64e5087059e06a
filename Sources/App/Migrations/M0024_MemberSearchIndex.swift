import Fluent
import SQLKit

/// A name search's page and count read the name index alone: it carries the union and the status the list filters
/// on (and, as every index does, the row's key), so the rows themselves are read only for the page's fifty members.
/// It replaces the index on the name only.
struct M0024_MemberSearchIndex: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await createIndex("members_name_union_status", on: "members", "name", "union_id", "status", db: db)
        try await db.sql.drop(index: "members_name").run()
        try await db.analyze("members")
    }

    func revert(on db: any Database) async throws {
        try await createIndex("members_name", on: "members", "name", db: db)
        try await db.sql.drop(index: "members_name_union_status").run()
    }
}
