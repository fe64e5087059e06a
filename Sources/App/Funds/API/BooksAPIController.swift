import Domain
import Fluent
import Vapor

/// `/api/v1/funds/books/…`: a union's year (budget lines and the entries), entries with their checks, approval by a
/// second person, reversal, budgets, and invoices as attachments.
struct BooksAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .api(.books), .fundsRead, doc: APIDoc(summary: "工会经费收支（预算执行与分录）", queryFields: ["orgId", "year"]), use: books)
        routes.endpoint(
            .POST, .api(.bookEntries), .booksRecord,
            doc: APIDoc(summary: "记经费收支（按科目；会员福利按本省标准核对；超预算须写原因）", body: BookEntryFields.inputFields), use: create)
        routes.endpoint(
            .POST, .api(.bookEntryDecision(nil)), .booksApprove, doc: APIDoc(summary: "审批经费收支（须由记账人以外的人）", body: BookDecisionFields.inputFields),
            use: decide)
        routes.endpoint(
            .POST, .api(.bookEntryReverse(nil)), .booksRecord, doc: APIDoc(summary: "冲销经费收支（记一笔负数）", body: ReversalFields.inputFields), use: reverse)
        routes.endpoint(.POST, .api(.bookBudgets), .booksRecord, doc: APIDoc(summary: "编制年度预算（按支出科目）", body: BudgetFields.inputFields), use: budget)
        routes.endpoint(
            .POST, .api(.bookEntryFiles(nil)), .booksRecord,
            doc: APIDoc(summary: "上传凭证（请求体为 PDF、JPG 或 PNG 文件；name 为文件名）", queryFields: ["name"], fileBody: AttachmentType.allCases.map(\.mediaType)),
            body: .stream, use: upload)
    }

    private func form(_ req: Request) throws -> FormFields { try req.decodeJSON(FormFields.self) }

    struct BooksDTO: Content {
        struct Line: Content {
            var category: String
            var label: String
            var side: String
            var budget: Int?
            var actual: Int
            var pending: Int
        }

        var orgId: Int
        var year: Int
        var lines: [Line]
        var entries: [BookEntryDTO]
    }

    func books(req: Request) async throws -> BooksDTO {
        let s = try await BooksController.subject(req)
        let orgID = try s.org.requireID()
        let lines = try await Books.lines(org: orgID, year: s.year, rules: req.application.fundsRules, on: req.db)
        let entries = try await BookEntry.query(on: req.db).filter(\.$org.$id == orgID)
            .filter(\.$onDate >= CalendarDate.firstDay(of: s.year).iso).filter(\.$onDate <= CalendarDate.lastDay(of: s.year).iso).sort(\.$onDate).sort(\.$id)
            .limit(1000).all()
        return BooksDTO(
            orgId: orgID, year: s.year,
            lines: lines.map { .init(category: $0.category.code, label: $0.category.label, side: $0.category.side.rawValue, budget: $0.budget, actual: $0.actual, pending: $0.pending) },
            entries: try await BookEntryDTO.list(entries, on: req.db))
    }

    func create(req: Request) async throws -> Response {
        let rules = req.application.fundsRules
        let e = try await Books.record(
            try BookEntryFields.validate(try form(req), today: req.today, rules: rules), rules: rules, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await BookEntryDTO.one(e, on: req.db).encodeResponse(status: .created, for: req)
    }

    func decide(req: Request) async throws -> BookEntryDTO {
        let id = try req.id("收支分录")
        let f = try BookDecisionFields.validate(try form(req))
        try await Books.decide(id, approve: f.approved, note: f.note, in: req.scope, actor: req.actor, at: req.now, today: req.today, on: req.db)
        return try await BookEntryDTO.one(try await Books.find(id, in: req.scope, on: req.db), on: req.db)
    }

    func reverse(req: Request) async throws -> Response {
        let r = try await Books.reverse(
            req.id("收支分录"), try ReversalFields.validate(try form(req), today: req.today), in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await BookEntryDTO.one(r, on: req.db).encodeResponse(status: .created, for: req)
    }

    struct BudgetDTO: Content {
        var orgId: Int
        var year: Int
        var category: String
        var amount: Int
    }

    func budget(req: Request) async throws -> Response {
        let f = try BudgetFields.validate(try form(req), today: req.today, rules: req.application.fundsRules)
        try await Books.setBudget(f, in: req.scope, actor: req.actor, at: req.now, on: req.db)
        return try await BudgetDTO(orgId: f.orgId, year: f.year, category: f.category, amount: f.amount).encodeResponse(status: .created, for: req)
    }

    func upload(req: Request) async throws -> Response {
        let e = try await Books.find(req.id("收支分录"), in: req.scope, on: req.db)
        return try await req.attachFromAPI(to: try BooksController.owner(e), slot: "invoice") { SiteURL.bookEntryFile(e.id, $0).path }
    }
}

struct BookEntryDTO: Content {
    var id: Int
    var orgId: Int
    var side: String
    var category: String
    var amount: Int
    var on: String
    var description: String
    var welfare: String?
    var people: Int?
    var form: String?
    var overCap: Bool
    var overBudget: Bool
    var overReason: String?
    var standing: String
    var reversesId: Int?

    static func one(_ e: BookEntry, on db: any Database) async throws -> BookEntryDTO {
        BookEntryDTO(e, standing: try await Books.standing(e, on: db).0)
    }

    /// Entries with their standing, their decisions read in one query.
    static func list(_ entries: [BookEntry], on db: any Database) async throws -> [BookEntryDTO] {
        let decisions = try await BookApproval.query(on: db).filter(\.$entry.$id ~~ entries.compactMap(\.id)).all()
        return entries.map { e in BookEntryDTO(e, standing: Books.standing(e, decision: decisions.first { $0.$entry.id == e.id })) }
    }

    init(_ e: BookEntry, standing: Books.Standing) {
        id = e.id ?? 0
        orgId = e.$org.id
        side = e.side
        category = e.category
        amount = e.amount
        on = e.onDate
        description = e.description
        welfare = e.welfare
        people = e.people
        form = e.form
        overCap = e.overCap
        overBudget = e.overBudget
        overReason = e.overReason
        self.standing = standing.rawValue
        reversesId = e.reversesID
    }
}
