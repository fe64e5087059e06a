import Fluent

/// Staff edits of work summaries (kept per org and period across regenerations), and finalised summaries: immutable
/// snapshots for upward reporting (上报).
struct M0011_CreateSummaryDrafts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("summary_edits")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("period_key", .string, .required)
            .field("paragraph_key", .string, .required)
            .field("text", .string, .required)
            .field("base_text", .string, .required)
            .field("after_key", .string)
            .field("user_id", .int)
            .field("updated_at", .datetime)
            .unique(on: "org_id", "period_key", "paragraph_key")
            .create()
        try await db.schema("summary_snapshots")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("period_key", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("summary_snapshots_org", on: "summary_snapshots", "org_id", "period_key", db: db)
        try await makeAppendOnly("summary_snapshots", message: "已定稿的工作总结不能修改或删除", db: db)
    }

    func revert(on db: any Database) async throws {
        if db.isPostgres {
            try await db.sql.raw("DROP TABLE summary_snapshots CASCADE").run()
            try await db.sql.raw("DROP FUNCTION summary_snapshots_append_only()").run()
        } else {
            try await db.schema("summary_snapshots").delete()
        }
        try await db.schema("summary_edits").delete()
    }
}
