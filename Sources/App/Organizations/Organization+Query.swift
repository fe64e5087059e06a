import Domain
import Fluent
import SQLKit
import Vapor

/// The org tree: reading a subtree, adding and editing nodes, cadres.
enum OrganizationQuery {
    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Organization {
        guard let org = try await Organization.scoped(scope, on: db).filter(\.$id == id).first() else {
            throw AppError.notFound("组织")
        }
        return org
    }

    /// The subtree's nodes (of one level, if given) as a select's choices (id, name), in tree order or by name, up to
    /// `limit`: two columns, not models (a county's 500 nodes decoded as Fluent models took most of the books page's
    /// 36 ms, for a select).
    static func choices(in scope: Scope, level: OrgLevel? = nil, byName: Bool = false, limit: Int, on db: any Database) async throws
        -> [(value: String, label: String)]
    {
        struct Row: Decodable { var id: Int; var name: String }
        let order: SQLQueryString = byName ? "o.name, o.id" : "o.path"
        let ofLevel: SQLQueryString = level.map { "AND o.level = \(bind: $0.rawValue)" } ?? ""
        return try await db.sql.raw(
            "SELECT o.id, o.name FROM organizations o WHERE \(scope.containsNode("o")) \(ofLevel) ORDER BY \(order) LIMIT \(literal: limit)"
        ).all(decoding: Row.self).map { (String($0.id), $0.name) }
    }

    static func createRoot(name: String, on db: any Database) async throws -> Organization {
        let org = Organization()
        org.name = name
        org.level = OrgLevel.federation.rawValue
        org.termYears = 5
        org.status = OrgStatus.active.rawValue
        org.path = "/"
        try await Store.write(db) { tx in
            try await org.create(on: tx)
            org.path = "/\(try org.requireID())/"
            try await org.update(on: tx)
        }
        return org
    }

    /// The chosen parent, or a field error: an id outside the subtree reads as unknown.
    static func parent(_ id: Int?, in scope: Scope, on db: any Database) async throws -> Organization {
        guard let id else { throw FieldError(field: "parentId", message: "上级组织不能为空：请选择本组织所属的上级") }
        guard let p = try await Organization.scoped(scope, on: db).filter(\.$id == id).first() else {
            throw FieldError(field: "parentId", message: "上级组织不存在或不在您的管辖范围内")
        }
        return p
    }

