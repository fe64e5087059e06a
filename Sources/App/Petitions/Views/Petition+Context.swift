import Domain
import Vapor

/// A deadline's state as the pages show it, with a CSS class for the badge.
extension DeadlineState {
    var label: String {
        switch self {
        case .open: "未到期"
        case .dueSoon: "即将到期"
        case .overdue: "已逾期"
        case .met: "按时完成"
        case .missed: "逾期完成"
        }
    }

    var badge: String {
        switch self {
        case .overdue, .missed: "badge bad"
        case .dueSoon: "badge warn"
        case .open, .met: "badge"
        }
    }
}

/// A petition in the register and the work queue.
struct PetitionRow: Encodable, Sendable {
    var number: String
    var url: String
    var receivedOn: String
    var petitioner: String
    var workers: Int
    var employer: String
    var category: String
    var source: String
    var state: String
    var handlers: String
    /// The nearest open deadline (`办理答复 2026-12-01（剩5天）`), or empty.
    var next: String
    var badges: [Badge]
    /// On a queue: `A角`, or `B角（A角外出）`.
    var role: String

    init(_ p: Petition, rules: PetitionRules, today: CalendarDate, viewer: Int? = nil) {
        number = p.number
        url = SiteURL.petition(p.id).path
        receivedOn = p.receivedOn
        petitioner = p.petitionerName
        workers = p.workers
        employer = p.employerLabel ?? ""
        category = PetitionCategory(rawValue: p.category)?.label ?? p.category
        source = PetitionSource(rawValue: p.source)?.label ?? p.source
        state = p.petitionState.label
        handlers = "A：\(p.handlerA.displayName)\(p.handlerA.awaySince == nil ? "" : "（外出）")　B：\(p.handlerB.displayName)"
        let open = Petitions.deadlines(p, rules: rules, today: today).filter { $0.doneOn == nil }.min { $0.due < $1.due }
        next =
            open.map { d in
                let left = d.daysLeft ?? 0
                return "\(d.kind.label) \(d.due.iso)（\(left < 0 ? "逾期\(-left)天" : "剩\(left)天")）"
            } ?? ""
        var badges = Petitions.alerts(p, rules: rules, today: today).map {
            Badge(label: $0.label, cls: $0 == .dueSoon ? "badge warn" : "badge bad")
        }
        if p.urgent { badges.insert(Badge(label: "重大紧急", cls: "badge bad"), at: 0) }
        if p.workers >= rules.groupSize { badges.insert(Badge(label: "集体访\(p.workers)人", cls: "badge warn"), at: 0) }
        self.badges = badges
        role = viewer.map { $0 == p.$handlerA.id ? "A角" : "B角（A角外出）" } ?? ""
    }
}

/// The work summary figures of the module, formatted for the queue page.
struct PetitionStatsView: Encodable, Sendable {
    var period: String
    var received: Int
    var transferred: Int
    var direct: Int
    var acceptance: String
    var handling: String
    var overdue: Int
    var groupPetitions: Int
    var groupPeople: Int
    var mediations: Int
    var mediationAgreements: Int
    var mediationSuccess: String
    var wagesWorkers: Int
    var wagesMigrants: Int
    var wagesAmount: String
    var injuryWorkers: Int
    var injuryAmount: String

    init(_ s: PetitionStats) {
        func rate(_ t: PetitionStats.Timeliness) -> String {
            t.percent.map { "\($0)%（\(t.onTime)/\(t.due)）" } ?? "—"
        }
        period = "\(s.from) 至 \(s.to)"
        received = s.received
        transferred = s.transferred
        direct = s.direct
        acceptance = rate(s.acceptance)
        handling = rate(s.handling)
        overdue = s.overdue
        groupPetitions = s.groupPetitions
        groupPeople = s.groupPeople
        mediations = s.mediations
        mediationAgreements = s.mediationAgreements
        mediationSuccess = s.mediationSuccessPercent.map { "\($0)%" } ?? "—"
        wagesWorkers = s.wages.workers
        wagesMigrants = s.wages.migrantWorkers
        wagesAmount = Money.yuan(s.wages.amount)
        injuryWorkers = s.injury.workers
        injuryAmount = Money.yuan(s.injury.amount)
    }
}

