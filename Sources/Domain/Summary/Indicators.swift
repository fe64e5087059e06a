/// A computed indicator (指标): a count, an amount or a rate over a module's records for an org subtree and period,
/// defined by what its numerator and (for a rate) its denominator count. Each module lists its own; the App's source
/// for the module computes them and lists the records behind them.
public struct IndicatorDefinition: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A number of records (`unit` 人, 户, 宗 …).
        case count
        /// Money in fen.
        case money
        /// numerator ÷ denominator, in whole percent.
        case rate
    }

    public var code: String
    public var module: String
    public var name: String
    public var kind: Kind
    /// The unit a count is quoted in (人, 户, 人次, 件, 宗, 家, 个); `元` for money; `%` for a rate.
    public var unit: String
    public var numerator: String
    public var denominator: String?
    /// What a rate's gap is made of: the records in the denominator but not the numerator (`尚未建会的8人以上企业`),
    /// and the measure word they are counted in (`家`).
    public var gap: String?
    public var gapUnit: String?

    public init(
        _ code: String, module: String, name: String, kind: Kind = .count, unit: String, numerator: String, denominator: String? = nil,
        gap: String? = nil, gapUnit: String? = nil
    ) {
        self.code = code
        self.module = module
        self.name = name
        self.kind = kind
        self.unit = unit
        self.numerator = numerator
        self.denominator = denominator
        self.gap = gap
        self.gapUnit = gapUnit
    }
}

/// An indicator's value: the numerator, the denominator for a rate, and the value as quoted.
public struct IndicatorValue: Sendable, Equatable, Codable {
    public var numerator: Int
    public var denominator: Int?
    /// The count or fen; for a rate the whole percent (nil when the denominator is zero).
    public var value: Int?

    public init(count: Int) {
        numerator = count
        denominator = nil
        value = count
    }

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
        value = Phrase.percent(numerator, of: denominator)
    }

    /// `57宗`, `7.26万元`, `96%`, or `—` for a rate of nothing.
    public func text(_ d: IndicatorDefinition) -> String {
        guard let value else { return "—" }
        switch d.kind {
        case .count: return "\(value)\(d.unit)"
        case .money: return Money.phrase(value)
        case .rate: return "\(value)%"
        }
    }
}

/// The indicators of the modules built so far (DESIGN.md modules 1–4); each module's indicator source in the App
/// registers its list.
public enum Indicators {
    public static let organization: [IndicatorDefinition] = [
        .init("org.unions", module: "organizations", name: "基层工会组织数", unit: "个", numerator: "正常状态的基层工会"),
        .init(
            "org.coverage8", module: "organizations", name: "8人以上企业工会组建率", kind: .rate, unit: "%", numerator: "已建立工会的8人以上企业",
            denominator: "8人以上企业", gap: "尚未建立工会的8人以上企业", gapUnit: "家"),
        .init(
            "org.coverage25", module: "organizations", name: "25人以上企业工会组建率", kind: .rate, unit: "%", numerator: "已建立工会的25人以上企业",
            denominator: "25人以上企业", gap: "尚未建立工会的25人以上企业", gapUnit: "家"),
        .init("org.reElectionsHeld", module: "organizations", name: "完成换届的基层工会", unit: "个", numerator: "期内换届选举的基层工会"),
        .init("org.reElectionsOverdue", module: "organizations", name: "届满未换届的基层工会", unit: "个", numerator: "任期已届满尚未换届的基层工会"),
        .init("org.reElectionsDue", module: "organizations", name: "期内换届到期的基层工会", unit: "个", numerator: "任期在期内届满的基层工会"),
        .init("members.total", module: "members", name: "会员人数", unit: "人", numerator: "期末在册会员"),
        .init("members.new", module: "members", name: "新发展会员", unit: "人", numerator: "期内入会的会员"),
        .init(
            "members.rate", module: "members", name: "入会率", kind: .rate, unit: "%", numerator: "已建会企业的在册会员",
            denominator: "已建会企业的职工人数"),
    ]

