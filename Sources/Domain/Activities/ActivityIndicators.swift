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

/// “丰富职工文化生活”: “共开展各类职工活动12次，其中文体活动5次、座谈会2次…，参加活动350人、1280人次，另有观众约2000人次，
/// 投入经费3.2万元。”
public struct ActivitySummary: SummaryTopic {
    public static let topic = "职工活动"
    public var now: ActivityFigures
    public var before: ActivityFigures?

    public init(now: ActivityFigures, before: ActivityFigures?) {
        self.now = now
        self.before = before
    }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        guard f.held > 0 else { return nil }
        var s = SentenceBuilder()
        s.text("\(input.period.spoken)共开展各类职工活动")
        s.count(f.held, "次", .activitiesHeld)
        let kinds = f.byKind.filter { $0.count > 0 }
        if kinds.count > 1 {
            s.text("，其中")
            for (i, k) in kinds.enumerated() {
                s.text((i == 0 ? "" : "、") + k.label)
                s.count(k.count, "次", .activityKind(k.code))
            }
        }
        if f.visits > 0 {
            s.text("，参加活动")
            s.count(f.people, "人", .activitiesPeople)
            s.text("、")
            s.count(f.visits, "人次", .activitiesVisits)
            s.change(f.visits, since: before?.visits, unit: "人次", what: "参加人次")
        }
        if f.audience > 0 {
            s.text("，另有观众约")
            s.count(f.audience, "人次", .activitiesAudience)
        }
        if f.cost > 0 {
            s.text("，投入经费")
            s.money(f.cost, .activitiesCost)
        }
        s.text("。")
        return Subsection(key: "activities", title: "丰富职工文化生活", points: [Paragraph(key: "activities.held", sentences: [s.sentence])])
    }
}

/// “加强职工教育培训”: “共举办培训班3期，培训300人、980人次，280人取得结业证书；选派59名工会干部参加区总工会举办的培训班。”
public struct TrainingSummary: SummaryTopic {
    public static let topic = "职工培训"
    public var now: ActivityFigures
    public var before: ActivityFigures?

    public init(now: ActivityFigures, before: ActivityFigures?) {
        self.now = now
        self.before = before
    }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        guard f.classes > 0 || f.sent > 0 else { return nil }
        var sentences: [Sentence] = []
        if f.classes > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)共举办培训班")
            s.count(f.classes, "期", .trainingClasses)
            if f.trainingVisits > 0 {
                s.text("，培训")
                s.count(f.trainees, "人", .trainingPeople)
                s.text("、")
                s.count(f.trainingVisits, "人次", .trainingVisits)
                s.change(f.trainingVisits, since: before?.trainingVisits, unit: "人次", what: "培训人次")
            }
            if f.certificates > 0 {
                s.text("，")
                s.count(f.certificates, "人", .trainingCertificates)
                s.text("取得结业证书")
            }
            s.text("。")
            sentences.append(s.sentence)
        }
        if f.sent > 0 {
            var s = SentenceBuilder()
            s.text("选派")
            s.count(f.sent, "名", .trainingSent)
            s.text("工会干部和职工参加" + (f.sentTo.isEmpty ? "上级工会" : f.sentTo.joined(separator: "、")) + "举办的培训班。")
            sentences.append(s.sentence)
        }
        return Subsection(key: "training", title: "加强职工教育培训", points: [Paragraph(key: "training.classes", sentences: sentences)])
    }
}

/// “开展劳动竞赛和合理化建议活动”: “组织劳动竞赛、技术比武3次，参赛120人，28人（队）获奖，发放奖金1.2万元。开展“金点子”征集活动，
/// 收到合理化建议86条，参与率3%，采纳31条，其中A级5条，创造经济效益56万元，发放奖励8600元。”
public struct CompetitionSummary: SummaryTopic {
    public static let topic = "劳动竞赛"
    public var now: ActivityFigures

