import Domain
import Fluent
import Vapor

/// 困难职工档案: a union's paper or Excel archive of hardship files, migrated once. Files are only added: an archive is
/// edited on its own page.
struct HardshipImporter: Importer {
    let kind = "hardship"
    let noun = "困难职工档案"
    let unit = "户"
    let title = "导入困难职工档案"
    let templateName = "困难职工档案导入模板.xlsx"
    let hasModes = false
    let writePermission = Permission.reliefApply
    let readPermission = Permission.reliefRead
    let uploadURL = SiteURL.reliefFileImport
    let apiUploadURL = SiteURL.API.reliefFileImport
    let templateURL = SiteURL.reliefFileTemplate
    let listURL = SiteURL.reliefFiles

    func template(to url: URL) throws { try HardshipImport.template(to: url) }

    func run(_ r: ImportRun, app: Application, on db: any Database) async throws -> ImportReport {
        try await HardshipImport(
            file: r.file, sheet: r.sheet, dryRun: r.dryRun, scope: r.scope, actor: r.actor, progress: r.progress
        ).run(app: app, on: db)
    }
}
