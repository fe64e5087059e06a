import Domain
import Fluent
import Vapor

struct ImportPage: Page {
    static let template = "imports/upload"
    var layout: Layout
    var action: String
    var templateURL: String
    var noun: String
    /// Only rosters placed into a union (members) choose one.
    var unions: [SelectOption]?
    var mode: String
    var hasModes: Bool
    var sheet: String
    var error: String?

    static func make(_ kind: any Importer, _ req: Request, values: ImportController.UploadForm, error: String?) async throws
        -> ImportPage
    {
        let p = try req.requirePrincipal()
        var options: [SelectOption]?
        if kind.choosesUnion {
            let unions = try await OrganizationQuery.choices(in: p.scope, level: .union, byName: true, limit: 100_000, on: req.db)
            options = unions.map { SelectOption(value: $0.value, label: $0.label, selected: $0.value == values.unionId) }
        }
        return ImportPage(
            layout: Layout(title: kind.title, principal: p, active: kind.listURL),
            action: kind.uploadURL.path, templateURL: kind.templateURL.path, noun: kind.noun, unions: options,
            mode: values.mode ?? "insert", hasModes: kind.hasModes, sheet: values.sheet ?? "", error: error)
    }
}

/// One import job: waiting or running (the page refreshes itself, no script), failed, checked (preview), or written.
struct ImportJobPage: Page {
    static let template = "imports/job"
    var layout: Layout
    var id: Int
    var fileName: String
    var status: String
    var statusLabel: String
    var dryRun: Bool
    var pending: Bool
    var progress: Int
    var error: String?
    var report: ImportReport?
    var errors: [ImportReport.RowError]
    var moreErrors: Int
    var unknownColumns: String
    var hasUnknown: Bool
    var hasErrors: Bool
    var hasMore: Bool
    var canCommit: Bool
    var commitURL: String
    var cancelURL: String
    var errorsURL: String
    var noun: String
    var unit: String
    var listURL: String
    var importURL: String

    init(_ job: ImportJob, kind: any Importer, report: ImportReport?, principal: Principal) {
        let status = job.jobStatus ?? .failed
        noun = kind.noun
        unit = kind.unit
        listURL = kind.listURL.path
        importURL = kind.uploadURL.path
        layout = Layout(title: job.dryRun ? "导入检查" : "导入写入", principal: principal, active: kind.listURL)
        if status == .queued || status == .running { layout.refreshSeconds = 2 }
        id = job.id ?? 0
        fileName = job.fileName
        self.status = status.rawValue
        statusLabel = status.label
        dryRun = job.dryRun
        pending = status == .queued || status == .running
        progress = job.progress
        error = job.error
        self.report = report
        errors = Array((report?.errors ?? []).prefix(200))
        moreErrors = max(0, (report?.errors.count ?? 0) - 200)
        unknownColumns = (report?.unknownColumns ?? []).joined(separator: "、")
        // Leaf treats empty strings, arrays and zero as true: the template tests these flags instead.
        hasUnknown = !unknownColumns.isEmpty
        hasErrors = !errors.isEmpty
        hasMore = moreErrors > 0
        canCommit = job.dryRun && status == .done && (report?.valid ?? 0) > 0 && !job.data.isEmpty
        commitURL = SiteURL.importJobCommit(id).path
        cancelURL = SiteURL.importJobCancel(id).path
        errorsURL = SiteURL.importJobErrors(id).path
    }
}
