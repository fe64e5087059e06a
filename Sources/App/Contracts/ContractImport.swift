import Domain
import Fluent
import Office
import SQLKit
import Vapor

/// 集体合同台账: a federation's existing contract register imported as it stands (each row checked as the
/// “登记已有集体合同” form checks it). All or nothing: one refused row and nothing is written; a contract already
/// registered (same employer or employers' side, kind and signing day) is counted as existing, so importing the same
/// register again changes nothing.
struct ContractImporter: Importer {
    let kind = "contracts"
    let noun = "集体合同"
    let unit = "份"
    let title = "导入集体合同台账"
    let templateName = "集体合同台账导入模板.xlsx"
    let hasModes = false
    let writePermission = Permission.contractHandle
    let readPermission = Permission.contractRead
    let uploadURL = SiteURL.contractImport
    let apiUploadURL = SiteURL.API.contractImport
    let templateURL = SiteURL.contractTemplate
    let listURL = SiteURL.contracts

    static let columns = ContractColumn.allCases.map { c in
        XlsxWriter.Column(c.title, width: [.employer, .counterpart, .union, .title].contains(c) ? 28 : c == .creditCode ? 22 : 12, text: c == .creditCode)
    }

    func template(to url: URL) throws {
        let w = try XlsxWriter(url: url)
        let example: [Cell] = [
            .text("示例镇华晨纺织有限公司"), .text(""), .text(""), .text("华晨纺织有限公司工会"), .text("工资专项"), .text("企业"), .text(""),
            .text("2026-03-01"), .text("2026-03-01"), .text("2027-02-28"), .number(136), .number(60), .number(6), .number(2300),
            .text("2026-03-08"), .text("2026-03-23"), .text("2026-03-28"),
        ]
        try w.addSheet("集体合同台账", columns: Self.columns, rows: [example])
        let notes = [
            "“合同种类”“签订日期”“期限截止”必填；种类写“综合”“工资专项”“女职工专项”“安全卫生专项”或全称。",
            "企业合同填写“企业名称”或“统一社会信用代码”（须已在单位名录中）；行业性、区域性合同在“层级”写“行业性”或“区域性”，并填写“企业方”。",
            "“签订工会”填写已登记的基层工会全称，留空为导入人所在的总工会。期限为1至3年；期限起始留空按签订日期。",
            "报送审查、生效、公布日期按先后填写，后一日期不能早于前一日期；未报送的留空。",
            "整份台账全部检查通过才写入；已登记的合同（同一企业、种类和签订日期）不会重复登记。",
        ]
        try w.addSheet("填写说明", columns: [XlsxWriter.Column("填写说明", width: 90)], rows: notes.map { [Cell.text($0)] })
        try w.close()
    }

    func run(_ r: ImportRun, app: Application, on db: any Database) async throws -> ImportReport {
        let today = app.clock.today(in: app.config.timeZone)
        let rules = app.contractRules
        let placement = try await Placement.load(scope: r.scope, on: db)
        var byCode: [String: Int] = [:]
        for e in try await Employer.scoped(r.scope, on: db).all() {
            if let c = e.creditCode, let id = e.id { byCode[c] = id }
        }
        let source = try TableFile.open(r.file, sheet: r.sheet, limits: app.config.importLimits)
        var report = ImportReport()
        var ready: [(row: Int, fields: ContractRecordFields, key: String)] = []
        var firstRowOf: [String: Int] = [:]
        var scan = RosterScan<ContractColumn>()
        try scan.scan(source, progress: r.progress, convert: { cell, _ in cell.text }) { row in
            report.total += 1
            func fail(_ column: ContractColumn, _ message: String) {
                report.invalid += 1
                report.fail(row: row.number, column: column.title, value: row.values[column] ?? "", message: message, cells: row.texts)
            }
            func v(_ c: ContractColumn) -> String? { row.values[c].flatMap(Input.optional) }
            var f = FormFields()
            f["kind"] = ContractColumn.code(v(.kind), ContractKind.self, short: \.short)
            f["level"] = ContractColumn.code(v(.level), ContractLevel.self, short: \.label) ?? ContractLevel.enterprise.rawValue
            if let code = v(.creditCode) {
                guard let id = byCode[code.uppercased()] else { return fail(.creditCode, "单位名录中没有统一社会信用代码为“\(code)”的单位（须在您的管辖范围内）") }
                f["employerId"] = String(id)
            } else if let name = v(.employer), f["level"] == ContractLevel.enterprise.rawValue {
                guard let e = placement.employers[name] else { return fail(.employer, "单位名录中没有名为“\(name)”的单位（须在您的管辖范围内）") }
                f["employerId"] = String(e.id)
            }
            if let name = v(.union) {
                guard let id = placement.unions[name] else { return fail(.union, "找不到名为“\(name)”的基层工会（须在您的管辖范围内）") }
                f["orgId"] = String(id)
            }
            f["counterpart"] = v(.counterpart)
            f["title"] = v(.title)
            f["signedOn"] = v(.signedOn)
            f["startsOn"] = v(.startsOn) ?? v(.signedOn)
            for c in [ContractColumn.endsOn, .workers, .womenWorkers, .wageRise, .minimumWage, .filedOn, .effectiveOn, .publishedOn] {
                f[c.rawValue] = v(c)
            }
            let checked = Result { () throws(FieldErrors) in try ContractRecordFields.validate(f, today: today, rules: rules) }
            switch checked {
            case .failure(let e):
                report.invalid += 1
                report.fail(row: row.number, issues: RowIssue.all(e, ContractColumn.self, values: row.values), cells: row.texts)
            case .success(let fields):
                let key = Self.key(fields.parties.employerId.map(String.init) ?? fields.parties.counterpart ?? "", fields.parties.kind, fields.signedOn)
                if let first = firstRowOf[key] {
                    report.duplicates += 1
                    fail(.signedOn, "与第\(first)行是同一份合同（同一企业、种类和签订日期）")
                    return
                }
                firstRowOf[key] = row.number
                ready.append((row.number, fields, key))
            }
        }
        report.header(from: scan)
        try await r.checkpoint?(report.total)
        // Contracts already registered in the subtree are counted, not written again.
        var known = Set<String>()
        for c in try await Contracts.scoped(r.scope, on: db).all() {
            guard let kind = ContractKind(rawValue: c.kind), let day = CalendarDate(parsing: c.signedOn) else { continue }
            known.insert(Self.key(c.$employer.id.map(String.init) ?? c.counterpart ?? "", kind, day))
        }
        let fresh = ready.filter { !known.contains($0.key) }
        report.existing = ready.count - fresh.count
        report.planned(fresh.map { _ in nil })
        if r.dryRun || fresh.isEmpty || report.invalid > 0 { return report }
        try await r.checkpoint?(report.total)
        report.inserted = try await Contracts.registerAll(fresh.map(\.fields), in: r.scope, actor: r.actor, at: app.clock.now(), on: db).count
        return report
    }

    static func key(_ party: String, _ kind: ContractKind, _ day: CalendarDate) -> String { "\(party)|\(kind.rawValue)|\(day.iso)" }
}
