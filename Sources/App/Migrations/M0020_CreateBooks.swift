import Fluent
import SQLKit

/// A union's own books: entries (append-only, reversals as entries), the second person's approvals, yearly budgets.
struct M0020_CreateBooks: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("book_entries")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("side", .string, .required)
            .field("category", .string, .required)
            .field("amount", .int, .required)
            .field("on_date", .string, .required)
            .field("description", .string, .required)
            .field("welfare", .string)
            .field("people", .int)
            .field("form", .string)
            .field("over_cap", .bool, .required)
            .field("over_budget", .bool, .required)
            .field("over_reason", .string)
            .field("needs_approval", .bool, .required)
            .field("reverses_id", .int)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("book_entries_org", on: "book_entries", "org_id", "on_date", db: db)
        try await createIndex("book_entries_reverses", on: "book_entries", "reverses_id", unique: true, db: db)
        try await makeAppendOnly("book_entries", message: "经费收支分录只能追加，更正请冲销", db: db)
        try await db.schema("book_approvals")
            .field("id", .int, .identifier(auto: true))
            .field("entry_id", .int, .required, .references("book_entries", "id"))
            .field("approved", .bool, .required)
            .field("note", .string)
            .field("decided_on", .string, .required)
            .field("decided_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("book_approvals_entry", on: "book_approvals", "entry_id", unique: true, db: db)
        try await makeAppendOnly("book_approvals", message: "审批记录只能追加", db: db)
        try await db.schema("book_budgets")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("year", .int, .required)
            .field("category", .string, .required)
            .field("amount", .int, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("book_budgets_org", on: "book_budgets", "org_id", "year", "category", db: db)
    }

    func revert(on db: any Database) async throws {
        for table in ["book_budgets", "book_approvals", "book_entries"] { try await db.schema(table).delete() }
        if db.isPostgres { try await db.sql.raw("DROP FUNCTION book_approvals_append_only(), book_entries_append_only()").run() }
    }
}
