import Fluent

struct M0002_CreateEmployer: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("employers")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("credit_code", .string)
            .field("credit_code_forced", .bool, .required)
            .field("headcount", .int, .required)
            .field("industry", .string)
            .field("ownership", .string)
            .field("address", .string)
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("union_id", .int, .references("organizations", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "credit_code")
            .create()
        try await createIndex("employers_org", on: "employers", "org_id", db: db)
        try await createIndex("employers_union", on: "employers", "union_id", db: db)
    }

    func revert(on db: any Database) async throws {
        try await db.schema("employers").delete()
    }
}
