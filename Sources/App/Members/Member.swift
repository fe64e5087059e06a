import Domain
import Fluent
import Vapor

/// A union member: one row per person (the ID number's keyed hash is unique), moved between unions by transfers.
final class Member: Model, @unchecked Sendable {
    static let schema = "members"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $name, $idNumberEncrypted, $idNumberHash, $idNumberMasked, $birthDate, $gender, $phoneEncrypted, $phoneHash, $phoneMasked,
            $ethnicity, $education, $politicalStatus, $union, $employer, $joinDate, $cardNumber, $migrantWorker, $modelWorker, $status,
            $statusSince, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "id_enc") var idNumberEncrypted: String
    @Field(key: "id_hash") var idNumberHash: String
    @Field(key: "id_masked") var idNumberMasked: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "gender") var gender: String
    @OptionalField(key: "phone_enc") var phoneEncrypted: String?
    @OptionalField(key: "phone_hash") var phoneHash: String?
    @OptionalField(key: "phone_masked") var phoneMasked: String?
    @Field(key: "ethnicity") var ethnicity: String
    @OptionalField(key: "education") var education: String?
    @OptionalField(key: "political_status") var politicalStatus: String?
    @Parent(key: "union_id") var union: Organization
    @OptionalParent(key: "employer_id") var employer: Employer?
    @Field(key: "join_date") var joinDate: String
    @Field(key: "card_no") var cardNumber: String
    @Field(key: "migrant_worker") var migrantWorker: Bool
    @Field(key: "model_worker") var modelWorker: Bool
    @Field(key: "status") var status: String
    @Field(key: "status_since") var statusSince: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// One dated step in a member's history: joined, transferred, status changed.
final class MemberEvent: Model, @unchecked Sendable {
    static let schema = "member_events"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $member, $kind, $fromUnionID, $toUnionID, $fromStatus, $toStatus, $onDate, $reason, $userID, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "member_id") var member: Member
    @Field(key: "kind") var kind: String
    @OptionalField(key: "from_union_id") var fromUnionID: Int?
    @OptionalField(key: "to_union_id") var toUnionID: Int?
    @OptionalField(key: "from_status") var fromStatus: String?
    @OptionalField(key: "to_status") var toStatus: String?
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "user_id") var userID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension Member {
    var memberStatus: MemberStatus? { MemberStatus(rawValue: status) }
}
