import Fluent
import SQLKit

/// The audit table, made append-only by triggers on both databases.
struct M0005_CreateAuditEntry: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field("id", .int, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("user_id", .int)
            .field("username", .string, .required)
            .field("org_id", .int)
            .field("ip", .string)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .int)
            .field("before", .string)
            .field("after", .string)
            .field("success", .bool, .required)
            .create()
        try await createIndex("audit_entries_at", on: "audit_entries", "at", db: db)
        try await createIndex("audit_entries_entity", on: "audit_entries", "entity", "entity_id", db: db)
        try await makeAppendOnly("audit_entries", message: "操作日志只能追加，不能修改或删除", db: db)
    }

    func revert(on db: any Database) async throws {
        if db.isPostgres {
            try await db.sql.raw("DROP TABLE audit_entries").run()
            try await db.sql.raw("DROP FUNCTION audit_entries_append_only()").run()
        } else {
            try await db.schema("audit_entries").delete()
        }
    }
}
