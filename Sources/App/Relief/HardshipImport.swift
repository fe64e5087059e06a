import Domain
import Fluent
import Office
import SQLKit
import Vapor

/// Imports hardship files kept in Excel (困难职工档案花名册), for moving a union's archive into UnionDesk: each row a
/// household headed by a registered member (found by ID number), categories as old forms write them (低保户,
/// 低保边缘户, 意外致困户 are kept as legacy tiers), all valid rows in one transaction or, as a dry run, none.
struct HardshipImport {
    var file: URL
    var sheet: String?
    var dryRun = false
    var scope: Scope
    var actor: Audit.Actor
    var progress: (@Sendable (Int) throws -> Void)?

    private struct Checked {
        var row: Int
        var name: String?
        var hash: String
        var fields: FormFields
        var cells: [String]
    }

    func run(app: Application, on db: any Database) async throws -> ImportReport {
        let today = app.clock.today(in: app.config.timeZone)
        let cipher = app.cipher
        let region = try await OrganizationQuery.find(scope.orgID, in: scope, on: db).regionCode
        let source = try TableFile.open(file, sheet: sheet, limits: app.config.importLimits)
        var report = ImportReport()
        var checked: [Checked] = []
        var scan = RosterScan<HardshipColumn>()
        try scan.scan(
            source, progress: progress,
            convert: { cell, column in
                column == .openedOn && cell.kind == .number
                    ? Double(cell.text).flatMap { XlsxReader.isoDate(serial: $0, date1904: false) } ?? cell.text : cell.text
            }
        ) { row in
            report.total += 1
            let v = row.values
            func fail(_ column: HardshipColumn?, _ message: String) {
                report.invalid += 1
                report.fail(
                    row: row.number, column: column?.title ?? "", value: column.flatMap { v[$0] } ?? "", message: message, cells: row.texts)
            }
            let id: IDNumber
            do throws(FieldError) { id = try IDNumber(v[.idNumber] ?? "") } catch {
                return fail(.idNumber, error.message)
            }
            guard let tier = v[.tier].flatMap(HardshipTier.roster) else {
                return fail(.tier, "困难类别无法识别，应为深度困难、相对困难、意外致困，或旧类别低保户、低保边缘户、意外致困户")
            }
            let cause = v[.mainCause].flatMap(Input.optional).map { HardshipCause.roster($0) } ?? .some(.lowIncome)
            guard let cause else { return fail(.mainCause, "致困原因无法识别，应为：" + HardshipCause.allCases.map(\.label).joined(separator: "、")) }
            var f = FormFields()
            f["memberId"] = "1"  // placed after the lookup; checked here only for its other fields
            f["tier"] = tier.rawValue
            f["mainCause"] = cause.rawValue
            f["otherCauses"] = (v[.otherCauses] ?? "").split(whereSeparator: { "、,，;；/".contains($0) })
                .compactMap { HardshipCause.roster(String($0))?.rawValue }.filter { $0 != cause.rawValue }.joined(separator: ",")
            f["householdSize"] = v[.householdSize].map { String($0.filter(\.isNumber)) }.flatMap { $0.isEmpty ? nil : $0 } ?? "1"
            f["wages"] = v[.annualIncome]
            f["unavoidableCosts"] = v[.unavoidableCosts]
            guard let place = v[.region].flatMap(Input.optional) ?? region else {
                return fail(.region, "所在地区为空：请填写“所在地区”列（6位行政区划代码），或在组织信息中登记本会的行政区划代码")
            }
            f["region"] = place
            f["openedOn"] = v[.openedOn].flatMap(Input.optional) ?? today.iso
            f["bankAccount"] = v[.bankAccount]
            f["health"] = v[.health]
            f["workStatus"] = v[.workStatus].flatMap { w in WorkStatus.allCases.first { $0.label == Text.clean(w) }?.rawValue }
            do throws(FieldErrors) {
                _ = try HardshipFileFields.validate(f, today: today)
            } catch {
                report.invalid += 1
                return report.fail(row: row.number, issues: RowIssue.all(error, HardshipColumn.self, values: v), cells: row.texts)
            }
            checked.append(
                Checked(row: row.number, name: v[.name].flatMap(Input.optional), hash: cipher.index(id.value), fields: f, cells: row.texts))
        }
        report.header(from: scan)
        // Heads of household are registered members of the caller's subtree, once each, without an open file.
        let members = try await Member.scoped(scope, on: db).filter(\.$idNumberHash ~~ checked.map(\.hash)).all()
        let byHash = Dictionary(members.map { ($0.idNumberHash, $0) }, uniquingKeysWith: { a, _ in a })
        let open = Set(
            try await HardshipFile.query(on: db).filter(\.$headIdNumberHash ~~ members.map(\.idNumberHash))
                .filter(\.$status ~~ [HardshipFileStatus.temporary.rawValue, HardshipFileStatus.formal.rawValue]).all().map(
                    \.headIdNumberHash))
        var firstRowOf: [String: Int] = [:]
        var ready: [(HardshipFile, Member)] = []
        for c in checked {
            func fail(_ column: HardshipColumn, _ message: String) {
                report.invalid += 1
                report.fail(row: c.row, column: column.title, value: "", message: message, cells: c.cells)
            }
            guard let m = byHash[c.hash], let memberID = m.id else {
                fail(.idNumber, "该身份证号不是您管辖范围内的会员：户主须先登记为会员")
                continue
            }
            if let name = c.name, name != m.name { fail(.name, "户主姓名与会员登记的姓名（\(m.name)）不一致"); continue }
            if let first = firstRowOf[c.hash] {
                report.duplicates += 1
                fail(.idNumber, "与第\(first)行是同一户主")
                continue
            }
            firstRowOf[c.hash] = c.row
            if open.contains(m.idNumberHash) {
                report.existing += 1
                fail(.idNumber, "\(m.name)已有未关闭的困难职工档案")
                continue
            }
            var f = c.fields
            f["memberId"] = String(memberID)
            do {
                ready.append(
                    (
                        try HardshipFiles.make(
                            try HardshipFileFields.validate(f, today: today), head: .init(member: m), cipher: cipher,
                            settings: app.reliefSettings,
                            actor: actor), m
                    ))
            } catch {
                guard let e = FieldErrors(error) else { throw error }
                fail(.idNumber, e.errors[0].message)
            }
        }
        report.planned(ready.map { _ in nil })
        report.errors.sort { $0.row < $1.row }
        if dryRun || ready.isEmpty { return report }
        let (actor, now, name, files) = (self.actor, app.clock.now(), file.lastPathComponent, ready)
        try await Store.write(db) { tx in
            for (file, _) in files { try await HardshipFiles.insert(file, actor: actor, at: now, on: tx) }
            try await Audit.record(
                ReliefAudit.fileImport, entity: "hardship_file", after: ["file": name, "inserted": String(files.count)], actor: actor, at: now,
                on: tx)
        }
        report.inserted = files.count
        return report
    }
}

