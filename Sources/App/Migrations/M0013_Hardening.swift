import Fluent

/// Issue 13: money moved by two people (who recorded and confirmed an upper decision, who asked for a reversal and
/// why, why a round's budget was exceeded), API tokens that expire, passwords not reused, and import jobs a restart
/// takes up again.
struct M0013_Hardening: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await addColumns(
            "relief_applications",
            [
                ("upper_recorded_by", .int), ("upper_reason", .string), ("upper_confirmed_by", .int), ("budget_reason", .string),
                ("reversal_requested_by", .int), ("reversal_reason", .string),
            ], db: db)
        try await addColumns("api_tokens", [("expires_at", .datetime), ("revoked_at", .datetime)], db: db)
        try await addColumns("import_jobs", [("heartbeat_at", .datetime), ("attempts", .int)], db: db)
        try await db.schema("password_history")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("password_hash", .string, .required)
            .field("replaced_at", .datetime, .required)
            .create()
        try await createIndex("password_history_user", on: "password_history", "user_id", db: db)
    }

    func revert(on db: any Database) async throws {
        try await db.schema("password_history").delete()
        for (table, columns) in [
            ("import_jobs", ["heartbeat_at", "attempts"]), ("api_tokens", ["expires_at", "revoked_at"]),
            (
                "relief_applications",
                ["upper_recorded_by", "upper_reason", "upper_confirmed_by", "budget_reason", "reversal_requested_by", "reversal_reason"]
            ),
        ] {
            for column in columns { try await db.schema(table).deleteField(.string(column)).update() }
        }
    }
}

/// Adds nullable columns one statement each (SQLite alters one column per statement).
func addColumns(_ table: String, _ columns: [(String, DatabaseSchema.DataType)], db: any Database) async throws {
    for (name, type) in columns { try await db.schema(table).field(.string(name), type).update() }
}
