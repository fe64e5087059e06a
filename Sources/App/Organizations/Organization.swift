import Domain
import Fluent
import Vapor

/// One node of the org tree: a federation or a grassroots union.
final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "level") var level: String
    @OptionalField(key: "union_type") var unionType: String?
    @OptionalParent(key: "parent_id") var parent: Organization?
    /// Materialised path `/1/5/23/`: a subtree is every node whose path starts with its root's.
    @Field(key: "path") var path: String
    @OptionalField(key: "region_code") var regionCode: String?
    @OptionalField(key: "credit_code") var creditCode: String?
    @OptionalField(key: "founded_on") var foundedOn: String?
    @OptionalField(key: "elected_on") var electedOn: String?
    @Field(key: "term_years") var termYears: Int
    @OptionalField(key: "reelection_due") var reElectionDue: String?
    @Field(key: "status") var status: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A union officer post held by a named person (chair, vice chair, committee member …).
final class Cadre: Model, @unchecked Sendable {
    static let schema = "cadres"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "name") var name: String
    @Field(key: "post") var post: String
    @OptionalField(key: "phone_enc") var phoneEncrypted: String?
    @OptionalField(key: "phone_masked") var phoneMasked: String?

    init() {}
}

extension Organization {
    var orgStatus: OrgStatus? { OrgStatus(rawValue: status) }
}
