/// The period a work summary or a statistic covers: a year, a half-year, or a date range; and the same period a year
/// earlier, for the comparisons a summary makes (同比).
public struct ReportPeriod: Sendable, Equatable, Hashable, Codable {
    public enum Kind: Sendable, Equatable, Hashable, Codable {
        case year(Int)
        case half(year: Int, half: Int)
        case range
    }

    public var kind: Kind
    public var from: CalendarDate
    public var to: CalendarDate

    public static func year(_ y: Int) throws(FieldError) -> ReportPeriod {
        guard let from = CalendarDate(year: y, month: 1, day: 1), let to = CalendarDate(year: y, month: 12, day: 31) else {
            throw FieldError(field: "year", message: "年度“\(y)”无效")
        }
        return ReportPeriod(kind: .year(y), from: from, to: to)
    }

    public static func half(_ y: Int, _ h: Int) throws(FieldError) -> ReportPeriod {
        guard h == 1 || h == 2 else { throw FieldError(field: "half", message: "半年应为1（上半年）或2（下半年）") }
        guard let from = CalendarDate(year: y, month: h == 1 ? 1 : 7, day: 1),
            let to = CalendarDate(year: y, month: h == 1 ? 6 : 12, day: h == 1 ? 30 : 31)
        else { throw FieldError(field: "year", message: "年度“\(y)”无效") }
        return ReportPeriod(kind: .half(year: y, half: h), from: from, to: to)
    }

    /// 1 January of `year` to `end`, or to the year's last day if `end` is later; a day that is before the year
    /// gives its first day alone: how far into a year its targets are measured.
    public static func yearToDate(_ year: Int, until end: CalendarDate) -> ReportPeriod {
        let first = CalendarDate.firstDay(of: year)
        return ReportPeriod(kind: .range, from: first, to: max(first, min(end, CalendarDate.lastDay(of: year))))
    }

    public static func range(_ from: CalendarDate, _ to: CalendarDate) throws(FieldError) -> ReportPeriod {
        guard from <= to else { throw FieldError(field: "to", message: "结束日期不能早于开始日期") }
        return ReportPeriod(kind: .range, from: from, to: to)
    }

    /// `2026年`, `2026年上半年`, `2026年3月1日至2026年8月31日`.
    public var label: String {
        switch kind {
        case .year(let y): "\(y)年"
        case .half(let y, let h): "\(y)年\(h == 1 ? "上" : "下")半年"
        case .range: "\(from.chinese)至\(to.chinese)"
        }
    }

    /// How a summary refers to the period in its sentences: `全年`, `上半年`, `期间`.
    public var spoken: String {
        switch kind {
        case .year: "全年"
        case .half(_, let h): h == 1 ? "上半年" : "下半年"
        case .range: "期间"
        }
    }

    /// The day an "as of" figure (unions, members, 组建率 …) is counted on: the period's end, or `today` while the
    /// period runs (the text then says 截至 today, not the end still to come).
    public func asOf(today: CalendarDate) -> CalendarDate { min(to, today) }

    /// The same period one year earlier.
    public var previous: ReportPeriod {
        switch kind {
        case .year(let y): ReportPeriod(kind: .year(y - 1), from: from.adding(years: -1), to: to.adding(years: -1))
        case .half(let y, let h): ReportPeriod(kind: .half(year: y - 1, half: h), from: from.adding(years: -1), to: to.adding(years: -1))
        case .range: ReportPeriod(kind: .range, from: from.adding(years: -1), to: to.adding(years: -1))
        }
    }

    /// The period after this one (the next year or half-year; a range's following year), for “下一步工作打算”.
    public var next: ReportPeriod {
        switch kind {
        case .year(let y): ReportPeriod(kind: .year(y + 1), from: from.adding(years: 1), to: to.adding(years: 1))
        case .half(let y, let h):
            h == 1
                ? ReportPeriod(kind: .half(year: y, half: 2), from: from.adding(months: 6), to: CalendarDate.lastDay(of: y))
                : ReportPeriod(
                    kind: .half(year: y + 1, half: 1), from: from.adding(months: 6), to: CalendarDate(clamping: y + 1, 6, 30))
        case .range: ReportPeriod(kind: .range, from: to.adding(days: 1), to: to.adding(years: 1))
        }
    }

    /// A stable key for the period (stored edits and snapshots are per org and period).
    public var key: String { "\(from.iso)..\(to.iso)" }
}

extension ReportPeriod {
    /// The period a form, an API query or the command line names: `from` and `to`, or else `year` (with `half` 1 or
    /// 2); nothing names this year.
    public static func parse(_ f: FormFields, today: CalendarDate) throws(FieldError) -> ReportPeriod {
        if Input.optional(f["from"]) == nil, Input.optional(f["to"]) == nil, let y = Input.optional(f["year"]) {
            guard let year = Int(y), (2000...2100).contains(year) else {
                throw FieldError(field: "year", message: "年度“\(y.prefix(20))”无效")
            }
            guard let h = Input.optional(f["half"]) else { return try .year(year) }
            guard let half = Int(h) else { throw FieldError(field: "half", message: "半年应为1（上半年）或2（下半年）") }
            return try .half(year, half)
        }
        let from = try Input.date(f["from"], field: "from", label: "开始日期")
        let to = try Input.date(f["to"], field: "to", label: "结束日期")
        switch (from, to) {
        case (nil, nil): return try .year(today.year)
        case (let from?, let to?): return try .range(from, to)
        case (nil, _): throw FieldError(field: "from", message: "请同时填写开始日期和结束日期")
        case (_, nil): throw FieldError(field: "to", message: "请同时填写开始日期和结束日期")
        }
    }
}

/// What a report is about: the org (`orgId`, a node of the caller's subtree; nil is the caller's own) and the period.
public struct ReportSubject: Sendable, Equatable {
    public var orgId: Int?
    public var period: ReportPeriod

    public static let inputFields: [InputField] = [
        .init("orgId", .id), .init("year", .integer), .init("half", .integer), .init("from", .date), .init("to", .date),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ReportSubject {
        var e = FieldErrors()
        let org = e.collect { () throws(FieldError) in try Input.id(f["orgId"], field: "orgId", label: "单位") }
        let period = e.collect { () throws(FieldError) in try ReportPeriod.parse(f, today: today) }
        guard e.isEmpty, let org, let period else { throw e }
        return ReportSubject(orgId: org, period: period)
    }
}

/// A cadre's edit of a summary paragraph: the paragraph (`key`), or the one a new paragraph goes after (`afterKey`), and
/// the text (empty restores the system's own).
public struct ParagraphChange: Sendable, Equatable {
    public var subject: ReportSubject
    public var key: String?
    public var afterKey: String?
    public var text: String?

    public static let inputFields: [InputField] =
        ReportSubject.inputFields + [.init("key"), .init("afterKey"), .init("text")]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ParagraphChange {
        var e = FieldErrors()
        let subject = e.collectAll { () throws(FieldErrors) in try ReportSubject.validate(f, today: today) }
        let key = Input.optional(f["key"])
        let afterKey = Input.optional(f["afterKey"])
        let text = e.collect { () throws(FieldError) in try Input.text(f["text"], field: "text", label: "段落文字", max: 2000) }
        guard e.isEmpty, let subject, let text else { throw e }
        return ParagraphChange(subject: subject, key: key, afterKey: afterKey, text: text)
    }
}
