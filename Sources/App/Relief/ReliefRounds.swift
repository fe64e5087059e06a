import Domain
import Fluent
import SQLKit
import Vapor

/// Relief rounds: created by a federation for its subtree, seen by the unions below it.
enum ReliefRounds {
    static func visible(in scope: Scope, on db: any Database) -> QueryBuilder<ReliefRound> {
        ReliefRound.query(on: db).filter(scope.containsOrAbove(column: "relief_rounds.org_id"))
    }

    /// The rounds a list's filter offers, newest first: ids and names read as two columns (a county's 160 rounds with
    /// their funds decoded as models took a seventh of the applications list's CPU, for a select).
    static func choices(in scope: Scope, on db: any Database) async throws -> [(id: Int, name: String)] {
        struct Row: Decodable { var id: Int; var name: String }
        return try await db.sql.raw(
            "SELECT r.id, r.name FROM relief_rounds r WHERE \(scope.containsOrAbove("r.org_id")) ORDER BY r.starts_on DESC, r.id DESC"
        ).all(decoding: Row.self).map { ($0.id, $0.name) }
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> ReliefRound {
        guard let r = try await visible(in: scope, on: db).filter(\.$id == id).with(\.$fund).with(\.$org).first() else {
            throw AppError.notFound("帮扶批次")
        }
        return r
    }

    static func list(in scope: Scope, on db: any Database) async throws -> [ReliefRound] {
        try await visible(in: scope, on: db).with(\.$fund).sort(\.$startsOn, .descending).sort(\.$id, .descending).all()
    }

    static func create(_ f: RoundFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> ReliefRound
    {
        // A round pays out of a fund of the federation or one above it.
        let fund: Fund
        do { fund = try await FundLedger.find(f.fundId, in: scope, on: db) } catch AppError.notFound {
            throw FieldError(field: "fundId", message: "资金账户不存在或不可用")
        }
        let r = ReliefRound()
        r.$org.id = scope.orgID
        r.name = f.name
        r.kind = f.kind.rawValue
        r.startsOn = f.startsOn.iso
        r.endsOn = f.endsOn.iso
        r.$fund.id = f.fundId
        r.budget = f.budget
        r.standards = encodeStandards(f.standards)
        r.reportsUpward = f.reportsUpward
        r.secondApprovalAbove = f.secondApprovalAbove ?? 0
        r.createdBy = actor.userID
        return try await Store.write(db) { tx in
            if try await ReliefRound.query(on: tx).filter(\.$org.$id == scope.orgID).filter(\.$name == f.name).first() != nil {
                throw AppError.conflict("已有同名帮扶批次“\(f.name)”", field: "name")
            }
            try await r.create(on: tx)
            try await Audit.record(
                ReliefAudit.round, entity: "relief_round", id: r.id,
                after: ["name": f.name, "kind": f.kind.rawValue, "budget": Money.yuan(f.budget), "fund": fund.name], actor: actor, at: now,
                on: tx)
            return r
        }
    }

    static func standards(_ r: ReliefRound) -> [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(r.standards.utf8))) ?? [:]
    }

    static func encodeStandards(_ s: [String: Int]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: (try? e.encode(s)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The standard amount for a case: the named key, else the `default` standard.
    static func standard(_ r: ReliefRound, key: String?) -> Int? {
        let s = standards(r)
        return key.flatMap { s[$0] } ?? s["default"]
    }

    /// The second-approval threshold: the round's own, else the configured one.
    static func secondApprovalAbove(_ r: ReliefRound, settings: ReliefSettings) -> Int {
        r.secondApprovalAbove > 0 ? r.secondApprovalAbove : settings.secondApprovalAbove
    }
}
