import Domain
import Fluent
import SQLKit
import Vapor

/// Workers' congresses: a term with its delegates (the make-up checked as they are elected), its sessions with the
/// two-thirds quorum and the report to the higher union, resolutions with their votes, and proposals.
enum Congresses {
    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Congress> {
        Congress.query(on: db).filter(scope.contains(column: "congresses.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Congress {
        guard let c = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).with(\.$employer).first() else {
            throw AppError.notFound("职代会")
        }
        return c
    }

    static func list(in scope: Scope, page: Int, on db: any Database) async throws -> Paged<Congress> {
        try await scoped(scope, on: db).with(\.$org).with(\.$employer).sort(\.$termStart, .descending).sort(\.$id, .descending)
            .paged(page: page, per: 50)
    }

    static func create(_ f: CongressFields, in scope: Scope, rules: ContractRules, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> Congress
    {
        let (org, employer) = try await Negotiations.checkParties(orgId: f.orgId, employerId: f.employerId, in: scope, on: db)
        let c = Congress()
        c.$org.id = try org.requireID()
        c.kind = f.kind.rawValue
        c.level = f.level.rawValue
        c.$employer.id = employer?.id
        c.name = f.name ?? "\(employer?.name ?? org.name)\(f.kind.label)"
        c.termStart = f.termStart.iso
        c.termYears = f.termYears
        c.staff = f.staff
        c.womenStaff = f.womenStaff
        c.seats = f.seats
        c.allStaff = CongressMakeup(kind: f.kind, level: f.level, staff: f.staff, womenStaff: f.womenStaff, seats: f.seats).allStaff(rules)
        c.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await c.create(on: tx)
            try await Audit.record(
                ContractAudit.congressCreate, entity: "congress", id: c.id, after: ["name": c.name, "termStart": c.termStart], actor: actor,
                at: now, on: tx)
        }
        return c
    }

    static func delegates(_ id: Int, on db: any Database) async throws -> [Delegate] {
        try await Delegate.query(on: db).filter(\.$congress.$id == id).sort(\.$constituency).sort(\.$id).all()
    }

    static func makeup(_ c: Congress, _ delegates: [Delegate]) -> CongressMakeup {
        CongressMakeup(
            kind: c.congressKind, level: c.congressLevel, staff: c.staff, womenStaff: c.womenStaff, seats: c.seats, delegates: delegates.count,
            women: delegates.filter { $0.gender == Gender.female.rawValue }.count,
            managers: delegates.filter { $0.category == DelegateCategory.manager.rawValue }.count, teachers: delegates.filter(\.teacher).count)
    }

    static func addDelegate(_ id: Int, _ f: DelegateFields, in scope: Scope, rules: ContractRules, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        let c = try await find(id, in: scope, on: db)
        if f.electedOn > c.termEnds { throw FieldError(field: "electedOn", message: "当选日期不能晚于本届届满（\(c.termEnds.iso)）") }
        try await Store.write(db) { tx in
            try await Store.lock("congresses", id: id, on: tx)
            try makeup(c, try await delegates(id, on: tx)).admits(f.category, rules)
            let d = Delegate()
            d.$congress.id = id
            d.name = f.name
            d.gender = f.gender.rawValue
            d.category = f.category.rawValue
            d.constituency = f.constituency
            d.teacher = f.teacher
            d.electedOn = f.electedOn.iso
            try await d.create(on: tx)
            try await Audit.record(
                ContractAudit.delegate, entity: "congress", id: id, after: ["delegate": f.name, "category": f.category.rawValue], actor: actor,
                at: now, on: tx)
        }
    }

    static func sessions(_ id: Int, on db: any Database) async throws -> [CongressSession] {
        try await CongressSession.query(on: db).filter(\.$congress.$id == id).sort(\.$heldOn).sort(\.$id).all()
    }

    /// Who should attend a session: all staff, or the delegates elected (the seats while none are recorded).
    static func members(_ c: Congress, delegates: Int) -> Int { c.allStaff ? c.staff : delegates > 0 ? delegates : c.seats }

    static func addSession(_ id: Int, _ values: FormFields, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> CongressSession
    {
        let c = try await find(id, in: scope, on: db)
        let members = members(c, delegates: try await delegates(id, on: db).count)
        let f = try SessionFields.validate(values, termStart: c.start, members: members, today: today)
        if f.heldOn > c.termEnds { throw FieldError(field: "heldOn", message: "本届已于\(c.termEnds.iso)届满，请先登记新一届") }
        let s = CongressSession()
        s.$congress.id = id
        s.title = f.title
        s.heldOn = f.heldOn.iso
        s.members = members
        s.attending = f.attending
        s.proposalsFrom = f.proposalsFrom?.iso
        s.proposalsTo = f.proposalsTo?.iso
        s.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await s.create(on: tx)
            try await Audit.record(
                ContractAudit.session, entity: "congress", id: id, after: ["session": f.title, "heldOn": f.heldOn.iso], actor: actor, at: now,
                on: tx)
        }
        return s
    }

    /// The session of a congress in scope.
    static func session(_ sessionID: Int, in scope: Scope, on db: any Database) async throws -> (CongressSession, Congress) {
        guard let s = try await CongressSession.query(on: db).filter(\.$id == sessionID).first(),
            let c = try await scoped(scope, on: db).filter(\.$id == s.$congress.id).with(\.$org).with(\.$employer).first()
        else { throw AppError.notFound("会议") }
        return (s, c)
    }

    /// The session reported to the higher union (within `reportWorkingDays`).
    static func report(_ sessionID: Int, _ values: FormFields, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        let (s, c) = try await session(sessionID, in: scope, on: db)
        guard s.reportedOn == nil else { throw AppError.conflict("已于\(s.reportedOn ?? "")报告上级工会", field: "reportedOn") }
        let day = try DoneOn.validate(values, key: "reportedOn", label: "报告日期", after: s.held, afterLabel: "召开日期", today: today).day
        try await Store.write(db) { tx in
            try await tx.sql.update("congress_sessions").set("reported_on", to: day.iso).where("id", .equal, sessionID).run()
            try await Audit.record(
                ContractAudit.sessionReport, entity: "congress", id: c.id, after: ["session": s.title, "reportedOn": day.iso], actor: actor, at: now,
                on: tx)
        }
    }

    static func addResolution(_ sessionID: Int, _ values: FormFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        let (s, c) = try await session(sessionID, in: scope, on: db)
        let f = try ResolutionFields.validate(values, attending: s.attending)
        let r = Resolution()
        r.$session.id = sessionID
        r.title = f.title
        r.approving = f.approving
        r.against = f.against
        r.abstaining = f.abstaining
        r.passed = f.approving * 2 > s.members
        try await Store.write(db) { tx in
            try await r.create(on: tx)
            try await Audit.record(
                ContractAudit.resolution, entity: "congress", id: c.id, after: ["resolution": f.title, "passed": String(r.passed)], actor: actor,
                at: now, on: tx)
        }
    }

    static func resolutions(sessions: [Int], on db: any Database) async throws -> [Resolution] {
        guard !sessions.isEmpty else { return [] }
        return try await Resolution.query(on: db).filter(\.$session.$id ~~ sessions).sort(\.$id).all()
    }

    /// When the next session is due: a period after the latest one (or after the term began), never after the term.
    static func nextSessionDue(start: CalendarDate, lastHeld: CalendarDate?, rules: ContractRules) -> CalendarDate {
        (lastHeld ?? start).adding(months: rules.sessionMonths)
    }

    // MARK: Proposals

    static let proposalRaced = "该提案刚被他人办理，请刷新后查看最新状态"

    static func proposals(in scope: Scope, on db: any Database) -> QueryBuilder<Proposal> {
        Proposal.query(on: db).join(CongressSession.self, on: \Proposal.$session.$id == \CongressSession.$id)
            .join(Congress.self, on: \CongressSession.$congress.$id == \Congress.$id).filter(scope.contains(column: "congresses.org_id"))
    }

    static func proposal(_ id: Int, in scope: Scope, on db: any Database) async throws -> (Proposal, CongressSession, Congress) {
        guard let p = try await proposals(in: scope, on: db).filter(\.$id == id).first() else { throw AppError.notFound("提案") }
        let (s, c) = try await session(p.$session.id, in: scope, on: db)
        return (p, s, c)
    }

    static func submit(_ f: ProposalFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Proposal {
        let (s, _) = try await session(f.sessionId, in: scope, on: db)
        if let from = s.proposalsFrom.flatMap(CalendarDate.init(parsing:)), let to = s.proposalsTo.flatMap(CalendarDate.init(parsing:)),
            !(from...to).contains(f.submittedOn)
        {
            throw FieldError(field: "submittedOn", message: "不在本次大会的提案征集期内（\(from.iso)至\(to.iso)）")
        }
        let p = Proposal()
        p.$session.id = f.sessionId
        p.title = f.title
        p.content = f.content
        p.proposer = f.proposer
        p.cosigners = f.cosigners.joined(separator: "、")
        p.submittedOn = f.submittedOn.iso
        p.state = ProposalState.submitted.rawValue
        p.version = 0
        p.createdBy = actor.userID
        try await Store.write(db) { tx in
            let n = try await Store.next("proposal-\(f.submittedOn.year)", on: tx)
            p.number = Store.registerNumber("TA", year: f.submittedOn.year, n)
            try await p.create(on: tx)
            try await Audit.record(ContractAudit.proposalCreate, entity: "proposal", id: p.id, after: ["number": p.number], actor: actor, at: now, on: tx)
        }
        return p
    }

    static func act(_ id: Int, _ a: ProposalAction, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        let (p, _, _) = try await proposal(id, in: scope, on: db)
        let from = p.proposalState
        let to: ProposalState
        do throws(ContractFlowError) {
            (to, _) = try ProposalFlow.apply(a, to: from, dates: p.dates, rated: p.satisfaction != nil, today: today)
        } catch {
            switch error {
            case .wrongState(let m): throw AppError.conflict(m, field: "action")
            case .field(let e): throw e
            }
        }
        var sets: [(String, any Encodable & Sendable)] = [("state", to.rawValue)]
        switch a {
        case .register(let on, let department): sets += [("registered_on", on.iso), ("department", department)]
        case .giveBack(let on, let reason): sets += [("returned_on", on.iso), ("return_reason", reason)]
        case .reply(let on, let answer): sets += [("replied_on", on.iso), ("answer", answer)]
        case .rate(let on, let s): sets += [("rated_on", on.iso), ("satisfaction", s.rawValue)]
        case .report(let on): sets.append(("reported_on", on.iso))
        }
        let columns = sets
        try await Store.write(db) { tx in
            try await Store.updateVersioned("proposals", id: id, version: p.version, columns, at: now, conflict: proposalRaced, on: tx)
            try await Audit.record(
                a.code, entity: "proposal", id: id, before: ["state": from.rawValue], after: ["state": to.rawValue, "date": a.date.iso],
                actor: actor, at: now, on: tx)
        }
    }

    /// A registered proposal's reply deadline.
    static func replyDue(_ p: Proposal, rules: ContractRules) -> CalendarDate? {
        p.registeredOn.flatMap(CalendarDate.init(parsing:)).map { $0.adding(days: rules.proposalReplyDays) }
    }
}