    public init(now: ActivityFigures) { self.now = now }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        var points: [Paragraph] = []
        if f.competitions > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)组织劳动竞赛、技术比武")
            s.count(f.competitions, "次", .competitionsHeld)
            if f.entrants > 0 {
                s.text("，参赛")
                s.count(f.entrants, "人", .competitionsEntrants)
            }
            if f.winners > 0 {
                s.text("，")
                s.count(f.winners, "人（队）", .competitionsWinners)
                s.text("获奖")
            }
            if f.prizes > 0 {
                s.text("，发放奖金")
                s.money(f.prizes, .competitionsPrizes)
            }
            s.text("。")
            points.append(Paragraph(key: "competitions.held", sentences: [s.sentence]))
        }
        if f.ideas > 0 {
            var s = SentenceBuilder()
            s.text("开展“金点子”合理化建议征集活动，收到建议")
            s.count(f.ideas, "条", .ideasSubmitted)
            if f.members > 0 {
                s.text("，职工参与率")
                s.percent(f.proposers, of: f.members, .ideasParticipation)
            }
            if f.ideasAdopted > 0 {
                s.text("，采纳")
                s.count(f.ideasAdopted, "条", .ideasAdopted)
            }
            if f.ideasExcellent > 0 {
                s.text("，其中A级")
                s.count(f.ideasExcellent, "条", .ideasExcellent)
            }
            if f.savings > 0 {
                s.text("，创造经济效益")
                s.money(f.savings, .ideasSavings)
            }
            if f.rewards > 0 {
                s.text("，发放奖励")
                s.money(f.rewards, .ideasRewards)
            }
            s.text("。")
            points.append(Paragraph(key: "ideas.submitted", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "competitions", title: "开展劳动竞赛和合理化建议活动", points: points)
    }
}

/// “加强职工服务阵地建设”: “截至12月31日，建有职工服务中心1个、职工书屋5个、母婴室3个，全年接待职工5000人次，志愿者服务138人次，
/// 借阅图书4000册，在阵地举办活动16次。”
public struct ServiceCentreSummary: SummaryTopic {
    public static let topic = "服务阵地建设"
    public var now: ActivityFigures

    public init(now: ActivityFigures) { self.now = now }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        guard f.centresOpen > 0 else { return nil }
        var s = SentenceBuilder()
        s.text("截至\(input.asOf.chinese)，建有")
        for (i, k) in f.centres.enumerated() {
            s.text((i == 0 ? "" : "、") + k.label)
            s.count(k.count, "个", .centreKind(k.code))
        }
        if f.centreVisits > 0 {
            s.text("，\(input.period.spoken)接待职工")
            s.count(f.centreVisits, "人次", .centresVisits)
        }
        if f.volunteers > 0 {
            s.text("，志愿者服务")
            s.count(f.volunteers, "人次", .centresVolunteers)
        }
        if f.booksLent > 0 {
            s.text("，借阅图书")
            s.count(f.booksLent, "册", .centresBooksLent)
        }
        if f.centreEvents > 0 {
            s.text("，在阵地举办活动")
            s.count(f.centreEvents, "次", .centresEvents)
        }
        s.text("。")
        return Subsection(key: "centres", title: "加强职工服务阵地建设", points: [Paragraph(key: "centres.open", sentences: [s.sentence])])
    }
}

/// “加强宣传教育”: “开展普法宣传等主题宣传活动3项，通过板报、画廊、有线广播、微信公众号等渠道宣传，发放宣传资料2000份，组织相关活动6次。”
public struct CampaignSummary: SummaryTopic {
    public static let topic = "宣传教育"
    public var now: ActivityFigures

    public init(now: ActivityFigures) { self.now = now }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        guard f.campaigns > 0 else { return nil }
        var s = SentenceBuilder()
        s.text("\(input.period.spoken)开展主题宣传活动")
        s.count(f.campaigns, "项", .campaignsHeld)
        if !f.channels.isEmpty { s.text("，通过" + f.channels.joined(separator: "、") + "等渠道宣传") }
        if f.materials > 0 {
            s.text("，发放宣传资料")
            s.count(f.materials, "份", .campaignsMaterials)
        }
        if f.campaignEvents > 0 {
            s.text("，组织相关活动")
            s.count(f.campaignEvents, "次", .campaignsEvents)
        }
        s.text("。")
        return Subsection(key: "campaigns", title: "加强宣传教育", points: [Paragraph(key: "campaigns.held", sentences: [s.sentence])])
    }
}
