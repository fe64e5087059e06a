/// The columns of an employer list (单位名录), matched by name and synonyms.
public enum EmployerColumn: String, RosterColumns, Codable {
    case name, creditCode, headcount, industry, ownership, address, union, changedOn

    public static let required: [EmployerColumn] = [.name, .headcount]

    public var title: String {
        switch self {
        case .name: "单位名称"
        case .creditCode: "统一社会信用代码"
        case .headcount: "职工人数"
        case .industry: "行业"
        case .ownership: "经济类型"
        case .address: "地址"
        case .union: "所建工会"
        case .changedOn: "统计日期"
        }
    }

    public var synonyms: [String] {
        switch self {
        case .name: ["单位名称", "企业名称", "单位", "名称"]
        case .creditCode: ["统一社会信用代码", "信用代码", "社会信用代码", "统一代码"]
        case .headcount: ["职工人数", "职工数", "从业人数", "员工人数", "在职人数", "人数"]
        case .industry: ["行业", "所属行业", "行业类别"]
        case .ownership: ["经济类型", "企业类型", "登记注册类型", "所有制"]
        case .address: ["地址", "单位地址", "注册地址", "经营地址"]
        case .union: ["所建工会", "工会名称", "所在工会"]
        case .changedOn: ["统计日期", "人数统计日期", "截至日期", "变动日期"]
        }
    }

    public var field: String {
        switch self {
        case .union: "unionId"
        default: rawValue
        }
    }
}

extension EmployerInput {
    /// An employer input from one row's values; the org node and union are placed by the caller.
    public init(roster values: [EmployerColumn: String]) {
        func v(_ c: EmployerColumn) -> String? { values[c].flatMap(Input.optional) }
        self.init(
            name: v(.name), creditCode: v(.creditCode), headcount: v(.headcount).map { String($0.filter(\.isNumber)) },
            industry: v(.industry), ownership: v(.ownership), address: v(.address), changedOn: v(.changedOn))
    }
}
