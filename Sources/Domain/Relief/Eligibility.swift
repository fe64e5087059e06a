/// What is known about the person or household when an application is made.
public struct EligibilityFacts: Sendable, Equatable {
    /// The member is in the union (在会).
    public var activeMember: Bool
    /// The household holds an open hardship file (temporary or formal), and its status.
    public var fileStatus: HardshipFileStatus?
    /// The tier the income formula suggests (qualifies without being archived yet).
    public var suggestedTier: HardshipTier?
    public var migrantWorker: Bool
    /// 金秋助学: the student's level and any exclusions ticked on the form.
    public var schoolLevel: SchoolLevel?
    public var exclusions: [ScholarshipExclusion]
    /// 医疗互助: enrolled in a scheme for the year of the claim.
    public var medicalEnrolled: Bool
    /// 工伤慰问: a recognised work injury.
    public var workInjury: Bool
    /// 送温暖 target other than hardship (seriously ill, closing firm, front line, model worker …), as stated.
    public var festivalTarget: Bool
    /// 临时救助: a sudden cause (accident, disaster, serious illness) stated.
    public var suddenCause: Bool

    public init(
        activeMember: Bool = true, fileStatus: HardshipFileStatus? = nil, suggestedTier: HardshipTier? = nil,
        migrantWorker: Bool = false, schoolLevel: SchoolLevel? = nil, exclusions: [ScholarshipExclusion] = [],
        medicalEnrolled: Bool = false, workInjury: Bool = false, festivalTarget: Bool = false, suddenCause: Bool = false
    ) {
        self.activeMember = activeMember
        self.fileStatus = fileStatus
        self.suggestedTier = suggestedTier
        self.migrantWorker = migrantWorker
        self.schoolLevel = schoolLevel
        self.exclusions = exclusions
        self.medicalEnrolled = medicalEnrolled
        self.workInjury = workInjury
        self.festivalTarget = festivalTarget
        self.suddenCause = suddenCause
    }

    var hasOpenFile: Bool { fileStatus?.isOpen == true }
}

/// Eligibility per relief kind (DOMAIN.md §8.1, §8.4, §8.5, §8.7): the reasons a case is not eligible, in Chinese;
/// none means eligible.
public enum Eligibility {
    /// `migrantChildrenFrom`: the year from which children of 农民工 qualify for 金秋助学 (2025 in the Tianmen rule; local).
    public static func reasons(kind: ReliefKind, facts f: EligibilityFacts, year: Int, migrantChildrenFrom: Int = 2025) -> [String] {
        var out: [String] = []
        if !f.activeMember { out.append("申请人不是在会会员") }
        let hardship = f.hasOpenFile || f.suggestedTier != nil
        switch kind {
        case .festival:
            if !hardship && !f.festivalTarget && !f.workInjury {
                out.append("送温暖对象应为困难职工家庭、大病、工伤、一线或劳模等慰问对象")
            }
        case .scholarship:
            if f.schoolLevel == nil { out.append("金秋助学须为考入高等教育或高中/中职的子女") }
            let migrant = f.migrantWorker && year >= migrantChildrenFrom
            if !hardship && !migrant {
                out.append("金秋助学须为建档困难职工、符合困难条件职工\(year >= migrantChildrenFrom ? "或农民工" : "")的子女")
            }
            if !f.exclusions.isEmpty {
                out.append("不属于资助范围：" + f.exclusions.map(\.label).joined(separator: "、"))
            }
        case .medical:
            if !f.medicalEnrolled { out.append("未参加本年度职工医疗互助") }
        case .injury:
            if !f.workInjury { out.append("工伤慰问须为认定的工伤职工") }
        case .emergency:
            if !f.suddenCause && !hardship { out.append("临时救助须有突发致困原因（意外、灾害、重病等）") }
        case .daily:
            if f.fileStatus != .formal { out.append("日常帮扶须为正式建档的困难职工家庭") }
        case .training:
            break
        }
        return out
    }
}

/// A medical mutual-aid scheme (DOMAIN.md §8.7): the yearly fee and how a claim is paid.
public struct MedicalScheme: Sendable, Equatable, Codable {
    public enum Rule: Sendable, Equatable, Codable {
        /// A fixed amount a hospital day from the day after `waitingDays` (Beijing: 40 yuan from day 4).
        case perDay(fen: Int, waitingDays: Int)
        /// A share of the cost covered by medical insurance, in per mille (Fuzhou: 100 = 10%).
        case ratio(perMille: Int)
    }

    public var name: String
    public var annualFee: Int
    public var rule: Rule
    /// The most paid to one member in one scheme year.
    public var annualCap: Int

    public init(name: String, annualFee: Int, rule: Rule, annualCap: Int) {
        self.name = name
        self.annualFee = annualFee
        self.rule = rule
        self.annualCap = annualCap
    }

    /// Payout for a claim, in fen, after what the member has already been paid this year.
    public func payout(hospitalDays: Int, coveredCost: Int, paidThisYear: Int) -> Int {
        let raw: Int
        switch rule {
        case .perDay(let fen, let waiting): raw = max(0, hospitalDays - waiting) * fen
        case .ratio(let perMille): raw = max(0, coveredCost) * perMille / 1000
        }
        return max(0, min(raw, annualCap - paidThisYear))
    }
}
