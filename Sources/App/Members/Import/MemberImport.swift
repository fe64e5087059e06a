import Domain
import Fluent
import Office
import SQLKit
import Vapor

/// Imports a member roster (.xlsx or CSV): finds the header, checks every row, dedupes within the file and
/// against the register, and writes all valid rows in one transaction (or, as a dry run, writes nothing).
///
/// A pipeline of two stages on the machine's two cores: a background thread reads, checks and encrypts rows in
/// batches ([MemberCheck]); the caller's task dedupes each batch and writes it into the open transaction
/// ([MemberTally], [MemberRows]). At most a few batches are in flight, so memory does not grow with the file.
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
    /// Told the rows checked every 1,000 rows (from the background thread); may throw to stop the import.
    var progress: (@Sendable (Int) throws -> Void)?

    static let batchSize = 2000

    func run(app: Application, on db: any Database) async throws -> ImportReport {
        let check = MemberCheck(
            today: app.clock.today(in: app.config.timeZone), placement: try await Placement.load(scope: scope, on: db),
            unionID: union?.id, standIn: dryRun && unplacedAllowed, cipher: app.cipher, encrypt: !dryRun)
        let (file, sheet, limits, progress) = (self.file, self.sheet, app.config.importLimits, self.progress)
        let batches = Background<MemberBatch> { emit in
            try check.scan(try TableFile.open(file, sheet: sheet, limits: limits), progress: progress, emit: emit)
        }
        let (mode, scope) = (self.mode, self.scope)
        guard !dryRun else {
            var tally = MemberTally(mode: mode, scope: scope)
            for try await batch in batches { _ = try await tally.take(batch, on: db) }
            return tally.finished()
        }
        let rows = MemberRows(now: app.clock.now(), userID: actor.userID)
        let (actor, name) = (self.actor, file.lastPathComponent)
        let report = try await Store.write(db) { tx in
            var tally = MemberTally(mode: mode, scope: scope)
            for try await batch in batches {
                let (inserted, updated) = try await rows.write(try await tally.take(batch, on: tx), on: tx)
                tally.report.inserted += inserted
                tally.report.updated += updated
            }
            let report = tally.finished()
            if report.inserted + report.updated > 0 {
                try await Audit.record(
                    MemberAudit.importRoster, entity: "member",
                    after: [
                        "file": name, "inserted": String(report.inserted), "updated": String(report.updated), "mode": mode.rawValue,
                    ], actor: actor, at: rows.now, on: tx)
            }
            return report
        }
        // A large import changes what the planner should know of the register.
        if report.inserted >= 10_000 { try await db.analyze("members") }
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
}

/// A checked row, its ID number's keyed hash, and (unless a dry run) its personal data encrypted.
struct PreparedMember: Sendable {
    var row: Int
    var fields: MemberFields
    /// The row's cells as typed, for the error report should a later stage reject it.
    var cells: [String]
    var key: IndexKey
    var idHash: String
    var idEnc: String
    var phoneEnc: String?
    var phoneHash: String?
    var existingID: Int?
}

/// A row the checks rejected.
struct RowFailure: Error, Sendable {
    var row: Int
    var issues: [RowIssue]
    var cells: [String]
}

/// What the check stage hands on: up to `MemberImport.batchSize` rows; the last batch also carries the header found.
struct MemberBatch: Sendable {
    var total = 0
    var rows: [PreparedMember] = []
    var failures: [RowFailure] = []
    var scan: RosterScan<RosterColumn>?
}

/// Stage one, on the background thread: reads rows and checks each on its own (no database, no other rows).
struct MemberCheck: Sendable {
    var today: CalendarDate
    var placement: Placement
    var unionID: Int?
    /// Checking a file without a target still checks every other field: a stand-in union id, never written.
    var standIn: Bool
    var cipher: FieldCipher
    var encrypt: Bool

    func scan(_ source: any TableSource, progress: (@Sendable (Int) throws -> Void)?, emit: (MemberBatch) throws -> Void) throws {
        var scan = RosterScan<RosterColumn>()
        var rows: [RosterScan<RosterColumn>.Row] = []
        // Rows are read on this thread and checked (and encrypted) on every core, a batch at a time.
        func flush(_ last: RosterScan<RosterColumn>?) throws {
            var batch = MemberBatch(total: rows.count, scan: last)
            for result in Parallel.map(rows, check) {
                switch result {
                case .success(let p): batch.rows.append(p)
                case .failure(let f): batch.failures.append(f)
                }
            }
            rows.removeAll(keepingCapacity: true)
            try emit(batch)
        }
        try scan.scan(source, progress: progress, convert: MemberImport.text) { row in
            rows.append(row)
            if rows.count == MemberImport.batchSize { try flush(nil) }
        }
        try flush(scan)
    }

