import Domain
import Fluent
import Vapor

/// A workers' congress for one term (届): whose it is, its kind, the staff it represents and its seats.
final class Congress: Model, @unchecked Sendable {
    static let schema = "congresses"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $kind, $level, $employer, $name, $termStart, $termYears, $staff, $womenStaff, $seats, $allStaff, $createdBy,
            $createdAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    /// The union that is the congress's working body.
    @Parent(key: "org_id") var org: Organization
    @Field(key: "kind") var kind: String
    @Field(key: "level") var level: String
    @OptionalParent(key: "employer_id") var employer: Employer?
    @Field(key: "name") var name: String
    @Field(key: "term_start") var termStart: String
    @Field(key: "term_years") var termYears: Int
    @Field(key: "staff") var staff: Int
    @Field(key: "women_staff") var womenStaff: Int
    @Field(key: "seats") var seats: Int
    /// Fewer than 100 staff: an all-staff meeting, without delegates.
    @Field(key: "all_staff") var allStaff: Bool
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var congressKind: CongressKind { CongressKind(rawValue: kind) ?? .workers }
    var congressLevel: ContractLevel { ContractLevel(rawValue: level) ?? .enterprise }
    var start: CalendarDate { Self.start(termStart) }
    var termEnds: CalendarDate { Self.termEnds(start: start, years: termYears) }

    /// A term's first day as stored (a date the forms checked; 2000-01-01 should one not parse).
    static func start(_ termStart: String) -> CalendarDate { CalendarDate(parsing: termStart) ?? CalendarDate.firstDay(of: 2000) }
    /// A term's last day: the day before its anniversary `years` on.
    static func termEnds(start: CalendarDate, years: Int) -> CalendarDate { start.adding(years: years).adding(days: -1) }
}

final class Delegate: Model, @unchecked Sendable {
    static let schema = "congress_delegates"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $congress, $name, $gender, $category, $constituency, $teacher, $electedOn, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "congress_id") var congress: Congress
    @Field(key: "name") var name: String
    @Field(key: "gender") var gender: String
    @Field(key: "category") var category: String
    @Field(key: "constituency") var constituency: String
    @Field(key: "teacher") var teacher: Bool
    @Field(key: "elected_on") var electedOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class CongressSession: Model, @unchecked Sendable {
    static let schema = "congress_sessions"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $congress, $title, $heldOn, $members, $attending, $proposalsFrom, $proposalsTo, $reportedOn, $createdBy, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "congress_id") var congress: Congress
    @Field(key: "title") var title: String
    @Field(key: "held_on") var heldOn: String
    /// Who should have attended: the delegates seated then, or all staff.
    @Field(key: "members") var members: Int
    @Field(key: "attending") var attending: Int
    @OptionalField(key: "proposals_from") var proposalsFrom: String?
    @OptionalField(key: "proposals_to") var proposalsTo: String?
    /// Reported to the higher union (within 7 working days).
    @OptionalField(key: "reported_on") var reportedOn: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var held: CalendarDate { CalendarDate(parsing: heldOn) ?? CalendarDate.firstDay(of: 2000) }
}

final class Resolution: Model, @unchecked Sendable {
    static let schema = "congress_resolutions"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $session, $title, $approving, $against, $abstaining, $passed, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "session_id") var session: CongressSession
    @Field(key: "title") var title: String
    @Field(key: "approving") var approving: Int
    @Field(key: "against") var against: Int
    @Field(key: "abstaining") var abstaining: Int
    @Field(key: "passed") var passed: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class Proposal: Model, @unchecked Sendable {
    static let schema = "proposals"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $session, $number, $title, $content, $proposer, $cosigners, $submittedOn, $state, $registeredOn, $department, $returnedOn,
            $returnReason, $repliedOn, $answer, $ratedOn, $satisfaction, $reportedOn, $version, $createdBy, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "session_id") var session: CongressSession
    /// `TA2026-0003`.
    @Field(key: "number") var number: String
    @Field(key: "title") var title: String
    @Field(key: "content") var content: String
    @Field(key: "proposer") var proposer: String
    /// Co-signers' names, `、`-separated.
    @Field(key: "cosigners") var cosigners: String
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "state") var state: String
    @OptionalField(key: "registered_on") var registeredOn: String?
    @OptionalField(key: "department") var department: String?
    @OptionalField(key: "returned_on") var returnedOn: String?
    @OptionalField(key: "return_reason") var returnReason: String?
    @OptionalField(key: "replied_on") var repliedOn: String?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "rated_on") var ratedOn: String?
    @OptionalField(key: "satisfaction") var satisfaction: String?
    @OptionalField(key: "reported_on") var reportedOn: String?
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var proposalState: ProposalState { ProposalState(rawValue: state) ?? .submitted }

    var dates: ProposalDates {
        func day(_ s: String?) -> CalendarDate? { s.flatMap(CalendarDate.init(parsing:)) }
        var d = ProposalDates(submitted: day(submittedOn) ?? CalendarDate.firstDay(of: 2000))
        d.registered = day(registeredOn)
        d.returned = day(returnedOn)
        d.replied = day(repliedOn)
        d.rated = day(ratedOn)
        d.reported = day(reportedOn)
        return d
    }
}

final class Disclosure: Model, @unchecked Sendable {
    static let schema = "disclosures"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $employer, $disclosedOn, $channel, $title, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "employer_id") var employer: Employer
    @Field(key: "disclosed_on") var disclosedOn: String
    @Field(key: "channel") var channel: String
    @Field(key: "title") var title: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class DisclosureCheck: Model, @unchecked Sendable {
    static let schema = "disclosure_checks"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $employer, $checkedOn, $passed, $findings, $correctionsDue, $correctedOn, $createdBy, $createdAt]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "employer_id") var employer: Employer
    @Field(key: "checked_on") var checkedOn: String
    @Field(key: "passed") var passed: Bool
    @Field(key: "findings") var findings: String
    @OptionalField(key: "corrections_due") var correctionsDue: String?
    @OptionalField(key: "corrected_on") var correctedOn: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class BargainingReport: Model, @unchecked Sendable {
    static let schema = "bargaining_reports"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $week, $reportedOn, $progress, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    /// The Monday of the week reported.
    @Field(key: "week") var week: String
    @Field(key: "reported_on") var reportedOn: String
    @Field(key: "progress") var progress: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class WomenCommittee: Model, @unchecked Sendable {
    static let schema = "women_committees"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $org, $form, $setUpOn, $chair, $members, $termEnds, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "form") var form: String
    @Field(key: "set_up_on") var setUpOn: String
    @Field(key: "chair") var chair: String
    @Field(key: "members") var members: Int
    @OptionalField(key: "term_ends") var termEnds: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
