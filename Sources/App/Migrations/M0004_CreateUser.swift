import Fluent

struct M0004_CreateUser: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .field("id", .int, .identifier(auto: true))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("role", .string, .required)
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("password_hash", .string, .required)
            .field("password_changed_at", .datetime, .required)
            .field("must_change_password", .bool, .required)
            .field("disabled", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await db.schema("user_sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("ip", .string)
            .create()
        try await createIndex("user_sessions_user", on: "user_sessions", "user_id", db: db)
        try await db.schema("login_failures")
            .field("id", .int, .identifier(auto: true))
            .field("username", .string, .required)
            .field("source", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await createIndex("login_failures_key", on: "login_failures", "username", "source", db: db)
        try await db.schema("api_tokens")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked", .bool, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["api_tokens", "login_failures", "user_sessions", "users"] {
            try await db.schema(table).delete()
        }
    }
}
