import Fluent
import SQLKit

/// Attachments: scans and photos kept with a record (a contract's filing pack, a ledger entry's invoices), sealed.
struct M0018_CreateAttachments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("attachments")
            .field("id", .int, .identifier(auto: true))
            .field("owner", .string, .required)
            .field("owner_id", .int, .required)
            .field("slot", .string, .required)
            .field("org_id", .int, .required, .references("organizations", "id"))
            .field("file_name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("digest", .string, .required)
            .field("content", .data, .required)
            .field("added_by", .int)
            .field("added_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .field("withdrawn_by", .int)
            .field("withdraw_reason", .string)
            .create()
        try await createIndex("attachments_owner", on: "attachments", "owner", "owner_id", db: db)
    }

    func revert(on db: any Database) async throws {
        try await db.schema("attachments").delete()
    }
}
