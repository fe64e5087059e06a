/// Hardship relief's indicators.
extension IndicatorCode {
    public static let reliefPeople = IndicatorCode("relief.people")
    public static let reliefHouseholds = IndicatorCode("relief.households")
    public static let reliefVisits = IndicatorCode("relief.visits")
    public static let reliefMoney = IndicatorCode("relief.money")
    public static let reliefApplications = IndicatorCode("relief.applications")
    public static let reliefApproved = IndicatorCode("relief.approved")
    public static let reliefReported = IndicatorCode("relief.reported")
    public static let reliefFilesOpened = IndicatorCode("relief.filesOpened")
    public static let reliefFilesExited = IndicatorCode("relief.filesExited")
    public static let reliefFilesOpen = IndicatorCode("relief.filesOpen")
    public static let reliefFilesOverdueRecheck = IndicatorCode("relief.filesOverdueRecheck")

    /// People and money of one kind of relief (`relief.people.festival`): the figures of the summary's breakdown.
    public static func reliefPeople(_ kind: ReliefKind) -> IndicatorCode { IndicatorCode("relief.people.\(kind.rawValue)") }
    public static func reliefMoney(_ kind: ReliefKind) -> IndicatorCode { IndicatorCode("relief.money.\(kind.rawValue)") }
}

extension Indicators {
    public static let relief: [IndicatorDefinition] = [
        .init(.reliefPeople, module: "relief", name: "帮扶困难职工人数", unit: "人", numerator: "期内获得帮扶款的职工（按人去重）"),
        .init(.reliefHouseholds, module: "relief", name: "帮扶困难职工户数", unit: "户", numerator: "期内获得帮扶款的家庭（按户去重）"),
        .init(.reliefVisits, module: "relief", name: "帮扶人次", unit: "人次", numerator: "期内发放的帮扶申请"),
        .init(.reliefMoney, module: "relief", name: "帮扶资金", kind: .money, unit: "元", numerator: "期内发放金额（扣除冲正）"),
        .init(.reliefApplications, module: "relief", name: "受理帮扶申请", unit: "件", numerator: "期内提交的帮扶申请"),
        .init(.reliefApproved, module: "relief", name: "审核通过的帮扶申请", unit: "件", numerator: "期内提交并审核通过的帮扶申请"),
        .init(.reliefReported, module: "relief", name: "上报上级工会的帮扶申请", unit: "件", numerator: "期内提交并上报上级工会的帮扶申请"),
        .init(.reliefFilesOpened, module: "relief", name: "新建困难职工档案", unit: "户", numerator: "期内建档的困难职工家庭"),
        .init(.reliefFilesExited, module: "relief", name: "解困脱困", unit: "户", numerator: "期内脱困的困难职工家庭"),
        .init(.reliefFilesOpen, module: "relief", name: "在档困难职工", unit: "户", numerator: "现有临时救助和正式建档的家庭"),
        .init(.reliefFilesOverdueRecheck, module: "relief", name: "超期未复核档案", unit: "户", numerator: "超过复核期限未复核的在档家庭", direction: .limit),
    ]
        + ReliefKind.allCases.flatMap { k in
            [
                IndicatorDefinition(.reliefPeople(k), module: "relief", name: "\(k.label)人数", unit: "人", numerator: "期内获得\(k.label)帮扶款的职工（按人去重）"),
                IndicatorDefinition(.reliefMoney(k), module: "relief", name: "\(k.label)资金", kind: .money, unit: "元", numerator: "期内\(k.label)发放金额（扣除冲正）"),
            ]
        }
}
