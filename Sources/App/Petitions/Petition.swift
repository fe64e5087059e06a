import Domain
import Fluent
import Vapor

/// A petition (信访件) received by a federation: where it came from, who petitioned about what, its A/B handlers and
/// the dates of each step. Dates are ISO `yyyy-MM-dd` text; the petitioner's phone and ID number are encrypted.
final class Petition: Model, @unchecked Sendable {
    static let schema = "petitions"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $number, $source, $transferBody, $transferRef, $transferReplyDue, $transferRepliedOn, $receivedOn, $petitionerName,
            $phoneEncrypted, $phoneMasked, $idNumberEncrypted, $idNumberHash, $idNumberMasked, $member, $workers, $employer, $employerName,
            $category, $urgent, $reportedOn, $reportedTo, $summary, $requests, $state, $handlerA, $handlerB, $acceptedOn, $notifiedOn,
            $decisionNote, $extensionDays, $extensionReason, $extensionApprover, $answeredOn, $replySummary, $replyRef, $closedOn,
            $satisfaction, $reviewRequestedOn, $reviewAnsweredOn, $recheckRequestedOn, $recheckAnsweredOn, $version, $createdBy, $createdAt,
            $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    /// `XF2026-0007`: the federation's register number.
    @Field(key: "number") var number: String
    @Field(key: "source") var source: String
    @OptionalField(key: "transfer_body") var transferBody: String?
    @OptionalField(key: "transfer_ref") var transferRef: String?
    @OptionalField(key: "transfer_reply_due") var transferReplyDue: String?
    @OptionalField(key: "transfer_replied_on") var transferRepliedOn: String?
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "petitioner_name") var petitionerName: String
    @OptionalField(key: "phone_enc") var phoneEncrypted: String?
    @OptionalField(key: "phone_masked") var phoneMasked: String?
    @OptionalField(key: "id_enc") var idNumberEncrypted: String?
    /// Keyed hash of the petitioner's ID number: finds the same person's open petitions.
    @OptionalField(key: "id_hash") var idNumberHash: String?
    @OptionalField(key: "id_masked") var idNumberMasked: String?
    @OptionalParent(key: "member_id") var member: Member?
    @Field(key: "workers") var workers: Int
    @OptionalParent(key: "employer_id") var employer: Employer?
    @OptionalField(key: "employer_name") var employerName: String?
    @Field(key: "category") var category: String
    @Field(key: "urgent") var urgent: Bool
    @OptionalField(key: "reported_on") var reportedOn: String?
    @OptionalField(key: "reported_to") var reportedTo: String?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "requests") var requests: String?
    @Field(key: "state") var state: String
    @Parent(key: "handler_a") var handlerA: User
    @Parent(key: "handler_b") var handlerB: User
    @OptionalField(key: "accepted_on") var acceptedOn: String?
    /// The written notice of not accepting or transferring out.
    @OptionalField(key: "notified_on") var notifiedOn: String?
    /// Why not accepted, or where it was transferred to.
    @OptionalField(key: "decision_note") var decisionNote: String?
    @OptionalField(key: "extension_days") var extensionDays: Int?
    @OptionalField(key: "extension_reason") var extensionReason: String?
    @OptionalField(key: "extension_approver") var extensionApprover: String?
    @OptionalField(key: "answered_on") var answeredOn: String?
    @OptionalField(key: "reply_summary") var replySummary: String?
    @OptionalField(key: "reply_ref") var replyRef: String?
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "satisfaction") var satisfaction: String?
    @OptionalField(key: "review_requested_on") var reviewRequestedOn: String?
    @OptionalField(key: "review_answered_on") var reviewAnsweredOn: String?
    @OptionalField(key: "recheck_requested_on") var recheckRequestedOn: String?
    @OptionalField(key: "recheck_answered_on") var recheckAnsweredOn: String?
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The dated facts the statutory deadlines follow from.
    var dates: PetitionDates {
        func day(_ s: String?) -> CalendarDate? { s.flatMap(CalendarDate.init(parsing:)) }
        var d = PetitionDates(received: day(receivedOn) ?? CalendarDate.firstDay(of: 2000))
        d.accepted = day(acceptedOn)
        d.notified = day(notifiedOn)
        d.transferReplyDue = day(transferReplyDue)
        d.transferRepliedOn = day(transferRepliedOn)
        d.extensionDays = extensionDays
        d.answered = day(answeredOn)
        d.reviewRequested = day(reviewRequestedOn)
        d.reviewAnswered = day(reviewAnsweredOn)
        d.recheckRequested = day(recheckRequestedOn)
        d.recheckAnswered = day(recheckAnsweredOn)
        return d
    }

    var petitionState: PetitionState { PetitionState(rawValue: state) ?? .received }
    var employerLabel: String? { employer?.name ?? employerName }
}

/// One line of a petition's timeline: a contact (电话、走访、协调会、函件), a step of the workflow, or a handler change.
final class PetitionEvent: Model, @unchecked Sendable {
    static let schema = "petition_events"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $petition, $kind, $onDate, $note, $reference, $user, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "petition_id") var petition: Petition
    /// A `ContactKind`, a `PetitionAction.Code`, `intake` or `handlers`.
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "note") var note: String?
    /// A document reference number (文号).
    @OptionalField(key: "reference") var reference: String?
    @OptionalParent(key: "user_id") var user: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A labour-dispute mediation (劳动争议调解), possibly arising from a petition.
final class Mediation: Model, @unchecked Sendable {
    static let schema = "mediations"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $number, $petition, $applicantName, $workers, $employer, $employerName, $claim, $claimAmount, $appliedOn, $mediators,
            $outcome, $decidedOn, $agreedAmount, $performed, $note, $version, $createdBy, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    /// `TJ2026-0003`.
    @Field(key: "number") var number: String
    @OptionalParent(key: "petition_id") var petition: Petition?
    @Field(key: "applicant_name") var applicantName: String
    @Field(key: "workers") var workers: Int
    @OptionalParent(key: "employer_id") var employer: Employer?
    @OptionalField(key: "employer_name") var employerName: String?
    @Field(key: "claim") var claim: String
    @OptionalField(key: "claim_amount") var claimAmount: Int?
    @Field(key: "applied_on") var appliedOn: String
    @Field(key: "mediators") var mediators: String
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "agreed_amount") var agreedAmount: Int?
    @Field(key: "performed") var performed: Bool
    @OptionalField(key: "note") var note: String?
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var employerLabel: String { employer?.name ?? employerName ?? "" }
}

/// Wages recovered or work-injury compensation obtained for workers in one case, with the date it was received.
final class Recovery: Model, @unchecked Sendable {
    static let schema = "recoveries"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $org, $petition, $mediation, $kind, $workers, $migrantWorkers, $amount, $onDate, $note, $createdBy, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @OptionalParent(key: "petition_id") var petition: Petition?
    @OptionalParent(key: "mediation_id") var mediation: Mediation?
    @Field(key: "kind") var kind: String
    @Field(key: "workers") var workers: Int
    @Field(key: "migrant_workers") var migrantWorkers: Int
    @Field(key: "amount") var amount: Int
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension Mediation {
    var mediationOutcome: MediationOutcome? { MediationOutcome(rawValue: outcome) }
}

extension Recovery {
    var recoveryKind: RecoveryKind? { RecoveryKind(rawValue: kind) }
}
