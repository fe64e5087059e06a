/// Collective bargaining's indicators. “In force” is counted on the period's last day (or today while it runs);
/// “unionised employers” are the employers with a union on that day (the registers' employer history).
extension IndicatorCode {
    public static let contractsWageRate = IndicatorCode("contracts.wageRate")
    public static let contractsWageRate25 = IndicatorCode("contracts.wageRate25")
    public static let contractsWageRate100 = IndicatorCode("contracts.wageRate100")
    public static let contractsWageEmployers = IndicatorCode("contracts.wageEmployers")
    public static let contractsWage1000 = IndicatorCode("contracts.wage1000")
    public static let contractsCoverageRate = IndicatorCode("contracts.coverageRate")
    public static let contractsInForce = IndicatorCode("contracts.inForce")
    public static let contractsWomenInForce = IndicatorCode("contracts.womenInForce")
    public static let contractsComprehensiveInForce = IndicatorCode("contracts.comprehensiveInForce")
    public static let contractsWageInForce = IndicatorCode("contracts.wageInForce")
    public static let contractsSafetyInForce = IndicatorCode("contracts.safetyInForce")
    public static let contractsEmployersCovered = IndicatorCode("contracts.employersCovered")
    public static let contractsWorkersCovered = IndicatorCode("contracts.workersCovered")
    public static let contractsSigned = IndicatorCode("contracts.signed")
    public static let contractsSectoralSigned = IndicatorCode("contracts.sectoralSigned")
    public static let contractsWageRiseWorkers = IndicatorCode("contracts.wageRiseWorkers")
    public static let contractsWageRise = IndicatorCode("contracts.wageRise")
    public static let contractsExpiring = IndicatorCode("contracts.expiring")
    public static let contractsFilingOverdue = IndicatorCode("contracts.filingOverdue")
    public static let negotiationsStarted = IndicatorCode("negotiations.started")
}

extension IndicatorCode {
    /// The count of contracts of `kind` in force.
    public static func contractsInForce(_ kind: ContractKind) -> IndicatorCode {
        switch kind {
        case .comprehensive: .contractsComprehensiveInForce
        case .wage: .contractsWageInForce
        case .women: .contractsWomenInForce
        case .safety: .contractsSafetyInForce
        }
    }
}

extension Indicators {
    public static let contracts: [IndicatorDefinition] = [
        .init(
            .contractsWageRate, module: "contracts", name: "工资集体协商建制率", kind: .rate, unit: "%",
            numerator: "期末有生效工资专项集体合同覆盖的已建会企业", denominator: "期末已建会企业", gap: "已建会但没有生效工资专项集体合同的企业", gapUnit: "家"),
        .init(
            .contractsWageRate25, module: "contracts", name: "25人以上企业工资集体协商建制率", kind: .rate, unit: "%",
            numerator: "期末有生效工资专项集体合同覆盖的25人以上已建会企业", denominator: "期末25人以上已建会企业",
            gap: "25人以上已建会但没有生效工资专项集体合同的企业", gapUnit: "家"),
        .init(
            .contractsWageRate100, module: "contracts", name: "百人以上企业工资集体协商建制率", kind: .rate, unit: "%",
            numerator: "期末有生效工资专项集体合同覆盖的100人以上已建会企业", denominator: "期末100人以上已建会企业",
            gap: "100人以上已建会但没有生效工资专项集体合同的企业", gapUnit: "家"),
        .init(.contractsWageEmployers, module: "contracts", name: "完成工资集体协商的企业", unit: "家", numerator: "期末有生效工资专项集体合同覆盖的已建会企业"),
        .init(.contractsWage1000, module: "contracts", name: "完成工资集体协商的千人以上企业", unit: "家", numerator: "期末有生效工资专项集体合同覆盖的1000人以上已建会企业"),
        .init(
            .contractsCoverageRate, module: "contracts", name: "集体合同建制率", kind: .rate, unit: "%", numerator: "期末有生效集体合同（任一种类）覆盖的已建会企业",
            denominator: "期末已建会企业", gap: "已建会但没有生效集体合同的企业", gapUnit: "家"),
        .init(.contractsInForce, module: "contracts", name: "生效集体合同", unit: "份", numerator: "期末生效的集体合同"),
        .init(.contractsComprehensiveInForce, module: "contracts", name: "生效综合集体合同", unit: "份", numerator: "期末生效的综合集体合同"),
        .init(.contractsWageInForce, module: "contracts", name: "生效工资专项集体合同", unit: "份", numerator: "期末生效的工资专项集体合同"),
        .init(.contractsWomenInForce, module: "contracts", name: "生效女职工权益保护专项集体合同", unit: "份", numerator: "期末生效的女职工权益保护专项集体合同"),
        .init(.contractsSafetyInForce, module: "contracts", name: "生效劳动安全卫生专项集体合同", unit: "份", numerator: "期末生效的劳动安全卫生专项集体合同"),
        .init(.contractsEmployersCovered, module: "contracts", name: "集体合同覆盖企业", unit: "家", numerator: "期末生效集体合同覆盖的企业（不重复计）"),
        .init(.contractsWorkersCovered, module: "contracts", name: "集体合同覆盖职工", unit: "人", numerator: "期末生效集体合同覆盖企业的职工人数（每家企业按签订时登记的人数计一次）"),
        .init(.contractsSigned, module: "contracts", name: "签订集体合同", unit: "份", numerator: "期内签订的集体合同"),
        .init(.contractsSectoralSigned, module: "contracts", name: "签订行业性、区域性集体合同", unit: "份", numerator: "期内签订的行业性、区域性集体合同"),
        .init(.contractsWageRiseWorkers, module: "contracts", name: "工资协商增资职工", unit: "人", numerator: "期内签订、约定工资增幅的集体合同覆盖的职工"),
        .init(
            .contractsWageRise, module: "contracts", name: "协商约定工资平均增幅", unit: "%",
            numerator: "期内签订、约定工资增幅的集体合同的增幅，按覆盖职工人数加权平均（取整）"),
        .init(
            .contractsExpiring, module: "contracts", name: "三个月内期满的集体合同", unit: "份", numerator: "期末生效、期限将在三个月内届满且尚未续签的集体合同",
            direction: .lowerIsBetter),
        .init(.contractsFilingOverdue, module: "contracts", name: "逾期未报送审查的集体合同", unit: "份", numerator: "签订后超过报送期限仍未报送劳动保障部门的集体合同", direction: .limit),
        .init(.negotiationsStarted, module: "contracts", name: "发起集体协商", unit: "次", numerator: "期内发出（或收到）要约的集体协商"),
    ]
}
