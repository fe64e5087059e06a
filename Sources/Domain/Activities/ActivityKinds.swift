/// What an activity is for the figures: an event (活动: 人数 and 人次 of those taking part), a training class (培训班:
/// trainees, hours, certificates), a competition (劳动竞赛/技术比武: an event with entrants, results and awards), or a
/// campaign (宣传活动: over weeks, through channels, with materials and the events held under it).
public enum ActivityCategory: String, Choice {
    case event, training, competition, campaign

    public var label: String {
        switch self {
        case .event: "活动"
        case .training: "培训"
        case .competition: "竞赛"
        case .campaign: "宣传"
        }
    }

    /// Events and competitions are the activities people take part in (the summary's 各类职工活动).
    public var isActivity: Bool { self == .event || self == .competition }
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
        .init("visit", "参观/疗休养", .event), .init("volunteer", "志愿服务", .event), .init("publicity", "宣传/普法", .event),
        .init("charity", "公益活动", .event), .init("contest", "劳动竞赛", .competition), .init("skillsContest", "技术比武/岗位练兵", .competition),
        .init("skills", "岗位技能培训", .training), .init("cadre", "工会干部培训", .training), .init("law", "普法培训", .training),
        .init("migrant", "农民工技能培训", .training),
        .init("lawCampaign", "普法宣传", .campaign), .init("safetyCup", "安康杯竞赛", .campaign), .init("festivalSeries", "节日系列活动", .campaign),
        .init("ideas", "“金点子”征集", .campaign),
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

/// An award of a competition (奖次).
public enum AwardLevel: String, Choice {
    case first, second, third, merit

    public var label: String {
        switch self {
        case .first: "一等奖"
        case .second: "二等奖"
        case .third: "三等奖"
        case .merit: "优秀奖"
        }
    }
}

/// A 金点子 idea's grade (A 特别优秀 … D 一般), as the plants grade them.
public enum IdeaGrade: String, Choice {
    case a = "A", b = "B", c = "C", d = "D"

    public var label: String {
        switch self {
        case .a: "A级（特别优秀）"
        case .b: "B级（优秀）"
        case .c: "C级（良好）"
        case .d: "D级（一般）"
        }
    }
}

/// A kind of service centre and what makes one up to standard (DOMAIN §13.1, §13.4): a 职工书屋's 3,000 books, a
/// 母婴室's 10㎡ and keeper, the equipment each should have.
public struct CentreKind: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var minArea: Int?
    public var minBooks: Int?
    public var needsKeeper: Bool
    public var equipment: [String]

    public init(_ code: String, _ label: String, minArea: Int? = nil, minBooks: Int? = nil, needsKeeper: Bool = false, equipment: [String] = []) {
        self.code = code
        self.label = label
        self.minArea = minArea
        self.minBooks = minBooks
        self.needsKeeper = needsKeeper
        self.equipment = equipment
    }

    public static let defaults: [CentreKind] = [
        .init("centre", "职工服务中心", needsKeeper: true, equipment: ["服务窗口", "活动室", "阅览室", "心理咨询室", "法律援助室"]),
        .init("home", "职工之家", equipment: ["活动室", "阅览室", "健身器材", "公示栏"]),
        .init("library", "职工书屋", minBooks: 3_000, equipment: ["数字阅读平台", "标准标牌", "借阅登记"]),
        .init("womenHome", "女职工之家", equipment: ["活动室", "阅览资料", "公示栏"]),
        .init("nursing", "母婴室", minArea: 10, needsKeeper: true, equipment: ["冰箱", "沙发或座椅", "桌子", "洗手池", "空调", "使用登记本", "标准标识"]),
        .init("station", "工会驿站", needsKeeper: true, equipment: ["饮水设施", "微波炉", "休息座椅", "充电设施", "急救药箱"]),
        .init("mind", "心灵驿站", needsKeeper: true, equipment: ["心理咨询室", "宣泄室"]),
    ]

    /// What a centre lacks against this kind's standard, in the order of the standard.
    public func missing(area: Int?, books: Int?, keeper: String?, equipment: [String]) -> [String] {
        var out: [String] = []
        if let minArea, (area ?? 0) < minArea { out.append("面积不足\(minArea)㎡") }
        if let minBooks, (books ?? 0) < minBooks { out.append("藏书不足\(minBooks)册") }
        if needsKeeper, keeper == nil { out.append("无专人管理") }
        out += self.equipment.filter { !equipment.contains($0) }
        return out
    }
}

/// The local rules of activities (`UNIONDESK_ACTIVITIES_CONFIG`, any subset).
public struct ActivityRules: Codable, Sendable, Equatable {
    /// The kinds of activity, class, competition and campaign a federation records.
    public var kinds = ActivityKind.defaults
    /// A class whose last day is this many days past without any attendance recorded is an alert.
    public var attendanceDueDays = 7
    /// At most `winners` of every `perEntrants` entrants of a competition win an award (Anhui: one in three; 0 switches
    /// the check off).
    public var winners = 1
    public var perEntrants = 3
    /// The most a prize of an award may be, in fen (Anhui: a first prize at most 500 yuan).
    public var prizeCaps: [String: Int] = [AwardLevel.first.rawValue: 500_00]
    /// The channels a campaign goes through.
    public var channels = ["板报", "画廊", "横幅", "有线广播", "有线电视", "微信公众号", "微信群/QQ群", "宣传资料"]
    /// The kinds of service centre and their standards.
    public var centreKinds = CentreKind.defaults

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.kinds, &kinds)
        try read(.attendanceDueDays, &attendanceDueDays)
        try read(.winners, &winners)
        try read(.perEntrants, &perEntrants)
        try read(.prizeCaps, &prizeCaps)
        try read(.channels, &channels)
        try read(.centreKinds, &centreKinds)
        guard !kinds.isEmpty, Set(kinds.map(\.code)).count == kinds.count, (1...60).contains(attendanceDueDays), winners >= 1, (0...1_000).contains(perEntrants),
            prizeCaps.values.allSatisfy({ $0 >= 0 }), Set(centreKinds.map(\.code)).count == centreKinds.count
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "活动类别不能为空、代码不能重复，出勤登记期限应为1至60天，获奖比例应为正数，奖金上限不能为负，阵地类别代码不能重复"))
        }
    }

    public func centreKind(_ code: String) -> CentreKind? { centreKinds.first { $0.code == code } }

    /// How many of `entrants` may win (all when the check is off).
    public func mostWinners(of entrants: Int) -> Int { perEntrants == 0 ? Int.max : entrants * winners / perEntrants }

    public func kind(_ code: String) -> ActivityKind? { kinds.first { $0.code == code } }

    /// The label of a kind's code (the code itself where the list no longer has it).
    public func label(_ code: String) -> String { kind(code)?.label ?? code }
}
