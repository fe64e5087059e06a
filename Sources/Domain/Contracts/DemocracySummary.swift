/// Democratic management's and women workers' indicators, figures and how the summary says them: “力争50人以上企业
/// 100%推行以'职代会'为主要形式民主管理制度和厂务公开制度”, “对教代会的提案，学校都能落实和回应”, “女会员占有比例达71.2%”.
extension IndicatorCode {
    public static let democracyCongress50 = IndicatorCode("democracy.congress50")
    public static let democracyDisclosure50 = IndicatorCode("democracy.disclosure50")
    public static let democracySessions = IndicatorCode("democracy.sessions")
    public static let democracyResolutions = IndicatorCode("democracy.resolutions")
    public static let democracyCongressesDue = IndicatorCode("democracy.congressesDue")
    public static let proposalsSubmitted = IndicatorCode("proposals.submitted")
    public static let proposalsRegistered = IndicatorCode("proposals.registered")
    public static let proposalsOnTime = IndicatorCode("proposals.onTime")
    public static let proposalsSatisfied = IndicatorCode("proposals.satisfied")
    public static let womenShare = IndicatorCode("women.share")
    public static let womenCommittees = IndicatorCode("women.committees")
    public static let womenCommitteesMissing = IndicatorCode("women.committeesMissing")
}

extension Indicators {
    public static let democracy: [IndicatorDefinition] = [
        .init(
            .democracyCongress50, module: "contracts", name: "50人以上企业建立职代会制度率", kind: .rate, unit: "%", numerator: "期末有本届职代会（或职工大会）的50人以上企业",
            denominator: "期末50人以上企业", gap: "没有本届职代会的50人以上企业", gapUnit: "家"),
        .init(
            .democracyDisclosure50, module: "contracts", name: "50人以上企业厂务公开率", kind: .rate, unit: "%", numerator: "期末前12个月内有厂务公开记录的50人以上企业",
            denominator: "期末50人以上企业", gap: "12个月内没有厂务公开记录的50人以上企业", gapUnit: "家"),
        .init(.democracySessions, module: "contracts", name: "召开职代会", unit: "次", numerator: "期内召开的职代会、教代会、会员代表大会会议"),
        .init(.democracyResolutions, module: "contracts", name: "职代会通过决议", unit: "项", numerator: "期内会议通过（赞成票超过全体代表半数）的决议"),
        .init(
            .democracyCongressesDue, module: "contracts", name: "超期未召开职代会", unit: "个", numerator: "期末在任期内、距上次会议超过规定间隔仍未召开的职代会",
            direction: .limit),
        .init(.proposalsSubmitted, module: "contracts", name: "收到提案", unit: "件", numerator: "期内提交的提案"),
        .init(.proposalsRegistered, module: "contracts", name: "立案提案", unit: "件", numerator: "期内提交并立案的提案"),
        .init(
            .proposalsOnTime, module: "contracts", name: "提案按期答复率", kind: .rate, unit: "%", numerator: "在答复期限内书面答复的提案",
            denominator: "期内提交、立案且答复期限已到或已答复的提案", gap: "逾期答复或逾期未答复的提案", gapUnit: "件"),
        .init(
            .proposalsSatisfied, module: "contracts", name: "提案人满意率", kind: .rate, unit: "%", numerator: "提案人表示满意或基本满意的提案",
            denominator: "期内提交、已登记提案人意见的提案", gap: "提案人不满意的提案", gapUnit: "件"),
        .init(
            .womenShare, module: "contracts", name: "女会员占比", kind: .rate, unit: "%", numerator: "期末在册女会员（按身份证号判定性别）", denominator: "期末在册会员",
            gap: "期末在册男会员", gapUnit: "人"),
        .init(.womenCommittees, module: "contracts", name: "建立女职工委员会的工会", unit: "个", numerator: "期末已建立女职工委员会的基层工会"),
        .init(
            .womenCommitteesMissing, module: "contracts", name: "应建未建女职委的工会", unit: "个", numerator: "期末女会员达到规定人数但没有女职工委员会的基层工会",
            direction: .limit),
    ]
}

