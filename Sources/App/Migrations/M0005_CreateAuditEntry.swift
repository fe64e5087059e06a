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
        if db.isPostgres {
            try await db.sql.raw(
                """
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '操作日志只能追加，不能修改或删除'; END; $$ LANGUAGE plpgsql
                """
            ).run()
            try await db.sql.raw(
                """
                CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """
            ).run()
        } else {
            for verb in ["UPDATE", "DELETE"] {
                try await db.sql.raw(
                    """
                    CREATE TRIGGER audit_entries_no_\(unsafeRaw: verb.lowercased()) BEFORE \(unsafeRaw: verb) ON audit_entries
                    BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除'); END
                    """
                ).run()
            }
        }
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
