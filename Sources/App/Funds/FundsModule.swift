import Domain
import Fluent
import Vapor

/// 工会经费: dues received by employer and month (tax-collected or paid directly, 筹备金 from employers without a union),
/// the tax bureau's lists imported, payers and their payroll, arrears with their age, the return formalities and the
/// return batches approved by a second person; the figures of the summary's 经费收缴.
struct FundsModule: UnionModule {
    let name = "工会经费"
    let permissions = Permission.funds
    let navigation = [NavEntry(label: "工会经费", url: .funds, permission: .fundsRead)]
    let importers: [any Importer] = [TaxListImporter()]
    let attachmentUploads: [SiteURL] = [.bookEntryFiles(nil), .api(.bookEntryFiles(nil))]
    let auditActions: [any AuditAction] = FundsAudit.allCases

    func configure(_ app: Application) throws {
        app.fundsRules = try loadConfiguration(FundsRules.self, variable: "UNIONDESK_FUNDS_CONFIG", name: "工会经费", defaults: FundsRules())
    }

    func routes(_ app: Application) throws {
        try app.register(collection: FundsController())
        try app.register(collection: ReturnsController())
        try app.register(collection: BooksController())
        try app.register(collection: BooksAPIController())
        try app.register(collection: ReconciliationController())
        try app.register(collection: FundsAPIController())
    }

    func indicatorSources(_ app: Application) -> [any IndicatorSource] { [FundsIndicatorSource(rules: app.fundsRules)] }
    func alertSources(_ app: Application) -> [any AlertSource] { [FundsAlertSource(rules: app.fundsRules)] }
    func workSources(_ app: Application) -> [any WorkSource] { [FundsWorkSource()] }
    func trends(_ app: Application) -> [any TrendSource] { [FundsTrend()] }

    func warm(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws {
        _ = try await FundsStats.overview(app, scope: scope, today: today, on: db)
    }

    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {
        let rules = s.app.fundsRules
        let now = try await FundsStats.compute(in: s.scope, period: s.period, today: s.today, rules: rules, on: s.db)
        let before = try await FundsStats.compute(in: s.scope, period: s.period.previous, today: s.today, rules: rules, on: s.db)
        part.input.topics.append(FundsSummary(now: now, before: before.isEmpty ? nil : before))
        guard s.looksAhead, now.arrears > 0 else { return }
        part.overdue(.localRule, .overdue(indicator: .fundsArrearsEmployers, count: now.arrearsEmployers, unit: "间", noun: "单位欠缴工会经费"))
    }

    func seedDemo(_ d: inout DemoContext) async throws { try await FundsDemo.seed(&d) }
}

extension Application {
    private struct FundsRulesKey: StorageKey { typealias Value = FundsRules }

