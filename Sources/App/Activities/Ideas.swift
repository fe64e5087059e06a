import Domain
import Fluent
import SQLKit
import Vapor

/// A 金点子 idea (合理化建议): handed in by a member of the collecting union's subtree, graded A–D, adopted or not,
/// with what it saves and its reward.
final class Idea: Model, @unchecked Sendable {
    static let schema = "ideas"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $activityID, $member, $employer, $title, $description, $submittedOn, $grade, $adopted, $decidedOn, $savings, $reward,
            $createdBy, $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @OptionalField(key: "activity_id") var activityID: Int?
    @Parent(key: "member_id") var member: Member
    @OptionalField(key: "employer") var employer: String?
    @Field(key: "title") var title: String
    @OptionalField(key: "description") var description: String?
    @Field(key: "submitted_on") var submittedOn: String
    @OptionalField(key: "grade") var grade: String?
    @OptionalField(key: "adopted") var adopted: Bool?
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "savings") var savings: Int?
    @OptionalField(key: "reward") var reward: Int?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var ideaGrade: IdeaGrade? { grade.flatMap(IdeaGrade.init(rawValue:)) }
    var standing: String { decidedOn == nil ? "待评定" : adopted == true ? "已采纳" : "未采纳" }
}

enum Ideas {
    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Idea> {
        Idea.query(on: db).filter(scope.contains(column: "ideas.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Idea {
        guard let i = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).with(\.$member).first() else {
            throw AppError.notFound("建议")
        }
        return i
    }

    static func submit(_ f: IdeaFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Idea {
        guard let org = try await Organization.scoped(scope, on: db).filter(\.$id == f.orgId).first() else {
            throw FieldError(field: "orgId", message: "收集工会不存在或不在您的管辖范围内")
        }
        if let a = f.activityId {
            guard try await Activities.scoped(scope, on: db).filter(\.$id == a).filter(\.$kind == "ideas").first() != nil else {
                throw FieldError(field: "activityId", message: "征集活动应为您管辖范围内的“金点子”征集")
            }
        }
        let within = Scope(orgID: try org.requireID(), path: org.path)
        guard let m = try await Member.scoped(within, on: db).filter(\.$cardNumber == f.card).first() else {
            throw FieldError(field: "card", message: "会员证号\(f.card)不是\(org.name)范围内的会员")
        }
        return try await Store.write(db) { tx in
            let i = Idea()
            i.$org.id = f.orgId
            i.activityID = f.activityId
            i.$member.id = try m.requireID()
            i.employer = f.employer
            i.title = f.title
            i.description = f.description
            i.submittedOn = f.submittedOn.iso
            i.createdBy = actor.userID
            try await i.create(on: tx)
            try await Audit.record(
                ActivityAudit.idea, entity: "idea", id: i.id, after: ["title": f.title, "card": f.card], actor: actor, at: now, on: tx)
            i.$member.value = m
            i.$org.value = org
            return i
        }
    }

    /// The assessment; assessed again, the later one stands (the audit keeps the earlier).
    static func decide(
        _ id: Int, _ values: FormFields, today: CalendarDate, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    )
        async throws -> Idea
    {
        let i = try await find(id, in: scope, on: db)
        guard let submitted = CalendarDate(parsing: i.submittedOn) else { throw AppError.conflict("建议日期有误", field: nil) }
        let f = try IdeaDecisionFields.validate(values, submittedOn: submitted, today: today)
        return try await Store.write(db) { tx in
            let before = ["grade": i.grade ?? "", "adopted": i.adopted.map { $0 ? "是" : "否" } ?? ""]
            i.grade = f.grade.rawValue
            i.adopted = f.adopted
            i.decidedOn = f.decidedOn.iso
            i.savings = f.savings
            i.reward = f.reward
            try await i.save(on: tx)
            var after = ["grade": f.grade.rawValue, "adopted": f.adopted ? "是" : "否", "on": f.decidedOn.iso]
            if let s = f.savings { after["savings"] = Money.yuan(s) }
            if let r = f.reward { after["reward"] = Money.yuan(r) }
            try await Audit.record(
                ActivityAudit.ideaDecision, entity: "idea", id: id, before: before, after: after, actor: actor, at: now, on: tx)
            return i
        }
    }
}
