import Domain
import Fluent
import SQLKit
import Vapor

/// A union's own books (经费收支): entries checked against the welfare caps and the budget, approval by a second person
/// above the threshold or over a standard, reversals, and the year's budget against what was spent.
enum Books {
    /// `e` counts: it needed no approval, or a second person approved it.
    static func counted(_ e: String) -> SQLQueryString {
        """
        (\(unsafeRaw: e).needs_approval = \(bind: false) OR EXISTS (SELECT 1 FROM book_approvals a WHERE a.entry_id = \(unsafeRaw: e).id \
        AND a.approved = \(bind: true)))
        """
    }

    /// A union (or federation) of the subtree whose books these are.
    static func org(_ id: Int, in scope: Scope, field: String? = "orgId", on db: any Database) async throws -> Organization {
        guard let o = try await Organization.scoped(scope, on: db).filter(\.$id == id).first() else {
            guard let field else { throw AppError.notFound("工会") }
            throw FieldError(field: field, message: "工会不存在或不在您的管辖范围内")
        }
        return o
    }

    /// `e` counts or still may: not refused by the second person (what a new entry's budget and standard are checked
    /// against, so two entries waiting for approval cannot both pass).
    static func notRejected(_ e: String) -> SQLQueryString {
        """
        NOT EXISTS (SELECT 1 FROM book_approvals a WHERE a.entry_id = \(unsafeRaw: e).id AND a.approved = \(bind: false))
        """
    }

    /// The amounts of the entries matching `where` that count or still may.
    static func committed(_ where: SQLQueryString, on db: any Database) async throws -> Int {
        struct Row: Decodable { var total: Int? }
        return try await db.sql.raw("SELECT CAST(SUM(e.amount) AS BIGINT) AS total FROM book_entries e WHERE \(`where`) AND \(notRejected("e"))")
            .first(decoding: Row.self)?.total ?? 0
    }

    /// The budget of `category` for the year (the latest set), or nil.
    static func budget(org: Int, year: Int, category: String, on db: any Database) async throws -> Int? {
        try await Budget.query(on: db).filter(\.$org.$id == org).filter(\.$year == year).filter(\.$category == category).sort(\.$id, .descending)
            .first()?.amount
    }

