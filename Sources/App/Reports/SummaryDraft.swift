import Fluent
import Vapor

/// One staff edit of a summary paragraph (or a paragraph added after another), for an org and period.
final class SummaryEdit: Model, @unchecked Sendable {
    static let schema = "summary_edits"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $periodKey, $paragraphKey, $text, $baseText, $afterKey, $userID, $updatedAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "period_key") var periodKey: String
    @Field(key: "paragraph_key") var paragraphKey: String
    @Field(key: "text") var text: String
    /// The generated text the edit replaced: when it changes, the edit is shown as a conflict.
    @Field(key: "base_text") var baseText: String
    @OptionalField(key: "after_key") var afterKey: String?
    @OptionalField(key: "user_id") var userID: Int?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A finalised summary: its text and figures frozen as JSON (`WorkSummary`), never changed afterwards.
final class SummarySnapshot: Model, @unchecked Sendable {
    static let schema = "summary_snapshots"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $periodKey, $title, $body, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "period_key") var periodKey: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