    func check(_ row: RosterScan<RosterColumn>.Row) -> Result<PreparedMember, RowFailure> {
        let values = row.values
        func fail(_ column: RosterColumn?, _ message: String) -> Result<PreparedMember, RowFailure> {
            .failure(
                RowFailure(
                    row: row.number,
                    issues: [RowIssue(column: column?.title ?? "", value: column.flatMap { values[$0] } ?? "", message: message)],
                    cells: row.texts))
        }
        if row.cells[.idNumber]?.kind == .number {
            return fail(.idNumber, "身份证号被 Excel 存成了数字，末尾几位已丢失：请把该列设置为“文本”格式，重新录入号码后再导入")
        }
        var input = MemberInput(roster: values)
        let place = placement.union(for: values, given: unionID)
        input.unionId = place.unionID.map(String.init) ?? (standIn ? String(Int.max) : nil)
        input.employerId = place.employerID.map(String.init)
        let fields: MemberFields
        do throws(FieldErrors) {
            fields = try input.validate(today: today)
        } catch {
            // Every reason at once, the union's in words a cadre can act on.
            var issues = RowIssue.all(FieldErrors(error.errors.filter { $0.field != "unionId" }), RosterColumn.self, values: values)
            if error.errors.contains(where: { $0.field == "unionId" }) {
                issues.append(
                    RowIssue(
                        column: RosterColumn.union.title, value: values[.union] ?? "",
                        message: "无法确定所在工会：请指定导入到哪个工会，或在“工作单位”列填写已建会的单位名称"))
            }
            return .failure(RowFailure(row: row.number, issues: issues, cells: row.texts))
        }
        let (idHash, key) = cipher.indexWithKey(fields.idNumber.value)
        var prepared = PreparedMember(row: row.number, fields: fields, cells: row.texts, key: key, idHash: idHash, idEnc: "")
        if encrypt {
            do {
                prepared.idEnc = try cipher.encrypt(fields.idNumber.value)
                prepared.phoneEnc = try fields.phone.map { try cipher.encrypt($0.value) }
            } catch {
                return fail(nil, "加密失败")
            }
            prepared.phoneHash = fields.phone.map { cipher.index($0.value) }
        }
        return .success(prepared)
    }
}

/// Stage two's bookkeeping, in file order: the counts, duplicates within the file (the later occurrence is the
/// error), and rows whose person is already registered (errors in insert mode, updates in upsert mode).
struct MemberTally {
    var mode: ImportMode
    var scope: Scope
    var report = ImportReport()
    /// The first row of each ID number seen, by a 16-byte key (not the 64-character hex) to keep a million rows small.
    private var firstRowOf: [IndexKey: Int] = [:]

    init(mode: ImportMode, scope: Scope) {
        self.mode = mode
        self.scope = scope
    }

    /// Counts a batch and returns the rows to write.
    mutating func take(_ batch: MemberBatch, on db: any Database) async throws -> [PreparedMember] {
        report.total += batch.total
        for f in batch.failures {
            report.invalid += 1
            report.fail(row: f.row, issues: f.issues, cells: f.cells)
        }
        var unique: [PreparedMember] = []
        for p in batch.rows {
            if let first = firstRowOf[p.key] {
                report.duplicates += 1
                fail(p.row, RosterColumn.idNumber.title, p.fields.idNumber.value, "与第\(first)行的身份证号重复", p.cells)
            } else {
                firstRowOf[p.key] = p.row
                unique.append(p)
            }
        }
        let ready = try await markExisting(unique, on: db)
        report.valid += ready.count
        report.toUpdate += ready.filter { $0.existingID != nil }.count
        report.toInsert = report.valid - report.toUpdate
        if let scan = batch.scan { report.header(from: scan) }
        return ready
    }

    /// The report with its errors in row order.
    func finished() -> ImportReport {
        var r = report
        r.errors.sort { $0.row < $1.row }
        return r
    }

    private mutating func fail(_ row: Int, _ column: String, _ value: String, _ message: String, _ cells: [String]) {
        report.invalid += 1
        report.fail(row: row, column: column, value: value, message: message, cells: cells)
    }

    private mutating func markExisting(_ rows: [PreparedMember], on db: any Database) async throws -> [PreparedMember] {
        guard !rows.isEmpty else { return [] }
        struct Found: Decodable { var id: Int; var id_hash: String; var name: String; var path: String }
        let found = try await db.sql.select().column(SQLColumn("id", table: "members")).column("id_hash")
            .column(SQLColumn("name", table: "members")).column("path").from("members")
            .join("organizations", on: SQLColumn("union_id", table: "members"), .equal, SQLColumn("id", table: "organizations"))
            .where("id_hash", .in, rows.map(\.idHash)).all(decoding: Found.self)
        guard !found.isEmpty else { return rows }
        let byHash = Dictionary(found.map { ($0.id_hash, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [PreparedMember] = []
        for var r in rows {
            guard let f = byHash[r.idHash] else {
                result.append(r)
                continue
            }
            report.existing += 1
            if mode == .upsert, scope.contains(path: f.path) {
                r.existingID = f.id
                result.append(r)
            } else {
                let message =
                    scope.contains(path: f.path)
                    ? "已是会员（\(f.name)）；如需更新已有会员，请选择“更新已有”方式导入"
                    : "该身份证号已在其他工会登记为会员，请联系上级工会办理会籍接转"
                fail(r.row, RosterColumn.idNumber.title, r.fields.idNumber.value, message, r.cells)
            }
        }
        return result
    }
}
