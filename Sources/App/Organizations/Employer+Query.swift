import Domain
import Fluent
import Vapor

/// Employers in the caller's subtree: list with filters, create, edit.
enum EmployerQuery {
    struct Filter: Sendable {
        var q: String?
        /// true: has a union; false: none yet.
        var hasUnion: Bool?
        var minHeadcount: Int?
        var page = 1
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Employer {
        guard let e = try await Employer.scoped(scope, on: db).filter(\.$id == id).first() else {
            throw AppError.notFound("单位")
        }
        return e
    }

    static func list(_ f: Filter, in scope: Scope, per: Int = 50, on db: any Database) async throws -> Paged<Employer> {
        var q = Employer.scoped(scope, on: db).with(\.$union).sort(\.$name).sort(\.$id)
        if let text = f.q.flatMap(Input.optional) {
            q = q.group(.or) { $0.filter(Like.contains("employers.name", text)).filter(\.$creditCode == text.uppercased()) }
        }
        if let has = f.hasUnion { q = has ? q.filter(\.$union.$id != nil) : q.filter(\.$union.$id == nil) }
        if let min = f.minHeadcount { q = q.filter(\.$headcount >= min) }
        return try await q.paged(page: f.page, per: per)
    }

    static func create(_ f: EmployerFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Employer
    {
        try await checkLinks(f, in: scope, on: db)
        let e = Employer()
        apply(f, to: e)
        return try await Store.write(db) { tx in
            try await checkCreditCode(f.creditCode, except: nil, on: tx)
            try await e.create(on: tx)
            try await EmployerHistory.record([e.requireID()], on: f.changedOn, userID: actor.userID, at: now, on: tx)
            var after = snapshot(e)
            if let reason = f.forcedReason { after["forceReason"] = reason }
            try await Audit.record(OrganizationAudit.employerCreate, entity: "employer", id: e.id, after: after, actor: actor, at: now, on: tx)
            return e
        }
    }

    static func update(_ id: Int, _ f: EmployerFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws
        -> Employer
    {
        let e = try await find(id, in: scope, on: db)
        try await checkLinks(f, in: scope, on: db)
        let before = snapshot(e)
        let counted = (e.headcount, e.$union.id)
        apply(f, to: e)
        if counted != (e.headcount, e.$union.id) { try await EmployerHistory.checkDate(f.changedOn, employerID: id, field: "changedOn", on: db) }
        return try await Store.write(db) { tx in
            try await checkCreditCode(f.creditCode, except: id, on: tx)
            try await e.update(on: tx)
            try await EmployerHistory.record([id], on: f.changedOn, userID: actor.userID, at: now, on: tx)
            var (b, a) = Audit.diff(before, snapshot(e))
            if let reason = f.forcedReason { a["forceReason"] = reason }
            if b.isEmpty, a.isEmpty { return e }
            try await Audit.record(OrganizationAudit.employerUpdate, entity: "employer", id: id, before: b, after: a, actor: actor, at: now, on: tx)
            return e
        }
    }

    private static func checkLinks(_ f: EmployerFields, in scope: Scope, on db: any Database) async throws {
        do {
            _ = try await OrganizationQuery.find(f.orgId, in: scope, on: db)
        } catch AppError.notFound {
            throw FieldError(field: "orgId", message: "所属组织不存在或不在您的管辖范围内")
        }
        if let u = f.unionId {
            let union = try? await OrganizationQuery.find(u, in: scope, on: db)
            guard let union, union.level == OrgLevel.union.rawValue else {
                throw FieldError(field: "unionId", message: "所建工会应为您管辖范围内的基层工会")
            }
        }
    }

    private static func checkCreditCode(_ code: String?, except id: Int?, on db: any Database) async throws {
        guard let code else { return }
        var q = Employer.query(on: db).filter(\.$creditCode == code)
        if let id { q = q.filter(\.$id != id) }
        if try await q.count() > 0 { throw FieldError(field: "creditCode", message: "该统一社会信用代码已登记为其他单位") }
    }

    static func apply(_ f: EmployerFields, to e: Employer) {
        e.name = f.name
        e.creditCode = f.creditCode
        e.creditCodeForced = f.forcedReason != nil
        e.headcount = f.headcount
        e.industry = f.industry?.rawValue
        e.ownership = f.ownership?.rawValue
        e.address = f.address
        e.$org.id = f.orgId
        e.$union.id = f.unionId
    }

    static func snapshot(_ e: Employer) -> [String: String] {
        [
            "name": e.name, "creditCode": e.creditCode ?? "", "headcount": String(e.headcount), "industry": e.industry ?? "",
            "ownership": e.ownership ?? "", "address": e.address ?? "", "orgId": String(e.$org.id),
            "unionId": e.$union.id.map(String.init) ?? "",
        ]
    }
}
