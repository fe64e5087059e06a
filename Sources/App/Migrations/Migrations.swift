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
    ]
}

extension Database {
    var sql: any SQLDatabase { self as! any SQLDatabase }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }
}

/// Creates a plain index through SQLKit, the same statement on both databases.
func createIndex(_ name: String, on table: String, _ columns: String..., unique: Bool = false, db: any Database) async throws {
    var builder = db.sql.create(index: name).on(table)
    if unique { builder = builder.unique() }
    for c in columns { builder = builder.column(c) }
    try await builder.run()
}
