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