    static func record(_ f: BookEntryFields, rules: FundsRules, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> BookEntry
    {
        _ = try await org(f.orgId, in: scope, on: db)
        let year = f.on.year
        let (from, to) = (CalendarDate.firstDay(of: year).iso, CalendarDate.lastDay(of: year).iso)
        return try await Store.write(db) { tx in
            // Two entries of one union's books at once must not both pass the same budget or cap.
            try await Store.lock("organizations", id: f.orgId, on: tx)
            var prior = 0
            if let w = f.welfare {
                struct Row: Decodable { var each: Int? }
                prior = try await tx.sql.raw(
                    """
                    SELECT CAST(SUM(e.amount / e.people) AS BIGINT) AS each FROM book_entries e WHERE e.org_id = \(bind: f.orgId) \
                    AND e.welfare = \(bind: w) AND e.on_date >= \(bind: from) AND e.on_date <= \(bind: to) AND e.people > 0 AND \(notRejected("e"))
                    """
                ).first(decoding: Row.self)?.each ?? 0
            }
            let spent = try await committed(
                "e.org_id = \(bind: f.orgId) AND e.category = \(bind: f.category) AND e.on_date >= \(bind: from) AND e.on_date <= \(bind: to)", on: tx)
            let budget = f.side == .expense ? try await budget(org: f.orgId, year: year, category: f.category, on: tx) : nil
            let over = try BookChecks.check(f, rules: rules, priorPerPerson: prior, spent: spent, budget: budget)
            let e = BookEntry()
            e.$org.id = f.orgId
            e.side = f.side.rawValue
            e.category = f.category
            e.amount = f.amount
            e.onDate = f.on.iso
            e.description = f.description
            e.welfare = f.welfare
            e.people = f.people
            e.form = f.form?.rawValue
            e.overCap = over.cap
            e.overBudget = over.budget
            e.overReason = over.cap || over.budget ? f.overReason : nil
            e.needsApproval = f.amount >= rules.approvalFromFen || over.cap || over.budget
            e.createdBy = actor.userID
            try await e.create(on: tx)
            var after = ["side": f.side.label, "category": f.category, "amount": Money.yuan(f.amount), "on": f.on.iso]
            if let reason = e.overReason { after["overReason"] = reason }
            try await Audit.record(FundsAudit.bookEntry, entity: "book_entry", id: e.id, after: after, actor: actor, at: now, on: tx)
            return e
        }
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> BookEntry {
        guard let e = try await BookEntry.query(on: db).filter(\.$id == id).filter(scope.contains(column: "book_entries.org_id")).with(\.$org).first()
        else { throw AppError.notFound("收支分录") }
        return e
    }

    /// Where an entry stands: counts, waits for approval, or was rejected.
    enum Standing: String {
        case counted, pending, rejected

        var label: String {
            switch self {
            case .counted: "已入账"
            case .pending: "待审批"
            case .rejected: "未通过审批"
            }
        }
    }

    static func standing(_ e: BookEntry, decision: BookApproval?) -> Standing {
        guard e.needsApproval else { return .counted }
        guard let decision else { return .pending }
        return decision.approved ? .counted : .rejected
    }

    static func standing(_ e: BookEntry, on db: any Database) async throws -> (Standing, BookApproval?) {
        let decision = e.needsApproval ? try await BookApproval.query(on: db).filter(\.$entry.$id == (try e.requireID())).first() : nil
        return (standing(e, decision: decision), decision)
    }

    static func decide(
        _ id: Int, approve: Bool, note: String?, in scope: Scope, actor: Audit.Actor, at now: Date, today: CalendarDate, on db: any Database
    ) async throws {
        let e = try await find(id, in: scope, on: db)
        try await Store.write(db) { tx in
            guard case (.pending, _) = try await standing(e, on: tx) else { throw AppError.conflict("该笔不需审批或已审批", field: nil) }
            guard let user = actor.userID, user != e.createdBy else { throw AppError.refused("审批须由记账人以外的另一人进行（双人复核）") }
            let a = BookApproval()
            a.$entry.id = id
            a.approved = approve
            a.note = note
            a.decidedOn = today.iso
            a.decidedBy = user
            try await a.create(on: tx)
            try await Audit.record(
                FundsAudit.bookApproval, entity: "book_entry", id: id, after: ["approved": approve ? "是" : "否", "note": note ?? ""], actor: actor, at: now,
                on: tx)
        }
    }

    static func reverse(_ id: Int, _ f: ReversalFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> BookEntry {
        let e = try await find(id, in: scope, on: db)
        guard e.reversesID == nil else { throw AppError.conflict("这是一笔冲销分录，不能再冲销", field: nil) }
        if let day = CalendarDate(parsing: e.onDate), f.on < day { throw FieldError(field: "on", message: "冲销日期不能早于记账日期（\(day.iso)）") }
        return try await Store.write(db) { tx in
            guard case (.counted, _) = try await standing(e, on: tx) else { throw AppError.conflict("未入账的分录不需冲销", field: nil) }
            guard try await BookEntry.query(on: tx).filter(\.$reversesID == id).count() == 0 else { throw AppError.conflict("该笔已经冲销", field: nil) }
            let r = BookEntry()
            r.$org.id = e.$org.id
            r.side = e.side
            r.category = e.category
            r.amount = -e.amount
            r.onDate = f.on.iso
            r.description = "冲销：\(f.reason)"
            r.welfare = e.welfare
            r.people = e.people
            r.form = e.form
            r.overCap = false
            r.overBudget = false
            r.needsApproval = false
            r.reversesID = id
            r.createdBy = actor.userID
            try await r.create(on: tx)
            try await Audit.record(
                FundsAudit.bookReverse, entity: "book_entry", id: id, after: ["amount": Money.yuan(-e.amount), "reason": f.reason], actor: actor, at: now,
                on: tx)
            return r
        }
    }

    static func setBudget(_ f: BudgetFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        _ = try await org(f.orgId, in: scope, on: db)
        let b = Budget()
        b.$org.id = f.orgId
        b.year = f.year
        b.category = f.category
        b.amount = f.amount
        b.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await b.create(on: tx)
            try await Audit.record(
                FundsAudit.budget, entity: "organization", id: f.orgId, after: ["year": String(f.year), "category": f.category, "amount": Money.yuan(f.amount)],
                actor: actor, at: now, on: tx)
        }
    }

    /// A category's line of the year: budget (spending), what counted, what waits for approval.
    struct Line: Sendable {
        var category: BookCategory
        var budget: Int?
        var actual: Int
        var pending: Int
        var remaining: Int? { budget.map { $0 - actual } }
    }

    static func lines(org: Int, year: Int, rules: FundsRules, on db: any Database) async throws -> [Line] {
        struct Row: Decodable { var category: String; var total: Int?; var pending: Int? }
        let (from, to) = (CalendarDate.firstDay(of: year).iso, CalendarDate.lastDay(of: year).iso)
        let rows = try await db.sql.raw(
            """
            SELECT e.category, CAST(SUM(CASE WHEN \(counted("e")) THEN e.amount ELSE 0 END) AS BIGINT) AS total, \
            CAST(SUM(CASE WHEN e.needs_approval = \(bind: true) AND NOT EXISTS (SELECT 1 FROM book_approvals a WHERE a.entry_id = e.id) \
            THEN e.amount ELSE 0 END) AS BIGINT) AS pending FROM book_entries e \
            WHERE e.org_id = \(bind: org) AND e.on_date >= \(bind: from) AND e.on_date <= \(bind: to) GROUP BY e.category
            """
        ).all(decoding: Row.self)
        let budgets = try await Budget.query(on: db).filter(\.$org.$id == org).filter(\.$year == year).sort(\.$id).all()
        return rules.bookCategories.map { c in
            let row = rows.first { $0.category == c.code }
            return Line(category: c, budget: budgets.last { $0.category == c.code }?.amount, actual: row?.total ?? 0, pending: row?.pending ?? 0)
        }
    }
}
