import Fluent

/// Yearly targets per org and indicator (考核目标).
struct M0010_CreateTargets: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("targets")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("year", .int, .required)
            .field("indicator", .string, .required)
            .field("value", .int, .required)
            .field("note", .string)
            .field("created_by", .int)
            .field("updated_at", .datetime)
            .unique(on: "org_id", "year", "indicator")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("targets").delete()
    }
}
