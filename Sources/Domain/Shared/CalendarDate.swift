/// A calendar date without a time zone (dates are calendar dates in the deployment's zone).
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for a date that does not exist (2023-02-29, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

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

    /// Parses `2023-05-01`, `2023-5-1`, `2023/5/1`, `2023.5.1` and `2023年5月1日`.
    public init?(parsing text: String) {
        let s = Text.clean(text)
        var parts: [Int] = []
        var current = ""
        for ch in s {
            if ch.isASCII, ch.isNumber {
                current.append(ch)
            } else if "-/.年月日".contains(ch) {
                guard !current.isEmpty else { return nil }
                parts.append(Int(current)!)
                current = ""
            } else {
                return nil
            }
        }
        if !current.isEmpty { parts.append(Int(current)!) }
        guard parts.count == 3, String(parts[0]).count == 4 else { return nil }
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
        let d = min(day, CalendarDate.daysIn(month: month, year: year + years))
        return CalendarDate(year: year + years, month: month, day: d)!
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "日期格式应为 YYYY-MM-DD"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

extension CalendarDate {
    /// The same day `months` later (or earlier); a missing day falls back to the month's last.
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return CalendarDate(year: y, month: m, day: min(day, CalendarDate.daysIn(month: m, year: y)))!
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

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self = CalendarDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    /// The day `days` later (or earlier).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }
}
