/// The household income test of DOMAIN.md §8.1 (Xingtai formula):
/// (wages + business + property + transfer + other income − unavoidable costs) over the 12 months before the
/// application ÷ household size ÷ 12, compared with the local 低保 standard (configured per region and year).
public struct HouseholdIncome: Sendable, Equatable, Codable {
    /// Twelve months' totals, in fen.
    public var wages: Int
    public var business: Int
    public var property: Int
    public var transfer: Int
    public var other: Int
    /// Illness, disability, schooling (beyond compulsory), housing and other unavoidable costs, in fen.
    public var unavoidableCosts: Int
    public var householdSize: Int

    public init(
        wages: Int = 0, business: Int = 0, property: Int = 0, transfer: Int = 0, other: Int = 0, unavoidableCosts: Int = 0,
        householdSize: Int
    ) {
        self.wages = wages
        self.business = business
        self.property = property
        self.transfer = transfer
        self.other = other
        self.unavoidableCosts = unavoidableCosts
        self.householdSize = householdSize
    }

    /// Net income of the twelve months (may be negative when costs exceed income).
    public var annualNet: Int { wages + business + property + transfer + other - unavoidableCosts }

    /// Net monthly income per person in fen, rounded down (shown to the user; the tier test below is exact).
    public var monthlyPerPerson: Int {
        guard householdSize > 0 else { return 0 }
        let months = householdSize * 12
        return annualNet >= 0 ? annualNet / months : -((-annualNet + months - 1) / months)
    }

    /// The tier the formula suggests against a monthly 低保 standard (fen a person a month): ≤ 低保 → 深度困难,
    /// < 2 × 低保 → 相对困难, otherwise none. Compared without division, so no rounding decides a case.
    /// (意外致困 depends on the cause, not on income, and is never suggested here.)
    public func suggestedTier(subsistenceLine: Int) -> HardshipTier? {
        guard householdSize > 0, subsistenceLine > 0 else { return nil }
        let line = subsistenceLine * householdSize * 12
        if annualNet <= line { return .deep }
        if annualNet < 2 * line { return .relative }
        return nil
    }
}

extension HouseholdIncome {
    /// The household size and the twelve months' amounts of a form or body (yuan; an empty amount is 0).
    public static let inputFields: [InputField] = [
        .init("householdSize", .integer, required: true), .init("wages", .money), .init("business", .money), .init("property", .money),
        .init("transfer", .money), .init("otherIncome", .money), .init("unavoidableCosts", .money),
    ]

    /// Reads `inputFields`, collecting each failing field into `e`; nil when any failed.
    public static func collect(_ f: FormFields, _ e: inout FieldErrors) -> HouseholdIncome? {
        let before = e.errors.count
        let size = e.collect { () throws(FieldError) -> Int in
            guard let n = try Input.int(f["householdSize"], field: "householdSize", label: "家庭人口", range: 1...20) else {
                throw FieldError(field: "householdSize", message: "家庭人口不能为空")
            }
            return n
        }
        func amount(_ key: String, _ label: String) -> Int {
            e.collect { () throws(FieldError) in try Input.money(f[key], field: key, label: label) ?? 0 } ?? 0
        }
        let income = HouseholdIncome(
            wages: amount("wages", "工资性收入"), business: amount("business", "经营性收入"), property: amount("property", "财产性收入"),
            transfer: amount("transfer", "转移性收入"), other: amount("otherIncome", "其他收入"),
            unavoidableCosts: amount("unavoidableCosts", "刚性支出"), householdSize: size ?? 1)
        return e.errors.count == before ? income : nil
    }
}

/// Local 低保 standards: monthly fen a person, per region code and year (DOMAIN.md marks them local: configuration).
public struct SubsistenceLines: Sendable, Equatable, Codable {
    public var lines: [String: Int]

    public init(_ lines: [String: Int] = [:]) { self.lines = lines }

    static func key(region: String, year: Int) -> String { "\(region):\(year)" }

    /// The standard for a region and year; a region without its own figure falls back to its prefecture (first four
    /// digits) and then its province (first two), and a year without one to the latest earlier year.
    public func line(region: String, year: Int) -> Int? {
        let regions = [region, String(region.prefix(4)) + "00", String(region.prefix(2)) + "0000"]
        for y in stride(from: year, through: year - 5, by: -1) {
            for r in regions {
                if let v = lines[Self.key(region: r, year: y)] { return v }
            }
        }
        return nil
    }

    public mutating func set(region: String, year: Int, fen: Int) {
        lines[Self.key(region: region, year: year)] = fen
    }
}
