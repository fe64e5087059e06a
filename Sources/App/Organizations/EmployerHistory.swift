import Domain
import Fluent
import SQLKit
import Vapor

/// An employer's headcount and union as of a day (one row a change): the dated history the as-of figures read.
final class EmployerSnapshot: Model, @unchecked Sendable {
    static let schema = "employer_history"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $employer, $onDate, $headcount, $unionID, $userID, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "employer_id") var employer: Employer
    @Field(key: "on_date") var onDate: String
    @Field(key: "headcount") var headcount: Int
    @OptionalField(key: "union_id") var unionID: Int?
    @OptionalField(key: "user_id") var userID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Keeps the history beside the register: whenever an employer's headcount or union is written (a form, the API, an
/// import, a union's end), a snapshot dated the day the change happened is added if it differs from the latest.
enum EmployerHistory {
    /// The date given to what the register held before its history was kept (the migration's first snapshots).
    static let beforeRecords = "1900-01-01"

    /// The day of each employer's last recorded change (of `ids`, or of every one).
    static func lastChanges(_ ids: [Int]? = nil, on db: any Database) async throws -> [Int: String] {
        struct Row: Decodable { var employer_id: Int; var last: String? }
        let only: SQLQueryString =
            ids.map { "WHERE employer_id IN (\(unsafeRaw: ([0] + $0).map(String.init).joined(separator: ",")))" } ?? ""
        let rows = try await db.sql.raw("SELECT employer_id, MAX(on_date) AS last FROM employer_history \(only) GROUP BY employer_id")
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.employer_id, $0.last ?? "") }, uniquingKeysWith: max)
    }

    /// Refuses a change dated before the employer's last recorded one: the register holds the latest state, so an
    /// earlier change would leave it stale.
    static func checkDate(_ day: CalendarDate, employerID: Int, field: String, on db: any Database) async throws {
        if let last = try await lastChanges([employerID], on: db)[employerID], day.iso < last {
            throw FieldError(field: field, message: "变动日期不能早于该单位上次登记变动的日期\(last)")
        }
    }

    /// Adds a snapshot dated `day` for each employer (of `ids`, or every one) whose headcount or union differs from
    /// its latest snapshot.
    static func record(_ ids: [Int]? = nil, on day: CalendarDate, userID: Int?, at now: Date, on db: any Database) async throws {
        if let ids, ids.isEmpty { return }
        let only: SQLQueryString = ids.map { "e.id IN (\(unsafeRaw: $0.map(String.init).joined(separator: ","))) AND " } ?? ""
        try await db.sql.raw(
            """
            INSERT INTO employer_history (employer_id, on_date, headcount, union_id, user_id, created_at) \
            SELECT e.id, \(bind: day.iso), e.headcount, e.union_id, \(bind: userID), \(bind: now) FROM employers e \
            WHERE \(only)NOT EXISTS (SELECT 1 FROM employer_history h WHERE h.id = (SELECT h2.id FROM employer_history h2 \
            WHERE h2.employer_id = e.id ORDER BY h2.on_date DESC, h2.id DESC LIMIT 1) AND h.headcount = e.headcount \
            AND ((h.union_id IS NULL AND e.union_id IS NULL) OR h.union_id = e.union_id))
            """
        ).run()
    }

    static func history(of employerID: Int, on db: any Database) async throws -> [EmployerSnapshot] {
        try await EmployerSnapshot.query(on: db).filter(\.$employer.$id == employerID).sort(\.$onDate, .descending).sort(\.$id, .descending)
            .all()
    }
}
