import Domain
import Fluent
import Vapor

/// A relief fund owned by a federation; its balance is the sum of its ledger entries.
final class Fund: Model, @unchecked Sendable {
    static let schema = "funds"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $name, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One ledger line: money in (`in`, with its source), a payment out, or the reversal of a payment. Never edited.
final class FundEntry: Model, @unchecked Sendable {
    static let schema = "fund_entries"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $fund, $kind, $source, $amount, $onDate, $note, $disbursementID, $overdraft, $userID, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "fund_id") var fund: Fund
    @Field(key: "kind") var kind: String
    @OptionalField(key: "source") var source: String?
    /// Signed fen: positive in, negative out.
    @Field(key: "amount") var amount: Int
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "disbursement_id") var disbursementID: Int?
    /// The entry took the fund below zero under an explicit, audited override.
    @Field(key: "overdraft") var overdraft: Bool
    @OptionalField(key: "user_id") var userID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A household's hardship file (困难职工档案, 一户一档), headed by a member or by a worker without membership.
final class HardshipFile: Model, @unchecked Sendable {
    static let schema = "hardship_files"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $member, $headName, $headIdNumberEncrypted, $headIdNumberHash, $headIdNumberMasked, $status, $statusSince,
            $statusReason, $tier, $mainCause, $otherCauses, $region, $householdSize, $wages, $business, $property, $transfer, $otherIncome,
            $unavoidableCosts, $health, $disability, $housing, $workStatus, $bankEncrypted, $bankMasked, $openedOn, $verifiedOn,
            $aboveLineSince, $createdBy, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    /// The head of household when a member; nil for a worker filed without membership.
    @OptionalParent(key: "member_id") var member: Member?
    @Field(key: "head_name") var headName: String
    @Field(key: "head_id_enc") var headIdNumberEncrypted: String
    /// The keyed hash of the head's ID number: one open file per person, member or not.
    @Field(key: "head_id_hash") var headIdNumberHash: String
    @Field(key: "head_id_masked") var headIdNumberMasked: String
    @Field(key: "status") var status: String
    @Field(key: "status_since") var statusSince: String
    @OptionalField(key: "status_reason") var statusReason: String?
    @Field(key: "tier") var tier: String
    @Field(key: "main_cause") var mainCause: String
    /// Up to three secondary causes, comma-separated codes.
    @Field(key: "other_causes") var otherCauses: String
    @Field(key: "region") var region: String
    @Field(key: "household_size") var householdSize: Int
    @Field(key: "wages") var wages: Int
    @Field(key: "business") var business: Int
    @Field(key: "property") var property: Int
    @Field(key: "transfer") var transfer: Int
    @Field(key: "other_income") var otherIncome: Int
    @Field(key: "unavoidable_costs") var unavoidableCosts: Int
    @OptionalField(key: "health") var health: String?
    @OptionalField(key: "disability") var disability: String?
    @OptionalField(key: "housing") var housing: String?
    @OptionalField(key: "work_status") var workStatus: String?
    @OptionalField(key: "bank_enc") var bankEncrypted: String?
    @OptionalField(key: "bank_masked") var bankMasked: String?
    @Field(key: "opened_on") var openedOn: String
    @Field(key: "verified_on") var verifiedOn: String
    /// The first month of the current run with income per person above the 低保 line (exit candidate after six).
    @OptionalField(key: "above_line_since") var aboveLineSince: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A family member listed in a hardship file; `open` mirrors the file's state for the one-open-file-per-person index.
final class HardshipFamilyMember: Model, @unchecked Sendable {
    static let schema = "hardship_family"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $file, $name, $idNumberEncrypted, $idNumberHash, $idNumberMasked, $relation, $annualIncome, $status, $open]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "file_id") var file: HardshipFile
    @Field(key: "name") var name: String
    @Field(key: "id_enc") var idNumberEncrypted: String
    @Field(key: "id_hash") var idNumberHash: String
    @Field(key: "id_masked") var idNumberMasked: String
    @Field(key: "relation") var relation: String
    @Field(key: "annual_income") var annualIncome: Int
    @OptionalField(key: "status") var status: String?
    @Field(key: "open") var open: Bool

    init() {}
}

