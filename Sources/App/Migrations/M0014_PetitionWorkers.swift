import Fluent
import SQLKit

/// One name for the people a case concerns (glossary): a petition's `headcount` becomes `workers`, as in mediations
/// and recoveries; `headcount` stays an employer's number of employees.
struct M0014_PetitionWorkers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql.raw("ALTER TABLE petitions RENAME COLUMN headcount TO workers").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql.raw("ALTER TABLE petitions RENAME COLUMN workers TO headcount").run()
    }
}
