import Fluent

struct M0001_CreateOrganization: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("organizations")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("union_type", .string)
            .field("parent_id", .int, .references("organizations", "id"))
            .field("path", .string, .required)
            .field("region_code", .string)
            .field("credit_code", .string)
            .field("founded_on", .string)
            .field("elected_on", .string)
            .field("term_years", .int, .required)
            .field("reelection_due", .string)
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "credit_code")
            .create()
        try await createIndex("organizations_path", on: "organizations", "path", db: db)
        try await createIndex("organizations_parent", on: "organizations", "parent_id", db: db)
        try await db.schema("cadres")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("name", .string, .required)
            .field("post", .string, .required)
            .field("phone_enc", .string)
            .field("phone_masked", .string)
            .create()
        try await createIndex("cadres_org", on: "cadres", "org_id", db: db)
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cadres").delete()
        try await db.schema("organizations").delete()
    }
}