    public static let relief: [IndicatorDefinition] = [
        .init("relief.people", module: "relief", name: "帮扶困难职工人数", unit: "人", numerator: "期内获得帮扶款的职工（按人去重）"),
        .init("relief.households", module: "relief", name: "帮扶困难职工户数", unit: "户", numerator: "期内获得帮扶款的家庭（按户去重）"),
        .init("relief.visits", module: "relief", name: "帮扶人次", unit: "人次", numerator: "期内发放的帮扶申请"),
        .init("relief.money", module: "relief", name: "帮扶资金", kind: .money, unit: "元", numerator: "期内发放金额（扣除冲正）"),
        .init("relief.applications", module: "relief", name: "受理帮扶申请", unit: "件", numerator: "期内提交的帮扶申请"),
        .init("relief.approved", module: "relief", name: "审核通过的帮扶申请", unit: "件", numerator: "期内提交并审核通过的帮扶申请"),
        .init("relief.reported", module: "relief", name: "上报上级工会的帮扶申请", unit: "件", numerator: "期内提交并上报上级工会的帮扶申请"),
        .init("relief.filesOpened", module: "relief", name: "新建困难职工档案", unit: "户", numerator: "期内建档的困难职工家庭"),
        .init("relief.filesExited", module: "relief", name: "解困脱困", unit: "户", numerator: "期内脱困的困难职工家庭"),
        .init("relief.filesOpen", module: "relief", name: "在档困难职工", unit: "户", numerator: "现有临时救助和正式建档的家庭"),
        .init("relief.filesOverdueRecheck", module: "relief", name: "超期未复核档案", unit: "户", numerator: "超过复核期限未复核的在档家庭"),
    ]

    public static let petitions: [IndicatorDefinition] = [
        .init("petitions.received", module: "petitions", name: "收到信访事件", unit: "宗", numerator: "期内收件的信访件"),
        .init("petitions.transferred", module: "petitions", name: "上级转办信访件", unit: "宗", numerator: "期内收件的上级转办件"),
        .init("petitions.direct", module: "petitions", name: "直接接访信访件", unit: "宗", numerator: "期内来访、来信、热线和网上收件的信访件"),
        .init(
            "petitions.acceptedOnTime", module: "petitions", name: "按时告知受理率", kind: .rate, unit: "%", numerator: "15日内书面告知的信访件",
            denominator: "告知期限已到或已告知的信访件", gap: "逾期告知或逾期未告知的信访件", gapUnit: "宗"),
        .init(
            "petitions.handledOnTime", module: "petitions", name: "按期办结率", kind: .rate, unit: "%", numerator: "在办理期限内答复的信访件",
            denominator: "办理期限已到或已答复的信访件", gap: "逾期答复或逾期未答复的信访件", gapUnit: "宗"),
        .init("petitions.overdue", module: "petitions", name: "逾期未办信访件", unit: "宗", numerator: "现有期限已过仍未办理的信访件"),
        .init("petitions.group", module: "petitions", name: "集体访", unit: "宗", numerator: "期内收件、涉及人数达到集体访标准的信访件"),
        .init("mediations.total", module: "petitions", name: "劳动争议调解", unit: "宗", numerator: "期内申请的调解案件"),
        .init(
            "mediations.agreements", module: "petitions", name: "调解成功率", kind: .rate, unit: "%", numerator: "达成调解协议的案件",
            denominator: "已结案的调解案件", gap: "调解不成或撤回的案件", gapUnit: "宗"),
        .init("recoveries.wages", module: "petitions", name: "追回欠薪", kind: .money, unit: "元", numerator: "期内到位的追回工资"),
        .init("recoveries.injury", module: "petitions", name: "工伤赔偿", kind: .money, unit: "元", numerator: "期内到位的工伤赔偿"),
        .init("recoveries.workers", module: "petitions", name: "协助追回欠薪的职工", unit: "人", numerator: "期内追回欠薪的受助职工"),
    ]
}
