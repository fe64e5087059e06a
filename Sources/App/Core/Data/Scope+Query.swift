import Fluent
import FluentSQL
import SQLKit

extension Scope {
    /// `column IN (the ids of every node in this subtree)`: the one place subtree filtering is spelled out.
    func contains(column: String) -> DatabaseQuery.Filter {
        .sql(contains(column))
    }

    /// `contains(column:)` as SQL, for a statement written by hand.
    func contains(_ column: String) -> SQLQueryString {
        "\(unsafeRaw: column) IN (SELECT id FROM organizations WHERE path LIKE \(bind: path + "%"))"
    }

    /// A row of `organizations` itself (under the alias `table`) is a node of this subtree: its own path, without the
    /// list of ids `contains(_:)` builds for each statement (the dashboard's federation choices spent 1.1 of their
    /// 1.4 ms building a county's 2,021).
    func containsNode(_ table: String) -> SQLQueryString {
        "\(unsafeRaw: table).path LIKE \(bind: path + "%")"
    }

    /// `column` is a node of this subtree or one of its ancestors: what a union sees of its federations' rounds and funds.
    func containsOrAbove(column: String) -> DatabaseQuery.Filter {
        .sql(containsOrAbove(column))
    }

    /// `containsOrAbove(column:)` as SQL, for a statement written by hand.
    func containsOrAbove(_ column: String) -> SQLQueryString {
        """
        \(unsafeRaw: column) IN (SELECT id FROM organizations WHERE path LIKE \(bind: path + "%") \
        OR \(bind: path) LIKE path || '%')
        """
    }

    /// Either of two columns in the subtree (an employer belongs to an org node or hosts one of its unions).
    func contains(column a: String, or b: String) -> DatabaseQuery.Filter {
        let either: SQLQueryString = "(\(contains(a)) OR \(contains(b)))"
        return .sql(either)
    }
}

/// What a user types, matched literally by `LIKE`: `%` and `_` in it are characters, not wildcards.
enum Like {
    /// `\`, `%` and `_` escaped with a backslash (every statement built here says `ESCAPE '\'`).
    static func literal(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "\\" || ch == "%" || ch == "_" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// `column` contains `text`.
    static func contains(_ column: String, _ text: String) -> DatabaseQuery.Filter {
        .sql(SQLQueryString("\(unsafeRaw: column) LIKE \(bind: "%" + literal(text) + "%") ESCAPE '\\'"))
    }

    /// `column` begins with `text`.
    static func prefix(_ column: String, _ text: String) -> DatabaseQuery.Filter {
        .sql(SQLQueryString("\(unsafeRaw: column) LIKE \(bind: literal(text) + "%") ESCAPE '\\'"))
    }
}

extension Organization {
    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Organization> {
        query(on: db).filter(\.$path =~ scope.path)
    }
}

extension Employer {
    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Employer> {
        query(on: db).filter(scope.contains(column: "employers.org_id", or: "employers.union_id"))
    }
}

extension Member {
    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Member> {
        query(on: db).filter(scope.contains(column: "members.union_id"))
    }
}

/// A page of a list: rows plus the scoped total, which stops counting at `Paged.countLimit`.
struct Paged<T: Sendable>: Sendable {
    /// Lists count at most this many rows: past it a list says “10000 以上” instead of scanning a million rows on every
    /// page view, and the pages end there (a search or a filter narrows the list).
    static var countLimit: Int { 10_000 }

    var rows: [T]
    var total: Int
    var page: Int
    var per: Int
    /// The list has more rows than `total` (it stopped counting).
    var totalIsLowerBound = false
    var pageCount: Int { max(1, (total + per - 1) / per) }
    var totalText: String { totalIsLowerBound ? "\(total) 以上" : String(total) }

    /// The page to show of a list that counted `counted` rows: 1-based, out-of-range pages clamped.
    static func clamp(_ page: Int, counted: Int, per: Int) -> Int {
        let total = Swift.min(counted, countLimit)
        return Swift.min(Swift.max(1, page), Swift.max(1, (total + per - 1) / per))
    }
}

extension Paged {
    /// A page of `rows`, after counting `counted` rows (up to `countLimit + 1`).
    init(rows: [T], counted: Int, page: Int, per: Int) {
        self.init(
            rows: rows, total: Swift.min(counted, Self.countLimit), page: page, per: per, totalIsLowerBound: counted > Self.countLimit)
    }
}

extension QueryBuilder {
    /// Counts (up to the limit) then fetches one page (1-based; out-of-range pages are clamped).
    func paged(page: Int, per: Int) async throws -> Paged<Model> {
        let counted = try await countUpTo(Paged<Model>.countLimit + 1)
        let p = Paged<Model>.clamp(page, counted: counted, per: per)
        return Paged(rows: try await range(((p - 1) * per)..<(p * per)).all(), counted: counted, page: p, per: per)
    }

    /// `SELECT COUNT(*) FROM (this query's ids LIMIT n)`: the database stops after n rows.
    func countUpTo(_ n: Int) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return try await copy().count() }
        let ids = copy()
        ids.query.fields = [.path([.id], schema: Model.schema)]
        ids.query.sorts = []
        ids.query.limits = [.count(n)]
        ids.query.offsets = []
        let inner = SQLQueryConverter(delegate: PlainSQLDelegate()).convert(ids.query)
        return try await sql.raw("SELECT COUNT(*) AS n FROM (\(inner)) AS counted").first(decoding: CountRow.self)?.n ?? 0
    }
}

private struct CountRow: Decodable { var n: Int }

/// Turns a Fluent query into SQL for `countUpTo` (a query needs none of the schema hooks the drivers' delegates add).
private struct PlainSQLDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}
