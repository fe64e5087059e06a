import Fluent
import NIOConcurrencyHelpers
import SQLKit

/// The figures of one computation — a work summary, one set of indicator values, one node of the warm-up — kept for
/// its duration. Its parts ask the same questions: the summary's sections all count the members on the period's last
/// day, and a node of the warm-up computes the organisation figures for the dashboard, the home page's headline and
/// the indicators, on the same day (on PostgreSQL a third of a county's warm-up was statements repeated word for word
/// and bind for bind). Nothing outlives the computation, so nothing goes stale.
final class FigureMemo: Sendable {
    @TaskLocal static var current: FigureMemo?
    private let values = NIOLockedValueBox([String: any Sendable]())

    /// `compute`'s value for `key`: computed once within the current computation, every time outside one.
    static func value<T: Sendable>(_ key: String, _ compute: () async throws -> T) async throws -> T {
        guard let memo = current else { return try await compute() }
        if let known = memo.values.withLockedValue({ $0[key] }) as? T { return known }
        let value = try await compute()
        memo.values.withLockedValue { $0[key] = value }
        return value
    }

    /// `compute`'s value for a statement: its SQL and binds are the key.
    static func value<T: Sendable>(_ kind: String, _ statement: SQLQueryString, on db: any Database, _ compute: () async throws -> T)
        async throws -> T
    {
        guard current != nil else { return try await compute() }
        var s = SQLSerializer(database: db.sql)
        statement.serialize(to: &s)
        return try await value(kind + "|" + s.sql + "|" + s.binds.map { "\($0)" }.joined(separator: "|"), compute)
    }

    /// Runs `body` with a memo (the enclosing computation's, if there is one).
    static func around<T>(_ body: () async throws -> T) async throws -> T {
        if current != nil { return try await body() }
        return try await $current.withValue(FigureMemo(), operation: body)
    }
}
