import Domain
import Fluent
import SQLKit
import Vapor

/// Collective contracts (集体合同): made by signing a negotiation or registered as they stand, the employers they
/// cover, and the steps of `ContractFlow` (filing, review, taking effect, publication, checks, ending); a renewal
/// taking effect replaces the contract it renews.
enum Contracts {
    /// What a list may be narrowed to besides state and kind: contracts with a deadline overdue, expiring within the
    /// renewal window, or in force today.
    enum Alert: String, Choice {
        case overdue, expiring, inForce

        var label: String {
            switch self {
            case .overdue: "有逾期事项"
            case .expiring: "即将期满"
            case .inForce: "现行有效"
            }
        }
    }

    struct Filter: Sendable {
        var state: ContractState?
        var kind: ContractKind?
        var level: ContractLevel?
        var alert: Alert?
        var text: String?
        var page = 1
    }

    static let raced = "该集体合同刚被他人办理，请刷新后查看最新状态"

    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<CollectiveContract> {
        CollectiveContract.query(on: db).filter(scope.contains(column: "contracts.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> CollectiveContract {
        guard
            let c = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).with(\.$employer).with(\.$negotiation)
                .with(\.$renews).first()
        else { throw AppError.notFound("集体合同") }
        return c
    }

    static func deadlines(_ c: CollectiveContract, rules: ContractRules, today: CalendarDate) -> [ContractDeadline] {
        ContractDeadlines.contract(c.dates, state: c.contractState, rules: rules, today: today)
    }

    /// Contracts not ended: those that may still raise an alert.
    static let current: DatabaseQuery.Filter = .sql(
        SQLQueryString("(contracts.state <> 'terminated' AND contracts.superseded_on IS NULL)"))

    static func list(_ f: Filter, in scope: Scope, rules: ContractRules, today: CalendarDate, per: Int = 50, on db: any Database)
        async throws -> Paged<CollectiveContract>
    {
        var q = scoped(scope, on: db).with(\.$org).with(\.$employer)
        if let s = f.state { q = q.filter(\.$state == s.rawValue) }
        if let k = f.kind { q = q.filter(\.$kind == k.rawValue) }
        if let l = f.level { q = q.filter(\.$level == l.rawValue) }
        if let t = f.text {
            q = q.group(.or) {
                $0.filter(\.$number == t.uppercased()).filter(Like.contains("contracts.counterpart", t)).filter(Like.contains("contracts.title", t))
                    .filter(.sql(SQLQueryString("contracts.employer_id IN (SELECT id FROM employers WHERE name = \(bind: t))")))
            }
        }
        q = q.sort(\.$signedOn, .descending).sort(\.$id, .descending)
        switch f.alert {
        case nil: return try await q.paged(page: f.page, per: per)
        case .inForce?: return try await q.filter(.sql(inForce("contracts", on: today))).paged(page: f.page, per: per)
        case let alert?:
            // Deadlines follow from the rules in Swift; only contracts not ended are read.
            func wanted(_ d: ContractDeadline) -> Bool {
                alert == .overdue ? d.state == .overdue : d.kind == .renewal && d.state == .dueSoon
            }
            let rows = try await q.filter(current).all().filter { deadlines($0, rules: rules, today: today).contains(where: wanted) }
            let page = min(max(1, f.page), max(1, (rows.count + per - 1) / per))
            return Paged(rows: Array(rows.dropFirst((page - 1) * per).prefix(per)), total: rows.count, page: page, per: per)
        }
    }

    /// A contract row aliased `c` in force on `day`.
    static func inForce(_ c: String, on day: CalendarDate) -> SQLQueryString {
        let d: String = day.iso
        let t: String = c
        let sql: SQLQueryString =
            "(\(unsafeRaw: t).effective_on <= \(bind: d) AND \(unsafeRaw: t).ends_on >= \(bind: d) AND (\(unsafeRaw: t).terminated_on IS NULL OR \(unsafeRaw: t).terminated_on > \(bind: d)) AND (\(unsafeRaw: t).superseded_on IS NULL OR \(unsafeRaw: t).superseded_on > \(bind: d)))"
        return sql
    }

    static func covered(_ id: Int, on db: any Database) async throws -> [CoveredEmployer] {
        try await CoveredEmployer.query(on: db).filter(\.$contract.$id == id).with(\.$employer).sort(\.$headcount, .descending)
            .sort(\.$id).all()
    }

    // MARK: Making a contract

    /// Inserts a contract (inside the caller's transaction) from a signed negotiation or a registered record, with
    /// the employer covered when it is one employer's own contract. Returns its id.
    static func insert(
        from n: Negotiation?, parties: (org: Int, kind: ContractKind, level: ContractLevel, employer: Employer?, counterpart: String?)? = nil,
        signedOn: CalendarDate, terms: ContractTerms, state: ContractState, dates: ContractDates?, actor: Audit.Actor, at now: Date,
        on tx: any Database
    ) async throws -> Int {
        let c = CollectiveContract()
        let employer = n?.employer ?? parties?.employer
        c.$org.id = n?.$org.id ?? parties?.org ?? 0
        c.kind = (n?.contractKind ?? parties?.kind ?? .comprehensive).rawValue
        c.level = (n?.contractLevel ?? parties?.level ?? .enterprise).rawValue
        c.$employer.id = employer?.id
        c.counterpart = n?.counterpart ?? parties?.counterpart ?? employer?.name
        c.$negotiation.id = n?.id
        c.$renews.id = n?.renewsID
        c.signedOn = signedOn.iso
        c.startsOn = terms.startsOn.iso
        c.endsOn = terms.endsOn.iso
        c.workers = terms.workers
        c.womenWorkers = terms.womenWorkers
        c.wageRise = terms.wageRise
        c.minimumWage = terms.minimumWage
        c.state = state.rawValue
        if let dates { c.apply(dates) }
        c.version = 0
        c.createdBy = actor.userID
        let kind = ContractKind(rawValue: c.kind) ?? .comprehensive
        let level = ContractLevel(rawValue: c.level) ?? .enterprise
        c.title = terms.title ?? "\(c.counterpart ?? "")\(level.coversMany ? level.label : "")\(kind.label)"
        let seq = try await Store.next("contract-\(signedOn.year)", on: tx)
        c.number = Store.registerNumber("HT", year: signedOn.year, seq)
        try await c.create(on: tx)
        let id = try c.requireID()
        if let employer, let employerID = employer.id {
            let e = CoveredEmployer()
            e.$contract.id = id
            e.$employer.id = employerID
            e.headcount = employer.headcount
            try await e.create(on: tx)
        }
        try await Negotiations.event(contract: id, kind: "signed", on: signedOn, note: c.title, actor: actor, on: tx)
        try await Audit.record(
            ContractAudit.contractCreate, entity: "contract", id: id,
            after: ["number": c.number, "kind": c.kind, "level": c.level, "state": c.state], actor: actor, at: now, on: tx)
        return id
    }

    /// 登记已有集体合同: a contract as it stands, with the dates it has reached.
    static func register(
        _ f: ContractRecordFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> Int {
        try await registerAll([f], in: scope, actor: actor, at: now, on: db).first ?? 0
    }

    /// Several contracts as they stand (a register imported), all in one transaction: all or none.
    static func registerAll(
        _ list: [ContractRecordFields], in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> [Int] {
        typealias Parties = (org: Int, kind: ContractKind, level: ContractLevel, employer: Employer?, counterpart: String?)
        var rows: [(ContractRecordFields, Parties, ContractDates)] = []
        for f in list {
            let (org, employer) = try await Negotiations.checkParties(
                orgId: f.parties.orgId, employerId: f.parties.employerId, in: scope, on: db)
            var dates = ContractDates(kind: f.parties.kind, signed: f.signedOn, starts: f.terms.startsOn, ends: f.terms.endsOn)
            dates.filed = f.filedOn
            dates.effective = f.effectiveOn
            dates.published = f.publishedOn
            rows.append((f, (try org.requireID(), f.parties.kind, f.parties.level, employer, f.parties.counterpart), dates))
        }
        let prepared = rows
        return try await Store.write(db) { tx in
            var ids: [Int] = []
            for (f, parties, dates) in prepared {
                ids.append(
                    try await insert(
                        from: nil, parties: parties, signedOn: f.signedOn, terms: f.terms, state: f.state, dates: dates, actor: actor, at: now,
                        on: tx))
            }
            return ids
        }
    }

    // MARK: Workflow

    static func act(
        _ id: Int, _ action: ContractAction, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        let c = try await find(id, in: scope, on: db)
        let from = c.contractState
        let (to, dates): (ContractState, ContractDates)
        do throws(ContractFlowError) {
            (to, dates) = try ContractFlow.apply(action, to: from, dates: c.dates, today: today)
        } catch {
            switch error {
            case .wrongState(let m): throw AppError.conflict(m, field: "action")
            case .field(let e): throw e
            }
        }
        if action.code == .submit || action.code == .resubmit, c.contractLevel.coversMany {
            guard try await CoveredEmployer.query(on: db).filter(\.$contract.$id == id).count() > 0 else {
                throw AppError.conflict("\(c.contractLevel.label)集体合同请先登记覆盖的企业，再报送审查", field: "action")
            }
        }
        var sets: [(String, any Encodable & Sendable)] = [("state", to.rawValue)]
        let old = c.dates
        for (column, key) in dateColumns where old[keyPath: key] != dates[keyPath: key] { sets.append((column, dates[keyPath: key]?.iso)) }
        var note: String?
        switch action {
        case .object(_, let text):
            sets.append(("objection", text))
            note = text
        case .resubmit(_, let text), .check(_, let text): note = text
        case .publish(_, let channel):
            sets.append(("published_via", channel))
            note = channel
        case .end(_, let reason):
            sets.append(("end_reason", reason))
            note = reason
        case .submit: note = "报送材料：" + FilingItem.required(for: c.contractLevel).map(\.label).joined(separator: "、")
        case .takeEffect: note = nil
        }
        let columns = sets
        let eventNote = note
        let renews = c.$renews.id
        try await Store.write(db) { tx in
            try await Store.updateVersioned("contracts", id: id, version: c.version, columns, at: now, conflict: raced, on: tx)
            // The renewal in force replaces the contract it renews from that day.
            if case .takeEffect(let on) = action, let old = renews {
                try await tx.sql.update("contracts").set("superseded_on", to: on.iso).where("id", .equal, old)
                    .where(SQLColumn("superseded_on"), .is, SQLLiteral.null).run()
                try await Negotiations.event(contract: old, kind: "superseded", on: on, note: "被续签的新合同替代", actor: actor, on: tx)
            }
            try await Negotiations.event(contract: id, kind: action.code.rawValue, on: action.date, note: eventNote, actor: actor, on: tx)
            try await Audit.record(
                action.code, entity: "contract", id: id, before: ["state": from.rawValue],
                after: ["state": to.rawValue, "date": action.date.iso], actor: actor, at: now, on: tx)
        }
    }

    private static let dateColumns: [(String, KeyPath<ContractDates, CalendarDate?>)] = [
        ("filed_on", \.filed), ("refiled_on", \.refiled), ("objected_on", \.objected), ("effective_on", \.effective),
        ("published_on", \.published), ("terminated_on", \.terminated),
    ]

    /// A sectoral or regional contract covers one more employer of the subtree (before it has ended).
    static func addCovered(
        _ id: Int, _ f: CoveredEmployerFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        let c = try await find(id, in: scope, on: db)
        guard c.contractLevel.coversMany else {
            throw AppError.conflict("企业集体合同只覆盖签订企业本身", field: "employerId")
        }
        guard c.contractState != .terminated, c.supersededOn == nil else {
            throw AppError.conflict("该合同已终止或已被替代，不能再增加覆盖企业", field: "employerId")
        }
        guard let employer = try await Employer.scoped(scope, on: db).filter(\.$id == f.employerId).first() else {
            throw FieldError(field: "employerId", message: "所选企业不在您的管理范围内")
        }
        if try await CoveredEmployer.query(on: db).filter(\.$contract.$id == id).filter(\.$employer.$id == f.employerId).first() != nil {
            throw FieldError(field: "employerId", message: "\(employer.name)已在本合同覆盖范围内")
        }
        let e = CoveredEmployer()
        e.$contract.id = id
        e.$employer.id = f.employerId
        e.headcount = f.headcount ?? employer.headcount
        try await Store.write(db) { tx in
            try await e.create(on: tx)
            try await Audit.record(
                ContractAudit.covered, entity: "contract", id: id, after: ["employer": employer.name, "headcount": String(e.headcount)],
                actor: actor, at: now, on: tx)
        }
    }
}

extension Contracts {
    /// The contract as the holder of its filing pack's documents (`Attachments`).
    static func owner(_ id: Int, org: Int) -> Attachments.Owner { .init(kind: "contract", id: id, orgID: org) }
}
