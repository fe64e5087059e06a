import Domain
import Fluent
import Vapor

/// 会员名册: members into one chosen union, or each row's own (by union or employer name).
struct MemberImporter: Importer {
    let kind = "members"
    let noun = "会员"
    let unit = "人"
    let title = "导入会员名册"
    let templateName = "会员名册导入模板.xlsx"
    let choosesUnion = true
    let writePermission = Permission.memberWrite
    let readPermission = Permission.memberRead
    let uploadURL = SiteURL.memberImport
    let apiUploadURL = SiteURL.API.memberImport
    let templateURL = SiteURL.memberTemplate
    let listURL = SiteURL.members

    func template(to url: URL) throws { try MemberExport.template(to: url) }

    func run(_ r: ImportRun, app: Application, on db: any Database) async throws -> ImportReport {
        // At the server's command line a roster may be checked before its unions exist, across the whole tree.
        try await MemberImport(
            file: r.file, sheet: r.sheet, union: r.union, mode: r.mode, dryRun: r.dryRun, unplacedAllowed: r.fromCommandLine,
            scope: r.fromCommandLine ? Scope(orgID: 0, path: "/") : r.scope, actor: r.actor, progress: r.progress
        ).run(app: app, on: db)
    }
}
