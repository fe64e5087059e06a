import SQLKit

/// A list page in one statement: its rows and its count (up to `Paged.countLimit + 1`), where `QueryBuilder.paged`
/// costs two. The page's keys are found first by the conditions alone (an index-only walk when an index covers them),
/// then only those rows are read and joined; the count rides on every row as a scalar subquery the database evaluates
/// once. Only an empty page — an empty list, or a page past its end — costs a second statement (the count alone) and,
/// past the end, a third (the last page).
struct PageQuery {
    /// The table whose rows are listed, and its key.
    var table: String
    var key: String
    /// What each row shows, and the joins that bring it (the table's own columns qualified with its name).
    var columns: String
    var joins: String = ""
    var conditions: [SQLQueryString]
    /// A total order (ending in the key), so that consecutive pages neither repeat nor skip rows.
    var order: String

    func fetch<T: Decodable & Sendable>(_: T.Type, page: Int, per: Int, on db: any SQLDatabase) async throws -> Paged<T> {
        // Pages end where counting stops, as the pager's do.
        let first = min(max(1, page), Paged<T>.clamp(.max, counted: Paged<T>.countLimit, per: per))
        let rows = try await db.raw(statement(per: per, offset: (first - 1) * per)).all(decoding: Counted<T>.self)
        if let counted = rows.first?.counted {
            return Paged(rows: rows.map(\.row), counted: counted, page: first, per: per)
        }
        let counted = try await db.raw("SELECT \(count) AS counted").first(decoding: Count.self)?.counted ?? 0
        let last = Paged<T>.clamp(first, counted: counted, per: per)
        guard counted > 0, last != first else { return Paged(rows: [], counted: counted, page: last, per: per) }
        return try await fetch(T.self, page: last, per: per, on: db)
    }

    private var whereClause: SQLQueryString {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    private var count: SQLQueryString {
        "(SELECT COUNT(*) FROM (SELECT 1 FROM \(unsafeRaw: table) \(whereClause) LIMIT \(literal: Paged<Int>.countLimit + 1)) counted_rows)"
    }

    private func statement(per: Int, offset: Int) -> SQLQueryString {
        """
        SELECT \(unsafeRaw: columns), \(count) AS counted FROM \(unsafeRaw: table) \(unsafeRaw: joins) \
        WHERE \(unsafeRaw: key) IN (SELECT \(unsafeRaw: key) FROM \(unsafeRaw: table) \(whereClause) \
        ORDER BY \(unsafeRaw: order) LIMIT \(literal: per) OFFSET \(literal: offset)) ORDER BY \(unsafeRaw: order)
        """
    }

    private struct Count: Decodable { var counted: Int }

    /// A row of the page with the count beside it, decoded from the same columns.
    private struct Counted<Row: Decodable & Sendable>: Decodable {
        var row: Row
        var counted: Int

        init(from decoder: any Decoder) throws {
            row = try Row(from: decoder)
            counted = try Count(from: decoder).counted
        }
    }
}