/// A named relief round (2026年春节送温暖, 2026年金秋助学 …) of one kind, paid from one fund.
final class ReliefRound: Model, @unchecked Sendable {
    static let schema = "relief_rounds"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $name, $kind, $startsOn, $endsOn, $fund, $budget, $standards, $reportsUpward, $secondApprovalAbove, $createdBy,
            $createdAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Parent(key: "fund_id") var fund: Fund
    @Field(key: "budget") var budget: Int
    /// JSON object: standard amount in fen by tier or school level code.
    @Field(key: "standards") var standards: String
    @Field(key: "reports_upward") var reportsUpward: Bool
    @Field(key: "second_approval_above") var secondApprovalAbove: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// An application for relief in a round, for a member (and their household file, if any) or a non-member household.
final class ReliefApplication: Model, @unchecked Sendable {
    static let schema = "relief_applications"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $round, $org, $member, $file, $state, $appliedOn, $lateReason, $requested, $approved, $upperApproved, $amountReason,
            $standardKey, $facts, $documents, $note, $createdBy, $firstApprovedBy, $secondApprovedBy, $upperRecordedBy, $upperReason,
            $upperConfirmedBy, $budgetReason, $reversalRequestedBy, $reversalReason, $paidAttempt, $version, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "round_id") var round: ReliefRound
    @Parent(key: "org_id") var org: Organization
    /// The member applied for; nil when a non-member household applies through its file.
    @OptionalParent(key: "member_id") var member: Member?
    @OptionalParent(key: "file_id") var file: HardshipFile?
    @Field(key: "state") var state: String
    /// The day the household applied (申请日期), which may be long before it is entered.
    @Field(key: "applied_on") var appliedOn: String
    /// Entered after its round had ended (补录), by federation staff, with this reason.
    @OptionalField(key: "late_reason") var lateReason: String?
    @Field(key: "requested") var requested: Int
    @OptionalField(key: "approved") var approved: Int?
    @OptionalField(key: "upper_approved") var upperApproved: Int?
    @OptionalField(key: "amount_reason") var amountReason: String?
    /// The round standard that applies (a tier or school level code).
    @OptionalField(key: "standard_key") var standardKey: String?
    /// JSON of the eligibility facts stated on the application.
    @Field(key: "facts") var facts: String
    /// JSON list of the documents checklist items provided.
    @Field(key: "documents") var documents: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_by") var createdBy: Int
    @OptionalField(key: "first_approved_by") var firstApprovedBy: Int?
    @OptionalField(key: "second_approved_by") var secondApprovedBy: Int?
    /// Who recorded the upper union's decision, and who confirmed it (above the threshold or beyond the budget).
    @OptionalField(key: "upper_recorded_by") var upperRecordedBy: Int?
    @OptionalField(key: "upper_reason") var upperReason: String?
    @OptionalField(key: "upper_confirmed_by") var upperConfirmedBy: Int?
    /// Why the round's budget was exceeded, given by the second approver.
    @OptionalField(key: "budget_reason") var budgetReason: String?
    /// A reversal asked for and waiting for a second person (above the threshold).
    @OptionalField(key: "reversal_requested_by") var reversalRequestedBy: Int?
    @OptionalField(key: "reversal_reason") var reversalReason: String?
    /// Payments made so far, counting reversed ones: the next payment's attempt number.
    @Field(key: "paid_attempt") var paidAttempt: Int
    /// Optimistic lock: every step checks and bumps it, so two approvers cannot both act on one state.
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// One step of an application's workflow, with its comment (the audit log holds the same step too).
final class ReliefStep: Model, @unchecked Sendable {
    static let schema = "relief_steps"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $application, $action, $fromState, $toState, $amount, $comment, $userID, $onDate, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "application_id") var application: ReliefApplication
    @Field(key: "action") var action: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @OptionalField(key: "amount") var amount: Int?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "user_id") var userID: Int?
    /// The day the step was taken; `created_at` is when it was entered.
    @Field(key: "on_date") var onDate: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A payment of an approved application (glossary: Disbursement), or the reversal of one. Never edited.
final class Disbursement: Model, @unchecked Sendable {
    static let schema = "disbursements"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $application, $attempt, $kind, $amount, $method, $paidOn, $token, $reversesID, $userID, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "application_id") var application: ReliefApplication
    @Field(key: "attempt") var attempt: Int
    /// `payment` or `reversal`.
    @Field(key: "kind") var kind: String
    /// Signed fen: positive paid, negative reversed.
    @Field(key: "amount") var amount: Int
    @Field(key: "method") var method: String
    @Field(key: "paid_on") var paidOn: String
    /// The submit token of the form or API call: a retry with the same token finds this row instead of paying twice.
    @Field(key: "token") var token: String
    @OptionalField(key: "reverses_id") var reversesID: Int?
    @OptionalField(key: "user_id") var userID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A member's yearly enrolment in the medical mutual-aid scheme.
final class MedicalEnrolment: Model, @unchecked Sendable {
    static let schema = "medical_enrolments"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $member, $year, $scheme, $fee, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "member_id") var member: Member
    @Field(key: "year") var year: Int
    @Field(key: "scheme") var scheme: String
    @Field(key: "fee") var fee: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension ReliefApplication {
    /// Who the application is for: the member, or the head of a non-member household (needs both eager-loaded).
    var applicantName: String { $member.value??.name ?? $file.value??.headName ?? "" }
}

// MARK: Typed values of the stored codes (an unknown code reads as nil, or the first state)

extension FundEntry {
    var entryKind: FundEntryKind? { FundEntryKind(rawValue: kind) }
}

extension Disbursement {
    var disbursementKind: DisbursementKind? { DisbursementKind(rawValue: kind) }
}

extension ReliefRound {
    var reliefKind: ReliefKind? { ReliefKind(rawValue: kind) }
}

extension ReliefApplication {
    var reliefState: ReliefState? { ReliefState(rawValue: state) }
}

extension HardshipFile {
    var fileStatus: HardshipFileStatus? { HardshipFileStatus(rawValue: status) }
}
