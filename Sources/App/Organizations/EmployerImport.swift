import Domain
import Fluent
import Office
import SQLKit
import Vapor

/// Imports an employer list (单位名录): same pipeline as the member roster, keyed on the credit code
/// (or, without one, the name); each employer is registered at the caller's own org node.
struct EmployerImport {
    var file: URL
    var sheet: String?
    var mode: ImportMode = .insert
    var dryRun = false
    var scope: Scope
    var actor: Audit.Actor
    var mayForce = false
    /// The day a row without its own 统计日期 is dated.
    var today: CalendarDate
    var progress: (@Sendable (Int) throws -> Void)?
    var checkpoint: (@Sendable (Int) async throws -> Void)?

    struct Ready: Sendable {
        var row: Int
        var fields: EmployerFields
        var existingID: Int?
    }

    func run(app: Application, on db: any Database) async throws -> ImportReport {
        let placement = try await Placement.load(scope: scope, on: db)
        let source = try TableFile.open(file, sheet: sheet, limits: app.config.importLimits)
        var report = ImportReport()
        var ready: [Ready] = []
        var firstRowOf: [String: Int] = [:]
        var scan = RosterScan<EmployerColumn>()
        let orgID = scope.orgID
        try scan.scan(source, progress: progress, convert: { cell, _ in cell.text }) { row in
            report.total += 1
            func fail(_ column: EmployerColumn?, _ message: String) {
                report.invalid += 1
                report.fail(
                    row: row.number, column: column?.title ?? "", value: column.flatMap { row.values[$0] } ?? "", message: message,
                    cells: row.texts)
            }
            var input = EmployerInput(roster: row.values)
            input.orgId = String(orgID)
            if let name = row.values[.union].map(Text.clean), !name.isEmpty {
                guard let union = placement.unions[name] else {
                    fail(.union, "找不到名为“\(name)”的基层工会（须在您的管辖范围内）")
                    return
                }
                input.unionId = String(union)
            }
            let checked: Result<EmployerFields, FieldErrors> = Result { () throws(FieldErrors) in try input.validate(mayForce: mayForce, today: today) }
            guard case .success(let fields) = checked else {
                if case .failure(let e) = checked {
                    report.invalid += 1
                    report.fail(row: row.number, issues: RowIssue.all(e, EmployerColumn.self, values: row.values), cells: row.texts)
                }
                return
            }
            let key = fields.creditCode ?? "name:" + fields.name
            if let first = firstRowOf[key] {
                report.duplicates += 1
                fail(fields.creditCode == nil ? .name : .creditCode, "与第\(first)行是同一单位")
                return
            }
            firstRowOf[key] = row.number
            ready.append(Ready(row: row.number, fields: fields))
        }
        report.header(from: scan)
        try await checkpoint?(report.total)
        ready = try await markExisting(ready, report: &report, on: db)
        report.planned(ready.map(\.existingID))
        if dryRun || ready.isEmpty { return report }
        try await checkpoint?(report.total)
        let (inserted, updated) = try await write(ready, now: app.clock.now(), on: db)
        report.inserted = inserted
        report.updated = updated
        return report
    }

    /// Already registered (same credit code, or same name when the row has no code): an error, or an update in upsert mode.
    private func markExisting(_ rows: [Ready], report: inout ImportReport, on db: any Database) async throws -> [Ready] {
        var byCode: [String: Employer] = [:]
        var byName: [String: Employer] = [:]
        for e in try await Employer.query(on: db).all() {
            if let c = e.creditCode { byCode[c] = e }
            byName[e.name] = e
        }
        let visible = Set(try await Employer.scoped(scope, on: db).all().compactMap(\.id))
        let lastChange = try await EmployerHistory.lastChanges(on: db)
        var result: [Ready] = []
        for r in rows {
            guard let found = r.fields.creditCode.flatMap({ byCode[$0] }) ?? (r.fields.creditCode == nil ? byName[r.fields.name] : nil)
            else {
                result.append(r)
                continue
            }
            report.existing += 1
            if mode == .upsert, let id = found.id, visible.contains(id), let last = lastChange[id], r.fields.changedOn.iso < last {
                report.invalid += 1
                report.fail(
                    row: r.row, column: EmployerColumn.changedOn.title, value: r.fields.changedOn.iso,
                    message: "统计日期不能早于该单位上次登记变动的日期\(last)", cells: [])
            } else if mode == .upsert, let id = found.id, visible.contains(id) {
                var u = r
                u.existingID = id
                result.append(u)
            } else {
                report.invalid += 1
                report.fail(
                    row: r.row, column: EmployerColumn.name.title, value: r.fields.name,
                    message: "该单位已登记（\(found.name)）；如需更新，请选择“更新已有”方式导入", cells: [])
            }
        }
        return result
    }

    private func write(_ rows: [Ready], now: Date, on db: any Database) async throws -> (Int, Int) {
        let actor = self.actor
        let fresh = rows.filter { $0.existingID == nil }
        let updates = rows.filter { $0.existingID != nil }
        let file = self.file.lastPathComponent
        return try await Store.write(db) { tx in
            for start in stride(from: 0, to: fresh.count, by: 500) {
                var insert = tx.sql.insert(into: "employers").columns(
                    "name", "credit_code", "credit_code_forced", "headcount", "industry",
                    "ownership", "address", "org_id", "union_id", "created_at", "updated_at")
                for r in fresh[start..<min(start + 500, fresh.count)] {
                    let f = r.fields
                    insert = insert.values([
                        SQLBind(f.name), SQLBind(f.creditCode), SQLBind(f.forcedReason != nil), SQLBind(f.headcount),
                        SQLBind(f.industry?.rawValue), SQLBind(f.ownership?.rawValue), SQLBind(f.address), SQLBind(f.orgId),
                        SQLBind(f.unionId),
                        SQLBind(now), SQLBind(now),
                    ])
                }
                try await insert.run()
            }
            for r in updates {
                let f = r.fields
                var update = tx.sql.update("employers").set("name", to: f.name).set("headcount", to: f.headcount)
                    .set("industry", to: f.industry?.rawValue).set("ownership", to: f.ownership?.rawValue).set("address", to: f.address)
                    .set("updated_at", to: now)
                // A list without a union column leaves the employer's union as it was.
                if let union = f.unionId { update = update.set("union_id", to: union) }
                try await update.where("id", .equal, r.existingID).run()
            }
            // Each row's headcount and union enter the history on its 统计日期.
            struct Key: Decodable { var id: Int; var name: String; var credit_code: String? }
            var ids: [String: Int] = [:]
            for k in try await tx.sql.raw("SELECT id, name, credit_code FROM employers WHERE org_id = \(bind: scope.orgID)").all(decoding: Key.self) {
                ids[k.credit_code ?? "name:" + k.name] = k.id
            }
            let byDay = Dictionary(grouping: rows) { $0.fields.changedOn }
            for (day, group) in byDay {
                let touched = group.compactMap { $0.existingID ?? ids[$0.fields.creditCode ?? "name:" + $0.fields.name] }
                try await EmployerHistory.record(touched, on: day, userID: actor.userID, at: now, on: tx)
            }
            try await Audit.record(
                OrganizationAudit.employerImport, entity: "employer",
                after: [
                    "file": file, "inserted": String(fresh.count), "updated": String(updates.count), "mode": mode.rawValue,
                ], actor: actor, at: now, on: tx)
            return (fresh.count, updates.count)
        }
    }
}
