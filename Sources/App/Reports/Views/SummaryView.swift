import Domain
import Vapor

/// A work summary as its templates show it (`reports/summary-body`): each paragraph with its figures, linked to the
/// records behind them when `link` gives an address, staff edits marked, a conflict's newly generated text beside the
/// edit, and — for whoever may edit — the forms after each paragraph, posting the summary's org and period.
struct SummaryView: Encodable, Sendable {
    struct Part: Encodable, Sendable {
        var text: String
        var isFigure: Bool
        var url: String?
    }

    /// What each paragraph's edit forms post to, with the summary's org and period (and the CSRF token).
    struct Editor: Encodable, Sendable {
        var url = SiteURL.reportParagraphs.path
        var fields: [HiddenField]
    }

    struct Para: Encodable, Sendable {
        var key: String
        var text: String
        var parts: [Part]
        var edited: Bool
        var conflict: String?
        var editor: Editor?
    }

    struct Block: Encodable, Sendable {
        var title: String
        var points: [Para]
        var subsections: [Block]
    }

    var title: String
    var opening: Para
    var sections: [Block]
    var orgName: String
    var date: String

    init(
        _ s: WorkSummary, link: (Figure) -> String? = { _ in nil }, edited: Set<String> = [], conflicts: [String: String] = [:],
        editing periodFields: [HiddenField]? = nil
    ) {
        let editor = periodFields.map { Editor(fields: $0) }
        func para(_ p: Paragraph) -> Para {
            Para(
                key: p.key, text: p.text,
                parts: p.sentences.flatMap(\.parts).map { part in
                    switch part {
                    case .text(let t): Part(text: t, isFigure: false)
                    case .figure(let f): Part(text: f.text, isFigure: true, url: link(f))
                    }
                }, edited: edited.contains(p.key), conflict: conflicts[p.key], editor: editor)
        }
        title = s.title
        opening = para(s.opening)
        sections = s.sections.map { section in
            Block(
                title: section.title, points: section.points.map(para),
                subsections: section.subsections.map { Block(title: $0.title, points: $0.points.map(para), subsections: []) })
        }
        orgName = s.orgName
        date = s.date.chinese
    }
}
