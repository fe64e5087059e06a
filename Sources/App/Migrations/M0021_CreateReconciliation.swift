import Fluent
import SQLKit

/// The bank's side of tax-collected dues (transfers per month) and the explanations of the months that differ.
struct M0021_CreateReconciliation: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("bank_transfers")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("month", .string, .required)
            .field("amount", .int, .required)
            .field("received_on", .string, .required)
            .field("reference", .string)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("bank_transfers_org", on: "bank_transfers", "org_id", "month", db: db)
        try await makeAppendOnly("bank_transfers", message: "银行到账记录只能追加", db: db)
        try await db.schema("reconciliation_notes")
            .field("id", .int, .identifier(auto: true))
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("month", .string, .required)
            .field("difference", .int, .required)
            .field("note", .string, .required)
            .field("created_by", .int)
            .field("created_at", .datetime)
            .create()
        try await createIndex("reconciliation_notes_org", on: "reconciliation_notes", "org_id", "month", db: db)
    }

    func revert(on db: any Database) async throws {
        for table in ["reconciliation_notes", "bank_transfers"] { try await db.schema(table).delete() }
        if db.isPostgres { try await db.sql.raw("DROP FUNCTION bank_transfers_append_only()").run() }
    }
}
