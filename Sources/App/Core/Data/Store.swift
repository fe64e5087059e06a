import Fluent
import SQLKit
import Vapor

/// Write transactions that cannot fail with SQLITE_BUSY: on SQLite they begin with `BEGIN IMMEDIATE`,
/// so a writer waits for the write lock up front instead of failing when it upgrades a read lock.
enum Store {
    static func write<T: Sendable>(_ db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if db.isPostgres { return try await db.transaction(body) }
        return try await db.withConnection { conn in
            try await conn.sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(conn)
                try await conn.sql.raw("COMMIT").run()
                return result
            } catch {
                try? await conn.sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Locks one row until the transaction ends, so what is checked against it (a fund's balance, a round's budget)
    /// cannot change underneath. On PostgreSQL a `SELECT … FOR UPDATE`; on SQLite nothing is needed, since `write`
    /// begins with `BEGIN IMMEDIATE` and no other writer runs until it commits.
    static func lock(_ table: String, id: Int, on tx: any Database) async throws {
        guard tx.isPostgres else { return }
        try await tx.sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }

    /// A register number: `XF2026-0007` for petitions, `TJ2026-0003` for mediations, `XS`/`HT` for negotiations and
    /// contracts (a yearly series per org, from `next`).
    static func registerNumber(_ prefix: String, year: Int, _ n: Int) -> String {
        let digits = String(n)
        return "\(prefix)\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Advances a named counter by `count` inside the caller's transaction and returns the first new value.
    static func next(_ name: String, count: Int = 1, on db: any Database) async throws -> Int {
        struct Row: Decodable { var value: Int }
        let sql = db.sql
        // Creating the row first (a no-op when it exists) makes concurrent first uses wait on one row lock.
        try await sql.raw("INSERT INTO counters (name, value) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING").run()
        let updated = try await sql.raw("UPDATE counters SET value = value + \(bind: count) WHERE name = \(bind: name) RETURNING value")
            .first(decoding: Row.self)
        guard let updated else { throw AppError.conflict("编号生成失败，请重试", field: nil) }
        return updated.value - count + 1
    }

    /// Updates one row only if its `version` is still the one read, and advances it: two people acting on the same
    /// record at once cannot both succeed; the loser gets a 409 with `conflict` and sees the new state after a reload.
    static func updateVersioned(
        _ table: String, id: Int, version: Int, _ sets: [(String, any Encodable & Sendable)], at now: Date, conflict: String,
        on db: any Database
    ) async throws {
        var update = db.sql.update(table).set("version", to: version + 1).set("updated_at", to: now)
            .where("id", .equal, id).where("version", .equal, version)
        for (column, value) in sets { update = update.set(SQLIdentifier(column), to: SQLBind(value)) }
        guard try await update.returning("id").first() != nil else { throw AppError.conflict(conflict, field: nil) }
    }
}
