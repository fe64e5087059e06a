import Domain
import Fluent
import Office
import SQLKit
import Vapor

/// Imports a member roster (.xlsx or CSV): finds the header, checks every row, dedupes within the file and
/// against the register, and writes all valid rows in one transaction (or, as a dry run, writes nothing).
struct MemberImport {
    var file: URL
    var sheet: String?
    /// The target union; without it rows are placed by their 工作单位/所在工会 column.
    var union: Organization?
    var mode: ImportMode = .insert
    var dryRun = false
    /// A command-line dry run may check a file that names no union at all; a preview before a commit may not.
    var unplacedAllowed = false
    var scope: Scope
    var actor: Audit.Actor
    /// Told the rows checked every 1,000 rows; may throw to stop the import.
    var progress: (@Sendable (Int) throws -> Void)?
    /// Called between stages with the rows checked so far; a job records progress and may stop here by throwing.
    var checkpoint: (@Sendable (Int) async throws -> Void)?

    /// One checked row waiting to be written.
    struct Ready: Sendable {
        var row: Int
        var fields: MemberFields
        /// The ID number's keyed hash, computed once per row.
        var idHash: String
        var existingID: Int?
    }

    func run(app: Application, on db: any Database) async throws -> ImportReport {
        let today = app.clock.today(in: app.config.timeZone)
        let placement = try await Placement.load(scope: scope, on: db)
        let source = try TableFile.open(file, sheet: sheet, limits: app.config.importLimits)
        var report = ImportReport()
        var ready: [Ready] = []
        var firstRowOf: [String: Int] = [:]
        let cipher = app.cipher
        var scan = RosterScan<RosterColumn>()
        try scan.scan(source, progress: progress, convert: Self.text) { row in
            report.total += 1
            let values = row.values
            func fail(_ column: RosterColumn?, _ message: String) {
                report.invalid += 1
                report.fail(
                    row: row.number, column: column?.title ?? "", value: column.flatMap { values[$0] } ?? "", message: message,
                    cells: row.texts)
            }
            if row.cells[.idNumber]?.kind == .number {
                fail(.idNumber, "身份证号被 Excel 存成了数字，末尾几位已丢失：请把该列设置为“文本”格式，重新录入号码后再导入")
                return
            }
            var input = MemberInput(roster: values)
            let place = placement.union(for: values, given: union)
            // Checking a file without a target still checks every other field: the stand-in union id is never written.
            input.unionId = place.unionID.map(String.init) ?? (dryRun && unplacedAllowed ? String(Int.max) : nil)
            input.employerId = place.employerID.map(String.init)
            let checked: Result<MemberFields, FieldErrors> = Result { () throws(FieldErrors) in try input.validate(today: today) }
            let fields: MemberFields
            switch checked {
            case .success(let f): fields = f
            case .failure(let error):
                let first = error.errors[0]
                if first.field == "unionId" {
                    fail(.union, "无法确定所在工会：请指定导入到哪个工会，或在“工作单位”列填写已建会的单位名称")
                } else {
                    fail(RosterColumn.column(forField: first.field), first.message)
                }
                return
            }
            let key = cipher.index(fields.idNumber.value)
            if let first = firstRowOf[key] {
                report.duplicates += 1
                fail(.idNumber, "与第\(first)行的身份证号重复")
                return
            }
            firstRowOf[key] = row.number
            ready.append(Ready(row: row.number, fields: fields, idHash: key))
        }
        report.header(from: scan)
        try await checkpoint?(report.total)
        ready = try await markExisting(ready, report: &report, on: db)
        report.planned(ready.map(\.existingID))
        if dryRun || ready.isEmpty { return report }
        try await checkpoint?(report.total)
        let (inserted, updated) = try await write(ready, app: app, on: db)
        report.inserted = inserted
        report.updated = updated
        return report
    }

    /// Turns a cell into the text the checks expect: dates as ISO, serial numbers in date columns converted.
    static func text(_ cell: Cell, _ column: RosterColumn) -> String {
        if column == .joinDate, cell.kind == .number, let serial = Double(cell.text), serial > 1000, serial < 100_000,
            let iso = XlsxReader.isoDate(serial: serial, date1904: false)
        {
            return iso
        }
        var t = cell.text
        // Exports neutralise formula-like text with a leading apostrophe; take it off again.
        if t.hasPrefix("'"), let second = t.dropFirst().first, "=+-@".contains(second) { t.removeFirst() }
        return t
    }

    /// Rows whose person is already registered: errors in insert mode, updates in upsert mode (inside the scope only).
    private func markExisting(_ rows: [Ready], report: inout ImportReport, on db: any Database) async throws -> [Ready] {
        struct Found: Decodable { var id: Int; var id_hash: String; var name: String; var path: String }
        var found: [String: Found] = [:]
        let hashes = rows.map(\.idHash)
        for chunk in stride(from: 0, to: hashes.count, by: 1000) {
            let part = Array(hashes[chunk..<min(chunk + 1000, hashes.count)])
            let rowsFound = try await db.sql.select().column(SQLColumn("id", table: "members")).column("id_hash").column(
                SQLColumn("name", table: "members")
            )
            .column("path").from("members").join(
                "organizations", on: SQLColumn("union_id", table: "members"), .equal, SQLColumn("id", table: "organizations")
            )
            .where("id_hash", .in, part).all(decoding: Found.self)
            for f in rowsFound { found[f.id_hash] = f }
        }
        var result: [Ready] = []
        for (r, hash) in zip(rows, hashes) {
            guard let f = found[hash] else {
                result.append(r)
                continue
            }
            report.existing += 1
            if mode == .upsert, scope.contains(path: f.path) {
                var updated = r
                updated.existingID = f.id
                result.append(updated)
            } else {
                report.invalid += 1
                let message =
                    scope.contains(path: f.path)
                    ? "已是会员（\(f.name)）；如需更新已有会员，请选择“更新已有”方式导入"
                    : "该身份证号已在其他工会登记为会员，请联系上级工会办理会籍接转"
                report.fail(row: r.row, column: RosterColumn.idNumber.title, value: r.fields.idNumber.masked, message: message, cells: [])
            }
        }
        return result
    }
}
