import Domain
import Fluent
import SQLKit
import Vapor

/// Activities and classes: recorded and corrected by their organiser's subtree, sessions on their days, members'
/// attendance by card number (all or nothing, each member once a session), sign-ups within the cap with a waiting
/// list, programme items and outputs, the book entries that paid for them, certificates for those who attended.
enum Activities {
    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<Activity> {
        Activity.query(on: db).filter(scope.contains(column: "activities.org_id"))
    }

    /// An activity's photos and scans are its attachments, in its organiser's scope.
    static func owner(_ a: Activity) throws -> Attachments.Owner { .init(kind: "activity", id: try a.requireID(), orgID: a.$org.id) }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Activity {
        guard let a = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).first() else { throw AppError.notFound("活动") }
        return a
    }

    /// The organiser: a node of the subtree.
    private static func organiser(_ id: Int, in scope: Scope, on db: any Database) async throws -> Organization {
        guard let o = try await Organization.scoped(scope, on: db).filter(\.$id == id).first() else {
            throw FieldError(field: "orgId", message: "主办工会不存在或不在您的管辖范围内")
        }
        return o
    }

    /// The campaign an event belongs to and the service centre it is held at: of the subtree, a campaign covering its day.
    private static func checkLinks(_ f: ActivityFields, in scope: Scope, on db: any Database) async throws {
        if let c = f.campaignId {
            guard let campaign = try await scoped(scope, on: db).filter(\.$id == c).filter(\.$category == ActivityCategory.campaign.rawValue).first() else {
                throw FieldError(field: "campaignId", message: "所属宣传活动不存在或不在您的管辖范围内")
            }
            if f.startsOn.iso < campaign.startsOn || f.startsOn.iso > campaign.endsOn {
                throw FieldError(field: "campaignId", message: "“\(campaign.title)”在\(campaign.startsOn)至\(campaign.endsOn)，本活动的日期不在其中")
            }
        }
        if let p = f.centreId {
            guard let centre = try await ServiceCentres.scoped(scope, on: db).filter(\.$id == p).first() else {
                throw FieldError(field: "centreId", message: "服务阵地不存在或不在您的管辖范围内")
            }
            if f.startsOn.iso < centre.openedOn || centre.closedOn.map({ f.startsOn.iso > $0 }) == true {
                throw FieldError(field: "centreId", message: "“\(centre.name)”当天不在开放期间")
            }
        }
    }

    /// A new activity with its first session on its first day (a one-day activity needs no other); a campaign has none.
    static func create(_ f: ActivityFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Activity {
        _ = try await organiser(f.orgId, in: scope, on: db)
        try await checkLinks(f, in: scope, on: db)
        return try await Store.write(db) { tx in
            let a = Activity()
            a.apply(f)
            a.createdBy = actor.userID
            try await a.create(on: tx)
            if f.kind.category != .campaign {
                let s = ActivitySession()
                s.$activity.id = try a.requireID()
                s.onDate = f.startsOn.iso
                s.guestVisits = 0
                try await s.create(on: tx)
            }
            try await Audit.record(ActivityAudit.create, entity: "activity", id: a.id, after: snapshot(a), actor: actor, at: now, on: tx)
            return a
        }
    }

    /// A correction: the cap no lower than those enrolled, the days still holding every session, the non-members no
    /// fewer than any session's non-member attendances.
    static func update(_ id: Int, _ f: ActivityFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Activity {
        _ = try await organiser(f.orgId, in: scope, on: db)
        try await checkLinks(f, in: scope, on: db)
        return try await Store.write(db) { tx in
            try await Store.lock("activities", id: id, on: tx)
            let a = try await find(id, in: scope, on: tx)
            var e = FieldErrors()
            let enrolled = try await Signup.query(on: tx).filter(\.$activity.$id == id).filter(\.$status == SignupStatus.enrolled.rawValue).count()
            if let cap = f.cap, cap < enrolled {
                e.append(FieldError(field: "cap", message: "报名名额不能少于已报名的\(enrolled)人（先取消多出的报名）"))
            }
            let sessions = try await ActivitySession.query(on: tx).filter(\.$activity.$id == id).all()
            if let outside = sessions.first(where: { $0.onDate < f.startsOn.iso || $0.onDate > f.endsOn.iso }) {
                e.append(FieldError(field: "startsOn", message: "已登记\(outside.onDate)的场次，起止日期应包含它"))
            }
            if let most = sessions.map(\.guestVisits).max(), most > f.guests {
                e.append(FieldError(field: "guests", message: "已有场次登记非会员\(most)人次，非会员参加人数不能少于此数"))
            }
            let attended = try await Attendance.query(on: tx).join(ActivitySession.self, on: \Attendance.$session.$id == \ActivitySession.$id)
                .filter(ActivitySession.self, \.$activity.$id == id).count()
            if attended > 0, f.kind.category.rawValue != a.category {
                e.append(FieldError(field: "kind", message: "已登记出勤，不能改为\(f.kind.category.label)类别"))
            }
            if a.activityCategory == .campaign, f.kind.category != .campaign,
                try await Activity.query(on: tx).filter(\.$campaignID == id).count() > 0
            {
                e.append(FieldError(field: "kind", message: "已有活动属于这项宣传活动，不能改为其他类别"))
            }
            try e.throwIfAny()
            let before = snapshot(a)
            a.apply(f)
            try await a.save(on: tx)
            try await Audit.record(ActivityAudit.update, entity: "activity", id: id, before: before, after: snapshot(a), actor: actor, at: now, on: tx)
            return a
        }
    }

    static func snapshot(_ a: Activity) -> [String: String] {
        var s = ["kind": a.kind, "title": a.title, "startsOn": a.startsOn, "endsOn": a.endsOn, "guests": String(a.guests)]
        if let cap = a.cap { s["cap"] = String(cap) }
        if let audience = a.audience { s["audience"] = String(audience) }
        if let host = a.hostedBy { s["hostedBy"] = host }
        if let budget = a.budget { s["budget"] = Money.yuan(budget) }
        return s
    }

    static func addSession(_ id: Int, _ values: FormFields, today: CalendarDate, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> ActivitySession
    {
        let a = try await find(id, in: scope, on: db)
        guard let starts = a.starts, let ends = a.ends else { throw AppError.conflict("活动日期有误", field: nil) }
        let f = try ActivitySessionFields.validate(values, startsOn: starts, endsOn: ends, guests: a.guests, today: today)
        return try await Store.write(db) { tx in
            let s = ActivitySession()
            s.$activity.id = id
            s.onDate = f.on.iso
            s.title = f.title
            s.hours = f.hours
            s.guestVisits = f.guestVisits
            try await s.create(on: tx)
            try await Audit.record(
                ActivityAudit.session, entity: "activity", id: id, after: ["on": f.on.iso, "guestVisits": String(f.guestVisits)], actor: actor, at: now, on: tx)
            return s
        }
    }

    static func session(_ sessionID: Int, of activity: Activity, on db: any Database) async throws -> ActivitySession {
        guard let s = try await ActivitySession.query(on: db).filter(\.$id == sessionID).filter(\.$activity.$id == activity.requireID()).first() else {
            throw FieldError(field: "sessionId", message: "没有这个场次")
        }
        return s
    }

    /// The members of the organiser's subtree holding these cards, in the order typed; a card not found there is refused
    /// by name (up to five named).
    static func members(_ cards: [String], of a: Activity, field: String, on db: any Database) async throws -> [Member] {
        guard !cards.isEmpty else { return [] }
        let within = Scope(orgID: a.$org.id, path: a.org.path)
        var found: [String: Member] = [:]
        for chunk in stride(from: 0, to: cards.count, by: 500) {
            let part = Array(cards[chunk..<min(cards.count, chunk + 500)])
            for m in try await Member.scoped(within, on: db).filter(\.$cardNumber ~~ part).all() { found[m.cardNumber] = m }
        }
        let missing = cards.filter { found[$0] == nil }
        guard missing.isEmpty else {
            throw FieldError(
                field: field,
                message: "会员证号\(missing.prefix(5).joined(separator: "、"))\(missing.count > 5 ? "等\(missing.count)个" : "")不是\(a.org.name)范围内的会员")
        }
        return cards.compactMap { found[$0] }
    }

    /// Attendance at a session already held: the members by card (those already recorded stay once), and the
    /// non-members' attendances when given. Returns the members newly recorded.
    static func attend(_ id: Int, _ values: FormFields, today: CalendarDate, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> Int
    {
        let a = try await find(id, in: scope, on: db)
        let f = try AttendanceFields.validate(values, guests: a.guests)
        let s = try await session(f.sessionId, of: a, on: db)
        if s.onDate > today.iso { throw FieldError(field: "cards", message: "该场次在\(s.onDate)，还没到，不能登记出勤") }
        let people = try await members(f.cards, of: a, field: "cards", on: db)
        return try await Store.write(db) { tx in
            let sid = try s.requireID()
            let present = Set(try await Attendance.query(on: tx).filter(\.$session.$id == sid).all(\.$member.$id))
            let fresh = people.filter { !present.contains($0.id ?? 0) }
            for m in fresh {
                let row = Attendance()
                row.$session.id = sid
                row.$member.id = try m.requireID()
                row.createdBy = actor.userID
                try await row.create(on: tx)
            }
            if let visits = f.guestVisits, visits != s.guestVisits {
                s.guestVisits = visits
                try await s.save(on: tx)
            }
            try await Audit.record(
                ActivityAudit.attendance, entity: "activity", id: id,
                after: ["session": s.onDate, "members": String(fresh.count), "guestVisits": String(s.guestVisits)], actor: actor, at: now, on: tx)
            return fresh.count
        }
    }

    /// A member's attendance recorded by mistake, taken back with its reason (the audit log keeps both).
    static func removeAttendance(_ id: Int, _ f: AttendanceRemovalFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> Member
    {
        let a = try await find(id, in: scope, on: db)
        let s = try await session(f.sessionId, of: a, on: db)
        let sid = try s.requireID()
        guard
            let row = try await Attendance.query(on: db).filter(\.$session.$id == sid).join(Member.self, on: \Attendance.$member.$id == \Member.$id)
                .filter(Member.self, \.$cardNumber == f.card).with(\.$member).first()
        else { throw FieldError(field: "card", message: "会员证号\(f.card)在\(s.onDate)的场次没有出勤记录") }
        let member = row.member
        try await Store.write(db) { tx in
            try await row.delete(on: tx)
            try await Audit.record(
                ActivityAudit.attendanceRemoved, entity: "activity", id: id, before: ["session": s.onDate, "card": f.card], after: ["reason": f.reason],
                actor: actor, at: now, on: tx)
        }
        return member
    }

    /// The members who attended any session of an activity.
    static func attendees(of id: Int, on db: any Database) async throws -> [Int] {
        struct Row: Decodable { var member_id: Int }
        return try await db.sql.raw(
            "SELECT DISTINCT a.member_id FROM activity_attendance a JOIN activity_sessions s ON s.id = a.session_id WHERE s.activity_id = \(bind: id)"
        ).all(decoding: Row.self).map(\.member_id)
    }

    /// The book entries that paid for an activity and count (approved where they needed it), with their reversals.
    static func costs(of id: Int, on db: any Database) async throws -> [BookEntry] {
        try await BookEntry.query(on: db).filter(.sql(Registers.within("book_entries.id", ActivityStats.paidBy("\(bind: id)"))))
            .sort(\.$onDate).sort(\.$id).all()
    }
}
