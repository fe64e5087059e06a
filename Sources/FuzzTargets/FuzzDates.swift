import Domain
import Foundation

enum FuzzDates {
    static func run(_ data: Data) -> [String] {
        var broken: [String] = []
        let text = Fuzz.text(data)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init)
        for line in lines {
            _ = try? Input.date(line, field: "date", label: "日期")
            guard let d = CalendarDate(parsing: line) else { continue }
            if CalendarDate(parsing: d.iso) != d { broken.append("\(d.iso) does not parse back") }
            if CalendarDate(dayNumber: d.dayNumber) != d { broken.append("\(d.iso) does not survive its day number") }
            _ = try? JSONDecoder().decode([CalendarDate].self, from: Data("[\"\(d.iso)\"]".utf8))
        }
        // Payroll months (所属期) as tax lists and cadres write them: what parses prints and parses back the same.
        for line in lines {
            _ = try? Input.month(line, field: "month", label: "所属期", notAfter: Month(Fuzz.today))
            guard let m = Month(parsing: line) else { continue }
            if Month(parsing: m.iso) != m { broken.append("month \(m.iso) does not parse back") }
            if m.first > m.last || Month(m.last) != m { broken.append("month \(m.iso) has its days wrong") }
        }
        // Arithmetic on any day with any amount: never fails, never leaves the representable dates.
        let start = CalendarDate(dayNumber: Fuzz.int(data, at: 0))
        let n = Fuzz.int(data, at: 8)
        for d in [start.adding(days: n), start.adding(months: n), start.adding(years: n), start.adding(days: 0 &- n)] {
            if d < CalendarDate.earliest || d > CalendarDate.latest { broken.append("\(d.iso) out of range") }
        }
        if n > 0, start.adding(days: n) < start { broken.append("adding \(n) days went back from \(start.iso)") }
        let year = Fuzz.int(data, at: 16)
        _ = try? ReportPeriod.year(year)
        _ = try? ReportPeriod.half(year, Fuzz.int(data, at: 24))
        let ytd = ReportPeriod.yearToDate(year, until: start)
        if ytd.from > ytd.to { broken.append("year to date of \(year) until \(start.iso) ends before it starts") }
        if let period = try? ReportPeriod.parse(Fuzz.fields(text), today: Fuzz.today) {
            if period.from > period.to { broken.append("a parsed period ends before it starts") }
            _ = (period.label, period.previous, period.next)
        }
        return broken
    }
}
