/// A 公示 of a relief round. Before payment it names the proposed recipients (拟帮扶对象公示: approved, not yet paid),
/// after it the result (帮扶结果公示: paid); either states who issues it, the notice period and how to object, and
/// shows only what may be published (masked name, union, kind, amount: 个人信息保护法 Art. 55).
public enum NoticeStage: String, Choice {
    case proposed, result

    public var label: String {
        switch self {
        case .proposed: "拟帮扶对象公示"
        case .result: "帮扶结果公示"
        }
    }
}

public struct NoticeFields: Sendable, Equatable {
    public var stage: NoticeStage
    /// The first day of the notice period (default today) and its length in days.
    public var from: CalendarDate
    public var days: Int
    /// The telephone that takes objections, printed on the notice (blank: a line to fill in by hand).
    public var contact: String?

    public static let inputFields: [InputField] = [
        .choice("stage", NoticeStage.self), .init("from", .date), .init("days", .integer), .init("contact"),
    ]

    /// A notice's period is five days unless the cadre sets another (1–30).
    public static let defaultDays = 5

    /// The notice as it first opens: proposed recipients, from `today`, for the default period.
    public static func standard(today: CalendarDate) -> NoticeFields {
        NoticeFields(stage: .proposed, from: today, days: defaultDays, contact: nil)
    }

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> NoticeFields {
        var e = FieldErrors()
        let stage = e.collect { () throws(FieldError) in try Input.choice(f["stage"], NoticeStage.self, field: "stage", name: "公示阶段") }
        let from = e.collect { () throws(FieldError) in try Input.date(f["from"], field: "from", label: "公示开始日期") }
        let days = e.collect { () throws(FieldError) in try Input.int(f["days"], field: "days", label: "公示天数", range: 1...30) }
        let contact = e.collect { () throws(FieldError) in try Input.text(f["contact"], field: "contact", label: "联系电话", max: 40) }
        guard e.isEmpty, let stage, let from, let days, let contact else { throw e }
        return NoticeFields(stage: stage ?? .proposed, from: from ?? today, days: days ?? defaultDays, contact: contact)
    }

    /// The last day of the notice period.
    public var until: CalendarDate { from.adding(days: days - 1) }

    /// The notice's text above its list: what is published, for how long, and how to object.
    public func paragraphs(round: String, kind: String, org: String, count: Int, total: String) -> [String] {
        let period = "公示期自\(from.chinese)至\(until.chinese)，共\(days)天。"
        let intro =
            switch stage {
            case .proposed: "经基层工会申报、\(org)审核，拟对以下\(count)名职工给予\(kind)帮扶，合计\(total)元。现予公示，" + period
            case .result: "“\(round)”帮扶资金已发放，共帮扶\(count)名职工，合计\(total)元。现将发放结果予以公示，" + period
            }
        let objection =
            "公示期内，对公示对象或金额有异议的，可以书面或电话方式向\(org)实名反映，并提供有关情况或证据；\(org)将及时核实处理，"
            + "并对反映人的信息保密。联系电话：\(contact ?? "＿＿＿＿＿＿＿＿")。"
        return [intro, objection]
    }
}
