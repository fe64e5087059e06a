import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import Vapor

/// One value of a bulk-inserted row.
enum BulkValue: Sendable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case time(Date)
    case null

    static func text(_ s: String?) -> BulkValue { s.map(BulkValue.text) ?? .null }
    static func int(_ i: Int?) -> BulkValue { i.map(BulkValue.int) ?? .null }
}

/// Writes many rows into one table inside the caller's transaction by each database's fastest path:
/// `COPY … FROM STDIN` on PostgreSQL, multi-row statements bound straight to SQLite values on SQLite
/// (both skip the per-value encoding a query builder does, which dominated large imports).
enum BulkInsert {
    static func run(into table: String, columns: [String], rows: [[BulkValue]], on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        if let pg = db as? any PostgresDatabase {
            try await copy(into: table, columns: columns, rows: rows, pg: pg, logger: db.logger)
        } else if let sqlite = db as? any SQLiteDatabase {
            try await insert(into: table, columns: columns, rows: rows, sqlite: sqlite)
        } else {
            throw Abort(.internalServerError, reason: "不支持的数据库")
        }
    }

    // MARK: SQLite

    /// SQLite allows 32,766 bound values a statement.
    private static let maxBinds = 32_000

    private static func insert(into table: String, columns: [String], rows: [[BulkValue]], sqlite: any SQLiteDatabase) async throws {
        // A bulk write touches index pages all over the file: a larger page cache keeps them instead of spilling them to
        // the WAL mid-transaction, and statement journals go to memory rather than a temporary file.
        _ = try await sqlite.query("PRAGMA cache_size = -65536")
        // Only a hint: SQLite refuses to change it inside a transaction that has used temporary storage already.
        _ = try? await sqlite.query("PRAGMA temp_store = MEMORY")
        let perStatement = max(1, maxBinds / columns.count)
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
        var fullStatement: String?
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            let sql: String
            if chunk.count == perStatement, let s = fullStatement {
                sql = s
            } else {
                sql = head + Array(repeating: tuple, count: chunk.count).joined(separator: ",")
                if chunk.count == perStatement { fullStatement = sql }
            }
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * columns.count)
            for row in chunk {
                for value in row {
                    switch value {
                    case .text(let s): binds.append(.text(s))
                    case .int(let i): binds.append(.integer(i))
                    case .bool(let b): binds.append(.integer(b ? 1 : 0))
                    case .time(let d): binds.append(.float(d.timeIntervalSince1970))
                    case .null: binds.append(.null)
                    }
                }
            }
            _ = try await sqlite.query(sql, binds)
        }
    }

    // MARK: PostgreSQL

    private static func copy(
        into table: String, columns: [String], rows: [[BulkValue]], pg: any PostgresDatabase, logger: Logger
    ) async throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 256 * rows.count)
        let stamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for row in rows {
            for (i, value) in row.enumerated() {
                if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                switch value {
                case .text(let s): writeEscaped(s, to: &buffer)
                case .int(let n): buffer.writeString(String(n))
                case .bool(let b): buffer.writeString(b ? "t" : "f")
                case .time(let d): buffer.writeString(d.formatted(stamp))
                case .null: buffer.writeString("\\N")
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        let data = buffer
        try await pg.withConnection { conn in
            conn.eventLoop.makeFutureWithTask {
                try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await writer.write(data)
                }
            }
        }.get()
    }

    /// COPY's text format: backslash, tab, newline and carriage return are escaped.
    private static func writeEscaped(_ s: String, to buffer: inout ByteBuffer) {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == 10 || $0 == 13 }
        guard s.utf8.contains(where: special) else {
            buffer.writeString(s)
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case 10: buffer.writeString("\\n")
            case 13: buffer.writeString("\\r")
            default: buffer.writeInteger(b)
            }
        }
    }
}

extension Array where Element: FluentKit.Model {
    /// Creates the models in statements of at most 500 rows: one multi-row `INSERT` of a county's dues receipts or
    /// attendances passes SQLite's limit of bound values (and PostgreSQL's 65,535).
    func createInBatches(on db: any Database) async throws {
        for start in stride(from: 0, to: count, by: 500) {
            try await Array(self[start..<Swift.min(start + 500, count)]).create(on: db)
        }
    }
}
