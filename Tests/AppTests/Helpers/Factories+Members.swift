import Domain
import Fluent
import Vapor

@testable import App

enum Fixtures {
    static let ids = ["11010519491231002X", "440524188001010014", "34052419800101001X", "360426199101010071", "44011320141005001X"]

    /// A member created the way the register does, by the system.
    @discardableResult
    static func member(_ app: Application, name: String = "张三", id: String, phone: String? = nil, union: Organization) async throws
        -> Member
    {
        let f = try MemberInput(name: name, idNumber: id, phone: phone, unionId: String(union.requireID()), joinDate: "2020-03-01")
            .validate(today: CalendarDate(year: 2026, month: 11, day: 19)!)
        return try await MemberQuery.create(
            f, in: Scope(orgID: union.requireID(), path: union.path), cipher: app.cipher,
            actor: .system, at: app.clock.now(), on: app.db)
    }

    /// An employer registered the way the register does (its headcount and union dated `since`), under `org`.
    @discardableResult
    static func employer(
        _ app: Application, _ name: String, headcount: Int, org: Organization, union: Organization? = nil, since: String = "2025-01-01"
    ) async throws -> Employer {
        let f = try EmployerInput(
            name: name, headcount: String(headcount), orgId: String(org.requireID()), unionId: try union.map { String(try $0.requireID()) },
            changedOn: since
        ).validate(mayForce: false, today: CalendarDate(clamping: 2026, 11, 18))
        return try await EmployerQuery.create(
            f, in: Scope(orgID: org.requireID(), path: org.path), actor: .system, at: app.clock.now(), on: app.db)
    }
}
