import Domain
import Fluent
import SQLKit
import Vapor

/// Negotiations (集体协商): the request, the negotiators, and the steps of `NegotiationFlow` with optimistic locking;
/// signing makes the contract in the same transaction.
enum Negotiations {
    struct Filter: Sendable {
        var state: NegotiationState?
        var kind: ContractKind?
        var level: ContractLevel?
        var open = false
        /// Number, or the employer's or the employers' side's name.
        var text: String?
        var page = 1
    }

    static let raced = "该集体协商刚被他人办理，请刷新后查看最新状态"

    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Negotiation> {
        Negotiation.query(on: db).filter(scope.contains(column: "negotiations.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Negotiation {
        guard let n = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).with(\.$employer).first() else {
            throw AppError.notFound("集体协商")
        }
        return n
    }

    static func list(_ f: Filter, in scope: Scope, per: Int = 50, on db: any Database) async throws -> Paged<Negotiation> {
        var q = scoped(scope, on: db).with(\.$org).with(\.$employer)
        if let s = f.state { q = q.filter(\.$state == s.rawValue) }
        if let k = f.kind { q = q.filter(\.$kind == k.rawValue) }
        if let l = f.level { q = q.filter(\.$level == l.rawValue) }
        if f.open { q = q.filter(\.$state ~~ NegotiationState.allCases.filter(\.isOpen).map(\.rawValue)) }
        if let t = f.text {
            q = q.group(.or) {
                $0.filter(\.$number == t.uppercased()).filter(Like.contains("negotiations.counterpart", t))
                    .filter(.sql(SQLQueryString("negotiations.employer_id IN (SELECT id FROM employers WHERE name = \(bind: t))")))
            }
        }
        return try await q.sort(\.$requestedOn, .descending).sort(\.$id, .descending).paged(page: f.page, per: per)
    }

    static func seats(_ id: Int, on db: any Database) async throws -> [Negotiator] {
        try await Negotiator.query(on: db).filter(\.$negotiation.$id == id).sort(\.$side, .descending).sort(\.$chief, .descending)
            .sort(\.$joinedOn).sort(\.$id).all()
    }

    static func deadlines(_ n: Negotiation, seats: [Negotiator], rules: ContractRules, today: CalendarDate) -> [ContractDeadline] {
        ContractDeadlines.negotiation(n.dates(seats: seats.map(\.seat)), state: n.negotiationState, rules: rules, today: today)
    }

    /// The union that bargains, in scope (the caller's own node unless another is named), and the employer in scope.
    static func checkParties(orgId: Int?, employerId: Int?, in scope: Scope, on db: any Database) async throws -> (Organization, Employer?) {
        guard let org = try await Organization.scoped(scope, on: db).filter(\.$id == (orgId ?? scope.orgID)).first() else {
            throw FieldError(field: "orgId", message: "所选工会不在您的管理范围内")
        }
        var employer: Employer?
        if let id = employerId {
            guard let e = try await Employer.scoped(scope, on: db).filter(\.$id == id).first() else {
                throw FieldError(field: "employerId", message: "所选企业不在您的管理范围内")
            }
            employer = e
        }
        return (org, employer)
    }

    // MARK: Request

    static func create(
        _ f: NegotiationFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> Negotiation {
        let (org, employer) = try await checkParties(orgId: f.parties.orgId, employerId: f.parties.employerId, in: scope, on: db)
        if let id = f.renewsId {
            guard try await Contracts.scoped(scope, on: db).filter(\.$id == id).first() != nil else {
                throw FieldError(field: "renewsId", message: "要续签的集体合同不在您的管理范围内")
            }
        }
        let orgID = try org.requireID()
        let n = Negotiation()
        n.$org.id = orgID
        n.kind = f.parties.kind.rawValue
        n.level = f.parties.level.rawValue
        n.$employer.id = employer?.id
        n.counterpart = f.parties.counterpart ?? employer?.name
        n.requestedBy = f.requestedBy.rawValue
        n.requestedOn = f.requestedOn.iso
        n.request = f.request
        n.renewsID = f.renewsId
        n.state = NegotiationState.requested.rawValue
        n.rounds = 0
        n.failedVotes = 0
        n.version = 0
        n.createdBy = actor.userID
        let year = f.requestedOn.year
        return try await Store.write(db) { tx in
            let seq = try await Store.next("negotiation-\(year)", on: tx)
            n.number = Store.registerNumber("XS", year: year, seq)
            try await n.create(on: tx)
            let id = try n.requireID()
            try await event(negotiation: id, kind: "request", on: f.requestedOn, note: "\(f.requestedBy.label)：\(f.request)", actor: actor, on: tx)
            try await Audit.record(
                ContractAudit.negotiationCreate, entity: "negotiation", id: id,
                after: ["number": n.number, "kind": n.kind, "level": n.level, "party": n.counterpart ?? ""], actor: actor, at: now, on: tx)
            return n
        }
    }

    // MARK: Negotiators

    /// Seats a negotiator: the negotiation still open, not before the request, and at most one chief a side at a time.
    static func addNegotiator(
        _ id: Int, _ f: NegotiatorFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        let n = try await find(id, in: scope, on: db)
        guard n.negotiationState.isOpen else { throw AppError.conflict("该集体协商已结束，不能再增加协商代表", field: "name") }
        if f.joinedOn < n.dates(seats: []).requested {
            throw FieldError(field: "joinedOn", message: "产生日期不能早于要约日期（\(n.requestedOn)）")
        }
        let seats = try await seats(id, on: db)
        if f.chief, let other = seats.first(where: { $0.seat.side == f.side && $0.chief && $0.seat.sits(on: f.joinedOn) }) {
            throw FieldError(field: "chief", message: "\(f.side.label)已有首席代表\(other.name)，请先登记其离任")
        }
        let seat = Negotiator()
        seat.$negotiation.id = id
        seat.side = f.side.rawValue
        seat.name = f.name
        seat.position = f.position
        seat.chief = f.chief
        seat.joinedOn = f.joinedOn.iso
        try await Store.write(db) { tx in
            try await seat.create(on: tx)
            let note = "\(f.side.label)\(f.chief ? "首席" : "")代表\(f.name)\(f.position.map { "（\($0)）" } ?? "")"
            try await event(negotiation: id, kind: "negotiator", on: f.joinedOn, note: note, actor: actor, on: tx)
            try await Audit.record(
                ContractAudit.negotiator, entity: "negotiation", id: id, after: ["negotiator": f.name, "side": f.side.rawValue],
                actor: actor, at: now, on: tx)
        }
    }

    /// A negotiator leaves: the seat must be refilled within `vacancyDays` (an alert until it is).
    static func leave(
        _ id: Int, negotiator seatID: Int, _ f: FormFields, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws {
        let n = try await find(id, in: scope, on: db)
        guard let seat = try await Negotiator.query(on: db).filter(\.$id == seatID).filter(\.$negotiation.$id == id).first() else {
            throw AppError.notFound("协商代表")
        }
        guard seat.leftOn == nil else { throw AppError.conflict("\(seat.name)已于\(seat.leftOn ?? "")离任", field: "leftOn") }
        guard n.negotiationState.isOpen else { throw AppError.conflict("该集体协商已结束", field: "leftOn") }
        let leave = try NegotiatorLeave.validate(f, joined: seat.seat.joined, today: today)
        try await Store.write(db) { tx in
            try await tx.sql.update("negotiators").set("left_on", to: leave.leftOn.iso).set("left_reason", to: leave.reason)
                .where("id", .equal, seatID).where(SQLColumn("left_on"), .is, SQLLiteral.null).run()
            try await event(negotiation: id, kind: "negotiatorLeft", on: leave.leftOn, note: "\(seat.name)离任：\(leave.reason)", actor: actor, on: tx)
            try await Audit.record(
                ContractAudit.negotiatorLeft, entity: "negotiation", id: id, after: ["negotiator": seat.name, "leftOn": leave.leftOn.iso],
                actor: actor, at: now, on: tx)
        }
    }

    // MARK: Workflow

    /// One step. The update is conditional on the version read, so two people acting at once cannot both succeed.
    /// Signing makes the contract (with the employer covered, for an enterprise's own contract).
    @discardableResult
    static func act(
        _ id: Int, _ action: NegotiationAction, in scope: Scope, rules: ContractRules, today: CalendarDate, actor: Audit.Actor,
        at now: Date, on db: any Database
    ) async throws -> Int? {
        let n = try await find(id, in: scope, on: db)
        let seats = try await seats(id, on: db)
        let from = n.negotiationState
        let (to, dates): (NegotiationState, NegotiationDates)
        do throws(ContractFlowError) {
            (to, dates) = try NegotiationFlow.apply(action, to: from, dates: n.dates(seats: seats.map(\.seat)), today: today, rules: rules)
        } catch {
            switch error {
            case .wrongState(let m): throw AppError.conflict(m, field: "action")
            case .field(let e): throw e
            }
        }
        var sets: [(String, any Encodable & Sendable)] = [("state", to.rawValue)]
        var note: String?
        switch action {
        case .reply(let on, let answer, let text):
            sets += [("replied_on", on.iso), ("reply_note", text)]
            note = answer.label + (text.map { "：\($0)" } ?? "")
        case .round(let on, let minutes):
            sets += [("rounds", dates.rounds), ("last_round_on", on.iso)]
            note = "第\(dates.rounds)轮协商：\(minutes)"
        case .draft(let on):
            sets.append(("drafted_on", on.iso))
        case .vote(let v):
            if v.body == .allStaff, n.contractLevel == .enterprise, let e = n.employer, e.headcount >= rules.congressFrom {
                throw FieldError(field: "body", message: "\(e.name)有职工\(e.headcount)人（\(rules.congressFrom)人以上），草案应提交职工代表大会审议")
            }
            sets += [
                ("voted_on", v.on.iso), ("vote_body", v.body.rawValue), ("delegates", v.delegates), ("attending", v.attending),
                ("approving", v.approving),
            ]
            if v.result == .failed { sets.append(("failed_votes", n.failedVotes + 1)) }
            note = "\(v.body.label)：应到\(v.delegates)人，实到\(v.attending)人，赞成\(v.approving)票，\(v.result.label)"
                + (v.result == .failed ? "，退回继续协商" : "")
        case .sign(let on, let terms):
            sets.append(("signed_on", on.iso))
            note = "双方首席代表签字，合同期限\(terms.startsOn.iso)至\(terms.endsOn.iso)"
        }
        let columns = sets
        let eventNote = note
        return try await Store.write(db) { tx in
            try await Store.updateVersioned("negotiations", id: id, version: n.version, columns, at: now, conflict: raced, on: tx)
            var contractID: Int?
            if case .sign(let on, let terms) = action {
                let c = try await Contracts.insert(
                    from: n, signedOn: on, terms: terms, state: .signed, dates: nil, actor: actor, at: now, on: tx)
                contractID = c
                try await tx.sql.update("negotiations").set("contract_id", to: c).where("id", .equal, id).run()
            }
            try await event(negotiation: id, kind: action.code.rawValue, on: action.date, note: eventNote, actor: actor, on: tx)
            try await Audit.record(
                action.code, entity: "negotiation", id: id, before: ["state": from.rawValue],
                after: ["state": to.rawValue, "date": action.date.iso], actor: actor, at: now, on: tx)
            return contractID
        }
    }

    // MARK: Timeline

    static func event(
        negotiation: Int? = nil, contract: Int? = nil, kind: String, on date: CalendarDate, note: String?, actor: Audit.Actor,
        on db: any Database
    ) async throws {
        let e = ContractEvent()
        e.$negotiation.id = negotiation
        e.$contract.id = contract
        e.kind = kind
        e.onDate = date.iso
        e.note = note
        e.$user.id = actor.userID
        try await e.create(on: db)
    }

    static func timeline(negotiation: Int? = nil, contract: Int? = nil, on db: any Database) async throws -> [ContractEvent] {
        var q = ContractEvent.query(on: db).with(\.$user)
        if let negotiation { q = q.filter(\.$negotiation.$id == negotiation) }
        if let contract { q = q.filter(\.$contract.$id == contract) }
        return try await q.sort(\.$onDate).sort(\.$id).all()
    }
}
