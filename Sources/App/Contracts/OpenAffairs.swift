import Domain
import Fluent
import SQLKit
import Vapor

/// 厂务公开 (items disclosed and the yearly checks with their corrections), the weekly bargaining report (每周一上报),
/// and women workers' committees.
enum OpenAffairs {
    // MARK: 厂务公开

    static func disclose(_ f: DisclosureFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        let employer = try await employerInScope(f.employerId, in: scope, on: db)
        let d = Disclosure()
        d.$employer.id = f.employerId
        d.disclosedOn = f.disclosedOn.iso
        d.channel = f.channel.rawValue
        d.title = f.title
        d.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await d.create(on: tx)
            try await Audit.record(
                ContractAudit.disclosure, entity: "employer", id: f.employerId, after: ["employer": employer.name, "title": f.title], actor: actor,
                at: now, on: tx)
        }
    }

    static func check(_ f: DisclosureCheckFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        let employer = try await employerInScope(f.employerId, in: scope, on: db)
        let c = DisclosureCheck()
        c.$employer.id = f.employerId
        c.checkedOn = f.checkedOn.iso
        c.passed = f.passed
        c.findings = f.findings
        c.correctionsDue = f.correctionsDue?.iso
        c.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await c.create(on: tx)
            try await Audit.record(
                ContractAudit.disclosureCheck, entity: "employer", id: f.employerId, after: ["employer": employer.name, "passed": String(f.passed)],
                actor: actor, at: now, on: tx)
        }
    }

    static func corrected(_ checkID: Int, _ values: FormFields, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        guard let c = try await DisclosureCheck.query(on: db).filter(\.$id == checkID).first() else { throw AppError.notFound("检查记录") }
        _ = try await employerInScope(c.$employer.id, in: scope, on: db)
        guard !c.passed, c.correctedOn == nil else { throw AppError.conflict("该检查没有待整改事项", field: "correctedOn") }
        let day = try DoneOn.validate(
            values, key: "correctedOn", label: "整改完成日期", after: CalendarDate(parsing: c.checkedOn) ?? today, afterLabel: "检查日期", today: today
        ).day
        try await Store.write(db) { tx in
            try await tx.sql.update("disclosure_checks").set("corrected_on", to: day.iso).where("id", .equal, checkID).run()
            try await Audit.record(
                ContractAudit.disclosureCorrected, entity: "employer", id: c.$employer.id, after: ["correctedOn": day.iso], actor: actor, at: now,
                on: tx)
        }
    }

    static func employerInScope(_ id: Int, in scope: Scope, on db: any Database) async throws -> Employer {
        guard let e = try await Employer.scoped(scope, on: db).filter(\.$id == id).first() else {
            throw FieldError(field: "employerId", message: "所选单位不在您的管理范围内")
        }
        return e
    }

    /// Checks not passed whose corrections are still open.
    static func openCorrections(in scope: Scope, on db: any Database) async throws -> [DisclosureCheck] {
        try await DisclosureCheck.query(on: db).join(Employer.self, on: \DisclosureCheck.$employer.$id == \Employer.$id)
            .filter(scope.contains(column: "employers.org_id", or: "employers.union_id")).filter(\.$passed == false).filter(\.$correctedOn == nil)
            .with(\.$employer).sort(\.$correctionsDue).all()
    }

    // MARK: Weekly report

    /// The day of `week` (its Monday) by which a report is due.
    static func reportDue(week: CalendarDate, rules: ContractRules) -> CalendarDate {
        week.monday.adding(days: min(max(rules.reportWeekday, 1), 7) - 1)
    }

    struct WeekRow: Sendable {
        var union: Organization
        var negotiations: Int
        var report: BargainingReport?
    }

    /// The unions of the subtree with a negotiation open in `week`, each with its report (or none).
    static func week(_ week: CalendarDate, in scope: Scope, on db: any Database) async throws -> [WeekRow] {
        let monday = week.monday
        let sunday = monday.adding(days: 6)
        let open = try await Negotiations.scoped(scope, on: db).filter(\.$requestedOn <= sunday.iso)
            .group(.or) { $0.filter(\.$state ~~ NegotiationState.allCases.filter(\.isOpen).map(\.rawValue)).filter(\.$signedOn >= monday.iso) }
            .with(\.$org).all()
        var unions: [Int: (Organization, Int)] = [:]
        for n in open {
            let id = n.$org.id
            unions[id] = (n.org, (unions[id]?.1 ?? 0) + 1)
        }
        let reports = try await BargainingReport.query(on: db).filter(\.$week == monday.iso).filter(\.$org.$id ~~ Array(unions.keys)).all()
        let byOrg = Dictionary(reports.map { ($0.$org.id, $0) }, uniquingKeysWith: { a, _ in a })
        return unions.values.map { WeekRow(union: $0.0, negotiations: $0.1, report: byOrg[$0.0.id ?? 0]) }
            .sorted { ($0.report == nil ? 0 : 1, $0.union.name) < ($1.report == nil ? 0 : 1, $1.union.name) }
    }

    /// A union's report for a week (a second one the same week corrects the first).
    static func report(_ f: ProgressReportFields, in scope: Scope, today: CalendarDate, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        let (org, _) = try await Negotiations.checkParties(orgId: f.orgId, employerId: nil, in: scope, on: db)
        let orgID = try org.requireID()
        try await Store.write(db) { tx in
            if let old = try await BargainingReport.query(on: tx).filter(\.$org.$id == orgID).filter(\.$week == f.week.iso).first() {
                old.progress = f.progress
                old.reportedOn = today.iso
                try await old.update(on: tx)
            } else {
                let r = BargainingReport()
                r.$org.id = orgID
                r.week = f.week.iso
                r.reportedOn = today.iso
                r.progress = f.progress
                r.createdBy = actor.userID
                try await r.create(on: tx)
            }
            try await Audit.record(
                ContractAudit.progressReport, entity: "organization", id: orgID, after: ["week": f.week.iso], actor: actor, at: now, on: tx)
        }
    }

    // MARK: Women workers' committees

    static func setWomenCommittee(_ f: WomenCommitteeFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        let (org, _) = try await Negotiations.checkParties(orgId: f.orgId, employerId: nil, in: scope, on: db)
        let w = WomenCommittee()
        w.$org.id = try org.requireID()
        w.form = f.form.rawValue
        w.setUpOn = f.setUpOn.iso
        w.chair = f.chair
        w.members = f.members
        w.termEnds = f.termEnds?.iso
        w.createdBy = actor.userID
        try await Store.write(db) { tx in
            try await w.create(on: tx)
            try await Audit.record(
                ContractAudit.womenCommittee, entity: "organization", id: org.id, after: ["form": f.form.rawValue, "chair": f.chair], actor: actor,
                at: now, on: tx)
        }
    }

    /// Each union's latest women's organisation set up by `day`: of the subtree, or of the unions `only` names (a
    /// page's rows).
    static func womenCommittees(in scope: Scope, on day: CalendarDate, only: [Int]? = nil, on db: any Database) async throws
        -> [Int: WomenCommittee]
    {
        var q = WomenCommittee.query(on: db).filter(scope.contains(column: "women_committees.org_id")).filter(\.$setUpOn <= day.iso)
        if let only { q = q.filter(\.$org.$id ~~ only) }
        let rows = try await q.sort(\.$setUpOn).sort(\.$id).all()
        return Dictionary(rows.map { ($0.$org.id, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The unions of the subtree whose latest women's organisation set up by `day` is a committee: what counting
    /// them and the unions still owing one need, read as two columns rather than a county's committees as records.
    static func unionsWithWomenCommittee(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> Set<Int> {
        struct Row: Decodable { var org_id: Int; var form: String }
        let rows = try await db.sql.raw(
            """
            SELECT org_id, form FROM women_committees WHERE set_up_on <= \(bind: day.iso) \
            AND \(scope.contains("org_id")) ORDER BY set_up_on, id
            """
        ).all(decoding: Row.self)
        let latest = Dictionary(rows.map { ($0.org_id, $0.form) }, uniquingKeysWith: { _, later in later })
        return Set(latest.filter { $0.value == WomenOrganisation.committee.rawValue }.keys)
    }

    /// The women's page found by the union's name (its table comes in pages), where the union's row and the form to
    /// register its committee are.
    static func womenPage(of union: Organization) -> String {
        SiteURL.women.path + "?q=" + (union.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}
