import Domain
import Fluent
import Vapor

struct ImportPage: Page {
    static let template = "members/import"
    var layout: Layout
    var action = SiteURL.memberImport.path
    var templateURL = SiteURL.memberTemplate.path
    var unions: [SelectOption]
    var mode: String
    var sheet: String
    var error: String?

    static func make(_ req: Request, values: ImportController.CommitForm, error: String?) async throws -> ImportPage {
        let p = try req.requirePrincipal()
        let unions = try await Organization.scoped(p.scope, on: req.db).filter(\.$level == OrgLevel.union.rawValue).sort(\.$name).all()
        return ImportPage(layout: Layout(title: "导入会员名册", principal: p, active: .members),
            unions: unions.compactMap { o in o.id.map { SelectOption(value: String($0), label: o.name, selected: String($0) == values.unionId) } },
            mode: values.mode ?? "insert", sheet: values.sheet ?? "", error: error)
    }
}

struct ImportPreviewPage: Page {
    static let template = "members/import-preview"
    var layout: Layout
    var report: ImportReport
    var errors: [ImportReport.RowError]
    var moreErrors: Int
    var unknownColumns: String
    var done: Bool
    var values: ImportController.CommitForm
    var commitURL = SiteURL.memberImportCommit.path
    var errorsURL: String
    var membersURL = SiteURL.members.path
    var importURL = SiteURL.memberImport.path

    init(_ req: Request, report: ImportReport, values: ImportController.CommitForm, done: Bool) throws {
        layout = Layout(title: done ? "导入完成" : "导入预览", principal: try req.requirePrincipal(), active: .members)
        self.report = report
        errors = Array(report.errors.prefix(200))
        moreErrors = max(0, report.errors.count - 200)
        unknownColumns = report.unknownColumns.joined(separator: "、")
        self.done = done
        self.values = values
        var query = "token=\(values.token ?? "")&mode=\(values.mode ?? "insert")"
        if let u = values.unionId { query += "&unionId=\(u)" }
        if let s = values.sheet, let e = s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { query += "&sheet=\(e)" }
        errorsURL = SiteURL.memberImportErrors.path + "?" + query
    }
}