struct HandlerRow: Encodable, Sendable {
    var id: Int
    var name: String
    var away: Bool
    var awaySince: String
    var isMe: Bool
}

struct PetitionQueuePage: Page {
    static let template = "petitions/queue"
    var layout: Layout
    var rows: [PetitionRow]
    var hasRows: Bool
    var handlers: [HandlerRow]
    var canManage: Bool
    var canHandle: Bool
    var stats: PetitionStatsView
    var awayURL = SiteURL.petitionAway.path
    var registerURL = SiteURL.petitionRegister.path
    var newURL = SiteURL.petitionNew.path
    var mediationsURL = SiteURL.mediations.path
    var alertsURL = SiteURL.alerts.path
}

struct PetitionRegisterPage: Page {
    static let template = "petitions/register"
    var layout: Layout
    var rows: [PetitionRow]
    var pager: Pager
    var states: [SelectOption]
    var sources: [SelectOption]
    var categories: [SelectOption]
    var alerts: [SelectOption]
    var urgent: Bool
    var group: Bool
    var from: String
    var to: String
    var text: String
    var canHandle: Bool
    var listURL = SiteURL.petitionRegister.path
    var newURL = SiteURL.petitionNew.path
}

struct DeadlineRow: Encodable, Sendable {
    var label: String
    var due: String
    var doneOn: String
    var state: String
    var badge: String

    init(_ d: PetitionDeadline) {
        label = d.kind.label
        due = d.due.iso
        doneOn = d.doneOn?.iso ?? ""
        let left = d.daysLeft.map { $0 < 0 ? "（逾期\(-$0)天）" : "（剩\($0)天）" } ?? ""
        state = d.state.label + left
        badge = d.state.badge
    }
}

struct EventRow: Encodable, Sendable {
    var date: String
    var kind: String
    var note: String
    var reference: String
    var user: String

    init(_ e: PetitionEvent) {
        date = e.onDate
        kind = PetitionEventLabel.of(e.kind)
        note = e.note ?? ""
        reference = e.reference ?? ""
        user = e.user?.displayName ?? ""
    }
}

struct RecoveryRow: Encodable, Sendable {
    var date: String
    var kind: String
    var workers: Int
    var migrantWorkers: Int
    var amount: String
    var note: String

    init(_ r: Recovery) {
        date = r.onDate
        kind = r.recoveryKind?.label ?? r.kind
        workers = r.workers
        migrantWorkers = r.migrantWorkers
        amount = Money.yuan(r.amount)
        note = r.note ?? ""
    }
}

struct MediationRow: Encodable, Sendable {
    var number: String
    var url: String
    var appliedOn: String
    var applicant: String
    var workers: Int
    var employer: String
    var claimAmount: String
    var outcome: String
    var limit: String
    var badge: Badge?
    var hasBadge: Bool

    init(_ m: Mediation, rules: PetitionRules, today: CalendarDate) {
        number = m.number
        url = SiteURL.mediation(m.id).path
        appliedOn = m.appliedOn
        applicant = m.applicantName
        workers = m.workers
        employer = m.employerLabel
        claimAmount = m.claimAmount.map(Money.yuan) ?? ""
        let outcome = m.mediationOutcome ?? .pending
        self.outcome = outcome.label + (m.performed ? "（已履行）" : "")
        let limit = Mediations.limit(m, rules: rules)
        self.limit = limit?.iso ?? ""
        if outcome == .pending, let limit {
            let left = limit.dayNumber - today.dayNumber
            badge =
                left < 0
                ? Badge(label: "超过\(rules.mediationDays)日未结", cls: "badge bad")
                : left <= rules.dueSoonDays ? Badge(label: "剩\(left)天", cls: "badge warn") : nil
        }
        hasBadge = badge != nil
    }
}

/// The facts of one petition, as text.
struct PetitionView: Encodable, Sendable {
    var number: String
    var org: String
    var source: String
    var transfer: String
    var hasTransfer: Bool
    var receivedOn: String
    var petitioner: String
    var phone: String
    var idNumber: String
    var workers: String
    var employer: String
    var category: String
    var urgent: String
    var summary: String
    var requests: String
    var state: String
    var handlerA: String
    var handlerB: String
    var decision: String
    var extensionNote: String
    var reply: String
    var closing: String

