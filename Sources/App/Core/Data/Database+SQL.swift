import Fluent
import SQLKit

/// What the app's hand-written statements need of either database: its SQL interface, which one it is, the one
/// function the two spell differently, and fresh planner statistics.
extension Database {
    // Cannot trap: both drivers configure can choose (SQLite, PostgreSQL) give SQL databases; input never picks one.
    // swift-format-ignore: NeverForceUnwrap
    var sql: any SQLDatabase { self as! any SQLDatabase }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// A group's values of `text` joined by commas (SQLite's `group_concat`, PostgreSQL's `string_agg`): one row per
    /// group where a row per value would be hundreds of thousands to decode.
    func commaJoined(_ text: SQLQueryString) -> SQLQueryString {
        isPostgres ? "string_agg(\(text), ',')" : "group_concat(\(text), ',')"
    }

    /// Refreshes the query planner's statistics after a bulk load (a planner without them reads a million members
    /// through the wrong index): of one table, or of all with `vacuum` on PostgreSQL too, so that index-only scans need
    /// not visit the rows. SQLite samples (`analysis_limit`) rather than reading whole indexes.
    func analyze(_ table: String? = nil, vacuum: Bool = false) async throws {
        let target = table.map { " \"\($0)\"" } ?? ""
        if isPostgres {
            try await sql.raw(SQLQueryString((vacuum ? "VACUUM ANALYZE" : "ANALYZE") + target)).run()
        } else {
            try await sql.raw("PRAGMA analysis_limit = 2000").run()
            try await sql.raw(SQLQueryString("ANALYZE" + target)).run()
        }
    }
}
