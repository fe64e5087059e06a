import Domain
import Fluent
import SQLKit
import Vapor

/// 对账: for each month, the dues the tax bureau's lists reported (tax-collected receipts of that 所属期) against the
/// transfers that reached the federation's bank account; a month that differs is an exception until explained for
/// that very difference (a later receipt or transfer reopens it).
enum Reconciliation {
    static func lines(in scope: Scope, from: Month, to: Month, on db: any Database) async throws -> [ReconciliationLine] {
        struct Row: Decodable { var month: String; var total: Int? }
        let (a, b) = (from.iso, to.iso)
        let reported = try await db.sql.raw(
            """
            SELECT r.month, CAST(SUM(r.amount) AS BIGINT) AS total FROM dues_receipts r WHERE \(FundsStats.inScope("r", scope)) \
            AND \(FundsStats.taxCollected("r")) AND r.month >= \(bind: a) AND r.month <= \(bind: b) GROUP BY r.month
            """
        ).all(decoding: Row.self)
        let banked = try await db.sql.raw(
            """
            SELECT t.month, CAST(SUM(t.amount) AS BIGINT) AS total FROM bank_transfers t \
            WHERE \(scope.contains("t.org_id")) AND t.month >= \(bind: a) AND t.month <= \(bind: b) \
            GROUP BY t.month
            """
        ).all(decoding: Row.self)
        let notes = try await ReconciliationNote.query(on: db).filter(scope.contains(column: "reconciliation_notes.org_id"))
            .filter(\.$month >= a).filter(\.$month <= b).sort(\.$id).all()
        return from.through(to).reversed().compactMap { m in
            let r = reported.first { $0.month == m.iso }?.total ?? 0
            let t = banked.first { $0.month == m.iso }?.total ?? 0
            guard r != 0 || t != 0 else { return nil }
            return ReconciliationLine(month: m, reported: r, banked: t, explained: notes.last { $0.month == m.iso }?.difference)
        }
    }

    static func transfer(_ f: TransferFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        let t = BankTransfer()
        t.$org.id = scope.orgID
        t.month = f.month.iso
        t.amount = f.amount
        t.receivedOn = f.receivedOn.iso
        t.reference = f.reference
        t.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await t.create(on: tx)
            try await Audit.record(
                FundsAudit.transfer, entity: "bank_transfer", id: t.id, after: ["month": f.month.iso, "amount": Money.yuan(f.amount), "receivedOn": f.receivedOn.iso],
                actor: actor, at: now, on: tx)
        }
    }

    /// Explains the month's difference as it stands now; a month without a difference needs none.
    static func explain(_ f: ReconciliationNoteFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        guard let line = try await lines(in: scope, from: f.month, to: f.month, on: db).first, line.difference != 0 else {
            throw FieldError(field: "month", message: "\(f.month.chinese)税务明细与银行到账一致，无需说明")
        }
        let n = ReconciliationNote()
        n.$org.id = scope.orgID
        n.month = f.month.iso
        n.difference = line.difference
        n.note = f.note
        n.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await n.create(on: tx)
            try await Audit.record(
                FundsAudit.reconcile, entity: "reconciliation", after: ["month": f.month.iso, "difference": Money.yuan(line.difference), "note": f.note],
                actor: actor, at: now, on: tx)
        }
    }
}
