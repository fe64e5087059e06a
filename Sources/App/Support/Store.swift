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
}
