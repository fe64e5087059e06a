/// A computed indicator (指标): a count, an amount or a rate over a module's records for an org subtree and period,
/// defined by what its numerator and (for a rate) its denominator count. Each module lists its own; the App's source
/// for the module computes them and lists the records behind them.
/// An indicator's stable code (`relief.people`): the key of its value, its drill-down URL and a target's indicator.
/// Each module declares its codes once, beside its definitions (`IndicatorCode.reliefPeople`).
public struct IndicatorCode: RawRepresentable, Hashable, Sendable, Codable, CodingKeyRepresentable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public var codingKey: any CodingKey { Key(stringValue: rawValue) }
    public init?<T: CodingKey>(codingKey: T) { rawValue = codingKey.stringValue }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

public struct IndicatorDefinition: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A number of records (`unit` 人, 户, 宗 …).
        case count
        /// Money in fen.
        case money
        /// numerator ÷ denominator, in whole percent.
        case rate
    }

    /// Which way a target points: a figure to reach (组建率, 新发展会员), one to bring down (信访量), or a ceiling not to
    /// pass (逾期未办, 届满未换届: most often 0).
    public enum Direction: String, Sendable, Codable {
        case higherIsBetter, lowerIsBetter, limit

        /// The target is met when the value is at least it (higher is better), or at most it.
        public var reaches: Bool { self == .higherIsBetter }
    }

    public var code: IndicatorCode
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
    public var direction: Direction

    /// The 口径 a page shows beside the figure: who is counted (and, for a rate, out of whom).
    public var basis: String { denominator.map { "\(numerator) ÷ \($0)" } ?? numerator }

    public init(
        _ code: IndicatorCode, module: String, name: String, kind: Kind = .count, unit: String, numerator: String, denominator: String? = nil,
        gap: String? = nil, gapUnit: String? = nil, direction: Direction = .higherIsBetter
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
        self.direction = direction
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

/// The indicators of the modules; each module's Domain folder adds its list (`Indicators.relief`) and its codes, and
/// the module's indicator source in the App registers the list.
public enum Indicators {}
