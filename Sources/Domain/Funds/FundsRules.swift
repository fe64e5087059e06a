/// The local rules of union funds (DOMAIN §4.2, §13.3), each a setting (`UNIONDESK_FUNDS_CONFIG`, any subset).
public struct FundsRules: Codable, Sendable, Equatable {
    /// The contribution, in basis points of the payroll (工资总额): 200 = 2% (工会法 Art. 43).
    public var rateBasisPoints = 200
    /// A month's dues are paid by this day of the next month (北京、上海: the 15th).
    public var dueDay = 15
    /// Late fees (滞纳金): off unless the province levies them; per day in tenths of a per mille of the arrears
    /// (50 = 5‰, Beijing and Chongqing), capped at the arrears themselves where `lateFeeCappedAtPrincipal`.
    public var lateFees = false
    public var lateFeeTenthsPerMille = 50
    public var lateFeeCappedAtPrincipal = true
    /// The share of an employer's dues returned to its own union (percent; 60 where the tax bureau collects), by the
    /// employer's ownership where a province splits differently (`{"国有": 60, "私营": 70}`); nothing is returned
    /// where there is no union (the 筹备金 stays with the federation).
    public var returnPercent = 60
    public var returnPercentByOwnership: [String: Int] = [:]
    /// What an employer's union must have completed before its share is returned (返还手续).
    public var formalities = ["工会法人资格证书", "工会经费独立银行账户", "经费返还申请表", "经费审查委员会"]
    /// Months back the arrears list looks (older arrears are a matter for the court order, not a reminder).
    public var arrearsMonths = 24
    /// Member dues (会费): 0.5% of the monthly wage, its tail under 10 yuan not counted (工资收入不足十元的尾数不计).
    public var memberDuesBasisPoints = 50
    public var memberDuesIgnoreBelowFen = 1_000
    /// The chart of accounts of a union's books (基层工会经费收支管理办法).
    public var bookCategories = BookCategory.defaults
    /// The province's member-welfare standards (DOMAIN §8.6; Anhui 2018 by default).
    public var welfareCaps = WelfareCap.defaults
    /// A book entry of at least this much waits for a second person's approval before it counts.
    public var approvalFromFen = 5_000_00

    public init() {}

    /// A configuration file names only what differs from the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.rateBasisPoints, &rateBasisPoints)
        try read(.dueDay, &dueDay)
        try read(.lateFees, &lateFees)
        try read(.lateFeeTenthsPerMille, &lateFeeTenthsPerMille)
        try read(.lateFeeCappedAtPrincipal, &lateFeeCappedAtPrincipal)
        try read(.returnPercent, &returnPercent)
        try read(.returnPercentByOwnership, &returnPercentByOwnership)
        try read(.formalities, &formalities)
        try read(.arrearsMonths, &arrearsMonths)
        try read(.memberDuesBasisPoints, &memberDuesBasisPoints)
        try read(.memberDuesIgnoreBelowFen, &memberDuesIgnoreBelowFen)
        try read(.bookCategories, &bookCategories)
        try read(.welfareCaps, &welfareCaps)
        try read(.approvalFromFen, &approvalFromFen)
        guard (1...28).contains(dueDay), (0...10_000).contains(rateBasisPoints), (0...100).contains(returnPercent),
            returnPercentByOwnership.values.allSatisfy({ (0...100).contains($0) }), (1...120).contains(arrearsMonths),
            Set(bookCategories.map(\.code)).count == bookCategories.count, welfareCaps.allSatisfy({ $0.perPerson >= 0 })
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "缴费日应为1至28日，比例应在0至100%之间，欠缴回溯1至120个月，科目代码不能重复，福利标准不能为负"))
        }
    }

    /// What a month's payroll owes: `base × rate`, rounded to the fen (half up).
    public func assessed(base: Int) -> Int {
        let (q, r) = base.multipliedReportingOverflow(by: rateBasisPoints)
        guard !r else { return Int.max / 10_000 }
        return (q + 5_000) / 10_000
    }

    /// The share returned to the employer's union, in percent.
    public func returnShare(ownership: String?) -> Int {
        ownership.flatMap { returnPercentByOwnership[$0] } ?? returnPercent
    }

    /// The day a month's dues fall due.
    public func dueDate(_ month: Month) -> CalendarDate { month.next.first.adding(days: dueDay - 1) }

    /// The late fee on `arrears` outstanding `days` days past the due date, if the province levies one.
    public func lateFee(arrears: Int, days: Int) -> Int {
        guard lateFees, arrears > 0, days > 0 else { return 0 }
        let (perDay, o1) = arrears.multipliedReportingOverflow(by: lateFeeTenthsPerMille)
        let (total, o2) = (perDay / 10_000).multipliedReportingOverflow(by: days)
        let fee = o1 || o2 ? Int.max : total
        return lateFeeCappedAtPrincipal ? min(fee, arrears) : fee
    }

    /// Member dues on a monthly wage: 0.5% of the wage without its tail under 10 yuan (3,456 yuan pays 17.25 yuan).
    public func memberDues(wage: Int) -> Int {
        let counted = wage - wage % max(1, memberDuesIgnoreBelowFen)
        let (due, o) = counted.multipliedReportingOverflow(by: memberDuesBasisPoints)
        guard !o, due >= 0 else { return 0 }
        return (due + 5_000) / 10_000
    }
}
