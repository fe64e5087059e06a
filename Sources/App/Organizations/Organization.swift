import Domain
import Fluent
import Vapor

/// One node of the org tree: a federation or a grassroots union.
final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $name, $level, $unionType, $parent, $path, $regionCode, $creditCode, $foundedOn, $electedOn, $termYears, $reElectionDue,
            $status, $endedOn, $mergedIntoID, $createdAt, $updatedAt,
        ]
    }

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
    /// The day an ended union (撤销、合并、注销) ended, and the union it merged into.
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "merged_into_id") var mergedIntoID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// One dated step in an org's history (组织沿革): an election (with the day its term ends), a change of type or of
/// parent, its end. The register holds the present; these hold what it was on any day.
final class OrgEvent: Model, @unchecked Sendable {
    static let schema = "org_events"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $kind, $onDate, $fromValue, $toValue, $dueOn, $reason, $userID, $createdAt] }

    enum Kind: String, Codable, Sendable {
        case elected, typeChanged, moved, ended

        var label: String {
            switch self {
            case .elected: "换届选举"
            case .typeChanged: "变更工会类型"
            case .moved: "变更上级组织"
            case .ended: "撤销/合并/注销"
            }
        }
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "kind") var kind: String
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "from_value") var fromValue: String?
    @OptionalField(key: "to_value") var toValue: String?
    /// An election's term end (换届到期).
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "user_id") var userID: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A union officer post held by a named person (chair, vice chair, committee member …).
final class Cadre: Model, @unchecked Sendable {
    static let schema = "cadres"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $name, $post, $phoneEncrypted, $phoneMasked, $termFrom, $termTo] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "name") var name: String
    @Field(key: "post") var post: String
    @OptionalField(key: "phone_enc") var phoneEncrypted: String?
    @OptionalField(key: "phone_masked") var phoneMasked: String?
    /// The term the post is held for; a cadre who has left keeps their row with `termTo`.
    @OptionalField(key: "term_from") var termFrom: String?
    @OptionalField(key: "term_to") var termTo: String?

    init() {}
}

extension OrgEvent {
    /// What changed, as the history table says it: `任期至2029-05-01`, `企业工会 → 联合工会`, `甲镇总工会 → 乙镇总工会`.
    func detail(names: [Int: String]) -> String {
        func name(_ v: String?) -> String { v.flatMap(Int.init).flatMap { names[$0] } ?? v ?? "—" }
        func type(_ v: String?) -> String { v.flatMap(UnionType.init(rawValue:))?.label ?? "—" }
        return switch Kind(rawValue: kind) {
        case .elected: dueOn.map { "任期至\($0)" } ?? ""
        case .typeChanged: "\(type(fromValue)) → \(type(toValue))"
        case .moved: "\(name(fromValue)) → \(name(toValue))"
        case .ended: toValue.flatMap(OrgStatus.init(rawValue:))?.label ?? ""
        case nil: ""
        }
    }
}

extension Organization {
    var orgStatus: OrgStatus? { OrgStatus(rawValue: status) }
}
