/// A calendar month: the period a payroll, its dues and a tax list's line belong to (所属期).
public struct Month: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(_ year: Int, _ month: Int) {
        self.year = year
        self.month = min(12, max(1, month))
    }

    public init(_ day: CalendarDate) { self.init(day.year, day.month) }

    /// `2026-10`, `2026-1`, `2026/10`, `2026.10`, `202610`, `2026年10月`, or a tax list's day or range
    /// (`2026-10-01`, `2026-10-01至2026-10-31`: the month of its first day).
    public init?(parsing text: String) {
        if let m = Month(iso: text) {
            self = m
            return
        }
        let t = Text.clean(text)
        let first = t.split(whereSeparator: { "至~～".contains($0) }).first.map(String.init) ?? t
        if let d = CalendarDate(parsing: first), first.count >= 8 {
            self.init(d)
            return
        }
        var s = first.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "")
        for sep in ["/", "."] { s = s.replacingOccurrences(of: sep, with: "-") }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        let y: Int?, m: Int?
        if parts.count == 2 {
            (y, m) = (Int(parts[0]), Int(parts[1]))
        } else if parts.count == 1, s.count == 6, s.allSatisfy(\.isASCIIDigit) {
            (y, m) = (Int(s.prefix(4)), Int(s.suffix(2)))
        } else {
            return nil
        }
        guard let y, let m, (1...12).contains(m), CalendarDate.representableYears.contains(y), parts.count == 1 || parts.allSatisfy({ $0.count <= 4 })
        else {
            return nil
        }
        self.init(y, m)
    }

    /// Exactly `2026-10`, as the database stores a month: read byte by byte (a county's arrears read a quarter of a
    /// million), without the cleaning and the other spellings `init(parsing:)` accepts.
    public init?(iso text: String) {
        let b = Array(text.utf8)
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        var y = 0
        var m = 0
        for (i, c) in b.enumerated() where i != 4 {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            if i < 4 { y = y * 10 + Int(c - UInt8(ascii: "0")) } else { m = m * 10 + Int(c - UInt8(ascii: "0")) }
        }
        guard (1...12).contains(m), CalendarDate.representableYears.contains(y) else { return nil }
        self.init(y, m)
    }

    public var first: CalendarDate { CalendarDate(clamping: year, month, 1) }
    public var last: CalendarDate { CalendarDate(clamping: year, month, CalendarDate.daysIn(month: month, year: year)) }
    public var next: Month { adding(1) }

    public func adding(_ months: Int) -> Month { Month(first.adding(months: months)) }

    /// Months from `self` to `end`, both included (empty when `end` is earlier).
    public func through(_ end: Month) -> [Month] {
        var out: [Month] = []
        var m = self
        while m <= end, out.count < 1_200 {
            out.append(m)
            m = m.next
        }
        return out
    }

    /// `2026-10`.
    public var iso: String { "\(year)-" + (month < 10 ? "0" : "") + String(month) }
    public var description: String { iso }
    /// `2026年10月`.
    public var chinese: String { "\(year)年\(month)月" }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let m = Month(parsing: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "不是有效月份：\(s)"))
        }
        self = m
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// How an employer pays: through the tax bureau (税务代收) or straight to the federation's account (直接缴纳).
public enum DuesChannel: String, Choice {
    case tax, direct

    public var label: String {
        switch self {
        case .tax: "税务代收"
        case .direct: "直接缴纳"
        }
    }
}

/// What a payment is: 工会经费 from an employer with a union, or 筹备金 from one still without (none of it returned).
public enum DuesStream: String, Choice {
    case dues, preparatory

    public var label: String {
        switch self {
        case .dues: "工会经费"
        case .preparatory: "工会筹备金"
        }
    }
}

/// Where a return batch stands (返还状态): drawn up, then paid one of three ways once a second person approves.
public enum ReturnStatus: String, Choice {
    case pending, direct, returned, pooled

    public var label: String {
        switch self {
        case .pending: "未处理"
        case .direct: "已直拨"
        case .returned: "已回拨"
        case .pooled: "已拨集中户"
        }
    }

    /// The ways a batch is paid.
    public static let paid: [ReturnStatus] = [.direct, .returned, .pooled]
}

/// How long a month's dues have been overdue (欠缴账龄).
public enum ArrearsAge: String, Choice {
    case upTo30, upTo90, upTo180, over180

    public var label: String {
        switch self {
        case .upTo30: "30天以内"
        case .upTo90: "31至90天"
        case .upTo180: "91至180天"
        case .over180: "180天以上"
        }
    }

    public init(daysOverdue d: Int) {
        self = d <= 30 ? .upTo30 : d <= 90 ? .upTo90 : d <= 180 ? .upTo180 : .over180
    }
}
