import Domain
import Fluent
import Office
import Vapor

/// Members as .xlsx with the import template's columns (a round trip works), the list's filters applied.
/// ID and phone numbers are masked unless a full export was asked for by someone who may see them.
enum MemberExport {
    static let columns: [XlsxWriter.Column] =
        RosterColumn.allCases.map { c in
            XlsxWriter.Column(
                c.title, width: c == .idNumber ? 22 : c == .union || c == .employer ? 28 : c == .phone ? 15 : 11,
                text: c == .idNumber || c == .phone)
        } + [XlsxWriter.Column("会员证号", width: 14, text: true), XlsxWriter.Column("会籍状态", width: 10)]

    static func write(_ filter: MemberQuery.Filter, full: Bool, scope: Scope, cipher: FieldCipher, to url: URL, on db: any Database)
        async throws -> Int
    {
        // Pages of 1,000 by keyset go straight into the sheet: memory stays flat however large the subtree.
        let w = try XlsxWriter(url: url)
        let count = try await w.addSheet("会员名册", columns: columns) { append in
            var lastID = Int.max
            while true {
                let page = try await MemberQuery.filtered(filter, in: scope, cipher: cipher, on: db).with(\.$employer)
                    .filter(\.$id < lastID).sort(\.$id, .descending).limit(1000).all()
                for m in page { try append(try cells(m, full: full, cipher: cipher)) }
                guard let last = page.last?.id, page.count == 1000 else { break }
                lastID = last
            }
        }
        try w.close()
        return count
    }

    static func cells(_ m: Member, full: Bool, cipher: FieldCipher) throws -> [Cell] {
        let values: [RosterColumn: String] = [
            .name: m.name,
            .idNumber: full ? try cipher.decrypt(m.idNumberEncrypted) : m.idNumberMasked,
            .phone: full ? try m.phoneEncrypted.map { try cipher.decrypt($0) } ?? "" : m.phoneMasked ?? "",
            .gender: Gender(rawValue: m.gender)?.label ?? "",
            .ethnicity: m.ethnicity,
            .education: m.education.flatMap(Education.init(rawValue:))?.label ?? "",
            .politicalStatus: m.politicalStatus.flatMap(PoliticalStatus.init(rawValue:))?.label ?? "",
            .joinDate: m.joinDate,
            .employer: m.employer?.name ?? "",
            .union: m.union.name,
            .migrantWorker: m.migrantWorker ? "是" : "否",
            .modelWorker: m.modelWorker ? "是" : "否",
        ]
        return RosterColumn.allCases.map { Cell.safeText(values[$0] ?? "") }
            + [.text(m.cardNumber), .text(m.memberStatus?.label ?? m.status)]
    }

    /// A blank template with the import columns and an instructions sheet.
    static func template(to url: URL) throws {
        let w = try XlsxWriter(url: url)
        try w.addSheet("会员名册", columns: Array(columns.prefix(RosterColumn.allCases.count)), rows: [[Cell]]())
        let notes = [
            "“姓名”和“身份证号”两列必填；其余列可留空，列的顺序不限。",
            "身份证号请保持“文本”格式（本模板已设置）；不要让 Excel 把它变成 4.419E+17 这样的数字。",
            "出生日期和性别由身份证号得出；填写了“性别”时会与身份证号核对。",
            "入会日期可写作 2023-05-01、2023/5/1、2023.5.1 或 2023年5月1日。",
            "“是否农民工”“是否劳模”填“是”或“否”。",
            "导入到指定工会时可不填“所在工会”；否则按“所在工会”或“工作单位”（已建会单位）分配。",
        ]
        try w.addSheet("填写说明", columns: [XlsxWriter.Column("填写说明", width: 90)], rows: notes.map { [Cell.text($0)] })
        try w.close()
    }
}
