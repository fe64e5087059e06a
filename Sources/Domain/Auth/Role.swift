/// What a route or an action needs. Every route declares one; there is no default. Each module declares its own
/// permissions beside its rules (`Permission.relief` in Domain/Relief) with the roles granted them, so adding a module
/// adds its permissions without editing a shared table; the administrator holds every permission.
public struct Permission: Hashable, Sendable, CustomStringConvertible {
    /// The stable code, as written to the audit log (`reliefPay`).
    public let code: String
    /// The staff roles granted it besides the administrator.
    public let roles: Set<Role>
    /// Shows full personal numbers: every attempt is audited, the ones that fail too.
    public let isReveal: Bool

    public init(_ code: String, roles: Set<Role>, reveal: Bool = false) {
        self.code = code
        self.roles = roles
        isReveal = reveal
    }

    public var description: String { code }
    public static func == (a: Permission, b: Permission) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// Every staff role, the read-only leader included.
    public static let everyone: Set<Role> = [.federationStaff, .unionOfficer, .leader]
    /// The federation's own cadres.
    public static let federation: Set<Role> = [.federationStaff]

    /// Anyone, signed in or not (sign-in page, static files, the OpenAPI document).
    public static let anonymous = Permission("anonymous", roles: everyone)
    /// Any signed-in user (home page, own password, sign-out).
    public static let signedIn = Permission("signedIn", roles: everyone)
    public static let auditRead = Permission("auditRead", roles: [])
    public static let userAdmin = Permission("userAdmin", roles: [])
    /// The permissions of accounts and the audit log.
    public static let accounts: [Permission] = [.anonymous, .signedIn, .auditRead, .userAdmin]
}

/// The four staff roles (DESIGN.md "Who uses it").
public enum Role: String, Choice {
    case admin, federationStaff, unionOfficer, leader
    public var label: String {
        switch self {
        case .admin: "系统管理员"
        case .federationStaff: "总工会干部"
        case .unionOfficer: "基层工会干部"
        case .leader: "领导（只读）"
        }
    }

    public func may(_ permission: Permission) -> Bool {
        permission == .anonymous || self == .admin || permission.roles.contains(self)
    }
}
