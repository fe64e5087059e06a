import Domain
import Fluent
import Vapor

/// A collective negotiation (集体协商): the written request, the reply, the talks with their negotiators, the draft,
/// the vote and the signing, which makes its contract. Dates are ISO `yyyy-MM-dd` text.
final class Negotiation: Model, @unchecked Sendable {
    static let schema = "negotiations"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $number, $kind, $level, $employer, $counterpart, $requestedBy, $requestedOn, $request, $renewsID, $state, $repliedOn,
            $replyNote, $rounds, $lastRoundOn, $draftedOn, $votedOn, $voteBody, $delegates, $attending, $approving, $failedVotes, $signedOn,
            $contractID, $version, $createdBy, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    /// The union that bargains for the workers (a grassroots union, or the federation for a sector or area).
    @Parent(key: "org_id") var org: Organization
    /// `XS2026-0003`: the union's yearly series.
    @Field(key: "number") var number: String
    @Field(key: "kind") var kind: String
    @Field(key: "level") var level: String
    @OptionalParent(key: "employer_id") var employer: Employer?
    @OptionalField(key: "counterpart") var counterpart: String?
    @Field(key: "requested_by") var requestedBy: String
    @Field(key: "requested_on") var requestedOn: String
    @Field(key: "request") var request: String
    @OptionalField(key: "renews_id") var renewsID: Int?
    @Field(key: "state") var state: String
    @OptionalField(key: "replied_on") var repliedOn: String?
    @OptionalField(key: "reply_note") var replyNote: String?
    @Field(key: "rounds") var rounds: Int
    @OptionalField(key: "last_round_on") var lastRoundOn: String?
    @OptionalField(key: "drafted_on") var draftedOn: String?
    @OptionalField(key: "voted_on") var votedOn: String?
    @OptionalField(key: "vote_body") var voteBody: String?
    @OptionalField(key: "delegates") var delegates: Int?
    @OptionalField(key: "attending") var attending: Int?
    @OptionalField(key: "approving") var approving: Int?
    @Field(key: "failed_votes") var failedVotes: Int
    @OptionalField(key: "signed_on") var signedOn: String?
    @OptionalField(key: "contract_id") var contractID: Int?
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var negotiationState: NegotiationState { NegotiationState(rawValue: state) ?? .requested }
    var contractKind: ContractKind { ContractKind(rawValue: kind) ?? .wage }
    var contractLevel: ContractLevel { ContractLevel(rawValue: level) ?? .enterprise }
    /// The employers' side as a list shows it.
    var partyLabel: String { employer?.name ?? counterpart ?? "" }
    /// `2026年工资专项集体协商`-style name: level, kind and party.
    var title: String { "\(partyLabel) \(contractLevel.coversMany ? contractLevel.label : "")\(contractKind.short)集体协商" }

    func dates(seats: [NegotiatorSeat]) -> NegotiationDates {
        var d = NegotiationDates(requested: CalendarDate(parsing: requestedOn) ?? CalendarDate.firstDay(of: 2000))
        d.replied = repliedOn.flatMap(CalendarDate.init(parsing:))
        d.lastRound = lastRoundOn.flatMap(CalendarDate.init(parsing:))
        d.rounds = rounds
        d.drafted = draftedOn.flatMap(CalendarDate.init(parsing:))
        d.voted = votedOn.flatMap(CalendarDate.init(parsing:))
        d.signed = signedOn.flatMap(CalendarDate.init(parsing:))
        d.seats = seats
        return d
    }
}

/// A negotiator (协商代表) of one side, seated from a day and possibly leaving on another.
final class Negotiator: Model, @unchecked Sendable {
    static let schema = "negotiators"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $negotiation, $side, $name, $position, $chief, $joinedOn, $leftOn, $leftReason, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "negotiation_id") var negotiation: Negotiation
    @Field(key: "side") var side: String
    @Field(key: "name") var name: String
    @OptionalField(key: "position") var position: String?
    @Field(key: "chief") var chief: Bool
    @Field(key: "joined_on") var joinedOn: String
    @OptionalField(key: "left_on") var leftOn: String?
    @OptionalField(key: "left_reason") var leftReason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var seat: NegotiatorSeat {
        NegotiatorSeat(
            name: name, side: NegotiatorSide(rawValue: side) ?? .workers, chief: chief,
            joined: CalendarDate(parsing: joinedOn) ?? CalendarDate.firstDay(of: 2000), left: leftOn.flatMap(CalendarDate.init(parsing:)))
    }
}

