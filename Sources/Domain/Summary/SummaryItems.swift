/// A problem the summary states (存在的问题): a target not met, or work past its deadline.
public enum ProblemItem: Sendable, Equatable, Codable {
    /// `indicator` at `actual` against a target of `target` (whole percent with unit `%`, counts, or fen with unit
    /// `元`): short of a target to reach by `gap` (percentage points for a rate) with `records` more of `gapNoun` to go
    /// (`家8人以上企业尚未建立工会`; 0 or empty: none named), or beyond a ceiling by `gap` (`exceeds`).
    case targetGap(
        indicator: IndicatorCode, label: String, target: Int, actual: Int, unit: String, gap: Int, records: Int, gapNoun: String,
        exceeds: Bool)
    /// `count` items of a kind past their deadline (“2宗信访件超过办理期限”).
    case overdue(indicator: IndicatorCode?, count: Int, unit: String, noun: String)
}

/// A plan the summary announces (下一步工作打算): a target for the next period, or work falling due in it.
public enum PlanItem: Sendable, Equatable, Codable {
    case target(indicator: IndicatorCode, label: String, target: Int, unit: String)
    case due(indicator: IndicatorCode?, count: Int, unit: String, noun: String, by: CalendarDate)
}
