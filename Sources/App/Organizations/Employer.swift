import Fluent
import Vapor

/// A host unit of workers, registered under an org node, with or without a union of its own.
final class Employer: Model, @unchecked Sendable {
    static let schema = "employers"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $name, $creditCode, $creditCodeForced, $headcount, $industry, $ownership, $address, $org, $union, $createdAt, $updatedAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @OptionalField(key: "credit_code") var creditCode: String?
    @Field(key: "credit_code_forced") var creditCodeForced: Bool
    @Field(key: "headcount") var headcount: Int
    @OptionalField(key: "industry") var industry: String?
    @OptionalField(key: "ownership") var ownership: String?
    @OptionalField(key: "address") var address: String?
    @Parent(key: "org_id") var org: Organization
    @OptionalParent(key: "union_id") var union: Organization?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
