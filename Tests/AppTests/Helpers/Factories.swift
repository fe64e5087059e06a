import Domain
import Fluent
import Vapor

@testable import App

/// A small federation tree for tests:
/// root(/1/) → unionA → unionA1, root → unionB; and a separate federation other → unionC.
struct World {
    var root: Organization
    var unionA: Organization
    var unionA1: Organization
    var unionB: Organization
    var other: Organization
    var unionC: Organization
    var users: [String: User]

    static let password = "Test#Pass2026"

    static func make(_ app: Application) async throws -> World {
        let db = app.db
        let root = try await OrganizationQuery.createRoot(name: "测试镇总工会", on: db)
        let other = try await OrganizationQuery.createRoot(name: "邻镇总工会", on: db)
        func union(_ name: String, under parent: Organization) async throws -> Organization {
            let f = try OrganizationInput(
                name: name, level: "union", unionType: "enterprise", parentId: String(parent.requireID()),
                foundedOn: "2020-01-01", electedOn: "2023-05-01", termYears: "3"
            ).validate(today: CalendarDate(year: 2026, month: 11, day: 18)!)
            return try await OrganizationQuery.create(
                f, in: Scope(orgID: parent.requireID(), path: parent.path), actor: .system,
                at: Date(), on: db)
        }
        let a = try await union("甲公司工会", under: root)
        let a1 = try await union("甲公司一车间分工会", under: a)
        let b = try await union("乙公司工会", under: root)
        let c = try await union("丙公司工会", under: other)
        var users: [String: User] = [:]
        for (name, role, org) in [
            ("admin", Role.admin, root), ("staff", .federationStaff, root), ("officer", .unionOfficer, a),
            ("leader", .leader, root), ("staff2", .federationStaff, other),
        ] {
            users[name] = try await user(app, name, role: role, org: org)
        }
        return World(root: root, unionA: a, unionA1: a1, unionB: b, other: other, unionC: c, users: users)
    }

    func scope(of org: Organization) -> Scope { Scope(orgID: org.id!, path: org.path) }

    /// An active user with `World.password`, as an admin would create them, ready to sign in.
    static func user(_ app: Application, _ name: String, role: Role, org: Organization) async throws -> User {
        let u = User()
        u.username = name
        u.displayName = name
        u.role = role.rawValue
        u.$org.id = try org.requireID()
        u.passwordHash = try await app.password.async.hash(password)
        u.passwordChangedAt = app.clock.now()
        u.mustChangePassword = false
        u.disabled = false
        try await u.create(on: app.db)
        return u
    }
}
