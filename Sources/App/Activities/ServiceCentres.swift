import Domain
import Fluent
import SQLKit
import Vapor

/// A service centre (职工服务中心, 职工之家, 职工书屋, 母婴室, 工会驿站 …) of a union: open from a day (until one), its size,
/// hours, rooms, keeper, books and equipment, checked against its kind's standard.
final class ServiceCentre: Model, @unchecked Sendable {
    static let schema = "service_centres"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $org, $kind, $name, $host, $openedOn, $closedOn, $area, $hours, $rooms, $keeper, $books, $equipment, $createdBy,
            $createdAt, $updatedAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "org_id") var org: Organization
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @OptionalField(key: "host") var host: String?
    @Field(key: "opened_on") var openedOn: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "area") var area: Int?
    @OptionalField(key: "hours") var hours: String?
    @OptionalField(key: "rooms") var rooms: String?
    @OptionalField(key: "keeper") var keeper: String?
    @OptionalField(key: "books") var books: Int?
    /// The kind's equipment it has, joined by `、`.
    @Field(key: "equipment") var equipment: String
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var equipmentList: [String] { equipment.split(separator: "、").map(String.init) }

    /// What it lacks against its kind's standard (nothing known of a kind no longer configured).
    func missing(_ rules: ActivityRules) -> [String] {
        rules.centreKind(kind)?.missing(area: area, books: books, keeper: keeper, equipment: equipmentList) ?? []
    }

    func apply(_ f: ServiceCentreFields) {
        $org.id = f.orgId
        kind = f.kind.code
        name = f.name
        host = f.host
        openedOn = f.openedOn.iso
        closedOn = f.closedOn?.iso
        area = f.area
        hours = f.hours
        rooms = f.rooms
        keeper = f.keeper
        books = f.books
        equipment = f.equipment.joined(separator: "、")
    }
}

/// A day's visits at a centre: a count, or one member by card; volunteers on duty and books lent.
final class CentreVisit: Model, @unchecked Sendable {
    static let schema = "centre_visits"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $centre, $onDate, $visits, $member, $volunteers, $booksLent, $createdBy, $createdAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "centre_id") var centre: ServiceCentre
    @Field(key: "on_date") var onDate: String
    @Field(key: "visits") var visits: Int
    @OptionalParent(key: "member_id") var member: Member?
    @Field(key: "volunteers") var volunteers: Int
    @Field(key: "books_lent") var booksLent: Int
    @OptionalField(key: "created_by") var createdBy: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

enum ServiceCentres {
    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<ServiceCentre> {
        ServiceCentre.query(on: db).filter(scope.contains(column: "service_centres.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> ServiceCentre {
        guard let p = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).first() else { throw AppError.notFound("服务阵地") }
        return p
    }

    private static func checkOrg(_ id: Int, in scope: Scope, on db: any Database) async throws {
        guard try await Organization.scoped(scope, on: db).filter(\.$id == id).first() != nil else {
            throw FieldError(field: "orgId", message: "所属工会不存在或不在您的管辖范围内")
        }
    }

    static func create(_ f: ServiceCentreFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> ServiceCentre
    {
        try await checkOrg(f.orgId, in: scope, on: db)
        return try await Store.write(db) { tx in
            let p = ServiceCentre()
            p.apply(f)
            p.createdBy = actor.userID
            try await p.create(on: tx)
            try await Audit.record(
                ActivityAudit.centre, entity: "service_centre", id: p.id, after: snapshot(p), actor: actor, at: now, on: tx)
            return p
        }
    }

    /// A correction or a change (more books, a keeper named, closed): the visits already logged must stay within its days.
    static func update(_ id: Int, _ f: ServiceCentreFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> ServiceCentre
    {
        try await checkOrg(f.orgId, in: scope, on: db)
        return try await Store.write(db) { tx in
            let p = try await find(id, in: scope, on: tx)
            let logged = try await CentreVisit.query(on: tx).filter(\.$centre.$id == id)
            if let early = try await logged.filter(\.$onDate < f.openedOn.iso).first() {
                throw FieldError(field: "openedOn", message: "已登记\(early.onDate)的接待，建成日期不能晚于它")
            }
            if let closed = f.closedOn,
                let late = try await CentreVisit.query(on: tx).filter(\.$centre.$id == id).filter(\.$onDate > closed.iso).first()
            {
                throw FieldError(field: "closedOn", message: "已登记\(late.onDate)的接待，停用日期不能早于它")
            }
            let before = snapshot(p)
            p.apply(f)
            try await p.save(on: tx)
            try await Audit.record(
                ActivityAudit.centreUpdate, entity: "service_centre", id: id, before: before, after: snapshot(p), actor: actor, at: now,
                on: tx)
            return p
        }
    }

    static func snapshot(_ p: ServiceCentre) -> [String: String] {
        var s = ["kind": p.kind, "name": p.name, "openedOn": p.openedOn, "equipment": p.equipment]
        if let c = p.closedOn { s["closedOn"] = c }
        if let a = p.area { s["area"] = String(a) }
        if let b = p.books { s["books"] = String(b) }
        if let k = p.keeper { s["keeper"] = k }
        return s
    }

    static func visit(
        _ id: Int, _ values: FormFields, today: CalendarDate, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    )
        async throws -> CentreVisit
    {
        let p = try await find(id, in: scope, on: db)
        guard let opened = CalendarDate(parsing: p.openedOn) else { throw AppError.conflict("阵地日期有误", field: nil) }
        let f = try VisitFields.validate(values, openedOn: opened, closedOn: p.closedOn.flatMap(CalendarDate.init(parsing:)), today: today)
        var member: Member?
        if let card = f.card {
            let within = Scope(orgID: p.$org.id, path: p.org.path)
            member = try await Member.scoped(within, on: db).filter(\.$cardNumber == card).first()
            if member == nil { throw FieldError(field: "card", message: "会员证号\(card)不是\(p.org.name)范围内的会员") }
        }
        let memberID = member?.id
        return try await Store.write(db) { tx in
            let v = CentreVisit()
            v.$centre.id = id
            v.onDate = f.on.iso
            v.visits = f.visits
            v.$member.id = memberID
            v.volunteers = f.volunteers
            v.booksLent = f.booksLent
            v.createdBy = actor.userID
            try await v.create(on: tx)
            try await Audit.record(
                ActivityAudit.visit, entity: "service_centre", id: id,
                after: ["on": f.on.iso, "visits": String(f.visits), "volunteers": String(f.volunteers), "booksLent": String(f.booksLent)],
                actor: actor, at: now,
                on: tx)
            return v
        }
    }
}
