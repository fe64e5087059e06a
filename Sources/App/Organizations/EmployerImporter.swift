import Domain
import Fluent
import Vapor

/// 单位名录: employers with their credit codes and headcounts, registered at the caller's federation.
struct EmployerImporter: Importer {
    let kind = "employers"
    let noun = "单位"
    let unit = "家"
    let title = "导入单位名录"
    let templateName = "单位名录导入模板.xlsx"
    let writePermission = Permission.employerWrite
    let readPermission = Permission.employerRead
    let uploadURL = SiteURL.employerImport
    let apiUploadURL = SiteURL.API.employerImport
    let templateURL = SiteURL.employerTemplate
    let listURL = SiteURL.employers

    func template(to url: URL) throws { try EmployerExport.template(to: url) }

    func run(_ r: ImportRun, app: Application, on db: any Database) async throws -> ImportReport {
        try await EmployerImport(
            file: r.file, sheet: r.sheet, mode: r.mode, dryRun: r.dryRun, scope: r.scope, actor: r.actor, mayForce: false,
            today: app.clock.today(in: app.config.timeZone),
            progress: r.progress, checkpoint: r.checkpoint
        ).run(app: app, on: db)
    }
}
