/// What the composer is given: who, which period, each module's figures (a module with nothing to say phrases no
/// subsection), and the problems and plans found from targets and deadlines.
public struct SummaryInput: Sendable {
    public var orgName: String
    /// A federation (总工会) speaks of its unions; a grassroots union of its own members.
    public var isFederation = true
    public var period: ReportPeriod
    /// The date printed under the summary.
    public var date: CalendarDate
    /// Each module's figures, in the module order; each phrases its own subsection.
    public var topics: [any SummaryTopic] = []
    public var problems: [ProblemItem] = []
    public var plans: [PlanItem] = []

    /// The day the as-of figures are counted on and the text says 截至: the period's end, or this date while it runs.
    public var asOf: CalendarDate { period.asOf(today: date) }

    public init(orgName: String, period: ReportPeriod, date: CalendarDate) {
        self.orgName = orgName
        self.period = period
        self.date = date
    }
}

/// A module's figures for one subtree and period, which phrase the module's subsection of “主要工作及成效”.
public protocol SummaryTopic: Sendable {
    /// What the opening names the module's work (`困难职工帮扶`).
    static var topic: String { get }
    /// The subsection, or nil when there is nothing to say; every figure in it is one of these.
    func subsection(_ input: SummaryInput) -> Subsection?
}

/// Writes the draft of a work summary (DOMAIN.md §11.1) from the figures: a title, an opening, “一、主要工作及成效”
/// with one subsection per module that has data, then “存在的问题” and “下一步工作打算” when there are any. Every figure
/// is one it was given; a sentence without data is left out, never filled with boilerplate.
public enum SummaryComposer {
    public static func compose(_ input: SummaryInput) -> WorkSummary {
        var subsections: [Subsection] = []
        var topics: [String] = []
        for topic in input.topics {
            guard let s = topic.subsection(input) else { continue }
            subsections.append(s)
            topics.append(type(of: topic).topic)
        }
        for i in subsections.indices { subsections[i].title = "（\(ChineseNumeral.of(i + 1))）" + subsections[i].title }

        var sections: [Section] = []
        if !subsections.isEmpty { sections.append(Section(key: "work", title: "主要工作及成效", subsections: subsections)) }
        let problems = input.problems.enumerated().map { problem($1, key: "problem.\($0 + 1)") }
        if !problems.isEmpty { sections.append(Section(key: "problems", title: "存在的问题", points: problems)) }
        let plans = input.plans.enumerated().map { plan($1, key: "plan.\($0 + 1)") }
        if !plans.isEmpty { sections.append(Section(key: "plans", title: "下一步工作打算", points: plans)) }
        for i in sections.indices {
            sections[i].title = "\(ChineseNumeral.of(i + 1))、" + sections[i].title
            numberPoints(&sections[i].points)
            for j in sections[i].subsections.indices { numberPoints(&sections[i].subsections[j].points) }
        }
        return WorkSummary(
            title: "\(input.orgName)\(input.period.label)工作总结", opening: opening(input, topics: topics), sections: sections,
            orgName: input.orgName, date: input.date)
    }

    /// Prefixes `1、`, `2、` … to the points of a list.
    static func numberPoints(_ points: inout [Paragraph]) {
        for i in points.indices where !points[i].sentences.isEmpty {
            points[i].sentences[0].parts.insert(.text("\(i + 1)、"), at: 0)
        }
    }

    static func opening(_ input: SummaryInput, topics: [String]) -> Paragraph {
        var s = SentenceBuilder()
        s.text("\(input.period.label)，\(input.orgName)认真履行维护职工合法权益、竭诚服务职工群众的基本职责")
        if !topics.isEmpty { s.text("，扎实开展" + topics.joined(separator: "、") + "等工作") }
        s.text("。现将\(input.period.label)工作总结如下：")
        return Paragraph(key: "opening", sentences: [s.sentence])
    }

    /// How a federation names itself in sentences: `镇总工会`, `街道总工会`, or `本会`.
    static func shortName(_ orgName: String) -> String {
        for level in ["街道", "镇", "乡"] where orgName.contains(level) && orgName.hasSuffix("总工会") { return level + "总工会" }
        return "本会"
    }

    // MARK: Problems and plans

    static func problem(_ p: ProblemItem, key: String) -> Paragraph {
        var s = SentenceBuilder()
        switch p {
        case .targetGap(let indicator, let label, _, let actual, let unit, let gap, _, _, true):
            // “逾期未办信访件1宗，超出目标1宗。”
            s.text(label)
            quantity(&s, actual, unit, indicator)
            s.text("，超出目标")
            gapQuantity(&s, gap, unit)
            s.text("。")
        case .targetGap(let indicator, let label, let target, let actual, let unit, let gap, let records, let noun, false):
            s.text(label + "为")
            quantity(&s, actual, unit, indicator)
            s.text("，未达到")
            quantity(&s, target, unit, nil)
            s.text("的目标，尚差")
            gapQuantity(&s, gap, unit)
            if records > 0, !noun.isEmpty {
                s.text("，尚有")
                s.count(records, "")
                s.text(noun)
            }
            s.text("。")
        case .overdue(let indicator, let count, let unit, let noun):
            s.text("有")
            s.count(count, unit, indicator)
            s.text(noun + "，须抓紧办理。")
        }
        return Paragraph(key: key, sentences: [s.sentence])
    }

    /// How far from a target: percentage points for a rate (unit `%`), otherwise as `quantity`; no indicator of its own.
    static func gapQuantity(_ s: inout SentenceBuilder, _ gap: Int, _ unit: String) {
        if unit == "%" { s.count(gap, "个百分点") } else { quantity(&s, gap, unit, nil) }
    }

    /// A count with its unit, or money (unit `元`, the value in fen) in the summary's phrasing.
    static func quantity(_ s: inout SentenceBuilder, _ value: Int, _ unit: String, _ indicator: IndicatorCode?) {
        if unit == "元" { s.money(value, indicator) } else { s.count(value, unit, indicator) }
    }

    static func plan(_ p: PlanItem, key: String) -> Paragraph {
        var s = SentenceBuilder()
        switch p {
        case .target(_, let label, let target, let unit):
            // A target, not a value of the indicator: like the targets of 存在的问题, it has no records of its own.
            s.text("确保\(label)达到")
            quantity(&s, target, unit, nil)
            s.text("。")
        case .due(_, let count, let unit, let noun, let by):
            // Counted for the next period, which the summary's links do not reach.
            s.text("在\(by.chinese)前做好")
            s.count(count, unit, nil)
            s.text(noun + "。")
        }
        return Paragraph(key: key, sentences: [s.sentence])
    }
}
