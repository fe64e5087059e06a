import Domain
import Fluent
import SQLKit
import Vapor

/// What an activity produced and what hangs on it: outputs, programme items, the book entries that paid, certificates
/// for a class, awards for a competition.
extension Activities {
    static func addOutput(_ id: Int, _ f: OutputFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        _ = try await find(id, in: scope, on: db)
        try await Store.write(db) { tx in
            let o = ActivityOutput()
            o.$activity.id = id
            o.label = f.label
            o.quantity = f.quantity
            o.unit = f.unit
            try await o.create(on: tx)
            try await Audit.record(ActivityAudit.output, entity: "activity", id: id, after: ["output": o.text], actor: actor, at: now, on: tx)
        }
    }

    static func addItem(_ id: Int, _ f: ProgrammeFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        _ = try await find(id, in: scope, on: db)
        try await Store.write(db) { tx in
            let i = ProgrammeItem()
            i.$activity.id = id
            i.kind = f.kind.rawValue
            i.title = f.title
            try await i.create(on: tx)
            try await Audit.record(ActivityAudit.item, entity: "activity", id: id, after: [f.kind.label: f.title], actor: actor, at: now, on: tx)
        }
    }

    /// Links a spending entry of the organiser's own books (not a reversal; each entry pays for one activity).
    static func linkCost(_ id: Int, entry entryID: Int, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        let a = try await find(id, in: scope, on: db)
        struct Row: Decodable { var org_id: Int; var side: String; var reverses_id: Int?; var amount: Int }
        guard let e = try await db.sql.raw("SELECT org_id, side, reverses_id, amount FROM book_entries WHERE id = \(bind: entryID)").first(decoding: Row.self),
            e.org_id == a.$org.id
        else { throw FieldError(field: "entryId", message: "经费支出应为\(a.org.name)自己账上的支出分录") }
        guard e.side == BookSide.expense.rawValue, e.reverses_id == nil, e.amount > 0 else {
            throw FieldError(field: "entryId", message: "只能关联支出分录（不是冲销记录）")
        }
        try await Store.write(db) { tx in
            if let other = try await ActivityCost.query(on: tx).filter(\.$entryID == entryID).first() {
                throw AppError.conflict(other.$activity.id == id ? "这笔支出已关联本活动" : "这笔支出已关联另一活动（第\(other.$activity.id)号），一笔支出只计一次", field: "entryId")
            }
            let c = ActivityCost()
            c.$activity.id = id
            c.entryID = entryID
            c.createdBy = actor.userID
            try await c.create(on: tx)
            try await Audit.record(ActivityAudit.cost, entity: "activity", id: id, after: ["entry": String(entryID), "amount": Money.yuan(e.amount)], actor: actor, at: now, on: tx)
        }
    }

    /// Certificates to trainees of a class who attended at least one of its sessions; those already certified stay once.
    static func certify(_ id: Int, _ values: FormFields, today: CalendarDate, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> Int
    {
        let a = try await find(id, in: scope, on: db)
        guard a.activityCategory == .training, let starts = a.starts else { throw AppError.conflict("只有培训班颁发结业证书", field: "cards") }
        let f = try CertificateFields.validate(values, startsOn: starts, today: today)
        let (cards, on) = (f.cards, f.issuedOn)
        let people = try await members(cards, of: a, field: "cards", on: db)
        let attended = Set(try await attendees(of: id, on: db))
        let absent = people.filter { !attended.contains($0.id ?? 0) }
        guard absent.isEmpty else {
            throw FieldError(field: "cards", message: "\(absent.prefix(5).map { "\($0.name)（\($0.cardNumber)）" }.joined(separator: "、"))没有出勤记录，不能结业")
        }
        return try await Store.write(db) { tx in
            let done = Set(try await Certificate.query(on: tx).filter(\.$activity.$id == id).all(\.$member.$id))
            let fresh = people.filter { !done.contains($0.id ?? 0) }
            for m in fresh {
                let c = Certificate()
                c.$activity.id = id
                c.$member.id = try m.requireID()
                c.issuedOn = on.iso
                try await c.create(on: tx)
            }
            try await Audit.record(ActivityAudit.certificate, entity: "activity", id: id, after: ["people": String(fresh.count), "on": on.iso], actor: actor, at: now, on: tx)
            return fresh.count
        }
    }

    /// A competition's winner: a member of the organiser's subtree or a team, no more winners than the local share of
    /// its entrants, each member once.
    static func addResult(_ id: Int, _ f: ResultFields, rules: ActivityRules, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        let a = try await find(id, in: scope, on: db)
        guard a.activityCategory == .competition else { throw AppError.conflict("只有劳动竞赛、技术比武登记获奖", field: "award") }
        let member = try await members(f.card.map { [$0] } ?? [], of: a, field: "card", on: db).first
        let memberID = member?.id
        let sessions = try await ActivitySession.query(on: db).filter(\.$activity.$id == id).all()
        let entrants = try await attendees(of: id, on: db).count + (sessions.contains { $0.guestVisits > 0 } ? a.guests : 0)
        try await Store.write(db) { tx in
            try await Store.lock("activities", id: id, on: tx)
            let results = try await CompetitionResult.query(on: tx).filter(\.$activity.$id == id).all()
            if let memberID, results.contains(where: { $0.$member.id == memberID }) {
                throw AppError.conflict("\(member?.name ?? "")已登记获奖", field: "card")
            }
            let most = rules.mostWinners(of: entrants)
            if results.count + 1 > most {
                throw FieldError(
                    field: "award", message: "获奖不能超过参赛人数的\(rules.winners)/\(rules.perEntrants)（参赛\(entrants)人，最多\(most)个获奖）；先登记参赛出勤")
            }
            let r = CompetitionResult()
            r.$activity.id = id
            r.$member.id = memberID
            r.team = f.team
            r.award = f.award.rawValue
            r.prize = f.prize
            r.createdBy = actor.userID
            try await r.create(on: tx)
            try await Audit.record(
                ActivityAudit.result, entity: "activity", id: id, after: ["winner": member?.cardNumber ?? f.team ?? "", "award": f.award.label], actor: actor,
                at: now, on: tx)
        }
    }
}
