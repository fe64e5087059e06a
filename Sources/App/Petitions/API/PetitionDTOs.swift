import Domain
import Vapor

/// A petition as the API shows it: the petitioner's phone and ID number masked, its deadlines and alerts as of today,
/// and (on the single-petition answer) its timeline, recoveries and mediations. Money in fen.
struct PetitionDTO: Content {
    struct Handler: Content {
        var id: Int
        var name: String
        var away: Bool
    }

    struct Deadline: Content {
        var kind: String
        var label: String
        var due: String
        var doneOn: String?
        var state: String
        var daysLeft: Int?
    }

    struct Event: Content {
        var kind: String
        var label: String
        var date: String
        var note: String?
        var reference: String?
        var user: String?
    }

    var id: Int
    var number: String
    var orgId: Int
    var source: String
    var transferBody: String?
    var transferRef: String?
    var transferReplyDue: String?
    var transferRepliedOn: String?
    var receivedOn: String
    var petitionerName: String
    var petitionerPhone: String?
    var petitionerIdNumber: String?
    var memberId: Int?
    var workers: Int
    var group: Bool
    var employerId: Int?
    var employerName: String?
    var category: String
    var urgent: Bool
    var reportedOn: String?
    var reportedTo: String?
    var summary: String
    var requests: String?
    var state: String
    var handlerA: Handler
    var handlerB: Handler
    var acceptedOn: String?
    var notifiedOn: String?
    var decisionNote: String?
    var extensionDays: Int?
    var extensionReason: String?
    var extensionApprover: String?
    var answeredOn: String?
    var replySummary: String?
    var replyRef: String?
    var closedOn: String?
    var satisfaction: String?
    var reviewRequestedOn: String?
    var reviewAnsweredOn: String?
    var recheckRequestedOn: String?
    var recheckAnsweredOn: String?
    var version: Int
    var deadlines: [Deadline]
    var alerts: [String]
    var timeline: [Event]?
    var recoveries: [RecoveryDTO]?
    var mediations: [MediationDTO]?

    init(
        _ p: Petition, rules: PetitionRules, today: CalendarDate, timeline: [PetitionEvent]? = nil, recoveries: [Recovery]? = nil,
        mediations: [Mediation]? = nil
    ) {
        id = p.id ?? 0
        number = p.number
        orgId = p.$org.id
        source = p.source
        transferBody = p.transferBody
        transferRef = p.transferRef
        transferReplyDue = p.transferReplyDue
        transferRepliedOn = p.transferRepliedOn
        receivedOn = p.receivedOn
        petitionerName = p.petitionerName
        petitionerPhone = p.phoneMasked
        petitionerIdNumber = p.idNumberMasked
        memberId = p.$member.id
        workers = p.workers
        group = p.workers >= rules.groupSize
        employerId = p.$employer.id
        employerName = p.employerLabel
        category = p.category
        urgent = p.urgent
        reportedOn = p.reportedOn
        reportedTo = p.reportedTo
        summary = p.summary
        requests = p.requests
        state = p.state
        handlerA = Handler(id: p.$handlerA.id, name: p.handlerA.displayName, away: p.handlerA.awaySince != nil)
        handlerB = Handler(id: p.$handlerB.id, name: p.handlerB.displayName, away: p.handlerB.awaySince != nil)
        acceptedOn = p.acceptedOn
        notifiedOn = p.notifiedOn
        decisionNote = p.decisionNote
        extensionDays = p.extensionDays
        extensionReason = p.extensionReason
        extensionApprover = p.extensionApprover
        answeredOn = p.answeredOn
        replySummary = p.replySummary
        replyRef = p.replyRef
        closedOn = p.closedOn
        satisfaction = p.satisfaction
        reviewRequestedOn = p.reviewRequestedOn
        reviewAnsweredOn = p.reviewAnsweredOn
        recheckRequestedOn = p.recheckRequestedOn
        recheckAnsweredOn = p.recheckAnsweredOn
        version = p.version
        deadlines = Petitions.deadlines(p, rules: rules, today: today).map {
            Deadline(
                kind: $0.kind.rawValue, label: $0.kind.label, due: $0.due.iso, doneOn: $0.doneOn?.iso, state: $0.state.rawValue,
                daysLeft: $0.daysLeft)
        }
        alerts = Petitions.alerts(p, rules: rules, today: today).map(\.rawValue)
        self.timeline = timeline?.map {
            Event(
                kind: $0.kind, label: PetitionEventLabel.of($0.kind), date: $0.onDate, note: $0.note, reference: $0.reference,
                user: $0.user?.displayName)
        }
        self.recoveries = recoveries?.map(RecoveryDTO.init)
        self.mediations = mediations?.map { MediationDTO($0, rules: rules, today: today) }
    }
}

/// The label of a timeline entry's kind: a contact, a workflow step, or the system's own entries.
enum PetitionEventLabel {
    static func of(_ kind: String) -> String {
        if let c = ContactKind(rawValue: kind) { return c.label }
        if let a = PetitionAction.Code(rawValue: kind) { return a.label }
        switch kind {
        case "intake": return "登记"
        case "handlers": return "调整承办人"
        case "mediation": return "转入调解"
        default: return kind
        }
    }
}

struct RecoveryDTO: Content {
    var id: Int
    var kind: String
    var workers: Int
    var migrantWorkers: Int
    var amount: Int
    var date: String
    var note: String?
    var petitionId: Int?
    var mediationId: Int?

    init(_ r: Recovery) {
        id = r.id ?? 0
        kind = r.kind
        workers = r.workers
        migrantWorkers = r.migrantWorkers
        amount = r.amount
        date = r.onDate
        note = r.note
        petitionId = r.$petition.id
        mediationId = r.$mediation.id
    }
}

struct MediationDTO: Content {
    var id: Int
    var number: String
    var orgId: Int
    var petitionId: Int?
    var applicantName: String
    var workers: Int
    var employerId: Int?
    var employerName: String
    var claim: String
    var claimAmount: Int?
    var appliedOn: String
    /// The statutory limit: after it a party may apply for arbitration.
    var limitOn: String?
    var overdue: Bool
    var mediators: String
    var outcome: String
    var decidedOn: String?
    var agreedAmount: Int?
    var performed: Bool
    var note: String?
    var version: Int
    var recoveries: [RecoveryDTO]?

    init(_ m: Mediation, rules: PetitionRules, today: CalendarDate, recoveries: [Recovery]? = nil) {
        id = m.id ?? 0
        number = m.number
        orgId = m.$org.id
        petitionId = m.$petition.id
        applicantName = m.applicantName
        workers = m.workers
        employerId = m.$employer.id
        employerName = m.employerLabel
        claim = m.claim
        claimAmount = m.claimAmount
        appliedOn = m.appliedOn
        let limit = Mediations.limit(m, rules: rules)
        limitOn = limit?.iso
        overdue = m.outcome == MediationOutcome.pending.rawValue && limit.map { $0 < today } == true
        mediators = m.mediators
        outcome = m.outcome
        decidedOn = m.decidedOn
        agreedAmount = m.agreedAmount
        performed = m.performed
        note = m.note
        version = m.version
        self.recoveries = recoveries?.map(RecoveryDTO.init)
    }
}
