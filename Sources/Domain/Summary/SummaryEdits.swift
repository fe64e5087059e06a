/// A staff edit of a summary, kept for an org and period across regenerations: a paragraph rewritten (`baseText` is
/// the generated text it replaced), or a paragraph added after another (`afterKey`).
public struct ParagraphEdit: Sendable, Equatable, Codable {
    public var key: String
    public var text: String
    public var baseText: String
    public var afterKey: String?

    public init(key: String, text: String, baseText: String, afterKey: String? = nil) {
        self.key = key
        self.text = text
        self.baseText = baseText
        self.afterKey = afterKey
    }
}

/// A summary with staff edits applied: which paragraphs are staff's words, and for each edited paragraph whose
/// generated text has changed since the edit (a figure moved), the new generated text to compare.
public struct EditedSummary: Sendable, Equatable, Codable {
    public var summary: WorkSummary
    public var edited: Set<String>
    public var conflicts: [String: String]
}

public enum SummaryEdits {
    /// The summary with the edits applied: an edited paragraph keeps the staff's words (and loses its figure links);
    /// added paragraphs follow the paragraph they were added after; one whose anchor is gone closes the last section.
    public static func apply(_ edits: [ParagraphEdit], to summary: WorkSummary) -> EditedSummary {
        var result = EditedSummary(summary: summary, edited: [], conflicts: [:])
        guard !edits.isEmpty else { return result }
        let rewrites = Dictionary(edits.filter { $0.afterKey == nil }.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let additions = edits.filter { $0.afterKey != nil }
        var placed = Set<String>()
        func plain(_ key: String, _ text: String) -> Paragraph {
            result.edited.insert(key)
            return Paragraph(key: key, sentences: [Sentence([.text(text)])])
        }
        func rewrite(_ p: Paragraph) -> Paragraph {
            guard let e = rewrites[p.key] else { return p }
            if e.baseText != p.text { result.conflicts[p.key] = p.text }
            return plain(p.key, e.text)
        }
        func list(_ points: [Paragraph]) -> [Paragraph] {
            var out: [Paragraph] = []
            for p in points {
                out.append(rewrite(p))
                for a in additions where a.afterKey == p.key {
                    out.append(plain(a.key, a.text))
                    placed.insert(a.key)
                }
            }
            return out
        }
        var s = summary
        s.opening = rewrite(s.opening)
        for i in s.sections.indices {
            s.sections[i].points = list(s.sections[i].points)
            for j in s.sections[i].subsections.indices {
                s.sections[i].subsections[j].points = list(s.sections[i].subsections[j].points)
            }
        }
        let loose = additions.filter { !placed.contains($0.key) }.map { plain($0.key, $0.text) }
        if !loose.isEmpty {
            if s.sections.isEmpty { s.sections.append(Section(key: "notes", title: "一、其他")) }
            s.sections[s.sections.count - 1].points += loose
        }
        result.summary = s
        return result
    }
}