/// A collective contract (集体合同): its parties, term, the workers it covers and what it agreed, and its way through
/// filing, review and publication to its end or renewal.
final class CollectiveContract: Model, @unchecked Sendable {
    static let schema = "contracts"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $number, $kind, $level, $employer, $counterpart, $negotiation, $renews, $title, $signedOn, $startsOn, $endsOn,
            $workers, $womenWorkers, $wageRise, $minimumWage, $state, $filedOn, $refiledOn, $objectedOn, $objection, $effectiveOn,
            $publishedOn, $publishedVia, $terminatedOn, $endReason, $supersededOn, $version, $createdBy, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    /// `HT2026-0005`: the union's yearly series.
    @Field(key: "number") var number: String
    @Field(key: "kind") var kind: String
    @Field(key: "level") var level: String
    @OptionalParent(key: "employer_id") var employer: Employer?
    @OptionalField(key: "counterpart") var counterpart: String?
    @OptionalParent(key: "negotiation_id") var negotiation: Negotiation?
    @OptionalParent(key: "renews_id") var renews: CollectiveContract?
    @Field(key: "title") var title: String
    @Field(key: "signed_on") var signedOn: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "workers") var workers: Int
    @OptionalField(key: "women_workers") var womenWorkers: Int?
    @OptionalField(key: "wage_rise_bp") var wageRise: Int?
    @OptionalField(key: "minimum_wage") var minimumWage: Int?
    @Field(key: "state") var state: String
    @OptionalField(key: "filed_on") var filedOn: String?
    @OptionalField(key: "refiled_on") var refiledOn: String?
    @OptionalField(key: "objected_on") var objectedOn: String?
    @OptionalField(key: "objection") var objection: String?
    @OptionalField(key: "effective_on") var effectiveOn: String?
    @OptionalField(key: "published_on") var publishedOn: String?
    @OptionalField(key: "published_via") var publishedVia: String?
    @OptionalField(key: "terminated_on") var terminatedOn: String?
    @OptionalField(key: "end_reason") var endReason: String?
    @OptionalField(key: "superseded_on") var supersededOn: String?
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var contractState: ContractState { ContractState(rawValue: state) ?? .signed }
    var contractKind: ContractKind { ContractKind(rawValue: kind) ?? .comprehensive }
    var contractLevel: ContractLevel { ContractLevel(rawValue: level) ?? .enterprise }
    var partyLabel: String { employer?.name ?? counterpart ?? "" }
    /// `行业性工资专项`, `综合`.
    var kindLabel: String { (contractLevel.coversMany ? contractLevel.label : "") + contractKind.short }

    var dates: ContractDates {
        func day(_ s: String?) -> CalendarDate? { s.flatMap(CalendarDate.init(parsing:)) }
        let signed = day(signedOn) ?? CalendarDate.firstDay(of: 2000)
        var d = ContractDates(kind: contractKind, signed: signed, starts: day(startsOn) ?? signed, ends: day(endsOn) ?? signed)
        d.filed = day(filedOn)
        d.refiled = day(refiledOn)
        d.objected = day(objectedOn)
        d.effective = day(effectiveOn)
        d.published = day(publishedOn)
        d.terminated = day(terminatedOn)
        d.superseded = day(supersededOn)
        return d
    }

    func apply(_ d: ContractDates) {
        filedOn = d.filed?.iso
        refiledOn = d.refiled?.iso
        objectedOn = d.objected?.iso
        effectiveOn = d.effective?.iso
        publishedOn = d.published?.iso
        terminatedOn = d.terminated?.iso
        supersededOn = d.superseded?.iso
    }
}

/// An employer a contract covers, with its headcount when it was covered.
final class CoveredEmployer: Model, @unchecked Sendable {
    static let schema = "contract_employers"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $contract, $employer, $headcount, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "contract_id") var contract: CollectiveContract
    @Parent(key: "employer_id") var employer: Employer
    @Field(key: "headcount") var headcount: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One line of a negotiation's or a contract's timeline: a step, a round of talks, a negotiator's change.
final class ContractEvent: Model, @unchecked Sendable {
    static let schema = "contract_events"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $negotiation, $contract, $kind, $onDate, $note, $user, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @OptionalParent(key: "negotiation_id") var negotiation: Negotiation?
    @OptionalParent(key: "contract_id") var contract: CollectiveContract?
    /// A `NegotiationAction.Code`, a `ContractAction.Code`, `request`, `negotiator`, `negotiatorLeft`, `covered`, `register`.
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "user_id") var user: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
