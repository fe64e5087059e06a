/// Petitions', mediations' and recoveries' indicators.
extension IndicatorCode {
    public static let petitionsReceived = IndicatorCode("petitions.received")
    public static let petitionsTransferred = IndicatorCode("petitions.transferred")
    public static let petitionsDirect = IndicatorCode("petitions.direct")
    public static let petitionsAcceptedOnTime = IndicatorCode("petitions.acceptedOnTime")
    public static let petitionsHandledOnTime = IndicatorCode("petitions.handledOnTime")
    public static let petitionsOverdue = IndicatorCode("petitions.overdue")
    public static let petitionsGroup = IndicatorCode("petitions.group")
    public static let petitionsGroupWorkers = IndicatorCode("petitions.groupWorkers")
    public static let mediationsTotal = IndicatorCode("mediations.total")
    public static let mediationsAgreements = IndicatorCode("mediations.agreements")
    public static let mediationsAmount = IndicatorCode("mediations.amount")
    public static let recoveriesWages = IndicatorCode("recoveries.wages")
    public static let recoveriesInjury = IndicatorCode("recoveries.injury")
    public static let recoveriesWorkers = IndicatorCode("recoveries.workers")
    public static let recoveriesMigrants = IndicatorCode("recoveries.migrants")
    public static let recoveriesInjuryWorkers = IndicatorCode("recoveries.injuryWorkers")
    public static let recoveriesInjuryMigrants = IndicatorCode("recoveries.injuryMigrants")
}

extension Indicators {
    public static let petitions: [IndicatorDefinition] = [
        .init(.petitionsReceived, module: "petitions", name: "收到信访事件", unit: "宗", numerator: "期内收件的信访件"),
        .init(.petitionsTransferred, module: "petitions", name: "上级转办信访件", unit: "宗", numerator: "期内收件的上级转办件"),
        .init(.petitionsDirect, module: "petitions", name: "直接接访信访件", unit: "宗", numerator: "期内来访、来信、热线和网上收件的信访件"),
        .init(
            .petitionsAcceptedOnTime, module: "petitions", name: "按时告知受理率", kind: .rate, unit: "%", numerator: "15日内书面告知的信访件",
            denominator: "告知期限已到或已告知的信访件", gap: "逾期告知或逾期未告知的信访件", gapUnit: "宗"),
        .init(
            .petitionsHandledOnTime, module: "petitions", name: "按期办结率", kind: .rate, unit: "%", numerator: "在办理期限内答复的信访件",
            denominator: "办理期限已到或已答复的信访件", gap: "逾期答复或逾期未答复的信访件", gapUnit: "宗"),
        .init(.petitionsOverdue, module: "petitions", name: "逾期未办信访件", unit: "宗", numerator: "现有期限已过仍未办理的信访件", direction: .limit),
        .init(.petitionsGroup, module: "petitions", name: "集体访", unit: "宗", numerator: "期内收件、涉及人数达到集体访标准的信访件"),
        .init(.petitionsGroupWorkers, module: "petitions", name: "集体访涉及职工", unit: "人", numerator: "期内收件的集体访所涉及的职工人数"),
        .init(.mediationsTotal, module: "petitions", name: "劳动争议调解", unit: "宗", numerator: "期内申请的调解案件"),
        .init(
            .mediationsAgreements, module: "petitions", name: "调解成功率", kind: .rate, unit: "%", numerator: "达成调解协议的案件",
            denominator: "已结案的调解案件", gap: "调解不成或撤回的案件", gapUnit: "宗"),
        .init(.mediationsAmount, module: "petitions", name: "调解协议金额", kind: .money, unit: "元", numerator: "期内申请、达成调解协议的案件约定的金额"),
        .init(.recoveriesWages, module: "petitions", name: "追回欠薪", kind: .money, unit: "元", numerator: "期内到位的追回工资"),
        .init(.recoveriesInjury, module: "petitions", name: "工伤赔偿", kind: .money, unit: "元", numerator: "期内到位的工伤赔偿"),
        .init(.recoveriesWorkers, module: "petitions", name: "协助追回欠薪的职工", unit: "人", numerator: "期内追回欠薪的受助职工"),
        .init(.recoveriesMigrants, module: "petitions", name: "协助追回欠薪的农民工", unit: "人", numerator: "期内追回欠薪的受助职工中的农民工"),
        .init(.recoveriesInjuryWorkers, module: "petitions", name: "协助取得工伤赔偿的职工", unit: "人", numerator: "期内取得工伤赔偿的受助职工"),
        .init(
            .recoveriesInjuryMigrants, module: "petitions", name: "协助取得工伤赔偿的农民工", unit: "人", numerator: "期内取得工伤赔偿的受助职工中的农民工"),
    ]
}
