import Domain
import Fluent
import SQLKit
import Vapor

/// Relief funds and their append-only ledgers. A balance is always the sum of the entries, so it cannot drift;
/// a payment that would take a fund below zero needs an explicit, audited overdraft reason.
enum FundLedger {
    /// Funds the caller can see: their own subtree's and their federations' (a union pays out of its federation's fund).
    static func visible(in scope: Scope, on db: any Database) async throws -> [Fund] {
        try await Fund.query(on: db).filter(scope.containsOrAbove(column: "funds.org_id")).with(\.$org).sort(\.$id).all()
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Fund {
        guard
            let f = try await Fund.query(on: db).filter(\.$id == id).filter(scope.containsOrAbove(column: "funds.org_id")).with(\.$org)
                .first()
        else { throw AppError.notFound("资金账户") }
        return f
    }

    /// Balances of several funds in one query.
    static func balances(_ ids: [Int], on db: any Database) async throws -> [Int: Int] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { var fund_id: Int; var total: Int? }
        let rows = try await db.sql.select().column("fund_id").column(SQLRaw("CAST(SUM(amount) AS BIGINT)"), as: "total")
            .from("fund_entries").where("fund_id", .in, ids).groupBy("fund_id").all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.fund_id, $0.total ?? 0) })
    }

    static func balance(_ id: Int, on db: any Database) async throws -> Int {
        try await balances([id], on: db)[id] ?? 0
    }

    static func create(_ fields: FundFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Fund {
        let clean = fields.name
        let f = Fund()
        f.$org.id = scope.orgID
        f.name = clean
        return try await Store.write(db) { tx in
            if try await Fund.query(on: tx).filter(\.$org.$id == scope.orgID).filter(\.$name == clean).first() != nil {
                throw AppError.conflict("已有同名资金账户“\(clean)”", field: "name")
            }
            try await f.create(on: tx)
            try await Audit.record(ReliefAudit.fundCreate, entity: "fund", id: f.id, after: ["name": clean], actor: actor, at: now, on: tx)
            return f
        }
    }

    /// Money in: an allocation from above, the union's own funds, or a donation. Only the owning subtree records it.
    static func receive(
        _ fundID: Int, _ e: FundEntryFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> FundEntry {
        let fund = try await find(fundID, in: scope, on: db)
        guard scope.contains(path: fund.org.path) else { throw AppError.refused("只有资金账户所属的工会可以登记入账") }
        let entry = FundEntry()
        entry.$fund.id = fundID
        entry.kind = FundEntryKind.moneyIn.rawValue
        entry.source = e.source.rawValue
        entry.amount = e.amount
        entry.onDate = e.onDate.iso
        entry.note = e.note
        entry.overdraft = false
        entry.userID = actor.userID
        try await Store.write(db) { tx in
            try await entry.create(on: tx)
            try await Audit.record(
                ReliefAudit.fundIn, entity: "fund", id: fundID,
                after: ["amount": Money.yuan(e.amount), "source": e.source.label, "date": e.onDate.iso], actor: actor, at: now, on: tx)
        }
        return entry
    }

    /// Money out for a disbursement (negative `amount` reverses one), inside the caller's transaction.
    static func post(
        fund fundID: Int, amount: Int, kind: DisbursementKind, disbursementID: Int?, on date: CalendarDate, note: String,
        overdraftReason: String?, actor: Audit.Actor, at now: Date, on tx: any Database
    ) async throws {
        // Two payments from one fund at once must not both see the balance before the other.
        try await Store.lock("funds", id: fundID, on: tx)
        let balance = try await balance(fundID, on: tx)
        let overdraft = balance - amount < 0
        if overdraft && amount > 0 && overdraftReason == nil {
            throw AppError.conflict(
                "资金余额不足：当前余额\(Money.yuan(balance))元，本次发放\(Money.yuan(amount))元。如确需透支发放，请勾选“透支发放”并填写原因",
                field: "overdraft")
        }
        let entry = FundEntry()
        entry.$fund.id = fundID
        entry.kind = kind.ledgerKind.rawValue
        entry.amount = -amount
        entry.onDate = date.iso
        entry.note = note
        entry.disbursementID = disbursementID
        entry.overdraft = overdraft && amount > 0
        entry.userID = actor.userID
        try await entry.create(on: tx)
        if entry.overdraft {
            try await Audit.record(
                ReliefAudit.fundOverdraft, entity: "fund", id: fundID,
                after: ["balance": Money.yuan(balance), "amount": Money.yuan(amount), "reason": overdraftReason ?? ""], actor: actor,
                at: now, on: tx)
        }
    }

    /// One page of a fund's ledger in date order, each line with the balance after it. A union looking at its
    /// federation's fund sees only the lines of its own subtree's payments, without balances: other unions' payees
    /// and amounts are not theirs to read.
    static func ledger(_ fund: Fund, for scope: Scope, page: Int, per: Int = 50, on db: any Database) async throws -> (
        Paged<FundEntry>, [Int?]
    ) {
        let fundID = try fund.requireID()
        var query = FundEntry.query(on: db).filter(\.$fund.$id == fundID)
        guard scope.contains(path: fund.org.path) else {
            query = query.filter(
                .sql(
                    SQLQueryString(
                        """
                        fund_entries.disbursement_id IN (SELECT d.id FROM disbursements d JOIN relief_applications a ON a.id = d.application_id \
                        WHERE \(scope.contains("a.org_id")))
                        """)))
            let paged = try await query.sort(\.$onDate).sort(\.$id).paged(page: page, per: per)
            return (paged, paged.rows.map { _ in nil })
        }
        let paged = try await query.sort(\.$onDate).sort(\.$id).paged(page: page, per: per)
        guard let first = paged.rows.first, let firstID = first.id else { return (paged, []) }
        struct Row: Decodable { var total: Int? }
        let before =
            try await db.sql.select().column(SQLRaw("CAST(SUM(amount) AS BIGINT)"), as: "total").from("fund_entries")
            .where("fund_id", .equal, fundID)
            .where {
                $0.where("on_date", .lessThan, first.onDate).orWhere {
                    $0.where("on_date", .equal, first.onDate).where("id", .lessThan, firstID)
                }
            }
            .first(decoding: Row.self)?.total ?? 0
        var running = before
        let balances = paged.rows.map { e -> Int? in
            running += e.amount
            return running
        }
        return (paged, balances)
    }
}
