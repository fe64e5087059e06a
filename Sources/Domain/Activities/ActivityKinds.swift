/// What an activity is for the figures: an event (活动: 人数 and 人次 of those taking part) or a training class (培训班:
/// trainees, hours, certificates).
public enum ActivityCategory: String, Choice {
    case event, training

    public var label: String {
        switch self {
        case .event: "活动"
        case .training: "培训"
        }
    }

    /// The measure word of the summary: `5次活动`, `3期培训班`.
    public var measure: String {
        switch self {
        case .event: "次"
        case .training: "期"
        }
    }
}

/// A kind of activity or class (文体活动, 座谈会, 岗位技能培训 …): the list is configuration.
public struct ActivityKind: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var category: ActivityCategory

    public init(_ code: String, _ label: String, _ category: ActivityCategory) {
        self.code = code
        self.label = label
        self.category = category
    }

    public static let defaults: [ActivityKind] = [
        .init("sports", "文体活动", .event), .init("show", "文艺汇演", .event), .init("forum", "座谈会", .event),
        .init("visit", "参观/疗休养", .event), .init("volunteer", "志愿服务", .event), .init("contest", "劳动竞赛/技术比武", .event),
        .init("publicity", "宣传/普法", .event), .init("charity", "公益活动", .event),
        .init("skills", "岗位技能培训", .training), .init("cadre", "工会干部培训", .training), .init("law", "普法培训", .training),
        .init("migrant", "农民工技能培训", .training),
    ]
}

/// A programme item of an activity: a number performed (节目), a match or round played (场次), a play staged (剧目).
public enum ProgrammeKind: String, Choice {
    case number, match, play

    public var label: String {
        switch self {
        case .number: "节目"
        case .match: "场次"
        case .play: "剧目"
        }
    }
}

/// Where a member's sign-up stands: enrolled within the cap, waiting for a place, or cancelled.
public enum SignupStatus: String, Choice {
    case enrolled, waiting, cancelled

    public var label: String {
        switch self {
        case .enrolled: "已报名"
        case .waiting: "候补"
        case .cancelled: "已取消"
        }
    }
}

/// The local rules of activities (`UNIONDESK_ACTIVITIES_CONFIG`, any subset).
public struct ActivityRules: Codable, Sendable, Equatable {
    /// The kinds of activity and class a federation records.
    public var kinds = ActivityKind.defaults
    /// A class whose last day is this many days past without any attendance recorded is an alert.
    public var attendanceDueDays = 7

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent([ActivityKind].self, forKey: .kinds) { kinds = v }
        if let v = try c.decodeIfPresent(Int.self, forKey: .attendanceDueDays) { attendanceDueDays = v }
        guard !kinds.isEmpty, Set(kinds.map(\.code)).count == kinds.count, (1...60).contains(attendanceDueDays) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "活动类别不能为空、代码不能重复，出勤登记期限应为1至60天"))
        }
    }

    public func kind(_ code: String) -> ActivityKind? { kinds.first { $0.code == code } }

    /// The label of a kind's code (the code itself where the list no longer has it).
    public func label(_ code: String) -> String { kind(code)?.label ?? code }
}
