/// The columns of the tax bureau's collection list (税务代收工会经费明细), as its system exports them, matched by name
/// and synonyms.
public enum TaxListColumn: String, RosterColumns, Codable {
    case creditCode, name, month, base, amount, receivedOn

    public static let required: [TaxListColumn] = [.creditCode, .month, .amount, .receivedOn]

    public var title: String {
        switch self {
        case .creditCode: "统一社会信用代码"
        case .name: "缴费人名称"
        case .month: "所属期"
        case .base: "计费依据（工资总额）"
        case .amount: "实缴金额"
        case .receivedOn: "入库日期"
        }
    }

    public var synonyms: [String] {
        switch self {
        case .creditCode: ["统一社会信用代码", "纳税人识别号", "社会信用代码", "信用代码", "缴费人识别号"]
        case .name: ["缴费人名称", "纳税人名称", "单位名称", "企业名称"]
        case .month: ["所属期", "费款所属期", "所属期起", "税款所属期", "所属月份"]
        case .base: ["计费依据（工资总额）", "计费依据", "计征依据", "工资总额", "计缴工资总额"]
        case .amount: ["实缴金额", "实缴（退）金额", "实缴费额", "入库金额", "金额"]
        case .receivedOn: ["入库日期", "缴款日期", "到账日期", "缴费日期"]
        }
    }

    /// The receipt field a column fills.
    public var field: String {
        switch self {
        case .creditCode, .name: "employerId"
        case .receivedOn: "receivedOn"
        default: rawValue
        }
    }
}
