import Domain
import Vapor

/// 组织与单位: the union tree (federations, grassroots unions, their cadres and terms) and the employers register.
struct OrganizationsModule: UnionModule {
    let name = "组织与单位"
    let permissions = Permission.organizations
    let navigation = [
        NavEntry(label: "组织", url: .orgs, permission: .orgRead), NavEntry(label: "单位", url: .employers, permission: .employerRead),
    ]
    let auditActions: [any AuditAction] = OrganizationAudit.allCases
    let importers: [any Importer] = [EmployerImporter()]

    func routes(_ app: Application) throws {
        try app.register(collection: OrganizationController())
        try app.register(collection: EmployerController())
        try app.register(collection: OrganizationAPIController())
        try app.register(collection: EmployerAPIController())
    }

    func indicatorSources(_ app: Application) -> [any IndicatorSource] { [OrganizationIndicatorSource()] }
    func alertSources(_ app: Application) -> [any AlertSource] { [ReElectionAlertSource()] }
    func workSources(_ app: Application) -> [any WorkSource] { [ReElectionWorkSource()] }

    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {
        let figures = try await OrganizationStats.compute(in: s.scope, period: s.period, today: s.today, on: s.db)
        part.input.topics.append(figures)
        guard s.looksAhead else { return }
        if figures.reElectionsOverdue > 0 {
            part.overdue(
                .term, .overdue(indicator: .orgReElectionsOverdue, count: figures.reElectionsOverdue, unit: "个", noun: "基层工会任期届满尚未换届"))
        }
        let next = s.period.next
        let due = try await Registers.count(Registers.reElectionsDue(in: s.scope, from: next.from, to: next.to, asOf: s.today), on: s.db)
        if due > 0 {
            part.plans.append(.due(indicator: .orgReElectionsDue, count: due, unit: "个", noun: "基层工会换届选举工作", by: s.period.next.to))
        }
    }
}

// MARK: URLs

extension SiteURL {
    static let orgs = SiteURL("/orgs")
    static let orgNew = SiteURL("/orgs/new")
    static func org(_ n: Int?) -> SiteURL { SiteURL("/orgs/\(id(n))") }
    static func orgEdit(_ n: Int?) -> SiteURL { SiteURL("/orgs/\(id(n))/edit") }
    /// A node's children as rows of the home page's tree, loaded when the node is unfolded.
    static func orgTreeRows(_ n: Int?) -> SiteURL { SiteURL("/orgs/\(id(n))/tree") }
    static func orgCadres(_ n: Int?) -> SiteURL { SiteURL("/orgs/\(id(n))/cadres") }
    static func orgCadreEnd(_ n: Int?) -> SiteURL { SiteURL("/orgs/\(id(n))/cadres/end") }
    static func cadreEdit(_ n: Int?) -> SiteURL { SiteURL("/cadres/\(id(n))/edit") }
    static let employers = SiteURL("/employers")
    static let employerNew = SiteURL("/employers/new")
    static func employer(_ n: Int?) -> SiteURL { SiteURL("/employers/\(id(n))") }
    static func employerEdit(_ n: Int?) -> SiteURL { SiteURL("/employers/\(id(n))/edit") }
    static let employerImport = SiteURL("/employers/import")
    static let employerExport = SiteURL("/employers/export")
    static let employerTemplate = SiteURL("/employers/template")
}
extension SiteURL.API {
    static let orgs = SiteURL.API("/organizations")
    static func org(_ n: Int?) -> SiteURL.API { SiteURL.API("/organizations/\(id(n))") }
    static let employers = SiteURL.API("/employers")
    static func employer(_ n: Int?) -> SiteURL.API { SiteURL.API("/employers/\(id(n))") }
    static let employerImport = SiteURL.API("/employers/import")
}
