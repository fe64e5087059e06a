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

    /// One indicator per kind of event of the local list (开展文体活动, 开展座谈会 …).
    public static func activityKinds(_ rules: ActivityRules) -> [IndicatorDefinition] {
        rules.kinds.filter { $0.category == .event }.map {
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
    public var isEmpty: Bool { held == 0 && visits == 0 && classes == 0 && trainingVisits == 0 && sent == 0 }
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
