import Domain
import Foundation
import Office
import Vapor

/// A work summary in its output forms: HTML (the web view, with each figure linked to the records behind it, and the
/// printable page, both from the `reports/summary-…` templates over `SummaryView`), Word (GB/T 9704 layout) and
/// Markdown.
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

    /// A standalone printable page (the command line's and the API's `html`), in the official document's fonts.
    static func page(_ s: WorkSummary, views: any ViewRenderer) async throws -> View {
        try await views.render("reports/summary-print", SummaryView(s)).get()
    }
}
