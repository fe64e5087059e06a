import Domain
import Fluent
import SQLKit
import Vapor

/// The dated history an org keeps as it is edited (组织沿革): each election, each change of type or parent on the day
/// it took effect, and its end, when its members move to the union it merged into and its employers lose (or change)
/// their union on that day. The figures for any day read this history (`Registers`).
enum OrgHistory {
    static func events(of orgID: Int, on db: any Database) async throws -> [OrgEvent] {
        try await OrgEvent.query(on: db).filter(\.$org.$id == orgID).sort(\.$onDate, .descending).sort(\.$id, .descending).all()
    }

    /// What an org held before an edit, to tell what the edit changed.
    struct Before: Sendable {
        var status: OrgStatus?
        var unionType: String?
        var parentID: Int?
        var electedOn: String?
        var foundedOn: String?

        init(_ o: Organization) {
            (status, unionType, parentID, electedOn, foundedOn) = (o.orgStatus, o.unionType, o.$parent.id, o.electedOn, o.foundedOn)
        }
    }

    /// Refuses what the history cannot hold: a union restored after it ended, an end that would leave members on the
    /// roll of a union no longer in being, or lower orgs still in being under an ended federation, a merger into a
    /// union that is not in being, an end dated before a change of one of its employers.
    static func check(_ before: Before, _ f: OrganizationFields, org: Organization, in scope: Scope, on db: any Database) async throws {
        let id = try org.requireID()
        if let was = before.status, was.isEnded, f.status != was {
            throw FieldError(field: "status", message: "该组织已于\(org.endedOn ?? "")\(was.label.dropFirst())，不能恢复；如重新成立，请新增组织")
        }
        guard f.status.isEnded, before.status?.isEnded != true, let day = f.endedOn else { return }
        let verb = String(f.status.label.dropFirst())
        let below = try await Registers.count(
            "SELECT o.id FROM organizations o WHERE o.path LIKE \(bind: org.path + "%") AND o.id <> \(bind: id) AND \(Registers.inBeing("o", on: day))",
            on: db)
        if below > 0 { throw FieldError(field: "status", message: "下级尚有\(below)个组织，请先将其撤销、合并或变更上级后再\(verb)") }
        if f.status == .merged {
            guard let target = f.mergedIntoId, target != id,
                let into = try? await OrganizationQuery.find(target, in: scope, on: db), into.level == OrgLevel.union.rawValue,
                try await Registers.count("\(Registers.unions(in: scope, on: day)) AND o.id = \(bind: target)", on: db) == 1
            else { throw FieldError(field: "mergedIntoId", message: "并入工会应为您管辖范围内、合并之日正常存续的另一基层工会") }
        } else {
            let members = try await Registers.memberTotal(in: Scope(orgID: id, path: org.path), on: day, on: db)
            if members > 0 {
                throw FieldError(field: "status", message: "该工会尚有在册会员\(members)人，请先办理会籍接转或变更会籍状态，或选择“已合并”并入其他工会")
            }
        }
        for employer in try await Employer.query(on: db).filter(\.$union.$id == id).all() {
            try await EmployerHistory.checkDate(day, employerID: employer.requireID(), field: "endedOn", on: db)
        }
    }

    /// Writes the history of an edit (or, with `before` nil, of a new org) inside its transaction.
    static func record(
        _ before: Before?, _ f: OrganizationFields, org: Organization, actor: Audit.Actor, at now: Date, on tx: any Database
    ) async throws {
        let id = try org.requireID()
        func add(_ kind: OrgEvent.Kind, on day: CalendarDate, from: String? = nil, to: String? = nil, due: String? = nil) async throws {
            let e = OrgEvent()
            e.$org.id = id
            e.kind = kind.rawValue
            e.onDate = day.iso
            (e.fromValue, e.toValue, e.dueOn, e.userID) = (from, to, due, actor.userID)
            try await e.create(on: tx)
        }
        if let elected = f.electedOn, elected.iso != before?.electedOn {
            // A later date is a new election; an earlier one corrects the date of the latest.
            if let old = before?.electedOn, elected.iso < old {
                try await tx.sql.update("org_events").set("on_date", to: elected.iso).set("due_on", to: f.reElectionDue?.iso)
                    .where("org_id", .equal, id).where("kind", .equal, OrgEvent.Kind.elected.rawValue).where("on_date", .equal, old).run()
            } else {
                try await add(.elected, on: elected, due: f.reElectionDue?.iso)
            }
        }
        guard let before else { return }
        if before.unionType != f.unionType?.rawValue { try await add(.typeChanged, on: f.changedOn, from: before.unionType, to: f.unionType?.rawValue) }
        if before.parentID != f.parentId {
            try await add(.moved, on: f.changedOn, from: before.parentID.map(String.init), to: f.parentId.map(String.init))
        }
        guard f.status.isEnded, before.status?.isEnded != true, let day = f.endedOn else { return }
        try await add(.ended, on: day, from: before.status?.rawValue, to: f.status.rawValue)
        let into = f.status == .merged ? f.mergedIntoId : nil
        if let into {
            let roll = Registers.roll
            struct Moved: Decodable { var id: Int }
            let moved = try await tx.sql.raw("SELECT id FROM members WHERE union_id = \(bind: id) AND status IN (\(roll))")
                .all(decoding: Moved.self).map(\.id)
            try await MemberTallies.rewrite(moved, on: tx) {
                try await tx.sql.raw(
                    """
                    INSERT INTO member_events (member_id, kind, from_union_id, to_union_id, on_date, reason, user_id, created_at) \
                    SELECT id, 'transfer', \(bind: id), \(bind: into), \(bind: day.iso), '工会合并', \(bind: actor.userID), \(bind: now) \
                    FROM members WHERE union_id = \(bind: id) AND status IN (\(roll))
                    """
                ).run()
                try await tx.sql.raw("UPDATE members SET union_id = \(bind: into) WHERE union_id = \(bind: id) AND status IN (\(roll))")
                    .run()
            }
        }
        let employers = try await Employer.query(on: tx).filter(\.$union.$id == id).all().compactMap(\.id)
        try await tx.sql.update("employers").set("union_id", to: into).where("union_id", .equal, id).run()
        try await EmployerHistory.record(employers, on: day, userID: actor.userID, at: now, on: tx)
    }
}