    /// The rate, due day, late fees, return split and formalities (`UNIONDESK_FUNDS_CONFIG` names a file).
    var fundsRules: FundsRules {
        get { storage[FundsRulesKey.self] ?? FundsRules() }
        set { storage[FundsRulesKey.self] = newValue }
    }
}

// MARK: URLs

extension SiteURL {
    static let funds = SiteURL("/funds")
    static let fundsReceipts = SiteURL("/funds/receipts")
    static let fundsReceiptNew = SiteURL("/funds/receipts/new")
    static func fundsReceipt(_ n: Int?) -> SiteURL { SiteURL("/funds/receipts/\(id(n))") }
    static func fundsReceiptReverse(_ n: Int?) -> SiteURL { SiteURL("/funds/receipts/\(id(n))/reverse") }
    static func fundsEmployer(_ n: Int?) -> SiteURL { SiteURL("/funds/employers/\(id(n))") }
    static func fundsPayers(_ n: Int?) -> SiteURL { SiteURL("/funds/employers/\(id(n))/payers") }
    static func fundsFormalities(_ n: Int?) -> SiteURL { SiteURL("/funds/employers/\(id(n))/formalities") }
    static let fundsArrears = SiteURL("/funds/arrears")
    static let fundsArrearsExport = SiteURL("/funds/arrears.xlsx")
    static let fundsImport = SiteURL("/funds/import")
    static let fundsTemplate = SiteURL("/funds/template")
    static let fundsReturns = SiteURL("/funds/returns")
    static func fundsReturn(_ n: Int?) -> SiteURL { SiteURL("/funds/returns/\(id(n))") }
    static func fundsReturnPay(_ n: Int?) -> SiteURL { SiteURL("/funds/returns/\(id(n))/pay") }
    static func fundsReturnExport(_ n: Int?) -> SiteURL { SiteURL("/funds/returns/\(id(n))/export.xlsx") }
    static let reconciliation = SiteURL("/funds/reconciliation")
    static let bankTransfers = SiteURL("/funds/reconciliation/transfers")
    static let reconciliationNotes = SiteURL("/funds/reconciliation/notes")
    static let books = SiteURL("/funds/books")
    static let booksExport = SiteURL("/funds/books/export.xlsx")
    static let bookEntries = SiteURL("/funds/books/entries")
    static let bookEntryNew = SiteURL("/funds/books/entries/new")
    static let bookBudgets = SiteURL("/funds/books/budgets")
    static func bookEntry(_ n: Int?) -> SiteURL { SiteURL("/funds/books/entries/\(id(n))") }
    static func bookEntryDecision(_ n: Int?) -> SiteURL { SiteURL("/funds/books/entries/\(id(n))/decision") }
    static func bookEntryReverse(_ n: Int?) -> SiteURL { SiteURL("/funds/books/entries/\(id(n))/reverse") }
    static func bookEntryFiles(_ n: Int?) -> SiteURL { SiteURL("/funds/books/entries/\(id(n))/files") }
    static func bookEntryFile(_ n: Int?, _ file: Int?) -> SiteURL { SiteURL("/funds/books/entries/\(id(n))/files/\(fileID(file))") }
}
extension SiteURL.API {
    static let fundsReceipts = SiteURL.API("/funds/receipts")
    static func fundsReceipt(_ n: Int?) -> SiteURL.API { SiteURL.API("/funds/receipts/\(id(n))") }
    static func fundsReceiptReverse(_ n: Int?) -> SiteURL.API { SiteURL.API("/funds/receipts/\(id(n))/reverse") }
    static let fundsPayers = SiteURL.API("/funds/payers")
    static let fundsFormalities = SiteURL.API("/funds/formalities")
    static let fundsArrears = SiteURL.API("/funds/arrears")
    static let fundsImport = SiteURL.API("/funds/import")
    static let fundsReturns = SiteURL.API("/funds/returns")
    static func fundsReturn(_ n: Int?) -> SiteURL.API { SiteURL.API("/funds/returns/\(id(n))") }
    static func fundsReturnPay(_ n: Int?) -> SiteURL.API { SiteURL.API("/funds/returns/\(id(n))/pay") }
    static let fundsStats = SiteURL.API("/funds/stats")
    static let reconciliation = SiteURL.API("/funds/reconciliation")
    static let bankTransfers = SiteURL.API("/funds/reconciliation/transfers")
    static let reconciliationNotes = SiteURL.API("/funds/reconciliation/notes")
    static let books = SiteURL.API("/funds/books")
    static let bookEntries = SiteURL.API("/funds/books/entries")
    static let bookBudgets = SiteURL.API("/funds/books/budgets")
    static func bookEntryDecision(_ n: Int?) -> SiteURL.API { SiteURL.API("/funds/books/entries/\(id(n))/decision") }
    static func bookEntryReverse(_ n: Int?) -> SiteURL.API { SiteURL.API("/funds/books/entries/\(id(n))/reverse") }
    static func bookEntryFiles(_ n: Int?) -> SiteURL.API { SiteURL.API("/funds/books/entries/\(id(n))/files") }
}
