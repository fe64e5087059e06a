/// What a route or an action needs. Every route declares one; there is no default.
public enum Permission: String, CaseIterable, Sendable, Codable {
    /// Anyone, signed in or not (sign-in page, static files, the OpenAPI document).
    case anonymous
    /// Any signed-in user (home page, own password, sign-out).
    case signedIn
    case orgRead, orgWrite
    case employerRead, employerWrite, employerForceCode
    case memberRead, memberWrite
    /// See full ID and phone numbers (an audited reveal).
    case memberReveal
    case auditRead
    case userAdmin
    /// Hardship assistance: read; make files and applications (a union's officer); review and decide (the federation);
    /// record payments; set up rounds and funds; see bank accounts and family ID numbers (an audited reveal).
    case reliefRead, reliefApply, reliefReview, reliefPay, reliefManage, reliefReveal
    /// Petitions and rights: read; register and handle (steps, timeline, mediation, recoveries); reassign handlers and
    /// mark colleagues away; see petitioners' full phone and ID numbers (an audited reveal).
    case petitionRead, petitionHandle, petitionManage, petitionReveal
    /// Statistics and the work summary of the caller's subtree; setting yearly targets, editing and finalising summaries.
    case reportRead, reportWrite

    /// Shows full personal numbers: every attempt is audited, the ones that fail too.
    public var isReveal: Bool { self == .memberReveal || self == .petitionReveal || self == .reliefReveal }
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

    public var permissions: Set<Permission> {
        let reads: Set<Permission> = [.signedIn, .orgRead, .employerRead, .memberRead, .reliefRead, .petitionRead, .reportRead]
        switch self {
        case .admin: return Set(Permission.allCases)
        case .federationStaff:
            return reads.union([
                .orgWrite, .employerWrite, .memberWrite, .memberReveal, .reliefApply, .reliefReview, .reliefPay, .reliefManage,
                .reliefReveal, .petitionHandle, .petitionManage, .petitionReveal, .reportWrite,
            ])
        case .unionOfficer: return reads.union([.memberWrite, .memberReveal, .reliefApply])
        case .leader: return reads
        }
    }

    public func may(_ permission: Permission) -> Bool {
        permission == .anonymous || permissions.contains(permission)
    }
}