extension HardshipImport {
    /// The blank template with an instructions sheet.
    static func template(to url: URL) throws {
        let w = try XlsxWriter(url: url)
        try w.addSheet(
            "困难职工档案",
            columns: HardshipColumn.allCases.map {
                XlsxWriter.Column($0.title, width: $0 == .idNumber || $0 == .bankAccount ? 24 : 14, text: $0 == .idNumber || $0 == .bankAccount)
            },
            rows: [[Cell]]())
        let notes = [
            "“身份证号”和“困难类别”两列必填；其余列可留空，列的顺序不限，表头上方可以有标题行。",
            "户主须已在系统中登记为会员（按身份证号查找）；填写“户主姓名”时须与会员登记的姓名一致。",
            "困难类别：深度困难、相对困难、意外致困；2018年前的旧类别“低保户、低保边缘户、意外致困户”原样保留为旧类别。",
            "致困原因：因病、因残、因学、下岗失业、企业停产半停产、意外灾害、工伤、单亲家庭、收入低、其他（也可写“患病”“子女上学”等）。",
            "家庭年收入、刚性支出以元为单位，可写 36000、3.6万；系统按（收入－刚性支出）÷家庭人口÷12 计算月人均收入。",
            "身份证号、银行账号请设置为“文本”格式，以免 Excel 丢失末尾数字。",
        ]
        try w.addSheet("填写说明", columns: [XlsxWriter.Column("填写说明", width: 100)], rows: notes.map { [Cell.text($0)] })
        try w.close()
    }
}
