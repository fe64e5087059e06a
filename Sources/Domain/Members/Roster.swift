/// A set of spreadsheet columns recognised by header text and synonyms (a member roster, an employer list …).
public protocol RosterColumns: CaseIterable, Hashable, Sendable {
    /// The name used in templates, exports and error reports.
    var title: String { get }
    /// Header texts seen in real files, compared after normalising.
    var synonyms: [String] { get }
    /// The input field a column fills, for putting a field error back on its column.
    var field: String { get }
    /// Columns that must all be present for a row to count as the header.
    static var required: [Self] { get }
}

extension RosterColumns {
    public static func match(_ header: String) -> Self? {
        let key = RosterColumn.normalise(header)
        guard !key.isEmpty else { return nil }
        return allCases.first { $0.synonyms.contains(key) }
    }

    public static func column(forField field: String) -> Self? {
        allCases.first { $0.field == field }
    }
}

/// The columns of a member roster as township unions keep it in Excel, matched by name and synonyms.
public enum RosterColumn: String, RosterColumns, Codable {
    case name, idNumber, phone, gender, ethnicity, education, politicalStatus, joinDate, employer, union, migrantWorker, modelWorker

    public static let required: [RosterColumn] = [.name, .idNumber]

    public var title: String {
        switch self {
        case .name: "姓名"
        case .idNumber: "身份证号"
        case .phone: "手机号码"
        case .gender: "性别"
        case .ethnicity: "民族"
        case .education: "文化程度"
        case .politicalStatus: "政治面貌"
        case .joinDate: "入会日期"
        case .employer: "工作单位"
        case .union: "所在工会"
        case .migrantWorker: "是否农民工"
        case .modelWorker: "是否劳模"
        }
    }

    public var synonyms: [String] {
        switch self {
        case .name: ["姓名", "会员姓名", "职工姓名"]
        case .idNumber: ["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "居民身份证号码"]
        case .phone: ["手机", "手机号", "手机号码", "联系电话", "电话", "联系方式"]
        case .gender: ["性别"]
        case .ethnicity: ["民族"]
        case .education: ["文化程度", "学历"]
        case .politicalStatus: ["政治面貌"]
        case .joinDate: ["入会时间", "入会日期", "入会年月"]
        case .employer: ["工作单位", "所在单位", "单位", "单位名称"]
        case .union: ["所在工会", "工会名称"]
        case .migrantWorker: ["是否农民工", "农民工"]
        case .modelWorker: ["是否劳模", "劳模"]
        }
    }

    public var field: String {
        switch self {
        case .employer: "employerId"
        case .union: "unionId"
        default: rawValue
        }
    }

    /// `身份证号码（必填）` → `身份证号码`; spaces, `*` and full-width forms dropped.
    static func normalise(_ s: String) -> String {
        var out = ""
        var depth = 0
        for ch in Text.halfWidth(s) {
            if ch == "(" || ch == "（" { depth += 1; continue }
            if ch == ")" || ch == "）" { depth = max(0, depth - 1); continue }
            if depth > 0 || ch.isWhitespace || ch == "*" || ch == ":" || ch == "：" { continue }
            out.append(ch)
        }
        return out
    }
}

/// Where the header row is and which column holds what.
public struct RosterHeader<C: RosterColumns>: Sendable, Equatable {
    /// The header's row number as the spreadsheet shows it.
    public var row: Int
    public var columns: [Int: C]
    /// Header texts that matched nothing; listed to the user and ignored.
    public var unknown: [String]

    /// Columns that rosters and our own exports carry but an import does not need: not reported as unknown.
    public static var ignored: Set<String> { ["序号", "编号", "备注", "会员证号", "会籍状态", "出生日期", "规模"] }

    /// A row is the header when it has every required column; title rows above it are skipped.
    public static func detect(row: Int, texts: [String]) -> RosterHeader? {
        var columns: [Int: C] = [:]
        var unknown: [String] = []
        var seen = Set<C>()
        for (i, t) in texts.enumerated() {
            let trimmed = Text.clean(t)
            guard !trimmed.isEmpty else { continue }
            if let c = C.match(trimmed), !seen.contains(c) {
                columns[i] = c
                seen.insert(c)
            } else {
                unknown.append(trimmed)
            }
        }
        guard C.required.allSatisfy(seen.contains) else { return nil }
        return RosterHeader(row: row, columns: columns, unknown: unknown.filter { !ignored.contains(RosterColumn.normalise($0)) })
    }
}

extension MemberInput {
    /// A member input from one roster row's values by column; the union and employer are placed by the caller.
    public init(roster values: [RosterColumn: String]) {
        func v(_ c: RosterColumn) -> String? { values[c].flatMap(Input.optional) }
        self.init(
            name: v(.name), idNumber: v(.idNumber), phone: v(.phone), gender: v(.gender), ethnicity: v(.ethnicity),
            education: v(.education), politicalStatus: v(.politicalStatus), joinDate: v(.joinDate),
            migrantWorker: v(.migrantWorker).map { Input.flag($0) ? "true" : "false" },
            modelWorker: v(.modelWorker).map { Input.flag($0) ? "true" : "false" })
    }
}
