import Domain
import Fluent
import SQLKit
import Vapor

/// Returns of dues to the grassroots unions (经费返还): a batch takes every receipt of the months chosen that is not yet
/// returned, from employers whose union had completed the formalities by the batch's day, and returns each its share
/// (`FundsRules.returnShare`); 筹备金 is never returned. One person draws the batch up, another approves its payment.
enum Returns {
    struct Eligible: Decodable, Sendable {
        var id: Int
        var employer_id: Int
        var union_id: Int?
        var amount: Int
        var ownership: String?
    }

    /// The receipts a batch of the subtree over `from…to` would return on `day`: dues (not 筹备金), not reversed, not yet
    /// returned, from employers whose formalities were complete by `day`.
    static func eligible(in scope: Scope, from: Month, to: Month, on day: CalendarDate, on db: any Database) async throws -> [Eligible] {
        try await db.sql.raw(
            """
            SELECT r.id, r.employer_id, r.union_id, r.amount, e.ownership FROM dues_receipts r JOIN employers e ON e.id = r.employer_id \
            WHERE \(FundsStats.inScope("r", scope)) AND r.month >= \(bind: from.iso) AND r.month <= \(bind: to.iso) \
            AND r.received_on <= \(bind: day.iso) AND r.stream = 'dues' AND r.reverses_id IS NULL AND r.amount > 0 \
            AND NOT EXISTS (SELECT 1 FROM dues_receipts x WHERE x.reverses_id = r.id) \
            AND NOT EXISTS (SELECT 1 FROM dues_return_items i WHERE i.receipt_id = r.id) \
            AND COALESCE((SELECT f.complete FROM dues_formalities f WHERE f.employer_id = r.employer_id AND f.on_date <= \(bind: day.iso) \
            ORDER BY f.on_date DESC, f.id DESC LIMIT 1), \(bind: false)) = \(bind: true) ORDER BY r.employer_id, r.id
            """
        ).all(decoding: Eligible.self)
    }

    static func draw(_ f: ReturnBatchFields, rules: FundsRules, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> ReturnBatch
    {
        let orgID = scope.orgID
        return try await Store.write(db) { tx in
            // Two batches of one federation at once must not both take the same receipts.
            try await Store.lock("organizations", id: orgID, on: tx)
            let receipts = try await eligible(in: scope, from: f.from, to: f.to, on: f.on, on: tx)
            guard !receipts.isEmpty else {
                throw AppError.conflict("\(f.from.chinese)至\(f.to.chinese)没有可返还的经费（须为已完善返还手续单位的工会经费，且未返还过）", field: "from")
            }
            let batch = ReturnBatch()
            batch.$org.id = orgID
            batch.number = Store.registerNumber("FH", year: f.on.year, try await Store.next("dues-return-\(orgID)-\(f.on.year)", on: tx))
            batch.madeOn = f.on.iso
            batch.fromMonth = f.from.iso
            batch.toMonth = f.to.iso
            batch.status = ReturnStatus.pending.rawValue
            batch.madeBy = actor.userID
            var lines: [ReturnLine] = []
            for (employer, rows) in Dictionary(grouping: receipts, by: \.employer_id).sorted(by: { $0.key < $1.key }) {
                let received = rows.reduce(0) { $0 + $1.amount }
                let share = rules.returnShare(ownership: rows.first?.ownership)
                let line = ReturnLine()
                line.$employer.id = employer
                line.unionID = rows.last?.union_id
                line.received = received
                line.sharePercent = share
                line.amount = (received * share + 50) / 100
                lines.append(line)
            }
            batch.total = lines.reduce(0) { $0 + $1.amount }
            try await batch.create(on: tx)
            let id = try batch.requireID()
            for line in lines { line.$batch.id = id }
            try await lines.createInBatches(on: tx)
            try await receipts.map { r in
                let item = ReturnItem()
                item.$batch.id = id
                item.$receipt.id = r.id
                return item
            }.createInBatches(on: tx)
            try await Audit.record(
                FundsAudit.returnBatch, entity: "dues_return", id: id,
                after: ["number": batch.number, "months": "\(f.from.iso)..\(f.to.iso)", "total": Money.yuan(batch.total), "employers": String(lines.count)],
                actor: actor, at: now, on: tx)
            return batch
        }
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> ReturnBatch {
        guard let b = try await ReturnBatch.query(on: db).filter(\.$id == id).filter(scope.contains(column: "dues_returns.org_id")).first() else {
            throw AppError.notFound("返还批次")
        }
        return b
    }

    struct LineRow: Decodable, Sendable {
        var employer_id: Int
        var employer: String
        var union_name: String?
        var received: Int
        var share_percent: Int
        var amount: Int
    }

    static func lines(_ batch: Int, on db: any Database) async throws -> [LineRow] {
        try await db.sql.raw(
            """
            SELECT l.employer_id, e.name AS employer, u.name AS union_name, l.received, l.share_percent, l.amount FROM dues_return_lines l \
            JOIN employers e ON e.id = l.employer_id LEFT JOIN organizations u ON u.id = l.union_id WHERE l.batch_id = \(bind: batch) \
            ORDER BY l.amount DESC, l.id
            """
        ).all(decoding: LineRow.self)
    }

    /// Pays a pending batch: approved by someone other than the person who drew it up.
    static func pay(_ id: Int, _ f: ReturnPaymentFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> ReturnBatch
    {
        try await Store.write(db) { tx in
            try await Store.lock("dues_returns", id: id, on: tx)
            let b = try await find(id, in: scope, on: tx)
            guard b.returnStatus == .pending else { throw AppError.conflict("该返还批次已拨付（\(b.returnStatus.label)）", field: nil) }
            guard let user = actor.userID, user != b.madeBy else {
                throw AppError.refused("经费拨付须由制表人以外的另一人审核（双人复核）")
            }
            b.status = f.status.rawValue
            b.paidOn = f.on.iso
            b.note = f.note
            b.approvedBy = user
            try await b.update(on: tx)
            try await Audit.record(
                FundsAudit.returnPaid, entity: "dues_return", id: id, after: ["status": f.status.label, "paidOn": f.on.iso, "total": Money.yuan(b.total)],
                actor: actor, at: now, on: tx)
            return b
        }
    }
}
