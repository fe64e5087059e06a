/// The conventional phrasing of figures in a work summary (DOMAIN.md §11.1): counts with their unit (人, 户, 人次, 件,
/// 宗, 家, 个), money in 元 below ten thousand and in 万元 above, whole percentages, year-on-year changes by how much and in percent (同比增加8宗，增长16%; a rate by 个百分点)
/// and shares (占83%).
public enum Phrase {
    /// `num ÷ den` as a whole percent, rounded half away from zero; nil when `den` is zero.
    public static func percent(_ num: Int, of den: Int) -> Int? {
        guard den != 0 else { return nil }
        let sign = (num < 0) != (den < 0) ? -1 : 1
        return sign * ((abs(num) * 200 + abs(den)) / (2 * abs(den)))
    }

    /// A year-on-year change of a count or an amount, first in its unit, then in percent: `同比减少4宗，下降4%`,
    /// `同比增加8400元，增长13%` (unit `元`: fen), `与上年同期持平`; nil when last year had none to compare with.
    public static func change(_ now: Int, since before: Int, unit: String) -> String? {
        guard before > 0, let pct = percent(now - before, of: before) else { return nil }
        let diff = now - before
        if diff == 0 { return "与上年同期持平" }
        let amount = unit == "元" ? String(Money.phrase(diff).drop { $0 == "-" }) : "\(diff.magnitude)\(unit)"
        let share = pct == 0 ? "幅度不足1%" : diff > 0 ? "增长\(pct)%" : "下降\(-pct)%"
        return "同比\(diff > 0 ? "增加" : "减少")\(amount)，\(share)"
    }

    /// A year-on-year change of a rate (whole percents), in percentage points: `同比提高3个百分点`, `与上年同期持平`.
    public static func rateChange(_ now: Int, since before: Int) -> String {
        let diff = now - before
        if diff == 0 { return "与上年同期持平" }
        return "同比\(diff > 0 ? "提高" : "降低")\(diff.magnitude)个百分点"
    }
}

/// Builds a sentence from text and figures, so each figure keeps the indicator it came from.
public struct SentenceBuilder {
    public private(set) var parts: [Sentence.Part] = []

    public init() {}

    public mutating func text(_ s: String) {
        if case .text(let last)? = parts.last {
            parts[parts.count - 1] = .text(last + s)
        } else {
            parts.append(.text(s))
        }
    }

    /// `57宗`, `20名`, `3家`.
    public mutating func count(_ n: Int, _ unit: String, _ indicator: IndicatorCode? = nil) {
        parts.append(.figure(Figure(text: "\(n)\(unit)", value: n, indicator: indicator)))
    }

    /// `5000元`, `7.26万元`.
    public mutating func money(_ fen: Int, _ indicator: IndicatorCode? = nil) {
        parts.append(.figure(Figure(text: Money.phrase(fen), value: fen, indicator: indicator)))
    }

    /// `83%` for `num ÷ den`; nothing when `den` is zero.
    public mutating func percent(_ num: Int, of den: Int, _ indicator: IndicatorCode? = nil) {
        guard let p = Phrase.percent(num, of: den) else { return }
        parts.append(.figure(Figure(text: "\(p)%", value: p, indicator: indicator)))
    }

    /// After a figure, when last year's is known and not zero: `，收到信访事件同比减少4宗，下降4%`: what is compared (when it is not the figure just before), then the change.
    public mutating func change(_ now: Int, since before: Int?, unit: String, what: String = "") {
        guard let before, let phrase = Phrase.change(now, since: before, unit: unit) else { return }
        text("，" + what + phrase)
    }

    public var sentence: Sentence { Sentence(parts) }
}
