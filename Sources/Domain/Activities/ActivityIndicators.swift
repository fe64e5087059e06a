/// Activities' and training's indicators. An activity or class counts in the period it starts in; attendance counts on
/// the day of its session. 人数 is distinct people (a member once however many activities, plus each activity's
/// non-members), 人次 is attendances (members' and non-members'); an audience is an estimate, never a participant.
extension IndicatorCode {
    public static let activitiesHeld = IndicatorCode("activities.held")
    public static let activitiesPeople = IndicatorCode("activities.people")
    public static let activitiesVisits = IndicatorCode("activities.visits")
    public static let activitiesAudience = IndicatorCode("activities.audience")
    public static let activitiesCost = IndicatorCode("activities.cost")
    public static let trainingClasses = IndicatorCode("training.classes")
    public static let trainingPeople = IndicatorCode("training.people")
    public static let trainingVisits = IndicatorCode("training.visits")
    public static let trainingCertificates = IndicatorCode("training.certificates")
    public static let trainingSent = IndicatorCode("training.sent")

    public static let competitionsHeld = IndicatorCode("competitions.held")
    public static let competitionsEntrants = IndicatorCode("competitions.entrants")
    public static let competitionsWinners = IndicatorCode("competitions.winners")
    public static let competitionsPrizes = IndicatorCode("competitions.prizes")
    public static let ideasSubmitted = IndicatorCode("ideas.submitted")
    public static let ideasParticipation = IndicatorCode("ideas.participation")
    public static let ideasAdopted = IndicatorCode("ideas.adopted")
    public static let ideasExcellent = IndicatorCode("ideas.excellent")
    public static let ideasSavings = IndicatorCode("ideas.savings")
    public static let ideasRewards = IndicatorCode("ideas.rewards")
    public static let centresOpen = IndicatorCode("centres.open")
    public static let centresVisits = IndicatorCode("centres.visits")
    public static let centresVolunteers = IndicatorCode("centres.volunteers")
    public static let centresBooksLent = IndicatorCode("centres.booksLent")
    public static let centresEvents = IndicatorCode("centres.events")
    public static let campaignsHeld = IndicatorCode("campaigns.held")
    public static let campaignsMaterials = IndicatorCode("campaigns.materials")
    public static let campaignsEvents = IndicatorCode("campaigns.events")

    /// Service centres of one kind open at the period's end (`centres.kind.library`).
    public static func centreKind(_ code: String) -> IndicatorCode { IndicatorCode("centres.kind." + code) }

    /// The kind a `centreKind` code counts, or nil.
    public var centreKind: String? { rawValue.hasPrefix("centres.kind.") ? String(rawValue.dropFirst("centres.kind.".count)) : nil }

    /// Activities of one kind (`activities.kind.sports`): one indicator per configured kind of event.
    public static func activityKind(_ code: String) -> IndicatorCode { IndicatorCode("activities.kind." + code) }

    /// The kind an `activityKind` code counts, or nil.
    public var activityKind: String? {
        rawValue.hasPrefix("activities.kind.") ? String(rawValue.dropFirst("activities.kind.".count)) : nil
    }
}

extension Indicators {
    public static let activities: [IndicatorDefinition] = [
        .init(.activitiesHeld, module: "activities", name: "开展职工活动", unit: "次", numerator: "期内开始的活动（不含培训班）"),
        .init(.activitiesPeople, module: "activities", name: "参加活动人数", unit: "人", numerator: "期内活动场次出勤的会员（每人只计一次）加各活动的非会员人数"),
        .init(.activitiesVisits, module: "activities", name: "参加活动人次", unit: "人次", numerator: "期内活动各场次的会员出勤和非会员人次"),
        .init(.activitiesAudience, module: "activities", name: "活动观众人次（估计）", unit: "人次", numerator: "期内开始的活动登记的观众人次估计，不计入参加人数"),
        .init(.activitiesCost, module: "activities", name: "活动投入经费", kind: .money, unit: "元", numerator: "期内开始的活动和培训班关联的经费支出（以经费账为准）"),
        .init(.trainingClasses, module: "activities", name: "举办培训班", unit: "期", numerator: "期内开始、本会举办的培训班"),
        .init(.trainingPeople, module: "activities", name: "培训人数", unit: "人", numerator: "期内本会培训班课次出勤的会员（每人只计一次）加非会员学员"),
        .init(.trainingVisits, module: "activities", name: "培训人次", unit: "人次", numerator: "期内本会培训班各课次的出勤人次"),
        .init(.trainingCertificates, module: "activities", name: "培训结业", unit: "人", numerator: "期内颁发结业证书的学员"),
        .init(.trainingSent, module: "activities", name: "选派参加上级工会培训", unit: "人", numerator: "期内参加上级工会举办培训班的会员（每人只计一次）"),
    ]

