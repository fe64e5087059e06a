import Domain
import Vapor

/// 会员: the members register with transfers and status changes, and the roster import and export (its import
/// pipeline also takes the employers list and the hardship archive).
struct MembersModule: UnionModule {
    let name = "会员"
    let permissions = Permission.members
    let navigation = [NavEntry(label: "会员", url: .members, permission: .memberRead)]
    let auditActions: [any AuditAction] = MemberAudit.allCases
    let importers: [any Importer] = [MemberImporter()]

    func routes(_ app: Application) throws {
        try app.register(collection: MemberController())
        try app.register(collection: MemberAPIController())
    }
}

// MARK: URLs

extension SiteURL {
    static let members = SiteURL("/members")
    static let memberNew = SiteURL("/members/new")
    static func member(_ n: Int?) -> SiteURL { SiteURL("/members/\(id(n))") }
    static func memberEdit(_ n: Int?) -> SiteURL { SiteURL("/members/\(id(n))/edit") }
    static func memberStatus(_ n: Int?) -> SiteURL { SiteURL("/members/\(id(n))/status") }
    static func memberTransfer(_ n: Int?) -> SiteURL { SiteURL("/members/\(id(n))/transfer") }
    static func memberReveal(_ n: Int?) -> SiteURL { SiteURL("/members/\(id(n))/reveal") }
    static let memberImport = SiteURL("/members/import")
    static let memberExport = SiteURL("/members/export")
    static let memberTemplate = SiteURL("/members/template")
    static func importJob(_ n: Int?) -> SiteURL { SiteURL("/imports/\(id(n))") }
    static func importJobCommit(_ n: Int?) -> SiteURL { SiteURL("/imports/\(id(n))/commit") }
    static func importJobCancel(_ n: Int?) -> SiteURL { SiteURL("/imports/\(id(n))/cancel") }
    static func importJobErrors(_ n: Int?) -> SiteURL { SiteURL("/imports/\(id(n))/errors") }
}
extension SiteURL.API {
    static let members = SiteURL.API("/members")
    static func member(_ n: Int?) -> SiteURL.API { SiteURL.API("/members/\(id(n))") }
    static func memberStatus(_ n: Int?) -> SiteURL.API { SiteURL.API("/members/\(id(n))/status") }
    static func memberTransfer(_ n: Int?) -> SiteURL.API { SiteURL.API("/members/\(id(n))/transfer") }
    static let memberImport = SiteURL.API("/members/import")
    static func importJob(_ n: Int?) -> SiteURL.API { SiteURL.API("/imports/\(id(n))") }
    static func importJobCancel(_ n: Int?) -> SiteURL.API { SiteURL.API("/imports/\(id(n))/cancel") }
}
