import Domain
import Fluent
import SQLKit
import Vapor

/// Relief applications: made with an eligibility check, moved through the workflow (`ReliefFlow`) with optimistic
/// locking, and paid exactly once however many times the payment is submitted.
enum ReliefApplications {
    struct Filter: Sendable {
        var roundId: Int?
        var state: ReliefState?
        var orgId: Int?
        var page = 1
    }

    /// The facts stored with an application (what was stated and found when it was made).
    struct Facts: Codable, Sendable {
        var schoolLevel: String?
        var exclusions: [String]
        var workInjury: Bool
        var festivalTarget: Bool
        var suddenCause: Bool
        var hospitalDays: Int?
        var coveredCost: Int?
        var suggestedTier: String?
        var fileStatus: String?
    }

    static let raced = "该申请刚被他人处理，请刷新后查看最新状态"

    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<ReliefApplication> {
        ReliefApplication.query(on: db).filter(scope.contains(column: "relief_applications.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> ReliefApplication {
        guard
            let a = try await scoped(scope, on: db).filter(\.$id == id).with(\.$member).with(\.$org).with(\.$round).with(\.$file).first()
        else { throw AppError.notFound("帮扶申请") }
        return a
    }

    static func list(_ f: Filter, in scope: Scope, per: Int = 50, on db: any Database) async throws -> Paged<ReliefApplication> {
        // What a list row and its API shape show: the union and round names, the member and file by id alone.
        var q = scoped(scope, on: db).with(\.$org).with(\.$round)
        if let r = f.roundId { q = q.filter(\.$round.$id == r) }
        if let s = f.state { q = q.filter(\.$state == s.rawValue) }
        if let o = f.orgId { q = q.filter(\.$org.$id == o) }
        return try await q.sort(\.$id, .descending).paged(page: f.page, per: per)
    }

    static func steps(_ id: Int, on db: any Database) async throws -> [ReliefStep] {
        try await ReliefStep.query(on: db).filter(\.$application.$id == id).sort(\.$id).all()
    }

    static func disbursements(_ id: Int, on db: any Database) async throws -> [Disbursement] {
        try await Disbursement.query(on: db).filter(\.$application.$id == id).sort(\.$id).all()
    }

    // MARK: Applying

    /// An application as its fields make it, every check of a new one passed (round, dates, eligibility, amount),
    /// not yet saved: what `create` inserts and `update` writes over a draft.
    private struct Prepared {
        var application: ReliefApplication
        var name: String
        var round: ReliefRound
        var file: HardshipFile?
    }

    private static func prepare(
        _ f: ApplicationFields, in scope: Scope, settings: ReliefSettings, today: CalendarDate, userID: Int, on db: any Database
    ) async throws -> Prepared {
        let round = try await ReliefRounds.find(f.roundId, in: scope, on: db)
        guard let kind = round.reliefKind else { throw AppError.notFound("帮扶批次") }
        // The day applied is the day counted: within the round, never in the future; entered after the round ended
        // (补录) only by federation staff, with the reason, which the record and the audit keep.
        let appliedOn = f.appliedOn ?? today
        if appliedOn > today { throw FieldError(field: "appliedOn", message: "申请日期不能晚于今天") }
        if let starts = CalendarDate(parsing: round.startsOn), appliedOn < starts {
            throw FieldError(field: "appliedOn", message: "申请日期不能早于“\(round.name)”的开始日期\(starts.iso)")
        }
        var late: String?
        if let ends = CalendarDate(parsing: round.endsOn) {
            if appliedOn > ends { throw FieldError(field: "appliedOn", message: "申请日期不能晚于“\(round.name)”的截止日期\(ends.iso)") }
            if today > ends {
                let own = try await Organization.find(scope.orgID, on: db)
                guard own?.level == OrgLevel.federation.rawValue else {
                    throw AppError.conflict("“\(round.name)”已于\(ends.iso)结束；结束后补录申请须由总工会工作人员办理", field: "roundId")
                }
                guard let reason = f.lateReason else {
                    throw FieldError(field: "lateReason", message: "“\(round.name)”已于\(ends.iso)结束，补录申请须填写补录原因")
                }
                late = reason
            }
        }
        // A member (with their household's open file, if any), or a non-member household through its file.
        var member: Member?
        if let id = f.memberId { member = try await MemberQuery.find(id, in: scope, on: db) }
        let file: HardshipFile?
        if let member {
            file = try await HardshipFiles.openFile(headHash: member.idNumberHash, on: db)
            if let file, file.$org.id != member.$union.id {
                throw AppError.conflict("该户已在其他工会建有困难职工档案（档案编号\(file.id ?? 0)），请由建档工会申请", field: "memberId")
            }
        } else if let fileID = f.fileId {
            let found = try await HardshipFiles.find(fileID, in: scope, on: db)
            guard found.fileStatus?.isOpen == true else {
                throw AppError.conflict("该档案已关闭，不能再申请帮扶", field: "fileId")
            }
            file = found
        } else {
            throw FieldError(field: "memberId", message: "请选择申请会员")
        }
        let name = member?.name ?? file?.headName ?? ""
        let union = try await Organization.find(member?.$union.id ?? file?.$org.id ?? scope.orgID, on: db)
        if let founded = union?.foundedOn.flatMap(CalendarDate.init(parsing:)), appliedOn < founded {
            throw FieldError(field: "appliedOn", message: "申请日期不能早于\(union?.name ?? "")的成立日期\(founded.iso)")
        }
        // Eligibility is that of the year applied in.
        let year = appliedOn.year
        let suggested = file.map { HardshipFiles.suggestedTier($0, settings: settings, year: year).tier } ?? nil
        var enrolled: MedicalEnrolment?
        if let id = f.memberId {
            enrolled = try await MedicalEnrolment.query(on: db).filter(\.$member.$id == id).filter(\.$year == year).first()
        }
        // A household filed without membership is the federation's own case: it counts as a member of the union here.
        let facts = EligibilityFacts(
            activeMember: member.map { $0.status == MemberStatus.active.rawValue } ?? true,
            fileStatus: file.flatMap { $0.fileStatus },
            suggestedTier: suggested, migrantWorker: member?.migrantWorker ?? false, schoolLevel: f.schoolLevel, exclusions: f.exclusions,
            medicalEnrolled: enrolled != nil, workInjury: f.workInjury, festivalTarget: f.festivalTarget, suddenCause: f.suddenCause)
        let reasons = Eligibility.reasons(kind: kind, facts: facts, year: year, migrantChildrenFrom: settings.migrantChildrenFrom)
        if !reasons.isEmpty {
            throw FieldError(field: "memberId", message: "\(name)不符合“\(kind.label)”申请条件：" + reasons.joined(separator: "；"))
        }
        let key = f.standardKey ?? f.schoolLevel?.rawValue ?? file?.tier
        var requested = f.requested
        if kind == .medical, requested == nil, let memberID = f.memberId {
            let paid = try await paidThisYear(memberID: memberID, kind: .medical, year: year, on: db)
            let payout = settings.medicalScheme.payout(
                hospitalDays: f.hospitalDays ?? 0, coveredCost: f.coveredCost ?? 0, paidThisYear: paid)
            guard payout > 0 else { throw FieldError(field: "hospitalDays", message: "按互助办法计算的补助为0元（未超过等待期或已达年度上限）") }
            requested = payout
        }
        guard let amount = requested ?? ReliefRounds.standard(round, key: key) else {
            throw FieldError(field: "requested", message: "本轮未设标准金额，请填写申请金额")
        }
        let a = ReliefApplication()
        a.$round.id = f.roundId
        a.$org.id = member?.$union.id ?? file?.$org.id ?? scope.orgID
        a.$member.id = f.memberId
        a.$file.id = file?.id
        a.state = ReliefState.draft.rawValue
        a.appliedOn = appliedOn.iso
        a.lateReason = late
        a.requested = amount
        a.standardKey = key
        a.facts = json(
            Facts(
                schoolLevel: f.schoolLevel?.rawValue, exclusions: f.exclusions.map(\.rawValue), workInjury: f.workInjury,
                festivalTarget: f.festivalTarget, suddenCause: f.suddenCause, hospitalDays: f.hospitalDays, coveredCost: f.coveredCost,
                suggestedTier: suggested?.rawValue, fileStatus: file?.status))
        a.documents = json(f.documents.map(\.rawValue))
        a.note = f.note
        a.createdBy = userID
        a.paidAttempt = 0
        a.version = 0
        return Prepared(application: a, name: name, round: round, file: file)
    }

    static func create(
        _ f: ApplicationFields, in scope: Scope, settings: ReliefSettings, today: CalendarDate, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws -> ReliefApplication {
        guard let userID = actor.userID else { throw AppError.unauthorized }
        let prepared = try await prepare(f, in: scope, settings: settings, today: today, userID: userID, on: db)
        let (a, name, round, file) = (prepared.application, prepared.name, prepared.round, prepared.file)
        let (amount, lateReason) = (a.requested, a.lateReason)
        guard let appliedOn = CalendarDate(parsing: a.appliedOn) else { throw AppError.notFound("帮扶申请") }
        return try await Store.write(db) { tx in
            // One application a round per member and per household, a withdrawn one included (the table's unique keys).
            var same = ReliefApplication.query(on: tx).filter(\.$round.$id == f.roundId)
            if let fileID = file?.id {
                same = same.group(.or) { $0.filter(\.$member.$id == f.memberId).filter(\.$file.$id == fileID) }
            } else {
                same = same.filter(\.$member.$id == f.memberId)
            }
            if let other = try await same.first() {
                let state = other.reliefState.map { "，\($0.label)" } ?? ""
                let hint = other.reliefState?.isEditable == true ? "，请打开该申请修改或撤回" : ""
                throw AppError.conflict("\(name)在“\(round.name)”中已有申请（编号\(other.id ?? 0)\(state)）\(hint)", field: "memberId")
            }
            try await a.create(on: tx)
            try await step(a, action: "create", from: .draft, to: .draft, amount: amount, comment: f.note, on: appliedOn, actor: actor, on: tx)
            var after = ["round": round.name, "applicant": Masking.name(name), "requested": Money.yuan(amount), "appliedOn": appliedOn.iso]
            if let lateReason { after["lateReason"] = lateReason }
            try await Audit.record(
                lateReason == nil ? ReliefAudit.apply : ReliefAudit.lateEntry, entity: "relief_application", id: a.id, after: after, actor: actor,
                at: now, on: tx)
            return a
        }
    }

    /// A draft or an application returned for completion, changed by its applicant: every check of a new one again,
    /// in the same round for the same person, on the day it was applied (`change` reads the input keeping those);
    /// the change is a step of its own (修改申请) and audited with what it changed.
    static func update(
        _ id: Int, _ change: (ApplicationFields.Fixed) throws -> ApplicationFields, in scope: Scope, settings: ReliefSettings, today: CalendarDate, actor: Audit.Actor,
        at now: Date, on db: any Database
    ) async throws -> ReliefApplication {
        guard let userID = actor.userID else { throw AppError.unauthorized }
        let current = try await find(id, in: scope, on: db)
        guard let state = current.reliefState, state.isEditable else {
            throw AppError.conflict("当前状态为“\(current.reliefState?.label ?? current.state)”，申请已不能修改", field: nil)
        }
        let f = try change(
            ApplicationFields.Fixed(
                roundId: current.$round.id, memberId: current.$member.id, fileId: current.$file.id,
                appliedOn: CalendarDate(parsing: current.appliedOn), lateReason: current.lateReason))
        let next = try await prepare(f, in: scope, settings: settings, today: today, userID: userID, on: db).application
        let before = ["requested": Money.yuan(current.requested), "documents": current.documents, "note": current.note ?? ""]
        let after = ["requested": Money.yuan(next.requested), "documents": next.documents, "note": next.note ?? ""]
        try await Store.write(db) { tx in
            try await Store.updateVersioned(
                "relief_applications", id: id, version: current.version,
                [
                    ("requested", next.requested), ("standard_key", next.standardKey), ("facts", next.facts), ("documents", next.documents),
                    ("note", next.note),
                ], at: now, conflict: ReliefApplications.raced, on: tx)
            try await step(current, action: "edit", from: state, to: state, amount: next.requested, comment: next.note, on: today, actor: actor, on: tx)
            try await Audit.record(
                ReliefAudit.edit, entity: "relief_application", id: id, before: before, after: after, actor: actor, at: now, on: tx)
        }
        return try await find(id, in: scope, on: db)
    }

    /// What a member has been paid (net of reversals) under one kind in a year: the medical scheme's annual cap.
    static func paidThisYear(memberID: Int, kind: ReliefKind, year: Int, on db: any Database) async throws -> Int {
        struct Row: Decodable { var total: Int? }
        return try await db.sql.raw(
            """
            SELECT CAST(SUM(d.amount) AS BIGINT) AS total FROM disbursements d JOIN relief_applications a ON a.id = d.application_id \
            JOIN relief_rounds r ON r.id = a.round_id \
            WHERE a.member_id = \(bind: memberID) AND r.kind = \(bind: kind.rawValue) AND d.paid_on LIKE \(bind: "\(year)-%")
            """
        ).first(decoding: Row.self)?.total ?? 0
    }

    // MARK: Workflow

    /// One workflow step (every step but payment), decided inside the write transaction. The round is locked first
    /// (PostgreSQL; SQLite's write transaction already keeps other writers out), so two approvals at once cannot both
    /// spend the last of its budget; the update is conditional on the version read, so two people acting on one
    /// application cannot both succeed: the loser gets a 409 and sees the new state.
    static func act(
        _ id: Int, _ action: ReliefAction, on day: CalendarDate, comment: String?, in scope: Scope, settings: ReliefSettings,
        actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        guard let userID = actor.userID else { throw AppError.unauthorized }
        if case .pay = action { throw AppError.badRequest("发放请使用发放登记", field: nil) }
        let a = try await find(id, in: scope, on: db)
        let round = a.round
        guard let from = a.reliefState, let kind = round.reliefKind else {
            throw AppError.notFound("帮扶申请")
        }
        if action == .submit {
            let provided = Set(decodeList(a.documents))
            let missing = ReliefDocument.required(for: kind).filter { !provided.contains($0.rawValue) }
            if !missing.isEmpty {
                throw FieldError(field: "documents", message: "提交前请补齐申请材料：" + missing.map(\.label).joined(separator: "、"))
            }
        }
        try await checkOrder(a, day, field: "date", on: db)
        try await Store.write(db) { tx in
            try await Store.lock("relief_rounds", id: round.requireID(), on: tx)
            let (context, payment) = try await flowContext(a, state: from, actor: userID, settings: settings, on: tx)
            let to: ReliefState
            do throws(ReliefFlowError) { to = try ReliefFlow.apply(action, to: from, context) } catch { throw error.appError }
            let overBudget = (action.amount ?? context.pendingAmount).map { ReliefFlow.exceedsBudget($0, context) } ?? false
            let change = columns(for: action, from: from, to: to, userID: userID, overBudget: overBudget)
            var stepAmount = change.amount
            if from.isPaidOut, !to.isPaidOut {
                guard let payment else { throw AppError.conflict("找不到要冲正的发放记录", field: nil) }
                // The reason is the asker's when a second person confirms, else the one given now.
                let why = (from == .reversalRequested ? a.reversalReason : change.note) ?? ""
                try await reversePayment(a, payment, reason: why, on: day, actor: actor, at: now, on: tx)
                stepAmount = -payment.amount
            }
            try await Store.updateVersioned(
                "relief_applications", id: id, version: a.version, change.sets, at: now, conflict: ReliefApplications.raced, on: tx)
            try await step(
                a, action: action.name, from: from, to: to, amount: stepAmount, comment: change.note ?? comment, on: day, actor: actor, on: tx)
            var after = ["date": day.iso, "state": to.rawValue, "amount": stepAmount.map(Money.yuan) ?? "", "comment": change.note ?? comment ?? ""]
            if overBudget, let left = context.budgetLeft { after["budgetLeft"] = Money.yuan(left) }
            try await Audit.record(
                action.code, entity: "relief_application", id: id, before: ["state": from.rawValue], after: after, actor: actor,
                at: now, on: tx)
        }
    }

    /// What the flow is told about an application and the person acting on it (and the payment a reversal would
    /// undo): the one description the step, the payment and the page's buttons share.
    static func flowContext(
        _ a: ReliefApplication, state: ReliefState, actor userID: Int, settings: ReliefSettings, on db: any Database
    ) async throws -> (ReliefFlow.Context, Disbursement?) {
        let round = a.round
        let payment = state.isPaidOut ? try await lastPayment(of: a, on: db) : nil
        let context = ReliefFlow.Context(
            actor: userID, createdBy: a.createdBy, pendingBy: pendingBy(a, state), pendingAmount: pendingAmount(a, state),
            paidBy: payment?.userID, paidAmount: payment?.amount, standardAmount: ReliefRounds.standard(round, key: a.standardKey),
            secondApprovalAbove: ReliefRounds.secondApprovalAbove(round, settings: settings),
            budgetLeft: try await budgetLeft(round, excluding: try a.requireID(), on: db), reportsUpward: round.reportsUpward)
        return (context, payment)
    }

    /// Who set what now waits for a second person, and the amount that waits.
    private static func pendingBy(_ a: ReliefApplication, _ state: ReliefState) -> Int? {
        switch state {
        case .firstApproved: a.firstApprovedBy
        case .upperRecorded: a.upperRecordedBy
        case .reversalRequested: a.reversalRequestedBy
        default: nil
        }
    }

    private static func pendingAmount(_ a: ReliefApplication, _ state: ReliefState) -> Int? {
        switch state {
        case .firstApproved: a.approved
        case .upperRecorded: a.upperApproved
        default: nil
        }
    }

    /// The columns a step writes, the amount it sets and the note it keeps.
    private static func columns(
        for action: ReliefAction, from: ReliefState, to: ReliefState, userID: Int, overBudget: Bool
    ) -> (sets: [(String, any Encodable & Sendable)], amount: Int?, note: String?) {
        var sets: [(String, any Encodable & Sendable)] = [("state", to.rawValue)]
        let none: Int? = nil
        let noText: String? = nil
        switch action {
        case .approve(let value, let reason):
            sets += [("approved", value), ("amount_reason", reason ?? ""), ("first_approved_by", userID)]
            return (sets, value, reason)
        case .secondApprove(let reason):
            switch from {
            case .firstApproved: sets.append(("second_approved_by", userID))
            case .upperRecorded: sets.append(("upper_confirmed_by", userID))
            default: sets += [("reversal_requested_by", none), ("reversal_reason", noText)]
            }
            if overBudget, let reason { sets.append(("budget_reason", reason)) }
            return (sets, nil, reason)
        case .upperApprove(let value, let reason):
            sets += [("upper_approved", value), ("upper_reason", reason ?? ""), ("upper_recorded_by", userID)]
            return (sets, value, reason)
        case .decline(let reason):
            if from == .upperRecorded {
                sets += [("upper_approved", none), ("upper_reason", noText), ("upper_recorded_by", none)]
            } else {
                sets += [("reversal_requested_by", none), ("reversal_reason", noText)]
            }
            return (sets, nil, reason)
        case .reversePayment(let reason):
            if to == .reversalRequested { sets += [("reversal_requested_by", userID), ("reversal_reason", reason)] }
            return (sets, nil, reason)
        case .reject(let r), .returnForCompletion(let r), .upperReject(let r), .withdraw(let r):
            return (sets, nil, r)
        case .submit, .report, .pay:
            return (sets, nil, nil)
        }
    }

    /// What the round's budget still allows one application: the budget less what its other applications hold (their
    /// upper or own approved amounts); nil when the round has no budget.
    static func budgetLeft(_ round: ReliefRound, excluding id: Int, on db: any Database) async throws -> Int? {
        guard round.budget > 0 else { return nil }
        struct Row: Decodable { var total: Int? }
        let holding = ReliefState.allCases.filter(\.holdsBudget).map(\.rawValue)
        let held =
            try await db.sql.select().column(SQLRaw("CAST(SUM(COALESCE(upper_approved, approved)) AS BIGINT)"), as: "total")
            .from("relief_applications").where("round_id", .equal, round.requireID()).where("id", .notEqual, id)
            .where("state", .in, holding).first(decoding: Row.self)?.total ?? 0
        return round.budget - held
    }

    // MARK: Payment

    /// Records the payment of an approved application. The same token twice returns the first payment; a second
    /// payment with another token is refused (409), and the database's unique constraints stop a race between
    /// processes. The fund's ledger is charged in the same transaction, under the fund's lock.
    static func pay(
        _ id: Int, _ p: PaymentFields, in scope: Scope, settings: ReliefSettings, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws -> Disbursement {
        guard let userID = actor.userID else { throw AppError.unauthorized }
        if let done = try await byToken(p.token, application: id, on: db) { return done }
        do {
            return try await Store.write(db) { tx in
                if let done = try await byToken(p.token, application: id, on: tx) { return done }
                let a = try await find(id, in: scope, on: tx)
                guard let from = a.reliefState else { throw AppError.notFound("帮扶申请") }
                try await checkOrder(a, p.paidOn, field: "paidOn", on: tx)
                let context = ReliefFlow.Context(
                    actor: userID, createdBy: a.createdBy,
                    secondApprovalAbove: ReliefRounds.secondApprovalAbove(a.round, settings: settings),
                    reportsUpward: a.round.reportsUpward)
                let to: ReliefState
                do throws(ReliefFlowError) { to = try ReliefFlow.apply(.pay, to: from, context) } catch { throw error.appError }
                guard let amount = a.round.reportsUpward ? a.upperApproved : a.approved else {
                    throw AppError.conflict("该申请没有核定金额，不能发放", field: nil)
                }
                let attempt = a.paidAttempt + 1
                try await Store.updateVersioned(
                    "relief_applications", id: id, version: a.version, [("state", to.rawValue), ("paid_attempt", attempt)], at: now,
                    conflict: raced, on: tx)
                let d = Disbursement()
                d.$application.id = id
                d.attempt = attempt
                d.kind = DisbursementKind.payment.rawValue
                d.amount = amount
                d.method = p.method.rawValue
                d.paidOn = p.paidOn.iso
                d.token = p.token
                d.userID = userID
                try await d.create(on: tx)
                try await FundLedger.post(
                    fund: a.round.$fund.id, amount: amount, kind: .payment, disbursementID: d.id, on: p.paidOn,
                    note: "\(a.round.name)：\(Masking.name(a.applicantName))", overdraftReason: p.overdraftReason, actor: actor, at: now,
                    on: tx)
                try await step(a, action: "pay", from: from, to: to, amount: amount, comment: p.method.label, on: p.paidOn, actor: actor, on: tx)
                try await Audit.record(
                    ReliefAction.Code.pay, entity: "relief_application", id: id,
                    after: ["amount": Money.yuan(amount), "method": p.method.rawValue, "date": p.paidOn.iso, "attempt": String(attempt)],
                    actor: actor, at: now, on: tx)
                return d
            }
        } catch {
            // A concurrent request with the same token won the race: answer with its payment, as a retry would get.
            if let done = try? await byToken(p.token, application: id, on: db) { return done }
            throw error
        }
    }

    private static func byToken(_ token: String, application id: Int, on db: any Database) async throws -> Disbursement? {
        guard let d = try await Disbursement.query(on: db).filter(\.$token == token).first() else { return nil }
        guard d.$application.id == id, d.disbursementKind == .payment else { throw AppError.conflict("提交令牌已被使用，请刷新页面后重新提交", field: "token") }
        return d
    }

    /// The payment a reversal would take back: the application's latest.
    private static func lastPayment(of a: ReliefApplication, on db: any Database) async throws -> Disbursement? {
        try await Disbursement.query(on: db).filter(\.$application.$id == a.requireID()).filter(\.$attempt == a.paidAttempt)
            .filter(\.$kind == DisbursementKind.payment.rawValue).first()
    }

    /// A correction: a reversing disbursement and ledger entry, inside the step's transaction.
    private static func reversePayment(
        _ a: ReliefApplication, _ paid: Disbursement, reason: String, on day: CalendarDate, actor: Audit.Actor, at now: Date,
        on tx: any Database
    ) async throws {
        let paidID = try paid.requireID()
        let d = Disbursement()
        d.$application.id = try a.requireID()
        d.attempt = a.paidAttempt
        d.kind = DisbursementKind.reversal.rawValue
        d.amount = -paid.amount
        d.method = paid.method
        d.paidOn = day.iso
        d.token = "reversal-\(paidID)"
        d.reversesID = paidID
        d.userID = actor.userID
        try await d.create(on: tx)
        try await FundLedger.post(
            fund: a.round.$fund.id, amount: -paid.amount, kind: .reversal, disbursementID: d.id, on: day, note: "冲正：\(reason)",
            overdraftReason: nil, actor: actor, at: now, on: tx)
        try await Audit.record(
            ReliefAudit.reverse, entity: "relief_application", id: a.id, after: ["amount": Money.yuan(paid.amount), "reason": reason],
            actor: actor, at: now, on: tx)
    }

    // MARK: Helpers

    /// Steps happen in order: none is dated before the application or the step before it.
    private static func checkOrder(_ a: ReliefApplication, _ day: CalendarDate, field: String, on db: any Database) async throws {
        let last = try await ReliefStep.query(on: db).filter(\.$application.$id == a.requireID()).sort(\.$onDate, .descending).first()
        if let last, day.iso < last.onDate {
            let label = ReliefAction.label(ofStep: last.action) ?? last.action
            throw FieldError(field: field, message: "日期不能早于上一步“\(label)”的日期\(last.onDate)")
        }
    }

    private static func step(
        _ a: ReliefApplication, action: String, from: ReliefState, to: ReliefState, amount: Int?, comment: String?,
        on day: CalendarDate, actor: Audit.Actor, on tx: any Database
    ) async throws {
        let s = ReliefStep()
        s.onDate = day.iso
        s.$application.id = try a.requireID()
        s.action = action
        s.fromState = from.rawValue
        s.toState = to.rawValue
        s.amount = amount
        s.comment = comment
        s.userID = actor.userID
        try await s.create(on: tx)
    }

    static func decodeList(_ s: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(s.utf8))) ?? []
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: (try? e.encode(value)) ?? Data(), as: UTF8.self)
    }
}