    init(_ p: Petition, rules: PetitionRules, revealed: (phone: String?, idNumber: String?)?) {
        number = p.number
        org = p.org.name
        source = PetitionSource(rawValue: p.source)?.label ?? p.source
        transfer = [
            p.transferBody, p.transferRef.map { "文号 \($0)" }, p.transferReplyDue.map { "要求 \($0) 前回复" },
            p.transferRepliedOn.map { "已于 \($0) 回复" },
        ]
        .compactMap { $0 }.joined(separator: "，")
        hasTransfer = p.transferBody != nil
        receivedOn = p.receivedOn
        petitioner = p.petitionerName + (p.$member.id == nil ? "" : "（会员）")
        phone = revealed?.phone ?? p.phoneMasked ?? ""
        idNumber = revealed?.idNumber ?? p.idNumberMasked ?? ""
        workers = "\(p.workers)人" + (p.workers >= rules.groupSize ? "（集体访）" : "")
        employer = p.employerLabel ?? ""
        category = PetitionCategory(rawValue: p.category)?.label ?? p.category
        urgent =
            p.urgent ? "是" + (p.reportedOn.map { "，已于\($0)报告\(p.reportedTo ?? "")" } ?? "，尚未上报") : "否"
        summary = p.summary
        requests = p.requests ?? ""
        state = p.petitionState.label
        handlerA = p.handlerA.displayName + (p.handlerA.awaySince.map { "（\($0)起外出）" } ?? "")
        handlerB = p.handlerB.displayName + (p.handlerB.awaySince.map { "（\($0)起外出）" } ?? "")
        decision = [p.acceptedOn.map { "\($0) 受理" }, p.notifiedOn.map { "\($0) 告知" }, p.decisionNote].compactMap { $0 }.joined(
            separator: "，")
        extensionNote = p.extensionDays.map { "延长\($0)天，\(p.extensionApprover ?? "")批准：\(p.extensionReason ?? "")" } ?? ""
        reply = [p.answeredOn.map { "\($0) 答复" }, p.replyRef.map { "文号 \($0)" }, p.replySummary].compactMap { $0 }.joined(separator: "，")
        closing = [p.closedOn.map { "\($0) 回访办结" }, p.satisfaction.flatMap(Satisfaction.init(rawValue:))?.label].compactMap { $0 }
            .joined(separator: "，")
    }
}

struct PetitionPage: Page {
    static let template = "petitions/show"
    var layout: Layout
    var petition: PetitionView
    var deadlines: [DeadlineRow]
    var timeline: [EventRow]
    var recoveries: [RecoveryRow]
    var mediations: [MediationRow]
    var formError: String?
    var canHandle: Bool
    var canManage: Bool
    var canReveal: Bool
    /// One form per step the flow allows now (受理, 延期 …), each with only its fields.
    var stepForms: [StepForm]
    /// The letters it can print now (受理告知书 …), each a link to its A4 page.
    var letters: [SelectOption]
    var contactForm: FieldGroup
    var handlersForm: FieldGroup
    var recoveryForm: FieldGroup
    var stepURL: String
    var contactURL: String
    var handlersURL: String
    var recoveryURL: String
    var revealURL: String
    var newMediationURL: String
    var registerURL = SiteURL.petitionRegister.path
}

struct MediationListPage: Page {
    static let template = "mediations/index"
    var layout: Layout
    var rows: [MediationRow]
    var pager: Pager
    var outcomes: [SelectOption]
    var overdue: Bool
    var canHandle: Bool
    var listURL = SiteURL.mediations.path
    var newURL = SiteURL.mediationNew.path
}

struct MediationPage: Page {
    static let template = "mediations/show"
    var layout: Layout
    var mediation: MediationRow
    var claim: String
    var mediators: String
    var decidedOn: String
    var agreedAmount: String
    var note: String
    var petitionURL: String
    var hasPetition: Bool
    var petitionNumber: String
    var recoveries: [RecoveryRow]
    var formError: String?
    var canHandle: Bool
    var canDecide: Bool
    var outcomeForm: FieldGroup
    var recoveryForm: FieldGroup
    var outcomeURL: String
    var recoveryURL: String
    var listURL = SiteURL.mediations.path
}

/// A printed letter of a petition's handling.
struct PetitionLetterPage: Page {
    static let template = "petitions/letter"
    var layout: Layout
    var letter: PetitionLetter
    var backURL: String
}
