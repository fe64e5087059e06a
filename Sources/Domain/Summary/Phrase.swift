/// The conventional phrasing of figures in a work summary (DOMAIN.md §11.1): counts with their unit (人, 户, 人次, 件,
/// 宗, 家, 个), money in 元 below ten thousand and in 万元 above, whole percentages, year-on-year changes (同比增长16%)
/// and shares (占83%).
public enum Phrase {
    /// `num ÷ den` as a whole percent, rounded half away from zero; nil when `den` is zero.
    public static func percent(_ num: Int, of den: Int) -> Int? {
        guard den != 0 else { return nil }
        let sign = (num < 0) != (den < 0) ? -1 : 1
        return sign * ((abs(num) * 200 + abs(den)) / (2 * abs(den)))
    }

    /// `同比增长16%`, `同比下降5%`, `与上年同期持平`; nil when there is nothing to compare with (last year had none).
    public static func change(_ now: Int, since before: Int) -> String? {
        guard before > 0, let pct = percent(now - before, of: before) else { return nil }
        if pct == 0 { return "与上年同期基本持平" }
        return pct > 0 ? "同比增长\(pct)%" : "同比下降\(-pct)%"
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

    /// `，同比增长16%` after a figure, when last year's figure is known and not zero.
    public mutating func change(_ now: Int, since before: Int?) {
        guard let before, let phrase = Phrase.change(now, since: before) else { return }
        text("，" + phrase)
    }

    public var sentence: Sentence { Sentence(parts) }
}
