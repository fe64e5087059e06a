import Domain
import Fluent
import Office
import SQLKit
import Vapor

/// The tax bureau's collection list (税务代收工会经费明细) imported as it is exported: each line an employer's month, matched
/// by its credit code among the subtree's employers. All or nothing: an unknown code, a bad line or two identical lines
/// and nothing is written; a line imported before (same code, month, amount and day) is counted as existing, so
/// importing the same list again changes nothing.
struct TaxListImporter: Importer {
    let kind = "tax-dues"
    let noun = "笔税务代收经费"
    let unit = "笔"
    let title = "导入税务代收工会经费明细"
    let templateName = "税务代收工会经费明细导入模板.xlsx"
    let hasModes = false
    let writePermission = Permission.fundsRecord
    let readPermission = Permission.fundsRead
    let uploadURL = SiteURL.fundsImport
    let apiUploadURL = SiteURL.API.fundsImport
    let templateURL = SiteURL.fundsTemplate
    let listURL = SiteURL.fundsReceipts

    func template(to url: URL) throws {
        let w = try XlsxWriter(url: url)
        let columns = TaxListColumn.allCases.map { c in
            XlsxWriter.Column(c.title, width: c == .name ? 30 : c == .creditCode ? 22 : 14, text: c == .creditCode || c == .month)
        }
        let example: [Cell] = [
            .text("91440101MA5ABCDE1X"), .text("示例镇华晨纺织有限公司"), .text("2026-10-01至2026-10-31"), .money(fen: 568_000_00), .money(fen: 11_360_00),
            .text("2026-11-12"),
        ]
        try w.addSheet("税务代收明细", columns: columns, rows: [example])
        let notes = [
            "按税务系统导出的“工会经费代收明细”填写或直接上传；表头可以不在第一行，列的顺序不限。",
            "“统一社会信用代码”须已在单位名录中（您管辖范围内的单位）；找不到的代码逐行列出，整份明细不写入。",
            "“所属期”可写 2026-10、2026年10月 或 2026-10-01至2026-10-31；“计费依据”为当月工资总额，留空按实缴金额÷2%推算。",
            "同一单位、所属期、实缴金额和入库日期的明细只登记一次：重复导入同一份明细不会重复入账。",
        ]
        try w.addSheet("填写说明", columns: [XlsxWriter.Column("填写说明", width: 90)], rows: notes.map { [Cell.text($0)] })
        try w.close()
    }

    func run(_ r: ImportRun, app: Application, on db: any Database) async throws -> ImportReport {
        let today = app.clock.today(in: app.config.timeZone)
        let rules = app.fundsRules
        var byCode: [String: Employer] = [:]
        for e in try await Employer.scoped(r.scope, on: db).all() {
            if let c = e.creditCode { byCode[c] = e }
        }
        let source = try TableFile.open(r.file, sheet: r.sheet, limits: app.config.importLimits)
        var report = ImportReport()
        var ready: [(fields: ReceiptFields, employer: Employer, key: String)] = []
        var firstRowOf: [String: Int] = [:]
        var scan = RosterScan<TaxListColumn>()
        try scan.scan(source, progress: r.progress, convert: { cell, _ in cell.text }) { row in
            report.total += 1
            func fail(_ column: TaxListColumn, _ message: String) {
                report.invalid += 1
                report.fail(row: row.number, column: column.title, value: row.values[column] ?? "", message: message, cells: row.texts)
            }
            func v(_ c: TaxListColumn) -> String? { row.values[c].flatMap(Input.optional) }
            guard let code = v(.creditCode)?.uppercased() else { return fail(.creditCode, "统一社会信用代码不能为空") }
            guard let employer = byCode[code], let employerID = employer.id else {
                return fail(.creditCode, "单位名录中没有统一社会信用代码为“\(code.prefix(20))”的单位（须在您的管辖范围内）")
            }
            var f = FormFields()
            f["employerId"] = String(employerID)
            f["month"] = v(.month)
            f["amount"] = v(.amount)
            f["receivedOn"] = v(.receivedOn)
            f["channel"] = DuesChannel.tax.rawValue
            // Without the base, the one the amount was assessed on.
            f["base"] = v(.base) ?? v(.amount).flatMap { try? Money.parse($0, field: "amount", label: "") }.map { Money.yuan($0 * 10_000 / max(1, rules.rateBasisPoints)) }
            let checked = Result { () throws(FieldErrors) in try ReceiptFields.validate(f, today: today, rules: rules) }
            switch checked {
            case .failure(let e):
                report.invalid += 1
                report.fail(row: row.number, issues: RowIssue.all(e, TaxListColumn.self, values: row.values), cells: row.texts)
            case .success(let fields):
                let key = Self.key(code, fields)
                if let first = firstRowOf[key] {
                    report.duplicates += 1
                    return fail(.amount, "与第\(first)行相同（同一单位、所属期、实缴金额和入库日期）；确为两笔的，请分别登记")
                }
                firstRowOf[key] = row.number
                ready.append((fields, employer, key))
            }
        }
        report.header(from: scan)
        try await r.checkpoint?(report.total)
        let known = try await Self.imported(ready.map(\.key), on: db)
        let fresh = ready.filter { !known.contains($0.key) }
        report.existing = ready.count - fresh.count
        report.planned(fresh.map { _ in nil })
        if r.dryRun || fresh.isEmpty || report.invalid > 0 { return report }
        try await r.checkpoint?(report.total)
        let now = app.clock.now()
        try await Store.write(db) { tx in
            var receipts: [DuesReceipt] = []
            for item in fresh {
                receipts.append(try await DuesReceipts.make(item.fields, employer: item.employer, sourceKey: item.key, actor: r.actor, on: tx))
            }
            try await receipts.createInBatches(on: tx)
            try await Audit.record(
                FundsAudit.receipt, entity: "dues_import", after: ["lines": String(receipts.count), "amount": Money.yuan(receipts.reduce(0) { $0 + $1.amount })],
                actor: r.actor, at: now, on: tx)
        }
        report.inserted = fresh.count
        return report
    }

    static func key(_ code: String, _ f: ReceiptFields) -> String { "tax|\(code)|\(f.month.iso)|\(f.amount)|\(f.receivedOn.iso)" }

    /// The keys among `keys` already imported.
    static func imported(_ keys: [String], on db: any Database) async throws -> Set<String> {
        var out = Set<String>()
        for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
            struct Row: Decodable { var source_key: String }
            let rows = try await db.sql.select().column("source_key").from("dues_receipts").where("source_key", .in, chunk).all(decoding: Row.self)
            out.formUnion(rows.map(\.source_key))
        }
        return out
    }
}
