import Fluent
import SQLKit

/// Indexes in the order the bargaining lists show their records (newest first, then by id), so that a page walks the
/// index and stops after its 50 rows instead of sorting the subtree's records: on PostgreSQL a county's contracts page
/// read and sorted all 64,598 contracts (55 → 0.3 ms; one town's page 2 ms), its negotiations 24,560 (33 ms). SQLite
/// keeps its own plan for these (the union's index, then a sort of a few milliseconds).
struct M0027_ListOrderIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await createIndex("contracts_signed", on: "contracts", "signed_on", "id", db: db)
        try await createIndex("negotiations_requested", on: "negotiations", "requested_on", "id", db: db)
        try await createIndex("congresses_term", on: "congresses", "term_start", "id", db: db)
        for table in ["contracts", "negotiations", "congresses"] { try await db.analyze(table) }
    }

    func revert(on db: any Database) async throws {
        for index in ["congresses_term", "negotiations_requested", "contracts_signed"] { try await db.sql.drop(index: index).run() }
    }
}
