/// A figure quoted in a summary sentence, as printed, with the number behind it and the indicator whose records it
/// counts (the web view links it to them).
public struct Figure: Sendable, Equatable, Codable {
    public var text: String
    /// The number behind it: a count, fen for money, whole percent for a rate.
    public var value: Int
    /// The indicator it comes from (`petitions.received`), nil for a figure with no record list of its own.
    public var indicator: IndicatorCode?

    public init(text: String, value: Int, indicator: IndicatorCode?) {
        self.text = text
        self.value = value
        self.indicator = indicator
    }
}

/// One sentence: text with figures in it.
public struct Sentence: Sendable, Equatable, Codable {
    public enum Part: Sendable, Equatable, Codable {
        case text(String)
        case figure(Figure)
    }

    public var parts: [Part]

    public init(_ parts: [Part]) { self.parts = parts }

    public var text: String {
        parts.map {
            switch $0 {
            case .text(let s): s
            case .figure(let f): f.text
            }
        }.joined()
    }

    public var figures: [Figure] {
        parts.compactMap {
            if case .figure(let f) = $0 { f } else { nil }
        }
    }
}

/// A paragraph of a summary (a numbered point `1、…`, an opening, a problem or a plan), made of sentences. `key` is
/// stable across regenerations for the same org and period: an edit of the paragraph is stored against it.
public struct Paragraph: Sendable, Equatable, Codable {
    public var key: String
    public var sentences: [Sentence]

    public init(key: String, sentences: [Sentence]) {
        self.key = key
        self.sentences = sentences
    }

    public var text: String { sentences.map(\.text).joined() }
    public var figures: [Figure] { sentences.flatMap(\.figures) }
}

/// `（一）困难职工帮扶` and its points.
public struct Subsection: Sendable, Equatable, Codable {
    public var key: String
    public var title: String
    public var points: [Paragraph]

    public init(key: String, title: String, points: [Paragraph]) {
        self.key = key
        self.title = title
        self.points = points
    }
}

/// `一、主要工作及成效`: subsections, or (for problems and plans) numbered points directly.
public struct Section: Sendable, Equatable, Codable {
    public var key: String
    public var title: String
    public var subsections: [Subsection]
    public var points: [Paragraph]

    public init(key: String, title: String, subsections: [Subsection] = [], points: [Paragraph] = []) {
        self.key = key
        self.title = title
        self.subsections = subsections
        self.points = points
    }
}

/// A work summary (工作总结) as UnionDesk drafts it from the records (DOMAIN.md §11.1).
public struct WorkSummary: Sendable, Equatable, Codable {
    public var title: String
    public var opening: Paragraph
    public var sections: [Section]
    /// The signature: the org's name and the date, in Arabic numerals (`2026年11月26日`).
    public var orgName: String
    public var date: CalendarDate

    public init(title: String, opening: Paragraph, sections: [Section], orgName: String, date: CalendarDate) {
        self.title = title
        self.opening = opening
        self.sections = sections
        self.orgName = orgName
        self.date = date
    }

    /// Every paragraph with its heading path, in reading order.
    public var paragraphs: [Paragraph] {
        [opening] + sections.flatMap { s in s.subsections.flatMap(\.points) + s.points }
    }
}

/// Chinese ordinals for headings: `一` … `二十`.
public enum ChineseNumeral {
    static let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    public static func of(_ n: Int) -> String {
        switch n {
        case 1...9: digits[n]
        case 10: "十"
        case 11...19: "十" + digits[n - 10]
        case 20...99: digits[n / 10] + "十" + digits[n % 10]
        default: String(n)
        }
    }
}
