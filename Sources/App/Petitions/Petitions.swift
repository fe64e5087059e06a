import Domain
import Fluent
import SQLKit
import Vapor

/// Petitions (信访件): intake with the possible duplicates shown, A/B handlers checked against the federation, the
/// workflow of `PetitionFlow` with optimistic locking, the timeline, and each handler's work queue.
enum Petitions {
    /// What needs a handler's attention, as list filters and alert kinds.
    enum Alert: String, Choice {
        case overdue, dueSoon, unreported

        var label: String {
            switch self {
            case .overdue: "已逾期"
            case .dueSoon: "即将到期"
            case .unreported: "重大紧急未上报（缓报）"
            }
        }
    }

    struct Filter: Sendable {
        var state: PetitionState?
        var source: PetitionSource?
        var category: PetitionCategory?
        var alert: Alert?
        var handler: Int?
        var urgent = false
        var group = false
        var from: CalendarDate?
        var to: CalendarDate?
        /// Register number, petitioner or employer name.
        var text: String?
        var page = 1
    }

    static let raced = "该信访件刚被他人处理，请刷新后查看最新状态"

    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Petition> {
        Petition.query(on: db).filter(scope.contains(column: "petitions.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Petition {
        guard
            let p = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).with(\.$handlerA).with(\.$handlerB).with(\.$employer)
                .with(\.$member).first()
        else { throw AppError.notFound("信访件") }
        return p
    }

    // MARK: Deadlines and alerts

    static func deadlines(_ p: Petition, rules: PetitionRules, today: CalendarDate) -> [PetitionDeadline] {
        PetitionDeadlines.all(p.dates, rules: rules, today: today)
    }

    /// The alerts a petition raises today: a deadline overdue or due soon, a 重大紧急 matter not reported upward.
    static func alerts(_ p: Petition, rules: PetitionRules, today: CalendarDate) -> [Alert] {
        let states = Set(deadlines(p, rules: rules, today: today).map(\.state))
        var out: [Alert] = []
        if states.contains(.overdue) { out.append(.overdue) }
        if states.contains(.dueSoon) { out.append(.dueSoon) }
        if p.urgent, p.reportedOn == nil { out.append(.unreported) }
        return out
    }

    /// Petitions that may raise an alert: still being handled, owing the transferring body an answer, or unreported.
    static let mayAlert: DatabaseQuery.Filter = .sql(
        SQLQueryString(
            """
            (petitions.state IN ('received', 'accepted', 'inProgress', 'reviewing', 'rechecking') \
            OR (petitions.transfer_reply_due IS NOT NULL AND petitions.transfer_replied_on IS NULL) \
            OR (petitions.urgent AND petitions.reported_on IS NULL))
            """))

    // MARK: Register and queue

    static func list(_ f: Filter, in scope: Scope, rules: PetitionRules, today: CalendarDate, per: Int = 50, on db: any Database)
        async throws -> Paged<Petition>
    {
        var q = scoped(scope, on: db).with(\.$org).with(\.$handlerA).with(\.$handlerB).with(\.$employer)
        if let s = f.state { q = q.filter(\.$state == s.rawValue) }
        if let s = f.source { q = q.filter(\.$source == s.rawValue) }
        if let c = f.category { q = q.filter(\.$category == c.rawValue) }
        if let h = f.handler { q = q.group(.or) { $0.filter(\.$handlerA.$id == h).filter(\.$handlerB.$id == h) } }
        if f.urgent { q = q.filter(\.$urgent == true) }
        if f.group { q = q.filter(\.$workers >= rules.groupSize) }
        if let d = f.from { q = q.filter(\.$receivedOn >= d.iso) }
        if let d = f.to { q = q.filter(\.$receivedOn <= d.iso) }
        if let t = f.text {
            q = q.group(.or) {
                $0.filter(\.$number == t).filter(\.$petitionerName == t).filter(\.$employerName == t)
                    .filter(.sql(SQLQueryString("petitions.employer_id IN (SELECT id FROM employers WHERE name = \(bind: t))")))
            }
        }
        q = q.sort(\.$receivedOn, .descending).sort(\.$id, .descending)
        guard let alert = f.alert else { return try await q.paged(page: f.page, per: per) }
        // Alerts follow from the deadline rules in Swift; only petitions that may raise one are read.
        let rows = try await q.filter(mayAlert).all().filter { alerts($0, rules: rules, today: today).contains(alert) }
        let page = min(max(1, f.page), max(1, (rows.count + per - 1) / per))
        return Paged(rows: Array(rows.dropFirst((page - 1) * per).prefix(per)), total: rows.count, page: page, per: per)
    }

    /// A handler's work queue: petitions they handle as A, and as B while A is away; most pressing deadline first.
    static func queue(for userID: Int, rules: PetitionRules, today: CalendarDate, on db: any Database) async throws -> [Petition] {
        let rows = try await Petition.query(on: db).with(\.$org).with(\.$handlerA).with(\.$handlerB).with(\.$employer).filter(mayAlert)
            .group(.or) { g in
                g.filter(\.$handlerA.$id == userID).group(.and) {
                    $0.filter(\.$handlerB.$id == userID).filter(
                        .sql(SQLQueryString("petitions.handler_a IN (SELECT id FROM users WHERE away_since IS NOT NULL)")))
                }
            }
            .all()
        func urgency(_ p: Petition) -> Int {
            deadlines(p, rules: rules, today: today).compactMap(\.daysLeft).min() ?? Int.max
        }
        return rows.sorted { (urgency($0), $0.id ?? 0) < (urgency($1), $1.id ?? 0) }
    }

    // MARK: Intake

    static func create(
        _ f: PetitionFields, in scope: Scope, cipher: FieldCipher, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> Petition {
        guard let org = try await Organization.scoped(scope, on: db).filter(\.$id == (f.orgId ?? scope.orgID)).first(), let orgID = org.id
        else { throw FieldError(field: "orgId", message: "受理单位不在您的管理范围内") }
        try await checkHandlers([(f.handlerA, "handlerA"), (f.handlerB, "handlerB")], org: org, scope: scope, on: db)
        var member: Member?
        if let id = f.memberId { member = try await MemberQuery.find(id, in: scope, on: db) }
        if let id = f.employerId { _ = try await EmployerQuery.find(id, in: scope, on: db) }
        let idHash = f.petitionerIdNumber.map { cipher.index($0.value) } ?? member?.idNumberHash
        if !f.confirmDuplicate {
            let same = try await duplicates(
                idHash: idHash, memberId: f.memberId, employerId: f.employerId, employerName: f.employerName, category: f.category,
                in: scope, on: db)
            if !same.isEmpty {
                let list = same.map { "\($0.number)（\(Masking.name($0.petitionerName))，\($0.petitionState.label)）" }.joined(separator: "、")
                throw AppError.conflict("可能与在办信访件重复：\(list)。如确认不是重复件，请勾选“确认不是重复件”后再保存", field: "confirmDuplicate")
            }
        }
        let p = Petition()
        p.$org.id = orgID
        p.source = f.source.rawValue
        p.transferBody = f.transferBody
        p.transferRef = f.transferRef
        p.transferReplyDue = f.transferReplyDue?.iso
        p.receivedOn = f.receivedOn.iso
        p.petitionerName = f.petitionerName
        if let phone = f.petitionerPhone {
            p.phoneEncrypted = try cipher.encrypt(phone)
            p.phoneMasked = ContactPhone.masked(phone)
        }
        if let idNumber = f.petitionerIdNumber {
            p.idNumberEncrypted = try cipher.encrypt(idNumber.value)
            p.idNumberMasked = idNumber.masked
        }
        p.idNumberHash = idHash
        p.$member.id = f.memberId
        p.workers = f.workers
        p.$employer.id = f.employerId
        p.employerName = f.employerId == nil ? f.employerName : nil
        p.category = f.category.rawValue
        p.urgent = f.urgent
        p.summary = f.summary
        p.requests = f.requests
        p.state = PetitionState.received.rawValue
        p.$handlerA.id = f.handlerA
        p.$handlerB.id = f.handlerB
        p.version = 0
        p.createdBy = actor.userID
        let year = f.receivedOn.year
        return try await Store.write(db) { tx in
            let n = try await Store.next("petition-\(orgID)-\(year)", on: tx)
            p.number = Store.registerNumber("XF", year: year, n)
            try await p.create(on: tx)
            try await event(
                p.requireID(), kind: "intake", on: f.receivedOn, note: f.source.label, reference: f.transferRef, actor: actor, on: tx)
            try await Audit.record(
                PetitionAudit.create, entity: "petition", id: p.id,
                after: [
                    "number": p.number, "source": f.source.rawValue, "category": f.category.rawValue,
                    "petitioner": Masking.name(f.petitionerName), "handlerA": String(f.handlerA), "handlerB": String(f.handlerB),
                ], actor: actor, at: now, on: tx)
            return p
        }
    }

    /// Open petitions (including answered ones awaiting the follow-up visit) of the same person or employer and category.
    static func duplicates(
        idHash: String?, memberId: Int?, employerId: Int?, employerName: String?, category: PetitionCategory, in scope: Scope,
        on db: any Database
    ) async throws -> [Petition] {
        if idHash == nil, memberId == nil, employerId == nil, employerName == nil { return [] }
        let open = PetitionState.allCases.filter { $0.isOpen || $0 == .replied }.map(\.rawValue)
        return try await scoped(scope, on: db).filter(\.$category == category.rawValue).filter(\.$state ~~ open)
            .group(.or) { g in
                if let h = idHash { g.filter(\.$idNumberHash == h) }
                if let m = memberId { g.filter(\.$member.$id == m) }
                if let e = employerId { g.filter(\.$employer.$id == e) }
                if let n = employerName { g.filter(\.$employerName == n) }
            }
            .sort(\.$id).limit(10).all()
    }

    /// A handler is an active user allowed to handle petitions, placed in the petition's federation: at its node or
    /// above (so they can see it) and inside the caller's own subtree.
    static func checkHandlers(_ handlers: [(id: Int, field: String)], org: Organization, scope: Scope, on db: any Database) async throws {
        for (id, field) in handlers {
            guard let user = try await User.query(on: db).filter(\.$id == id).with(\.$org).first(), !user.disabled,
                Role(rawValue: user.role)?.may(.petitionHandle) == true
            else { throw FieldError(field: field, message: "承办人不存在、已停用或没有信访办理权限") }
            guard org.path.hasPrefix(user.org.path), scope.contains(path: user.org.path) else {
                throw FieldError(field: field, message: "承办人“\(user.displayName)”不属于本总工会（\(org.name)）")
            }
        }
    }

    /// The users who may be chosen as handlers for petitions registered at `scope`'s own node: its active staff
    /// allowed to handle petitions (exactly those `checkHandlers` accepts there).
    static func handlerChoices(in scope: Scope, on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$org.$id == scope.orgID).filter(\.$disabled == false)
            .filter(\.$role ~~ Role.allCases.filter { $0.may(.petitionHandle) }.map(\.rawValue)).sort(\.$displayName).all()
    }

    // MARK: Workflow

    /// One step. The update is conditional on the version read, so two handlers acting at once cannot both succeed.
    static func act(
        _ id: Int, _ action: PetitionAction, in scope: Scope, rules: PetitionRules, today: CalendarDate, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws {
        let p = try await find(id, in: scope, on: db)
        let from = p.petitionState
        let (to, dates): (PetitionState, PetitionDates)
        do throws(PetitionFlowError) {
            (to, dates) = try PetitionFlow.apply(action, to: from, dates: p.dates, today: today, rules: rules)
        } catch {
            switch error {
            case .wrongState(let m): throw AppError.conflict(m, field: "action")
            case .field(let e): throw e
            }
        }
        var sets: [(String, any Encodable & Sendable)] = [("state", to.rawValue)]
        let old = p.dates
        for (column, key) in dateColumns() where old[keyPath: key] != dates[keyPath: key] {
            sets.append((column, dates[keyPath: key]?.iso))
        }
        let note: String?
        switch action {
        case .notAccept(_, let reason):
            sets.append(("decision_note", reason))
            note = reason
        case .transferOut(_, let body):
            sets.append(("decision_note", "转往" + body))
            note = "转往" + body
        case .extend(_, let days, let reason, let approver):
            sets += [("extension_days", days), ("extension_reason", reason), ("extension_approver", approver)]
            note = "延长\(days)天（\(approver)批准）：\(reason)"
        case .reply(_, let summary, let reference):
            sets += [("reply_summary", summary), ("reply_ref", reference)]
            note = summary
        case .close(let on, let satisfaction):
            sets += [("closed_on", on.iso), ("satisfaction", satisfaction.rawValue)]
            note = "回访：" + satisfaction.label
        case .report(let on, let body):
            sets += [("reported_on", on.iso), ("reported_to", body)]
            note = "报告" + body
        case .reopen:
            note = to == .reviewing ? "申请复查" : "申请复核"
        case .accept, .start, .replyToTransferrer:
            note = nil
        }
        let reference: String? = if case .reply(_, _, let r) = action { r } else { nil }
        let columns = sets
        try await Store.write(db) { tx in
            try await Store.updateVersioned("petitions", id: id, version: p.version, columns, at: now, conflict: raced, on: tx)
            try await event(id, kind: action.code.rawValue, on: action.date, note: note, reference: reference, actor: actor, on: tx)
            try await Audit.record(
                action.code, entity: "petition", id: id, before: ["state": from.rawValue],
                after: ["state": to.rawValue, "date": action.date.iso], actor: actor, at: now, on: tx)
        }
    }

    /// The dated columns of a petition and the `PetitionDates` field each stores.
    private static func dateColumns() -> [(String, KeyPath<PetitionDates, CalendarDate?>)] {
        [
            ("accepted_on", \.accepted), ("notified_on", \.notified), ("transfer_replied_on", \.transferRepliedOn),
            ("answered_on", \.answered), ("review_requested_on", \.reviewRequested), ("review_answered_on", \.reviewAnswered),
            ("recheck_requested_on", \.recheckRequested), ("recheck_answered_on", \.recheckAnswered),
        ]
    }

    // MARK: Timeline and handlers

    static func event(
        _ petitionID: Int, kind: String, on date: CalendarDate, note: String?, reference: String? = nil, actor: Audit.Actor,
        on db: any Database
    ) async throws {
        let e = PetitionEvent()
        e.$petition.id = petitionID
        e.kind = kind
        e.onDate = date.iso
        e.note = note
        e.reference = reference
        e.$user.id = actor.userID
        try await e.create(on: db)
    }

    static func timeline(_ id: Int, on db: any Database) async throws -> [PetitionEvent] {
        try await PetitionEvent.query(on: db).filter(\.$petition.$id == id).with(\.$user).sort(\.$onDate).sort(\.$id).all()
    }

    /// A contact on the timeline; the first contact of an accepted petition starts its handling.
    static func addContact(_ id: Int, _ c: ContactFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        let p = try await find(id, in: scope, on: db)
        if c.on < p.dates.received {
            throw FieldError(field: "date", message: "日期不能早于收件日期（\(p.receivedOn)）")
        }
        try await Store.write(db) { tx in
            if p.petitionState == .accepted {
                try await Store.updateVersioned(
                    "petitions", id: id, version: p.version, [("state", PetitionState.inProgress.rawValue)], at: now, conflict: raced,
                    on: tx)
            }
            try await event(id, kind: c.kind.rawValue, on: c.on, note: c.note, reference: c.reference, actor: actor, on: tx)
            try await Audit.record(
                PetitionAudit.contact, entity: "petition", id: id, after: ["kind": c.kind.rawValue, "date": c.on.iso], actor: actor, at: now,
                on: tx)
        }
    }

    /// Reassigns the A and B handlers, with the reason on the timeline and in the audit log.
    static func changeHandlers(
        _ id: Int, _ h: HandlerChange, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        let p = try await find(id, in: scope, on: db)
        try await checkHandlers([(h.handlerA, "handlerA"), (h.handlerB, "handlerB")], org: p.org, scope: scope, on: db)
        let names = try await User.query(on: db).filter(\.$id ~~ [h.handlerA, h.handlerB]).all()
        func name(_ id: Int) -> String { names.first { $0.id == id }?.displayName ?? String(id) }
        let note = "A角：\(p.handlerA.displayName)→\(name(h.handlerA))；B角：\(p.handlerB.displayName)→\(name(h.handlerB))。原因：\(h.reason)"
        try await Store.write(db) { tx in
            try await Store.updateVersioned(
                "petitions", id: id, version: p.version, [("handler_a", h.handlerA), ("handler_b", h.handlerB)], at: now, conflict: raced,
                on: tx)
            try await event(id, kind: "handlers", on: today, note: note, actor: actor, on: tx)
            try await Audit.record(
                PetitionAudit.handlers, entity: "petition", id: id,
                before: ["handlerA": String(p.$handlerA.id), "handlerB": String(p.$handlerB.id)],
                after: ["handlerA": String(h.handlerA), "handlerB": String(h.handlerB), "reason": h.reason], actor: actor, at: now, on: tx)
        }
    }

    /// Marks a handler away (their petitions move to each B handler's queue) or back. Anyone may mark themselves; marking
    /// a colleague needs the manage permission and the colleague in the caller's subtree.
    static func setAway(
        _ userID: Int, away: Bool, principal: Principal, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$id == userID).with(\.$org).first(),
            principal.scope.contains(path: user.org.path)
        else { throw AppError.notFound("用户") }
        if userID != principal.userID, !principal.role.may(.petitionManage) { throw AppError.refused("只能标记本人外出，标记他人需信访管理权限") }
        user.awaySince = away ? today.iso : nil
        try await Store.write(db) { tx in
            try await user.save(on: tx)
            try await Audit.record(
                PetitionAudit.away, entity: "user", id: userID, after: ["away": away ? "是" : "否", "since": user.awaySince ?? ""], actor: actor,
                at: now, on: tx)
        }
        return user
    }

    // MARK: Recoveries

    /// Records money recovered for workers in a petition or a mediation, no earlier than the case began.
    static func addRecovery(
        _ r: RecoveryFields, petitionID: Int?, mediationID: Int?, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> Recovery {
        let orgID: Int
        let started: String
        if let id = petitionID {
            let p = try await find(id, in: scope, on: db)
            (orgID, started) = (p.$org.id, p.receivedOn)
        } else if let id = mediationID {
            let m = try await Mediations.find(id, in: scope, on: db)
            (orgID, started) = (m.$org.id, m.appliedOn)
        } else {
            throw AppError.notFound("案件")
        }
        if r.on.iso < started { throw FieldError(field: "date", message: "到位日期不能早于案件开始日期（\(started)）") }
        let row = Recovery()
        row.$org.id = orgID
        row.$petition.id = petitionID
        row.$mediation.id = mediationID
        row.kind = r.kind.rawValue
        row.workers = r.workers
        row.migrantWorkers = r.migrantWorkers
        row.amount = r.amount
        row.onDate = r.on.iso
        row.note = r.note
        row.createdBy = actor.userID
        return try await Store.write(db) { tx in
            try await row.create(on: tx)
            try await Audit.record(
                PetitionAudit.recoveryCreate, entity: "recovery", id: row.id,
                after: [
                    "kind": r.kind.rawValue, "workers": String(r.workers), "amount": Money.yuan(r.amount),
                    "petition": petitionID.map(String.init) ?? "",
                    "mediation": mediationID.map(String.init) ?? "",
                ], actor: actor, at: now, on: tx)
            return row
        }
    }

    static func recoveries(petitionID: Int? = nil, mediationID: Int? = nil, on db: any Database) async throws -> [Recovery] {
        var q = Recovery.query(on: db)
        if let id = petitionID { q = q.filter(\.$petition.$id == id) }
        if let id = mediationID { q = q.filter(\.$mediation.$id == id) }
        return try await q.sort(\.$onDate).all()
    }
}
