/// Whether a node of the org tree leads other unions or is a grassroots union.
public enum OrgLevel: String, Choice {
    case federation, union
    public var label: String { self == .federation ? "总工会" : "基层工会" }
}

/// The kind of a grassroots union.
public enum UnionType: String, Choice {
    case enterprise, institution, school, village, community, joint, organ, other
    public var label: String {
        switch self {
        case .enterprise: "企业工会"
        case .institution: "事业单位工会"
        case .school: "学校工会"
        case .village: "村工会"
        case .community: "社区工会"
        case .joint: "联合工会"
        case .organ: "机关工会"
        case .other: "其他"
        }
    }
}

public enum OrgStatus: String, Choice {
    case active, preparing, dissolved, merged, cancelled
    public var label: String {
        switch self {
        case .active: "正常"
        case .preparing: "筹建中"
        case .dissolved: "已撤销"
        case .merged: "已合并"
        case .cancelled: "已注销"
        }
    }

    /// The union has ended (撤销、合并、注销) on its `endedOn`: counted up to that day, never after, never restored.
    public var isEnded: Bool { self == .dissolved || self == .merged || self == .cancelled }
}

/// A committee's term: 3 or 5 years (工会法 Art. 16).
public enum CommitteeTerm: Int, CaseIterable, Codable, Sendable {
    case three = 3, five = 5

    public init(years: Int, field: String = "termYears") throws(FieldError) {
        guard let t = CommitteeTerm(rawValue: years) else {
            throw FieldError(field: field, message: "任期只能是3年或5年")
        }
        self = t
    }

    /// 换届到期: the elected date plus the term.
    public func reElectionDue(electedOn: CalendarDate) -> CalendarDate {
        electedOn.adding(years: rawValue)
    }
}

/// Where a union stands with its re-election on a given day.
public enum ReElectionState: String, Codable, Sendable {
    case current, dueSoon, overdue, unknown
    public var label: String {
        switch self {
        case .current: "任期内"
        case .dueSoon: "即将到期"
        case .overdue: "已超期"
        case .unknown: "未录入"
        }
    }

    /// `dueSoon` within `warnDays` of the due date (default six months).
    public static func of(due: CalendarDate?, today: CalendarDate, warnMonths: Int = 6) -> ReElectionState {
        guard let due else { return .unknown }
        if due <= today { return .overdue }
        let warnFrom = due.adding(months: -warnMonths)
        return warnFrom <= today ? .dueSoon : .current
    }
}
