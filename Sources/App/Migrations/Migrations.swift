import Fluent
import SQLKit

/// The ordered, append-only list of migrations. A shipped migration is never edited.
enum Migrations {
    static let all: [any Migration] = [
        M0001_CreateOrganization(),
        M0002_CreateEmployer(),
        M0003_CreateMember(),
        M0004_CreateUser(),
        M0005_CreateAuditEntry(),
        M0006_CreateCounter(),
        M0007_CreateImportJob(),
        M0008_CreateRelief(),
        M0009_CreatePetitions(),
        M0010_CreateTargets(),
        M0011_CreateSummaryDrafts(),
        M0012_MemberIndexes(),
        M0013_Hardening(),
        M0014_PetitionWorkers(),
        M0015_DatedFacts(),
        M0016_CreateContracts(),
        M0017_CreateDemocracy(),
        M0018_CreateAttachments(),
        M0019_CreateFunds(),
        M0020_CreateBooks(),
        M0021_CreateReconciliation(),
        M0022_CreateActivities(),
        M0023_ActivityPlaces(),
        M0024_MemberSearchIndex(),
        M0025_MemberEventsUnionIndex(),
        M0026_CoveringIndexes(),
        M0027_ListOrderIndexes(),
        M0028_MemberTallies(),
        M0029_EmployerHistoryOrder(),
    ]
}

/// Creates a plain index through SQLKit, the same statement on both databases.
func createIndex(_ name: String, on table: String, _ columns: String..., unique: Bool = false, db: any Database) async throws {
    var builder = db.sql.create(index: name).on(table)
    if unique { builder = builder.unique() }
    for c in columns { builder = builder.column(c) }
    try await builder.run()
}

/// Refuses UPDATE and DELETE on a table with `message` (audit log, ledgers): rows can only be added.
/// PostgreSQL: a trigger function `<table>_append_only`; SQLite: one trigger per verb.
func makeAppendOnly(_ table: String, message: String, db: any Database) async throws {
    if db.isPostgres {
        try await db.sql.raw(
            """
            CREATE FUNCTION \(unsafeRaw: table)_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '\(unsafeRaw: message)'; END; $$ LANGUAGE plpgsql
            """
        ).run()
        try await db.sql.raw(
            """
            CREATE TRIGGER \(unsafeRaw: table)_no_change BEFORE UPDATE OR DELETE ON \(unsafeRaw: table)
            FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: table)_append_only()
            """
        ).run()
    } else {
        for verb in ["UPDATE", "DELETE"] {
            try await db.sql.raw(
                """
                CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: verb.lowercased()) BEFORE \(unsafeRaw: verb) ON \(unsafeRaw: table)
                BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: message)'); END
                """
            ).run()
        }
    }
}
