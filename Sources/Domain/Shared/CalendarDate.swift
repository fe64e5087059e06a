import Synchronization

/// A calendar date without a time zone (dates are calendar dates in the deployment's zone).
///
/// Any date from 0001-01-01 to 9999-12-31 can be held, and arithmetic on it never fails: a result beyond those ends is
/// the end itself. What people may type is narrower (`acceptedYears`, 1900–2100 unless configured).
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a date can hold.
    public static let representableYears = 1...9999
    public static let earliest = CalendarDate(valid: 1, 1, 1)
    public static let latest = CalendarDate(valid: 9999, 12, 31)

    private static let accepted = Mutex(1900...2100)
    /// The years a date typed into a form, sent in JSON or read from a roster may fall in (`UNIONDESK_DATE_YEARS`).
    public static var acceptedYears: ClosedRange<Int> {
        get { accepted.withLock { $0 } }
        set {
            let clamped = newValue.clamped(to: representableYears)
            accepted.withLock { $0 = clamped }
        }
    }

    /// Fails for a date that does not exist (2023-02-29, month 13) or lies outside the representable years.
    public init?(year: Int, month: Int, day: Int) {
        guard CalendarDate.representableYears.contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(valid: year, month, day)
    }

    /// Components already known to form a date.
    private init(valid year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The nearest real date to the components: the year kept within the representable years, the month within
    /// 1–12, the day within the month (2023-02-30 → 2023-02-28). For dates built by the program, never for input.
    public init(clamping year: Int, _ month: Int, _ day: Int) {
        let y = min(max(year, 1), 9999)
        let m = min(max(month, 1), 12)
        self.init(valid: y, m, min(max(day, 1), CalendarDate.daysIn(month: m, year: y)))
    }

    /// 1 January of `year` (clamped to the representable years).
    public static func firstDay(of year: Int) -> CalendarDate { CalendarDate(clamping: year, 1, 1) }
    /// 31 December of `year` (clamped to the representable years).
    public static func lastDay(of year: Int) -> CalendarDate { CalendarDate(clamping: year, 12, 31) }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `2023-05-01`, `2023-5-1`, `2023/5/1`, `2023.5.1` and `2023年5月1日` (any representable year: the
    /// accepted years are checked where input arrives, `Input.date` and JSON).
    public init?(parsing text: String) {
        let s = Text.clean(text)
        guard s.utf8.count <= 32 else { return nil }
        var parts: [Int] = []
        var current = 0
        var digits = 0
        for ch in s {
            if let v = ch.asciiDigitValue {
                // Four digits is the longest part a date has; more would be a number, not a date.
                guard digits < 4 else { return nil }
                current = current * 10 + v
                digits += 1
            } else if "-/.年月日".contains(ch) {
                guard digits > 0 else { return nil }
                parts.append(current)
                current = 0
                digits = 0
            } else {
                return nil
            }
        }
        if digits > 0 { parts.append(current) }
        guard parts.count == 3, parts[0] >= 1000 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// ISO form `YYYY-MM-DD`, as stored and as sent in JSON.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// Chinese form `2023年5月1日`.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// The same day `years` later; 29 February falls back to 28 February.
    public func adding(years: Int) -> CalendarDate {
        CalendarDate(clamping: CalendarDate.saturatingAdd(year, years), month, day)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDate(parsing: text), CalendarDate.acceptedYears.contains(d.year) else {
            let years = CalendarDate.acceptedYears
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "日期格式应为 YYYY-MM-DD，年份在\(years.lowerBound)至\(years.upperBound)之间"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }
}

extension Character {
    /// 0–9 for an ASCII digit, else nil.
    var asciiDigitValue: Int? {
        guard let a = asciiValue, (48...57).contains(a) else { return nil }
        return Int(a) - 48
    }
}

extension CalendarDate {
    /// The same day `months` later (or earlier); a missing day falls back to the month's last.
    public func adding(months: Int) -> CalendarDate {
        // Beyond ±120,000 months every result is past an end of the representable years anyway.
        let total = year * 12 + (month - 1) + min(max(months, -120_000), 120_000)
        guard total >= 12 else { return .earliest }
        return CalendarDate(clamping: total / 12, total % 12 + 1, day)
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic without Foundation calendars.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `z0` days after 1970-01-01, clamped to the representable dates.
    public init(dayNumber z0: Int) {
        let z = min(max(z0, CalendarDate.earliest.dayNumber), CalendarDate.latest.dayNumber) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(clamping: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The day `days` later (or earlier).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: CalendarDate.saturatingAdd(dayNumber, days))
    }
}
