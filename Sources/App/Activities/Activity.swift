import Domain
import Fluent
import Vapor

/// An activity or a training class (活动/培训班) organised by a union or federation, on its days; the kind's category is
/// kept with it (a kind renamed or dropped later changes no past figure).
final class Activity: Model, @unchecked Sendable {
    static let schema = "activities"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $kind, $category, $title, $startsOn, $endsOn, $place, $jointOrganisers, $budget, $cap, $guests, $audience, $hostedBy,
            $description, $centreID, $campaignID, $channels, $materials, $createdBy, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "kind") var kind: String
    @Field(key: "category") var category: String
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @OptionalField(key: "place") var place: String?
    @OptionalField(key: "joint_organisers") var jointOrganisers: String?
    @OptionalField(key: "budget") var budget: Int?
    @OptionalField(key: "cap") var cap: Int?
    /// Non-members who took part (人数); their attendances are counted per session.
    @Field(key: "guests") var guests: Int
    /// Spectators, estimated (观众人次): never participants.
    @OptionalField(key: "audience") var audience: Int?
    /// A class held by a higher union, to which this one sent its people (选派).
    @OptionalField(key: "hosted_by") var hostedBy: String?
    @OptionalField(key: "description") var description: String?
    /// The service centre it was held at; the campaign it was part of.
    @OptionalField(key: "centre_id") var centreID: Int?
    @OptionalField(key: "campaign_id") var campaignID: Int?
    /// A campaign's channels (joined by `、`) and the copies of material it gave out.
    @OptionalField(key: "channels") var channels: String?
    @OptionalField(key: "materials") var materials: Int?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var channelList: [String] { channels?.split(separator: "、").map(String.init) ?? [] }

    var activityCategory: ActivityCategory { ActivityCategory(rawValue: category) ?? .event }
    var starts: CalendarDate? { CalendarDate(parsing: startsOn) }
    var ends: CalendarDate? { CalendarDate(parsing: endsOn) }
    var isSending: Bool { hostedBy != nil }

    func apply(_ f: ActivityFields) {
        $org.id = f.orgId
        kind = f.kind.code
        category = f.kind.category.rawValue
        title = f.title
        startsOn = f.startsOn.iso
        endsOn = f.endsOn.iso
        place = f.place
        jointOrganisers = f.jointOrganisers
        budget = f.budget
        cap = f.cap
        guests = f.guests
        audience = f.audience
        hostedBy = f.hostedBy
        description = f.description
        centreID = f.centreId
        campaignID = f.campaignId
        channels = f.channels.isEmpty ? nil : f.channels.joined(separator: "、")
        materials = f.materials
    }
}

/// A session (场次/课次) of an activity on one day: its hours taught and its non-members' attendances.
final class ActivitySession: Model, @unchecked Sendable {
    static let schema = "activity_sessions"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $activity, $onDate, $title, $hours, $guestVisits, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "activity_id") var activity: Activity
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "title") var title: String?
    @OptionalField(key: "hours") var hours: Int?
    @Field(key: "guest_visits") var guestVisits: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A member present at a session: one row a member a session.
final class Attendance: Model, @unchecked Sendable {
    static let schema = "activity_attendance"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $session, $member, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "session_id") var session: ActivitySession
    @Parent(key: "member_id") var member: Member
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A member's sign-up (报名): enrolled within the cap, waiting, or cancelled (a place freed goes to the first waiting).
final class Signup: Model, @unchecked Sendable {
    static let schema = "activity_signups"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $activity, $member, $status, $signedOn, $createdAt, $updatedAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "member_id") var member: Member
    @Field(key: "status") var status: String
    @Field(key: "signed_on") var signedOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var signupStatus: SignupStatus { SignupStatus(rawValue: status) ?? .cancelled }
}

/// What an activity produced (`清扫垃圾 8 吨`), in thousandths of its unit.
final class ActivityOutput: Model, @unchecked Sendable {
    static let schema = "activity_outputs"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $activity, $label, $quantity, $unit] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "activity_id") var activity: Activity
    @Field(key: "label") var label: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "unit") var unit: String

    init() {}

    var text: String { "\(label)\(Quantity.text(quantity))\(unit)" }
}

/// A programme item: a number performed, a match played, a play staged.
final class ProgrammeItem: Model, @unchecked Sendable {
    static let schema = "activity_items"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $activity, $kind, $title] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "activity_id") var activity: Activity
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String

    init() {}
}

/// A spending entry of the organiser's books that paid for the activity: the cost is recorded once, in the books.
final class ActivityCost: Model, @unchecked Sendable {
    static let schema = "activity_costs"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $activity, $entryID, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "activity_id") var activity: Activity
    @Field(key: "entry_id") var entryID: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A trainee's certificate (结业证书), on the day issued.
final class Certificate: Model, @unchecked Sendable {
    static let schema = "activity_certificates"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $activity, $member, $issuedOn, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "member_id") var member: Member
    @Field(key: "issued_on") var issuedOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A competition's result: a member or a team, the award, the prize.
final class CompetitionResult: Model, @unchecked Sendable {
    static let schema = "competition_results"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $activity, $member, $team, $award, $prize, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "activity_id") var activity: Activity
    @OptionalParent(key: "member_id") var member: Member?
    @OptionalField(key: "team") var team: String?
    @Field(key: "award") var award: String
    @OptionalField(key: "prize") var prize: Int?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var winner: String { member.map { "\($0.name)（\($0.cardNumber)）" } ?? team ?? "" }
}
