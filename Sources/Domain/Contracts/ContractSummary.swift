/// The figures of collective bargaining (推进工资集体协商) and how the summary says them: “已完成工资集体协商工作的企业
/// 有126家…建制率达80%…千人以上企业12家”, “对全镇八家石场企业成功开展了'工资集体协商',使240名农民工工资上浮了十五个
/// 百分点”.
public struct ContractFigures: Sendable, Equatable, Codable {
    /// As of the period's end (or today while it runs).
    public var unionised = 0
    public var wageEmployers = 0
    public var unionised100 = 0
    public var wageEmployers100 = 0
    public var wage1000 = 0
    public var inForce = 0
    public var womenInForce = 0
    public var employersCovered = 0
    public var workersCovered = 0
    /// Signed in the period.
    public var signed = 0
    public var sectoralSigned = 0
    public var wageRiseWorkers = 0
    /// Whole percent, weighted by workers; nil when no rise was agreed.
    public var wageRise: Int?
    public var negotiationsStarted = 0
    public var filingOverdue = 0
    public var expiring = 0

    public init() {}

    public var isEmpty: Bool { inForce == 0 && signed == 0 && negotiationsStarted == 0 }
}

extension ContractFigures: SummaryTopic {
    public static let topic = "工资集体协商"

    public func subsection(_ input: SummaryInput) -> Subsection? {
        guard !isEmpty else { return nil }
        let f = self
        var points: [Paragraph] = []
        if f.unionised > 0, f.wageEmployers > 0 {
            var s = SentenceBuilder()
            s.text("截至\(input.asOf.chinese)，已完成工资集体协商工作的企业有")
            s.count(f.wageEmployers, "家", .contractsWageEmployers)
            s.text("，工资集体协商建制率达")
            s.percent(f.wageEmployers, of: f.unionised, .contractsWageRate)
            if f.unionised100 > 0 {
                s.text("，其中百人以上企业建制率")
                s.percent(f.wageEmployers100, of: f.unionised100, .contractsWageRate100)
            }
            if f.wage1000 > 0 {
                s.text("，千人以上企业")
                s.count(f.wage1000, "家", .contractsWage1000)
            }
            s.text("。")
            points.append(Paragraph(key: "contracts.coverage", sentences: [s.sentence]))
        }
        if f.signed > 0 || f.negotiationsStarted > 0 {
            var s = SentenceBuilder()
            s.text(input.period.spoken)
            if f.negotiationsStarted > 0 {
                s.text("发起集体协商")
                s.count(f.negotiationsStarted, "次", .negotiationsStarted)
                s.text(f.signed > 0 ? "，" : "")
            }
            if f.signed > 0 {
                s.text("签订集体合同")
                s.count(f.signed, "份", .contractsSigned)
                if f.sectoralSigned > 0 {
                    s.text("，其中行业性、区域性集体合同")
                    s.count(f.sectoralSigned, "份", .contractsSectoralSigned)
                }
            }
            if let rise = f.wageRise, f.wageRiseWorkers > 0 {
                s.text("，通过工资集体协商，使")
                s.count(f.wageRiseWorkers, "名", .contractsWageRiseWorkers)
                s.text("职工工资平均上浮")
                s.count(rise, "个百分点", .contractsWageRise)
            }
            s.text("。")
            points.append(Paragraph(key: "contracts.signed", sentences: [s.sentence]))
        }
        if f.inForce > 0 {
            var s = SentenceBuilder()
            s.text("现有生效集体合同")
            s.count(f.inForce, "份", .contractsInForce)
            s.text("，覆盖企业")
            s.count(f.employersCovered, "家", .contractsEmployersCovered)
            s.text("、职工")
            s.count(f.workersCovered, "人", .contractsWorkersCovered)
            if f.womenInForce > 0 {
                s.text("，其中女职工权益保护专项集体合同")
                s.count(f.womenInForce, "份", .contractsWomenInForce)
            }
            s.text("。")
            points.append(Paragraph(key: "contracts.inForce", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "contracts", title: "推进工资集体协商", points: points)
    }
}
