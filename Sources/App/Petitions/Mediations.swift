import Domain
import Fluent
import Vapor

/// Labour-dispute mediations (劳动争议调解): the application with its parties and mediators, the 15-day limit after
/// which a party may go to arbitration, and the outcome; linked to the petition it came from.
enum Mediations {
    struct Filter: Sendable {
        var outcome: MediationOutcome?
        var overdue = false
        var page = 1
    }

    static let raced = "该调解案件刚被他人处理，请刷新后查看最新状态"

    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Mediation> {
        Mediation.query(on: db).filter(scope.contains(column: "mediations.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Mediation {
        guard let m = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).with(\.$employer).with(\.$petition).first() else {
            throw AppError.notFound("调解案件")
        }
        return m
    }

    /// The day the mediation limit ends: the application date plus the configured days.
    static func limit(_ m: Mediation, rules: PetitionRules) -> CalendarDate? {
        CalendarDate(parsing: m.appliedOn)?.adding(days: rules.mediationDays)
    }

    static func list(_ f: Filter, in scope: Scope, rules: PetitionRules, today: CalendarDate, on db: any Database) async throws
        -> Paged<Mediation>
    {
        // A row names the employer; the union and the source petition go by id.
        var q = scoped(scope, on: db).with(\.$employer)
        if let o = f.outcome { q = q.filter(\.$outcome == o.rawValue) }
        if f.overdue {
            q = q.filter(\.$outcome == MediationOutcome.pending.rawValue).filter(
                \.$appliedOn < today.adding(days: -rules.mediationDays).iso)
        }
        return try await q.sort(\.$appliedOn, .descending).sort(\.$id, .descending).paged(page: f.page, per: 50)
    }

    static func create(_ f: MediationFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> Mediation
    {
        var orgID = scope.orgID
        if let id = f.petitionId {
            let p = try await Petitions.find(id, in: scope, on: db)
            orgID = p.$org.id
            if f.appliedOn.iso < p.receivedOn {
                throw FieldError(field: "appliedOn", message: "申请日期不能早于来源信访件的收件日期（\(p.receivedOn)）")
            }
        }
        if let id = f.employerId { _ = try await EmployerQuery.find(id, in: scope, on: db) }
        let m = Mediation()
        m.$org.id = orgID
        m.$petition.id = f.petitionId
        m.applicantName = f.applicantName
        m.workers = f.workers
        m.$employer.id = f.employerId
        m.employerName = f.employerId == nil ? f.employerName : nil
        m.claim = f.claim
        m.claimAmount = f.claimAmount
        m.appliedOn = f.appliedOn.iso
        m.mediators = f.mediators
        m.outcome = MediationOutcome.pending.rawValue
        m.performed = false
        m.version = 0
        m.createdBy = actor.userID
        let (year, org) = (f.appliedOn.year, orgID)
        return try await Store.write(db) { tx in
            let n = try await Store.next("mediation-\(org)-\(year)", on: tx)
            m.number = Store.registerNumber("TJ", year: year, n)
            try await m.create(on: tx)
            if let pid = f.petitionId {
                try await Petitions.event(pid, kind: "mediation", on: f.appliedOn, note: "转入劳动争议调解 \(m.number)", actor: actor, on: tx)
            }
            try await Audit.record(
                PetitionAudit.mediationCreate, entity: "mediation", id: m.id,
                after: ["number": m.number, "petition": f.petitionId.map(String.init) ?? "", "workers": String(f.workers)], actor: actor,
                at: now, on: tx)
            return m
        }
    }

    /// Records the outcome. A decided case is not decided again; only the performance of an agreement may be added later.
    /// The outcome is validated against the case it decides (`outcome` is given the case's application date, and
    /// reports every wrong field at once).
    static func decide(
        _ id: Int, _ outcome: (_ appliedOn: CalendarDate) throws(FieldErrors) -> MediationOutcomeFields, in scope: Scope,
        actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        let m = try await find(id, in: scope, on: db)
        guard let applied = CalendarDate(parsing: m.appliedOn) else { throw AppError.notFound("调解案件") }
        let o = try outcome(applied)
        let current = m.mediationOutcome ?? .pending
        if current != .pending {
            guard current == .agreement, o.outcome == .agreement, o.performed, !m.performed else {
                throw AppError.conflict("该案件已结案（\(current.label)），不能再改结果", field: "outcome")
            }
        }
        try await Store.write(db) { tx in
            try await Store.updateVersioned(
                "mediations", id: id, version: m.version,
                [
                    ("outcome", o.outcome.rawValue), ("decided_on", o.decidedOn.iso), ("agreed_amount", o.agreedAmount),
                    ("performed", o.performed),
                    ("note", o.note),
                ], at: now, conflict: raced, on: tx)
            try await Audit.record(
                PetitionAudit.mediationDecide, entity: "mediation", id: id, before: ["outcome": m.outcome],
                after: [
                    "outcome": o.outcome.rawValue, "date": o.decidedOn.iso, "amount": o.agreedAmount.map(Money.yuan) ?? "",
                    "performed": o.performed ? "是" : "否",
                ], actor: actor, at: now, on: tx)
        }
    }

    static func linked(toPetition id: Int, on db: any Database) async throws -> [Mediation] {
        try await Mediation.query(on: db).filter(\.$petition.$id == id).with(\.$employer).sort(\.$id).all()
    }
}
