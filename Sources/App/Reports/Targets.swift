import Domain
import Fluent
import Vapor

/// Yearly targets: set per org and indicator (one per year), and each one's progress from the indicator's value.
enum Targets {
    struct Line: Content, Sendable {
        var id: Int
        var indicator: IndicatorCode
        var name: String
        var year: Int
        var target: String
        var actual: String
        var progress: TargetProgress
        /// `尚差2个百分点`, `超出目标1宗`; nil when met.
        var gapText: String?
        var note: String?
    }

    static func list(org: Organization, year: Int, on db: any Database) async throws -> [Target] {
        try await Target.query(on: db).filter(\.$org.$id == org.requireID()).filter(\.$year == year).sort(\.$id).all()
    }

    /// The org's targets for `year` with the indicators' values over the period (a year, or its part so far).
    static func progress(
        org: Organization, year: Int, period: ReportPeriod, today: CalendarDate, sources: [any IndicatorSource], on db: any Database
    ) async throws -> [Line] {
        let targets = try await list(org: org, year: year, on: db)
        guard !targets.isEmpty else { return [] }
        let q = IndicatorQuery(scope: Scope(orgID: try org.requireID(), path: org.path), period: period, today: today)
        let values = try await IndicatorRegistry.values(q, sources: sources, on: db)
        return targets.compactMap { t in
            guard let (d, v) = values.first(where: { $0.definition.code == t.indicatorCode }) else { return nil }
            let p = TargetProgress(target: t.value, value: v, definition: d)
            let target = d.kind == .money ? Money.phrase(t.value) : "\(t.value)\(d.unit)"
            return Line(
                id: t.id ?? 0, indicator: d.code, name: d.name, year: t.year, target: target, actual: v.text(d), progress: p,
                gapText: p.gapPhrase(d), note: t.note)
        }
    }

    /// Sets (or replaces) the org's target for the indicator and year; audited.
    static func set(_ f: TargetFields, org: Organization, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Target {
        let orgID = try org.requireID()
        return try await Store.write(db) { tx in
            let t =
                try await Target.query(on: tx).filter(\.$org.$id == orgID).filter(\.$year == f.year).filter(\.$indicator == f.indicator.rawValue)
                .first()
                ?? Target()
            let before = t.id.map { _ in String(t.value) }
            t.$org.id = orgID
            t.year = f.year
            t.indicator = f.indicator.rawValue
            t.value = f.value
            t.note = f.note
            t.createdBy = actor.userID
            try await t.save(on: tx)
            try await Audit.record(
                ReportAudit.targetSet, entity: "target", id: t.id, before: before.map { ["value": $0] },
                after: ["indicator": f.indicator.rawValue, "year": String(f.year), "value": String(f.value)], actor: actor, at: now, on: tx)
            return t
        }
    }

    static func delete(_ id: Int, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        guard let t = try await Target.query(on: db).filter(\.$id == id).filter(scope.contains(column: "targets.org_id")).first() else {
            throw AppError.notFound("目标")
        }
        try await Store.write(db) { tx in
            try await t.delete(on: tx)
            try await Audit.record(
                ReportAudit.targetDelete, entity: "target", id: id,
                before: ["indicator": t.indicator, "year": String(t.year), "value": String(t.value)],
                actor: actor, at: now, on: tx)
        }
    }
}
