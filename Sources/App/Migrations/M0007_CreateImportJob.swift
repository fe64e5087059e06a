import Fluent

struct M0007_CreateImportJob: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("import_jobs")
            .field("id", .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("dry_run", .bool, .required)
            .field("mode", .string, .required)
            .field("union_id", .int)
            .field("sheet", .string)
            .field("file_name", .string, .required)
            .field("data", .data, .required)
            .field("progress", .int, .required)
            .field("cancel_requested", .bool, .required)
            .field("result", .string)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        try await createIndex("import_jobs_status", on: "import_jobs", "status", db: db)
    }

    func revert(on db: any Database) async throws {
        try await db.schema("import_jobs").delete()
    }
}
