import Domain
import Fluent
import Office
import Vapor

/// Employers as .xlsx with the import columns (a round trip works), the list's filters applied.
enum EmployerExport {
    static let columns: [XlsxWriter.Column] =
        EmployerColumn.allCases.map { c in
            XlsxWriter.Column(
                c.title, width: c == .name || c == .union || c == .address ? 30 : c == .creditCode ? 22 : 10, text: c == .creditCode)
        } + [XlsxWriter.Column("规模", width: 10)]

    static func write(_ filter: EmployerQuery.Filter, scope: Scope, to url: URL, on db: any Database) async throws -> Int {
        let w = try XlsxWriter(url: url)
        let count = try await w.addSheet("单位名录", columns: columns) { append in
            var page = 1
            while true {
                var f = filter
                f.page = page
                let result = try await EmployerQuery.list(f, in: scope, per: 1000, on: db)
                let changed = try await EmployerHistory.lastChanges(result.rows.compactMap(\.id), on: db)
                for e in result.rows {
                    let values: [EmployerColumn: String] = [
                        .name: e.name, .creditCode: e.creditCode ?? "", .headcount: String(e.headcount),
                        .industry: e.industry.flatMap(Industry.init(rawValue:))?.label ?? "",
                        .ownership: e.ownership.flatMap(Ownership.init(rawValue:))?.label ?? "", .address: e.address ?? "",
                        .union: e.union?.name ?? "",
                        .changedOn: e.id.flatMap { changed[$0] }.flatMap { $0 == EmployerHistory.beforeRecords ? nil : $0 } ?? "",
                    ]
                    try append(
                        EmployerColumn.allCases.map { Cell.safeText(values[$0] ?? "") }
                            + [.text(SizeBand(headcount: e.headcount).label)])
                }
                if result.page >= result.pageCount { break }
                page += 1
            }
        }
        try w.close()
        return count
    }

    static func template(to url: URL) throws {
        let w = try XlsxWriter(url: url)
        try w.addSheet("单位名录", columns: Array(columns.prefix(EmployerColumn.allCases.count)), rows: [[Cell]]())
        let notes = [
            "“单位名称”和“职工人数”两列必填；其余列可留空，列的顺序不限。",
            "统一社会信用代码为18位，按 GB 32100 校验；同一代码只能登记一家单位。",
            "“所建工会”填写已登记的基层工会全称；留空表示尚未建会。",
            "行业、经济类型请按系统中的名称填写，如“制造业”“私营”。",
            "“统计日期”是职工人数和建会情况所对应的日期（如2025-12-31），留空为导入当天；补录往年名录时请填写当年的日期，往年统计按此计算。",
        ]
        try w.addSheet("填写说明", columns: [XlsxWriter.Column("填写说明", width: 90)], rows: notes.map { [Cell.text($0)] })
        try w.close()
    }
}
