import Fluent
import FluentSQL
import SQLKit

extension Scope {
    /// `column IN (the ids of every node in this subtree)`: the one place subtree filtering is spelled out.
    func contains(column: String) -> DatabaseQuery.Filter {
        .sql(SQLQueryString("\(unsafeRaw: column) IN (SELECT id FROM organizations WHERE path LIKE \(bind: path + "%"))"))
    }

    /// `column` is a node of this subtree or one of its ancestors: what a union sees of its federations' rounds and funds.
    func containsOrAbove(column: String) -> DatabaseQuery.Filter {
        .sql(
            SQLQueryString(
                """
                \(unsafeRaw: column) IN (SELECT id FROM organizations WHERE path LIKE \(bind: path + "%") \
                OR \(bind: path) LIKE path || '%')
                """))
    }

    /// Either of two columns in the subtree (an employer belongs to an org node or hosts one of its unions).
    func contains(column a: String, or b: String) -> DatabaseQuery.Filter {
        let like = path + "%"
        return .sql(
            SQLQueryString(
                """
                (\(unsafeRaw: a) IN (SELECT id FROM organizations WHERE path LIKE \(bind: like)) \
                OR \(unsafeRaw: b) IN (SELECT id FROM organizations WHERE path LIKE \(bind: like)))
                """))
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

/// A page of a list: rows plus the scoped total.
struct Paged<T: Sendable>: Sendable {
    var rows: [T]
    var total: Int
    var page: Int
    var per: Int
    var pageCount: Int { max(1, (total + per - 1) / per) }
}

extension QueryBuilder {
    /// Counts then fetches one page (1-based; out-of-range pages are clamped).
    func paged(page: Int, per: Int) async throws -> Paged<Model> {
        let total = try await copy().count()
        let p = Swift.min(Swift.max(1, page), Swift.max(1, (total + per - 1) / per))
        let rows = try await range(((p - 1) * per)..<(p * per)).all()
        return Paged(rows: rows, total: total, page: p, per: per)
    }
}