    public static let activityPlaces: [IndicatorDefinition] = [
        .init(.competitionsHeld, module: "activities", name: "开展劳动竞赛、技术比武", unit: "次", numerator: "期内开始的竞赛"),
        .init(.competitionsEntrants, module: "activities", name: "参赛人数", unit: "人", numerator: "期内竞赛场次出勤的会员（每人只计一次）加非会员参赛者"),
        .init(.competitionsWinners, module: "activities", name: "竞赛获奖", unit: "人（队）", numerator: "期内开始的竞赛登记的获奖个人和参赛队"),
        .init(.competitionsPrizes, module: "activities", name: "竞赛奖金", kind: .money, unit: "元", numerator: "期内开始的竞赛登记的奖金"),
        .init(.ideasSubmitted, module: "activities", name: "收到“金点子”合理化建议", unit: "条", numerator: "期内提出的建议"),
        .init(
            .ideasParticipation, module: "activities", name: "“金点子”参与率", kind: .rate, unit: "%", numerator: "期内提出建议的会员（每人只计一次）",
            denominator: "期末会员人数"),
        .init(.ideasAdopted, module: "activities", name: "采纳的合理化建议", unit: "条", numerator: "期内提出、已评定采纳的建议"),
        .init(.ideasExcellent, module: "activities", name: "A级（特别优秀）建议", unit: "条", numerator: "期内提出、评为A级的建议"),
        .init(.ideasSavings, module: "activities", name: "合理化建议创造经济效益", kind: .money, unit: "元", numerator: "期内提出、已采纳建议的经济效益"),
        .init(.ideasRewards, module: "activities", name: "合理化建议奖励", kind: .money, unit: "元", numerator: "期内提出的建议评定的奖励"),
        .init(.centresOpen, module: "activities", name: "职工服务阵地", unit: "个", numerator: "期末在用的服务阵地"),
        .init(.centresVisits, module: "activities", name: "服务阵地接待职工", unit: "人次", numerator: "期内各阵地登记的接待人次"),
        .init(.centresVolunteers, module: "activities", name: "阵地志愿服务", unit: "人次", numerator: "期内各阵地登记的志愿者人次"),
        .init(.centresBooksLent, module: "activities", name: "借阅图书", unit: "册", numerator: "期内各阵地登记的借阅册数"),
        .init(.centresEvents, module: "activities", name: "在阵地举办活动", unit: "次", numerator: "期内开始、在服务阵地举办的活动和培训"),
        .init(.campaignsHeld, module: "activities", name: "开展主题宣传活动", unit: "项", numerator: "期内开始的宣传活动"),
        .init(.campaignsMaterials, module: "activities", name: "发放宣传资料", unit: "份", numerator: "期内开始的宣传活动登记的发放份数"),
        .init(.campaignsEvents, module: "activities", name: "宣传活动中举办的活动", unit: "次", numerator: "期内开始、属于宣传活动的活动和培训"),
    ]

    /// One indicator per kind of service centre (职工书屋 N个 …).
    public static func centreKinds(_ rules: ActivityRules) -> [IndicatorDefinition] {
        rules.centreKinds.map {
            IndicatorDefinition(.centreKind($0.code), module: "activities", name: $0.label, unit: "个", numerator: "期末在用的“\($0.label)”")
        }
    }

    /// One indicator per kind of event of the local list (开展文体活动, 开展座谈会 …).
    public static func activityKinds(_ rules: ActivityRules) -> [IndicatorDefinition] {
        rules.kinds.filter { $0.category.isActivity }.map {
            IndicatorDefinition(.activityKind($0.code), module: "activities", name: "开展\($0.label)", unit: "次", numerator: "期内开始的“\($0.label)”类活动")
        }
    }
}

/// The figures of activities and training for a subtree and period.
public struct ActivityFigures: Sendable, Equatable, Codable {
    /// Activities (not classes) started in the period, by kind label in the configured order.
    public var byKind: [KindCount] = []
    public var people = 0
    public var visits = 0
    public var audience = 0
    public var cost = 0
    public var classes = 0
    public var trainees = 0
    public var trainingVisits = 0
    public var certificates = 0
    public var sent = 0
    /// The higher unions whose classes members were sent to (`区总工会`).
    public var sentTo: [String] = []
    public var competitions = 0
    public var entrants = 0
    public var winners = 0
    public var prizes = 0
    public var ideas = 0
    public var proposers = 0
    /// Members at the period's end: the participation rate's denominator.
    public var members = 0
    public var ideasAdopted = 0
    public var ideasExcellent = 0
    public var savings = 0
    public var rewards = 0
    /// Service centres open at the period's end, by kind.
    public var centres: [KindCount] = []
    public var centreVisits = 0
    public var volunteers = 0
    public var booksLent = 0
    public var centreEvents = 0
    public var campaigns = 0
    public var materials = 0
    public var campaignEvents = 0
    /// The channels the period's campaigns went through, in the local order.
    public var channels: [String] = []

    public struct KindCount: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var count: Int
        public init(code: String, label: String, count: Int) {
            self.code = code
            self.label = label
            self.count = count
        }
    }

    public init() {}

    public var held: Int { byKind.reduce(0) { $0 + $1.count } }
    public var centresOpen: Int { centres.reduce(0) { $0 + $1.count } }
    public var isEmpty: Bool {
        held == 0 && visits == 0 && classes == 0 && trainingVisits == 0 && sent == 0 && ideas == 0 && centresOpen == 0 && centreVisits == 0 && campaigns == 0
    }
}
