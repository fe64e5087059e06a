/// Ownership of an employer (登记注册类型, simplified).
public enum Ownership: String, Choice {
    case state, collective, privateOwned = "private", foreign, hkMacauTaiwan, individual, nonprofit, organ
    public var label: String {
        switch self {
        case .state: "国有"
        case .collective: "集体"
        case .privateOwned: "私营"
        case .foreign: "外商投资"
        case .hkMacauTaiwan: "港澳台投资"
        case .individual: "个体工商户"
        case .nonprofit: "社会组织"
        case .organ: "机关事业单位"
        }
    }
}

/// Size band by headcount, used by the 组建率 indicators (8+ and 25+).
public enum SizeBand: Int, CaseIterable, Codable, Sendable, Comparable {
    case under8 = 0, from8 = 8, from25 = 25, from50 = 50, from100 = 100

    public init(headcount: Int) {
        self = SizeBand.allCases.last(where: { $0.rawValue <= headcount }) ?? .under8
    }

    public var label: String {
        switch self {
        case .under8: "8人以下"
        case .from8: "8人以上"
        case .from25: "25人以上"
        case .from50: "50人以上"
        case .from100: "100人以上"
        }
    }

    public static func < (a: SizeBand, b: SizeBand) -> Bool { a.rawValue < b.rawValue }
}

/// Industries as grouped by township offices (GB/T 4754 sections, shortened).
public enum Industry: String, Choice {
    case manufacturing, construction, retail, logistics, hospitality, services, agriculture, education, health, it, other
    public var label: String {
        switch self {
        case .manufacturing: "制造业"
        case .construction: "建筑业"
        case .retail: "批发零售"
        case .logistics: "交通物流"
        case .hospitality: "住宿餐饮"
        case .services: "居民服务"
        case .agriculture: "农林牧渔"
        case .education: "教育"
        case .health: "卫生"
        case .it: "信息技术"
        case .other: "其他"
        }
    }
}
