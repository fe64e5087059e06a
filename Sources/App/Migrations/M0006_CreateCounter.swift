import Fluent

/// Named counters (membership card numbers), advanced inside the writing transaction.
struct M0006_CreateCounter: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("counters")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("counters").delete()
    }
}
