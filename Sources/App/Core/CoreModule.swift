import Domain
import Vapor

/// What every deployment has: sign-in, accounts and API tokens, the home page, the health check, the stylesheet, the
/// OpenAPI document, and the import jobs every module's rosters go through.
struct CoreModule: UnionModule {
    let name = "首页与账户"
    let permissions = Permission.accounts
    let navigation = [NavEntry(label: "首页", url: .home, permission: .signedIn)]
    let auditActions: [any AuditAction] = AccountAudit.allCases + ImportAudit.allCases + AttachmentAudit.allCases

    func workSources(_ app: Application) -> [any WorkSource] { [ImportWorkSource()] }

    func routes(_ app: Application) throws {
        try app.register(collection: SessionController())
        try app.register(collection: HomeController())
        try app.register(collection: OpenAPIController())
        try app.register(collection: UserAPIController())
        try app.register(collection: UserController())
        try app.register(collection: ImportController(importers: app.importers))
        try app.register(collection: ImportAPIController(importers: app.importers))
    }
}
