import Domain
import Fluent
import SQLKit
import Vapor

/// Dues received and taken back, and the employers registered as payers. Every receipt names an employer of the
/// caller's subtree; its stream follows whether the employer had a union at the end of its month.
enum DuesReceipts {
    /// An employer of the subtree, or the refusal of the field that named it (404 for a page's own record: `field` nil).
    static func employer(_ id: Int, in scope: Scope, field: String? = "employerId", on db: any Database) async throws -> Employer {
        guard let e = try await Employer.scoped(scope, on: db).filter(\.$id == id).first() else {
            guard let field else { throw AppError.notFound("单位") }
            throw FieldError(field: field, message: "单位不存在或不在您的管辖范围内")
        }
        return e
    }

    /// The employer's union at the end of `month` (its latest snapshot by then; the present one if it was registered later).
    static func union(of e: Employer, in month: Month, on db: any Database) async throws -> Int? {
        struct Row: Decodable { var union_id: Int? }
        let id = try e.requireID()
        let row = try await db.sql.raw(
            """
            SELECT union_id FROM employer_history WHERE employer_id = \(bind: id) AND on_date <= \(bind: month.last.iso) \
            ORDER BY on_date DESC, id DESC LIMIT 1
            """
        ).first(decoding: Row.self)
        return row.map(\.union_id) ?? e.$union.id
    }

    /// A receipt ready to insert (inside the caller's transaction).
    static func make(_ f: ReceiptFields, employer e: Employer, sourceKey: String?, actor: Audit.Actor, on db: any Database) async throws -> DuesReceipt {
        let union = try await union(of: e, in: f.month, on: db)
        let r = DuesReceipt()
        r.$employer.id = try e.requireID()
        r.orgID = e.$org.id
        r.unionID = union
        r.month = f.month.iso
        r.base = f.base
        r.amount = f.amount
        r.stream = (union == nil ? DuesStream.preparatory : .dues).rawValue
        r.channel = f.channel.rawValue
        r.receivedOn = f.receivedOn.iso
        r.sourceKey = sourceKey
        r.note = f.note
        r.createdBy = actor.userID
        return r
    }

    static func record(_ f: ReceiptFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> DuesReceipt {
        let e = try await employer(f.employerId, in: scope, on: db)
        return try await Store.write(db) { tx in
            let r = try await make(f, employer: e, sourceKey: nil, actor: actor, on: tx)
            try await r.create(on: tx)
            try await Audit.record(
                FundsAudit.receipt, entity: "dues_receipt", id: r.id,
                after: ["employer": e.name, "month": f.month.iso, "amount": Money.yuan(f.amount), "receivedOn": f.receivedOn.iso], actor: actor, at: now,
                on: tx)
            return r
        }
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> DuesReceipt {
        guard
            let r = try await DuesReceipt.query(on: db).filter(\.$id == id).filter(scope.contains(column: "dues_receipts.org_id", or: "dues_receipts.union_id"))
                .with(\.$employer).first()
        else { throw AppError.notFound("经费到账记录") }
        return r
    }

    /// Takes a receipt back with a negative entry on `on`; a reversal, a receipt already reversed or one whose share was
    /// returned cannot be.
    static func reverse(_ id: Int, _ f: ReversalFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> DuesReceipt
    {
        let original = try await find(id, in: scope, on: db)
        guard original.reversesID == nil else { throw AppError.conflict("这是一笔冲销记录，不能再冲销", field: nil) }
        if let day = CalendarDate(parsing: original.receivedOn), f.on < day {
            throw FieldError(field: "on", message: "冲销日期不能早于到账日期（\(day.iso)）")
        }
        return try await Store.write(db) { tx in
            guard try await DuesReceipt.query(on: tx).filter(\.$reversesID == id).count() == 0 else {
                throw AppError.conflict("该笔到账已经冲销", field: nil)
            }
            guard try await ReturnItem.query(on: tx).filter(\.$receipt.$id == id).count() == 0 else {
                throw AppError.conflict("该笔经费已列入返还批次，不能冲销", field: nil)
            }
            let r = DuesReceipt()
            r.$employer.id = original.$employer.id
            r.orgID = original.orgID
            r.unionID = original.unionID
            r.month = original.month
            r.base = 0
            r.amount = -original.amount
            r.stream = original.stream
            r.channel = original.channel
            r.receivedOn = f.on.iso
            r.reversesID = id
            r.note = f.reason
            r.createdBy = actor.userID
            try await r.create(on: tx)
            try await Audit.record(
                FundsAudit.reverse, entity: "dues_receipt", id: id, after: ["amount": Money.yuan(-original.amount), "reason": f.reason], actor: actor,
                at: now, on: tx)
            return r
        }
    }

    /// Registers an employer as a payer from a month (its history stays).
    static func register(_ f: PayerFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> DuesPayer {
        let e = try await employer(f.employerId, in: scope, on: db)
        let p = DuesPayer()
        p.$employer.id = try e.requireID()
        p.orgID = e.$org.id
        p.unionID = e.$union.id
        p.since = f.since.iso
        p.endsWith = f.endsWith?.iso
        p.base = f.base
        p.channel = f.channel.rawValue
        p.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await p.create(on: tx)
            try await Audit.record(
                FundsAudit.payer, entity: "employer", id: p.$employer.id,
                after: ["since": f.since.iso, "base": Money.yuan(f.base), "channel": f.channel.label, "endsWith": f.endsWith?.iso ?? ""], actor: actor,
                at: now, on: tx)
        }
        return p
    }

    /// The return formalities an employer's union has completed, as of a day.
    static func formalities(_ f: FormalityFields, rules: FundsRules, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> ReturnFormality
    {
        let e = try await employer(f.employerId, in: scope, on: db)
        let row = ReturnFormality()
        row.$employer.id = try e.requireID()
        row.orgID = e.$org.id
        row.unionID = e.$union.id
        row.onDate = f.on.iso
        row.done = f.done.joined(separator: "、")
        row.complete = e.$union.id != nil && f.done.count == rules.formalities.count
        row.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await row.create(on: tx)
            try await Audit.record(
                FundsAudit.formalities, entity: "employer", id: row.$employer.id, after: ["on": f.on.iso, "done": row.done], actor: actor, at: now,
                on: tx)
        }
        return row
    }

    /// The employer's return formalities on `day`: the items done (empty when none were ever recorded).
    static func formalities(of employer: Int, on day: CalendarDate, on db: any Database) async throws -> ReturnFormality? {
        try await ReturnFormality.query(on: db).filter(\.$employer.$id == employer).filter(\.$onDate <= day.iso).sort(\.$onDate, .descending)
            .sort(\.$id, .descending).first()
    }

    /// The registration history of an employer, oldest first.
    static func payers(of employer: Int, on db: any Database) async throws -> [DuesPayer] {
        try await DuesPayer.query(on: db).filter(\.$employer.$id == employer).sort(\.$since).sort(\.$id).all()
    }
}