    static func create(_ f: OrganizationFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> Organization
    {
        let parent = try await parent(f.parentId, in: scope, on: db)
        if f.level == .federation, parent.level != OrgLevel.federation.rawValue {
            throw FieldError(field: "level", message: "总工会只能设在总工会之下")
        }
        if f.status.isEnded { throw FieldError(field: "status", message: "新增组织的状态应为正常或筹建中") }
        // A union in being has its founding day: the one given, else today, or its election if that was earlier (a
        // union entered late with only its election date was founded by then).
        var f = f
        if f.foundedOn == nil, f.status == .active { f.foundedOn = min(f.changedOn, f.electedOn ?? f.changedOn) }
        let org = Organization()
        apply(f, to: org)
        org.path = parent.path
        let fields = f
        return try await Store.write(db) { tx in
            try await checkCreditCode(fields.creditCode, except: nil, on: tx)
            try await org.create(on: tx)
            org.path = parent.path + "\(try org.requireID())/"
            try await org.update(on: tx)
            try await OrgHistory.record(nil, fields, org: org, actor: actor, at: now, on: tx)
            try await Audit.record(OrganizationAudit.orgCreate, entity: "organization", id: org.id, after: snapshot(org), actor: actor, at: now, on: tx)
            return org
        }
    }

    static func update(_ id: Int, _ f: OrganizationFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> Organization
    {
        let org = try await find(id, in: scope, on: db)
        let snapshotBefore = snapshot(org)
        let oldPath = org.path
        var newPath = oldPath
        // The caller's own org (the top federation among them, renamed here) keeps its parent, which lies outside
        // the caller's subtree or does not exist.
        var fields = f
        if org.id == scope.orgID || org.$parent.id == nil { fields.parentId = org.$parent.id }
        // A union leaving preparation is founded that day (unless its founding day is given); an ended one keeps the
        // day it ended.
        let before = OrgHistory.Before(org)
        if before.status == .preparing, fields.status == .active, fields.foundedOn == nil { fields.foundedOn = fields.changedOn }
        if before.status?.isEnded == true { (fields.endedOn, fields.mergedIntoId) = (org.endedOn.flatMap(CalendarDate.init(parsing:)), org.mergedIntoID) }
        let f = fields
        try await OrgHistory.check(before, f, org: org, in: scope, on: db)
        if f.parentId != org.$parent.id {
            let parent = try await parent(f.parentId, in: scope, on: db)
            if parent.path.hasPrefix(oldPath) {
                throw FieldError(field: "parentId", message: "上级组织不能是本组织或其下级")
            }
            newPath = parent.path + "\(id)/"
        }
        apply(f, to: org)
        let movedTo = newPath
        return try await Store.write(db) { tx in
            try await checkCreditCode(f.creditCode, except: id, on: tx)
            try await org.update(on: tx)
            if movedTo != oldPath {
                try await tx.sql.raw(
                    """
                    UPDATE organizations SET path = \(bind: movedTo) || substr(path, \(bind: oldPath.count + 1))
                    WHERE path LIKE \(bind: oldPath + "%")
                    """
                ).run()
                org.path = movedTo
            }
            try await OrgHistory.record(before, f, org: org, actor: actor, at: now, on: tx)
            let (b, a) = Audit.diff(snapshotBefore, snapshot(org))
            try await Audit.record(OrganizationAudit.orgUpdate, entity: "organization", id: id, before: b, after: a, actor: actor, at: now, on: tx)
            return org
        }
    }

    static func addCadre(
        orgID: Int, _ f: CadreFields, in scope: Scope, cipher: FieldCipher, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        _ = try await find(orgID, in: scope, on: db)
        let c = Cadre()
        c.$org.id = orgID
        try apply(f, to: c, cipher: cipher)
        try await Store.write(db) { tx in
            try await c.create(on: tx)
            try await Audit.record(
                OrganizationAudit.cadreCreate, entity: "cadre", id: c.id, after: ["orgId": String(orgID)].merging(snapshot(c)) { a, _ in a },
                actor: actor, at: now, on: tx)
        }
    }

    /// A cadre of the caller's subtree.
    static func cadre(_ id: Int, in scope: Scope, on db: any Database) async throws -> Cadre {
        guard let c = try await Cadre.query(on: db).filter(\.$id == id).filter(scope.contains(column: "cadres.org_id")).first() else {
            throw AppError.notFound("工会干部")
        }
        return c
    }

    /// A cadre's record corrected; a blank phone keeps the number on record.
    static func updateCadre(
        _ c: Cadre, _ f: CadreFields, cipher: FieldCipher, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        let before = snapshot(c)
        try apply(f, to: c, cipher: cipher)
        try await Store.write(db) { tx in
            try await c.update(on: tx)
            try await Audit.record(
                OrganizationAudit.cadreUpdate, entity: "cadre", id: c.id, before: before, after: snapshot(c), actor: actor, at: now, on: tx)
        }
    }

    private static func apply(_ f: CadreFields, to c: Cadre, cipher: FieldCipher) throws {
        c.name = f.name
        c.post = f.post.rawValue
        if let phone = f.phone {
            c.phoneEncrypted = try cipher.encrypt(phone.value)
            c.phoneMasked = phone.masked
        }
        (c.termFrom, c.termTo) = (f.termFrom.iso, f.termTo?.iso)
    }

    private static func snapshot(_ c: Cadre) -> [String: String] {
        ["name": c.name, "post": c.post, "phone": c.phoneMasked ?? "", "termFrom": c.termFrom ?? "", "termTo": c.termTo ?? ""]
    }

    /// A cadre leaves the post (离任) on `day`: the row stays, with the end of the term.
    static func endCadreTerm(_ cadreID: Int, orgID: Int, on day: CalendarDate, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        _ = try await find(orgID, in: scope, on: db)
        guard let c = try await Cadre.query(on: db).filter(\.$id == cadreID).filter(\.$org.$id == orgID).first() else {
            throw AppError.notFound("工会干部")
        }
        if let from = c.termFrom, day.iso < from { throw FieldError(field: "endDate", message: "离任日期不能早于任职日期\(from)") }
        c.termTo = day.iso
        try await Store.write(db) { tx in
            try await c.update(on: tx)
            try await Audit.record(
                OrganizationAudit.cadreEnd, entity: "cadre", id: cadreID, after: ["orgId": String(orgID), "termTo": day.iso], actor: actor,
                at: now, on: tx)
        }
    }

    private static func checkCreditCode(_ code: String?, except id: Int?, on db: any Database) async throws {
        guard let code else { return }
        var q = Organization.query(on: db).filter(\.$creditCode == code)
        if let id { q = q.filter(\.$id != id) }
        if try await q.count() > 0 { throw FieldError(field: "creditCode", message: "该统一社会信用代码已被其他工会使用") }
    }

    static func apply(_ f: OrganizationFields, to org: Organization) {
        org.name = f.name
        org.level = f.level.rawValue
        org.unionType = f.unionType?.rawValue
        org.$parent.id = f.parentId
        org.regionCode = f.regionCode
        org.creditCode = f.creditCode
        org.foundedOn = f.foundedOn?.iso
        org.electedOn = f.electedOn?.iso
        org.termYears = f.term.rawValue
        org.reElectionDue = f.reElectionDue?.iso
        org.status = f.status.rawValue
        org.endedOn = f.endedOn?.iso
        org.mergedIntoID = f.mergedIntoId
    }

    static func snapshot(_ o: Organization) -> [String: String] {
        [
            "name": o.name, "level": o.level, "unionType": o.unionType ?? "", "parentId": o.$parent.id.map(String.init) ?? "",
            "regionCode": o.regionCode ?? "", "creditCode": o.creditCode ?? "", "foundedOn": o.foundedOn ?? "",
            "electedOn": o.electedOn ?? "", "termYears": String(o.termYears), "status": o.status,
            "endedOn": o.endedOn ?? "", "mergedIntoId": o.mergedIntoID.map(String.init) ?? "",
        ]
    }
}
