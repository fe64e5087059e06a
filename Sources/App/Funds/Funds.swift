import Domain
import Fluent
import Vapor

/// An employer registered as a payer (缴费登记) from a month, on a monthly payroll: the dues its arrears are reckoned
/// from. A new registration replaces the previous one from its month; the earlier ones stay as history.
final class DuesPayer: Model, @unchecked Sendable {
    static let schema = "dues_payers"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $employer, $orgID, $unionID, $since, $endsWith, $base, $channel, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "employer_id") var employer: Employer
    /// The employer's org node and union when registered (the subtree filter).
    @Field(key: "org_id") var orgID: Int
    @OptionalField(key: "union_id") var unionID: Int?
    /// `2026-01`.
    @Field(key: "since") var since: String
    @OptionalField(key: "ends_with") var endsWith: String?
    @Field(key: "base") var base: Int
    @Field(key: "channel") var channel: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var term: PayerTerm? {
        guard let since = Month(parsing: since) else { return nil }
        return PayerTerm(since: since, endsWith: endsWith.flatMap(Month.init(parsing:)), base: base)
    }
}

/// Dues received (经费到账): an employer's month, the payroll base and the amount, by tax collection or direct payment,
/// on the day it arrived. Never changed: a reversal (冲销) is a second, negative entry dated the day it is made.
final class DuesReceipt: Model, @unchecked Sendable {
    static let schema = "dues_receipts"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $employer, $orgID, $unionID, $month, $base, $amount, $stream, $channel, $receivedOn, $sourceKey, $reversesID, $note,
            $createdBy, $createdAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "employer_id") var employer: Employer
    @Field(key: "org_id") var orgID: Int
    @OptionalField(key: "union_id") var unionID: Int?
    /// `2026-10`: the payroll month (所属期).
    @Field(key: "month") var month: String
    @Field(key: "base") var base: Int
    @Field(key: "amount") var amount: Int
    @Field(key: "stream") var stream: String
    @Field(key: "channel") var channel: String
    @Field(key: "received_on") var receivedOn: String
    /// A tax list's line (`tax|code|month|amount|day`): the same line imported again is recognised.
    @OptionalField(key: "source_key") var sourceKey: String?
    /// Set on a reversal: the receipt it takes back (at most one reversal each).
    @OptionalField(key: "reverses_id") var reversesID: Int?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var duesStream: DuesStream { DuesStream(rawValue: stream) ?? .dues }
    var duesChannel: DuesChannel { DuesChannel(rawValue: channel) ?? .direct }
}

/// The return formalities an employer's union had completed on a day (返还手续); the latest by a day is its state then.
final class ReturnFormality: Model, @unchecked Sendable {
    static let schema = "dues_formalities"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $employer, $orgID, $unionID, $onDate, $done, $complete, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "employer_id") var employer: Employer
    @Field(key: "org_id") var orgID: Int
    @OptionalField(key: "union_id") var unionID: Int?
    @Field(key: "on_date") var onDate: String
    /// The items done, joined by `、` (in the configured order).
    @Field(key: "done") var done: String
    /// Every configured item done (and the employer has a union).
    @Field(key: "complete") var complete: Bool
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var items: [String] { done.split(separator: "、").map(String.init) }
}

/// A return batch (返还批次): each employer's share of the dues received in its months, drawn up by one person and paid
/// (已直拨 / 已回拨 / 已拨集中户) on the approval of another.
final class ReturnBatch: Model, @unchecked Sendable {
    static let schema = "dues_returns"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $org, $number, $madeOn, $fromMonth, $toMonth, $total, $status, $paidOn, $note, $madeBy, $approvedBy, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    /// `FH2026-0002`.
    @Field(key: "number") var number: String
    @Field(key: "made_on") var madeOn: String
    @Field(key: "from_month") var fromMonth: String
    @Field(key: "to_month") var toMonth: String
    @Field(key: "total") var total: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "paid_on") var paidOn: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "made_by") var madeBy: Int?
    @OptionalField(key: "approved_by") var approvedBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var returnStatus: ReturnStatus { ReturnStatus(rawValue: status) ?? .pending }
}

/// One employer's line of a return batch: its dues received and the share returned to its union.
final class ReturnLine: Model, @unchecked Sendable {
    static let schema = "dues_return_lines"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $batch, $employer, $unionID, $received, $sharePercent, $amount] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "batch_id") var batch: ReturnBatch
    @Parent(key: "employer_id") var employer: Employer
    @OptionalField(key: "union_id") var unionID: Int?
    @Field(key: "received") var received: Int
    @Field(key: "share_percent") var sharePercent: Int
    @Field(key: "amount") var amount: Int

    init() {}
}

/// A receipt whose share a return batch returned (each receipt at most once).
final class ReturnItem: Model, @unchecked Sendable {
    static let schema = "dues_return_items"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $batch, $receipt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "batch_id") var batch: ReturnBatch
    @Parent(key: "receipt_id") var receipt: DuesReceipt

    init() {}
}

/// An entry of a union's books (经费收支): income or spending of a category on a day, with the welfare item and people
/// where it is a member's welfare. Never changed: a reversal is a negative entry; an entry needing approval counts once a
/// second person approves it (`BookApproval`).
final class BookEntry: Model, @unchecked Sendable {
    static let schema = "book_entries"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $side, $category, $amount, $onDate, $description, $welfare, $people, $form, $overCap, $overBudget, $overReason,
            $needsApproval, $reversesID, $createdBy, $createdAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "side") var side: String
    @Field(key: "category") var category: String
    @Field(key: "amount") var amount: Int
    @Field(key: "on_date") var onDate: String
    @Field(key: "description") var description: String
    @OptionalField(key: "welfare") var welfare: String?
    @OptionalField(key: "people") var people: Int?
    @OptionalField(key: "form") var form: String?
    @Field(key: "over_cap") var overCap: Bool
    @Field(key: "over_budget") var overBudget: Bool
    @OptionalField(key: "over_reason") var overReason: String?
    @Field(key: "needs_approval") var needsApproval: Bool
    @OptionalField(key: "reverses_id") var reversesID: Int?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var bookSide: BookSide { BookSide(rawValue: side) ?? .expense }
}

/// A second person's decision on an entry that needed it: approved (it counts) or rejected (it never does).
final class BookApproval: Model, @unchecked Sendable {
    static let schema = "book_approvals"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $entry, $approved, $note, $decidedOn, $decidedBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "entry_id") var entry: BookEntry
    @Field(key: "approved") var approved: Bool
    @OptionalField(key: "note") var note: String?
    @Field(key: "decided_on") var decidedOn: String
    @OptionalField(key: "decided_by") var decidedBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A union's budget for one spending category and year (预算); the latest set is the budget.
final class Budget: Model, @unchecked Sendable {
    static let schema = "book_budgets"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $year, $category, $amount, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "year") var year: Int
    @Field(key: "category") var category: String
    @Field(key: "amount") var amount: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Money the tax bureau transferred to the federation's account for a month's collection (银行到账); append-only.
final class BankTransfer: Model, @unchecked Sendable {
    static let schema = "bank_transfers"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $month, $amount, $receivedOn, $reference, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "month") var month: String
    @Field(key: "amount") var amount: Int
    @Field(key: "received_on") var receivedOn: String
    @OptionalField(key: "reference") var reference: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The explanation of a month's difference between tax list and bank, for the difference it was given for.
final class ReconciliationNote: Model, @unchecked Sendable {
    static let schema = "reconciliation_notes"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $month, $difference, $note, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "month") var month: String
    @Field(key: "difference") var difference: Int
    @Field(key: "note") var note: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
