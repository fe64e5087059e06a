/// The columns of a federation's collective contract register (集体合同台账), matched by name and synonyms.
public enum ContractColumn: String, RosterColumns, Codable {
    case employer, creditCode, counterpart, union, kind, level, title, signedOn, startsOn, endsOn, workers, womenWorkers, wageRise
    case minimumWage, filedOn, effectiveOn, publishedOn

    public static let required: [ContractColumn] = [.kind, .signedOn, .endsOn]

    public var title: String {
        switch self {
        case .employer: "企业名称"
        case .creditCode: "统一社会信用代码"
        case .counterpart: "企业方（行业性、区域性）"
        case .union: "签订工会"
        case .kind: "合同种类"
        case .level: "层级"
        case .title: "合同名称"
        case .signedOn: "签订日期"
        case .startsOn: "期限起始"
        case .endsOn: "期限截止"
        case .workers: "覆盖职工人数"
        case .womenWorkers: "其中女职工"
        case .wageRise: "工资增幅（%）"
        case .minimumWage: "最低工资（元/月）"
        case .filedOn: "报送审查日期"
        case .effectiveOn: "生效日期"
        case .publishedOn: "公布日期"
        }
    }

    public var synonyms: [String] {
        switch self {
        case .employer: ["企业名称", "单位名称", "企业", "单位"]
        case .creditCode: ["统一社会信用代码", "信用代码", "社会信用代码"]
        case .counterpart: ["企业方", "企业方（行业性、区域性）", "企业方代表"]
        case .union: ["签订工会", "工会", "工会名称", "协商工会"]
        case .kind: ["合同种类", "种类", "合同类型", "类型"]
        case .level: ["层级", "合同层级", "签订层级"]
        case .title: ["合同名称", "名称"]
        case .signedOn: ["签订日期", "签订时间", "签字日期"]
        case .startsOn: ["期限起始", "起始日期", "开始日期", "生效起始"]
        case .endsOn: ["期限截止", "截止日期", "到期日期", "期满日期", "终止日期"]
        case .workers: ["覆盖职工人数", "覆盖职工", "职工人数", "涉及职工人数", "人数"]
        case .womenWorkers: ["其中女职工", "女职工人数", "女职工"]
        case .wageRise: ["工资增幅（%）", "工资增幅", "工资增长幅度", "增幅"]
        case .minimumWage: ["最低工资（元/月）", "最低工资", "最低工资标准"]
        case .filedOn: ["报送审查日期", "报送日期", "备案日期", "报审日期"]
        case .effectiveOn: ["生效日期", "审查通过日期"]
        case .publishedOn: ["公布日期", "公示日期"]
        }
    }

    /// The input field a column fills (`employer` and `creditCode` both find the employer).
    public var field: String {
        switch self {
        case .employer, .creditCode: "employerId"
        case .union: "orgId"
        default: rawValue
        }
    }

    /// A kind or level as registers write them: the code, the full or the short label (`工资专项`, `区域性`).
    public static func code<C: Choice>(_ text: String?, _ type: C.Type, short: (C) -> String) -> String? {
        guard let t = text.flatMap(Input.optional) else { return nil }
        let bare = t.replacingOccurrences(of: "集体合同", with: "")
        return (C.allCases.first { $0.rawValue == t || $0.label == t || short($0) == t || short($0) == bare || $0.label == bare })?.rawValue ?? t
    }
}
