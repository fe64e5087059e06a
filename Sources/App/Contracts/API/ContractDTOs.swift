import Domain
import Vapor

struct ContractDeadlineDTO: Content {
    var kind: String
    var label: String
    var due: String
    var doneOn: String?
    var state: String
    var daysLeft: Int?
    var note: String?

    init(_ d: ContractDeadline) {
        kind = d.kind.rawValue
        label = d.kind.label
        due = d.due.iso
        doneOn = d.doneOn?.iso
        state = d.state.rawValue
        daysLeft = d.daysLeft
        note = d.note
    }
}

struct ContractEventDTO: Content {
    var kind: String
    var date: String
    var note: String?
    var user: String?

    init(_ e: ContractEvent) {
        kind = e.kind
        date = e.onDate
        note = e.note
        user = e.user?.displayName
    }
}

/// A negotiation as the API shows it, with its deadlines as of today and (on the single answer) its negotiators and
/// timeline.
struct NegotiationDTO: Content {
    struct Seat: Content {
        var id: Int
        var side: String
        var name: String
        var position: String?
        var chief: Bool
        var joinedOn: String
        var leftOn: String?
    }

    var id: Int
    var number: String
    var orgId: Int
    var kind: String
    var level: String
    var employerId: Int?
    var counterpart: String?
    var requestedBy: String
    var requestedOn: String
    var request: String
    var renewsId: Int?
    var state: String
    var repliedOn: String?
    var rounds: Int
    var draftedOn: String?
    var votedOn: String?
    var voteBody: String?
    var delegates: Int?
    var attending: Int?
    var approving: Int?
    var failedVotes: Int
    var signedOn: String?
    var contractId: Int?
    var deadlines: [ContractDeadlineDTO]?
    var negotiators: [Seat]?
    var timeline: [ContractEventDTO]?

    init(_ n: Negotiation, seats: [Negotiator]? = nil, rules: ContractRules, today: CalendarDate, timeline: [ContractEvent]? = nil) {
        id = n.id ?? 0
        number = n.number
        orgId = n.$org.id
        kind = n.kind
        level = n.level
        employerId = n.$employer.id
        counterpart = n.counterpart
        requestedBy = n.requestedBy
        requestedOn = n.requestedOn
        request = n.request
        renewsId = n.renewsID
        state = n.state
        repliedOn = n.repliedOn
        rounds = n.rounds
        draftedOn = n.draftedOn
        votedOn = n.votedOn
        voteBody = n.voteBody
        delegates = n.delegates
        attending = n.attending
        approving = n.approving
        failedVotes = n.failedVotes
        signedOn = n.signedOn
        contractId = n.contractID
        if let seats {
            deadlines = Negotiations.deadlines(n, seats: seats, rules: rules, today: today).map(ContractDeadlineDTO.init)
            negotiators = seats.map {
                Seat(
                    id: $0.id ?? 0, side: $0.side, name: $0.name, position: $0.position, chief: $0.chief, joinedOn: $0.joinedOn,
                    leftOn: $0.leftOn)
            }
        }
        self.timeline = timeline?.map(ContractEventDTO.init)
    }
}

/// A contract as the API shows it: wage rise in basis points, minimum wage in fen; its deadlines as of today; on the
/// single answer the employers it covers and its timeline.
struct ContractDTO: Content {
    struct Covered: Content {
        var employerId: Int
        var name: String
        var headcount: Int
    }

    var id: Int
    var number: String
    var orgId: Int
    var kind: String
    var level: String
    var employerId: Int?
    var counterpart: String?
    var negotiationId: Int?
    var renewsId: Int?
    var title: String
    var signedOn: String
    var startsOn: String
    var endsOn: String
    var workers: Int
    var womenWorkers: Int?
    var wageRise: Int?
    var minimumWage: Int?
    var state: String
    var stateLabel: String
    var filedOn: String?
    var refiledOn: String?
    var objectedOn: String?
    var effectiveOn: String?
    var publishedOn: String?
    var terminatedOn: String?
    var supersededOn: String?
    var inForce: Bool
    var deadlines: [ContractDeadlineDTO]
    var covered: [Covered]?
    var timeline: [ContractEventDTO]?
    /// The filing pack's documents (报送材料附件).
    var files: [AttachmentDTO]?

    init(
        _ c: CollectiveContract, rules: ContractRules, today: CalendarDate, covered: [CoveredEmployer]? = nil, timeline: [ContractEvent]? = nil,
        files: [AttachmentDTO]? = nil
    ) {
        id = c.id ?? 0
        number = c.number
        orgId = c.$org.id
        kind = c.kind
        level = c.level
        employerId = c.$employer.id
        counterpart = c.counterpart
        negotiationId = c.$negotiation.id
        renewsId = c.$renews.id
        title = c.title
        signedOn = c.signedOn
        startsOn = c.startsOn
        endsOn = c.endsOn
        workers = c.workers
        womenWorkers = c.womenWorkers
        wageRise = c.wageRise
        minimumWage = c.minimumWage
        state = c.state
        stateLabel = c.dates.label(c.contractState, today: today)
        filedOn = c.filedOn
        refiledOn = c.refiledOn
        objectedOn = c.objectedOn
        effectiveOn = c.effectiveOn
        publishedOn = c.publishedOn
        terminatedOn = c.terminatedOn
        supersededOn = c.supersededOn
        inForce = c.dates.inForce(on: today)
        deadlines = Contracts.deadlines(c, rules: rules, today: today).map(ContractDeadlineDTO.init)
        self.covered = covered?.map { Covered(employerId: $0.$employer.id, name: $0.employer.name, headcount: $0.headcount) }
        self.timeline = timeline?.map(ContractEventDTO.init)
        self.files = files
    }
}

extension ContractFigures: Content {}