public struct DemocracyFigures: Sendable, Equatable, Codable {
    public var employers50 = 0
    public var employers50WithCongress = 0
    public var employers50WithDisclosure = 0
    public var sessions = 0
    public var resolutions = 0
    public var congressesDue = 0
    public var proposals = 0
    public var proposalsRegistered = 0
    public var proposalsDue = 0
    public var proposalsOnTime = 0
    public var proposalsRated = 0
    public var proposalsSatisfied = 0
    /// Any congress of the subtree is a 教代会 (the sentence names it).
    public var teachers = false

    public init() {}
}

extension DemocracyFigures: SummaryTopic {
    public static let topic = "民主管理"

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = self
        var points: [Paragraph] = []
        if f.employers50 > 0, f.employers50WithCongress + f.employers50WithDisclosure > 0 {
            var s = SentenceBuilder()
            s.text("截至\(input.asOf.chinese)，50人以上企业中建立职代会制度的")
            s.count(f.employers50WithCongress, "家", .democracyCongress50)
            s.text("，占")
            s.percent(f.employers50WithCongress, of: f.employers50, .democracyCongress50)
            s.text("；推行厂务公开制度的")
            s.count(f.employers50WithDisclosure, "家", .democracyDisclosure50)
            s.text("，占")
            s.percent(f.employers50WithDisclosure, of: f.employers50, .democracyDisclosure50)
            s.text("。")
            points.append(Paragraph(key: "democracy.coverage", sentences: [s.sentence]))
        }
        if f.sessions > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)召开职代会\(f.teachers ? "（教代会）" : "")")
            s.count(f.sessions, "次", .democracySessions)
            if f.resolutions > 0 {
                s.text("，审议通过决议")
                s.count(f.resolutions, "项", .democracyResolutions)
            }
            s.text("。")
            points.append(Paragraph(key: "democracy.sessions", sentences: [s.sentence]))
        }
        if f.proposals > 0 {
            var s = SentenceBuilder()
            s.text("共收到提案")
            s.count(f.proposals, "件", .proposalsSubmitted)
            s.text("，立案")
            s.count(f.proposalsRegistered, "件", .proposalsRegistered)
            if f.proposalsDue > 0 {
                if f.proposalsOnTime == f.proposalsDue {
                    s.text("，全部按期落实和回应")
                } else {
                    s.text("，按期答复率")
                    s.percent(f.proposalsOnTime, of: f.proposalsDue, .proposalsOnTime)
                }
            }
            if f.proposalsRated > 0 {
                s.text("，提案人满意率")
                s.percent(f.proposalsSatisfied, of: f.proposalsRated, .proposalsSatisfied)
            }
            s.text("。")
            points.append(Paragraph(key: "democracy.proposals", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "democracy", title: "推进民主管理", points: points)
    }
}

public struct WomenFigures: Sendable, Equatable, Codable {
    public var members = 0
    public var women = 0
    public var committees = 0
    public var missing = 0
    public var womenContracts = 0

    public init() {}
}

extension WomenFigures: SummaryTopic {
    public static let topic = "女职工工作"

    public func subsection(_ input: SummaryInput) -> Subsection? {
        guard women > 0 else { return nil }
        var s = SentenceBuilder()
        s.text("截至\(input.asOf.chinese)，女会员")
        s.count(women, "人", .womenShare)
        s.text("，占会员总数的")
        s.percent(women, of: members, .womenShare)
        if committees > 0 {
            s.text("；建立女职工委员会")
            s.count(committees, "个", .womenCommittees)
        }
        if womenContracts > 0 {
            s.text("，签订女职工权益保护专项集体合同")
            s.count(womenContracts, "份", .contractsWomenInForce)
        }
        s.text("。")
        return Subsection(key: "women", title: "女职工工作", points: [Paragraph(key: "women.organisation", sentences: [s.sentence])])
    }
}
