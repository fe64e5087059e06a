import Domain
import Foundation
import Office

/// A work summary in its output forms: HTML (the web view, with each figure linked to the records behind it, and the
/// printable page), Word (GB/T 9704 layout) and Markdown.
enum SummaryExport {
    enum Format: String, Choice {
        case json, html, docx, md

        var label: String { rawValue }

        var contentType: String {
            switch self {
            case .html: "text/html; charset=utf-8"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .md: "text/markdown; charset=utf-8"
            case .json: "application/json; charset=utf-8"
            }
        }
    }

    static func docx(_ s: WorkSummary) throws -> Data {
        var d = DocxDocument(title: s.title)
        d.add(.title, s.title)
        d.add(.body, s.opening.text)
        for section in s.sections {
            d.add(.heading1, section.title)
            for sub in section.subsections {
                d.add(.heading2, sub.title)
                for p in sub.points { d.add(.body, p.text) }
            }
            for p in section.points { d.add(.body, p.text) }
        }
        d.add(.body, "")
        d.add(.signature, s.orgName)
        d.add(.signature, s.date.chinese)
        return try d.data()
    }

    static func esc(_ t: String) -> String {
        t.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;"
        )
        .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The summary's body as HTML. `link` gives the drill-down address of a figure (nil: plain text); staff-edited
    /// paragraphs are marked, a conflict shows the newly generated text beside the edit, and `editor` adds the
    /// controls after each paragraph.
    static func html(
        _ s: WorkSummary, link: (Figure) -> String?, edited: Set<String> = [], conflicts: [String: String] = [:],
        editor: ((Paragraph) -> String)? = nil
    ) -> String {
        func paragraph(_ p: Paragraph) -> String {
            let inner = p.sentences.flatMap(\.parts).map { part -> String in
                switch part {
                case .text(let t): return esc(t)
                case .figure(let f):
                    guard let url = link(f) else { return "<span class=\"figure\">\(esc(f.text))</span>" }
                    return "<a class=\"figure\" href=\"\(esc(url))\" title=\"查看这一数字背后的记录\">\(esc(f.text))</a>"
                }
            }.joined()
            var out = "<p data-key=\"\(esc(p.key))\"\(edited.contains(p.key) ? " class=\"edited\" title=\"人工修改\"" : "")>\(inner)</p>"
            if let newer = conflicts[p.key] {
                out += "<p class=\"conflict\">记录已更新，系统按最新数字生成的文字为：\(esc(newer))</p>"
            }
            return out + (editor?(p) ?? "")
        }
        var out = "<article class=\"summary\" id=\"summary\"><h1>\(esc(s.title))</h1>\(paragraph(s.opening))"
        for section in s.sections {
            out += "<h2>\(esc(section.title))</h2>"
            for sub in section.subsections {
                out += "<h3>\(esc(sub.title))</h3>" + sub.points.map(paragraph).joined()
            }
            out += section.points.map(paragraph).joined()
        }
        out += "<p class=\"signature\">\(esc(s.orgName))<br>\(esc(s.date.chinese))</p></article>"
        return out
    }

    /// A standalone printable page (the command line's and the API's `html`).
    static func page(_ s: WorkSummary) -> String {
        """
        <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(esc(s.title))</title><style>
        body { font-family: "FangSong", "仿宋_GB2312", "仿宋", serif; font-size: 16pt; line-height: 28.9pt; max-width: 156mm; margin: 37mm auto 35mm; }
        h1 { font-family: "方正小标宋简体", "SimSun", serif; font-size: 22pt; text-align: center; font-weight: normal; }
        h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
        h3 { font-family: "KaiTi", "楷体_GB2312", serif; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
        p { text-indent: 2em; margin: 0; } .signature { text-align: right; margin-top: 28.9pt; padding-right: 4em; }
        </style></head><body>\(html(s, link: { _ in nil }))</body></html>
        """
    }
}
