import Domain
import Fluent
import Vapor

/// A roster a module lets cadres bring in from Excel or CSV (会员名册, 单位名录, 困难职工档案): its pages, permissions,
/// template and the run that checks and writes the rows. Each module declares its own (`UnionModule.importers`); the
/// upload pages, the API, the background jobs and `uniondesk import` serve every importer the same way.
protocol Importer: Sendable {
    /// The stored kind of its jobs, and the `import` command's argument (`members`).
    var kind: String { get }
    /// 会员 / 单位 / 困难职工档案, in titles and results, counted in `unit` (人 / 家 / 户).
    var noun: String { get }
    var unit: String { get }
    var title: String { get }
    var templateName: String { get }
    /// It may update what exists (insert or upsert); otherwise it only adds.
    var hasModes: Bool { get }
    /// Its rows go into one grassroots union chosen at upload (`unionId`), unless a row names its own.
    var choosesUnion: Bool { get }
    var writePermission: Permission { get }
    var readPermission: Permission { get }
    var uploadURL: SiteURL { get }
    var apiUploadURL: SiteURL.API { get }
    var templateURL: SiteURL { get }
    /// The register the rows land in.
    var listURL: SiteURL { get }
    /// Writes the empty template with its header row and an example.
    func template(to url: URL) throws
    func run(_ r: ImportRun, app: Application, on db: any Database) async throws -> ImportReport
}

extension Importer {
    var hasModes: Bool { true }
    var choosesUnion: Bool { false }
    var apiSummary: String { "\(title)（请求体为 .xlsx 或 .csv 文件）" }
}

/// One run of an importer over a file: checked only (`dryRun`) or written.
struct ImportRun: Sendable {
    var file: URL
    var sheet: String?
    var union: Organization?
    var mode: ImportMode
    var dryRun: Bool
    /// The caller's subtree; from the command line, the root federation's.
    var scope: Scope
    var actor: Audit.Actor
    /// Run by `uniondesk import` at the server (no user, no web form).
    var fromCommandLine = false
    var progress: (@Sendable (Int) throws -> Void)?
    /// Called between batches with the rows done; throws to stop (a cancelled job).
    var checkpoint: (@Sendable (Int) async throws -> Void)?
}

/// What the import job pages and the error report record.
enum ImportAudit: String, AuditAction, CaseIterable {
    /// Kept under its first code, so the entries written before imports were shared keep their label.
    case errorReport = "member.import_errors"

    var auditLabel: String {
        switch self {
        case .errorReport: "下载导入错误报告"
        }
    }
}

extension Application {
    private struct ImportersKey: StorageKey { typealias Value = [any Importer] }

    /// Every module's importers, in module order.
    var importers: [any Importer] {
        get { storage[ImportersKey.self] ?? [] }
        set { storage[ImportersKey.self] = newValue }
    }

    func importer(_ kind: String) -> (any Importer)? { importers.first { $0.kind == kind } }
}
