import Domain
import Fluent
import SQLKit
import Vapor

/// The dashboard's data for an org subtree and period: key figures beside the same period last year, monthly trends
/// and the breakdown by union, each by one SQL aggregate.
enum Dashboard {
    /// The key figures, in the order shown.
    static let keys = [
        "members.total", "members.new", "relief.people", "relief.money", "petitions.received", "petitions.handledOnTime",
        "mediations.total",
        "recoveries.wages",
    ]

    struct KeyFigure: Encodable, Sendable {
        var name: String
        var value: String
        var change: String
        var url: String
    }

    static func keyFigures(
        _ q: IndicatorQuery, sources: [any IndicatorSource], link: (String) -> String, on db: any Database
    ) async throws -> [KeyFigure] {
        let now = try await IndicatorRegistry.values(q, sources: sources, on: db)
        var before = q
        before.period = q.period.previous
        let then = try await IndicatorRegistry.values(before, sources: sources, on: db)
        return keys.compactMap { code in
            guard let (d, v) = now.first(where: { $0.definition.code == code }) else { return nil }
            let previous = then.first { $0.definition.code == code }?.value
            let change: String =
                d.kind == .rate
                ? previous?.value.map { "上年同期 \($0)%" } ?? ""
                : Phrase.change(v.value ?? 0, since: previous?.value ?? 0) ?? ""
            return KeyFigure(name: d.name, value: v.text(d), change: change, url: link(code))
        }
    }

    /// Petitions received and relief money paid, month by month over the period's year.
    static func monthly(in scope: Scope, year: Int, on db: any Database) async throws -> (petitions: [Int], money: [Int]) {
        struct Row: Decodable { var month: String; var n: Int? }
        let like = scope.path + "%"
        let (from, to) = ("\(year)-01-01", "\(year)-12-31")
        let petitions = try await db.sql.raw(
            """
            SELECT substr(p.received_on, 1, 7) AS month, COUNT(*) AS n FROM petitions p JOIN organizations o ON o.id = p.org_id \
            WHERE o.path LIKE \(bind: like) AND p.received_on >= \(bind: from) AND p.received_on <= \(bind: to) GROUP BY substr(p.received_on, 1, 7)
            """
        ).all(decoding: Row.self)
        let money = try await db.sql.raw(
            """
            SELECT substr(d.paid_on, 1, 7) AS month, CAST(SUM(d.amount) AS BIGINT) AS n FROM disbursements d \
            JOIN relief_applications a ON a.id = d.application_id JOIN organizations o ON o.id = a.org_id \
            WHERE o.path LIKE \(bind: like) AND d.paid_on >= \(bind: from) AND d.paid_on <= \(bind: to) GROUP BY substr(d.paid_on, 1, 7)
            """
        ).all(decoding: Row.self)
        func byMonth(_ rows: [Row]) -> [Int] {
            (1...12).map { m in
                let key = "\(year)-" + (m < 10 ? "0" : "") + String(m)
                return rows.first { $0.month == key }?.n ?? 0
            }
        }
        return (byMonth(petitions), byMonth(money))
    }

    /// Active members per union of the subtree, largest first.
    static func membersByUnion(in scope: Scope, limit: Int = 12, on db: any Database) async throws -> [(name: String, members: Int)] {
        struct Row: Decodable { var name: String; var n: Int }
        return try await db.sql.raw(
            """
            SELECT o.name, COUNT(*) AS n FROM members m JOIN organizations o ON o.id = m.union_id \
            WHERE o.path LIKE \(bind: scope.path + "%") AND m.status = 'active' GROUP BY o.id, o.name ORDER BY COUNT(*) DESC, o.name \
            LIMIT \(unsafeRaw: String(limit))
            """
        ).all(decoding: Row.self).map { ($0.name, $0.n) }
    }
}
