/// A work summary as Markdown: the title as a heading, `一、` sections as second-level headings, `（一）` subsections
/// as third-level, points as paragraphs, the signature right after.
public enum SummaryMarkdown {
    public static func render(_ s: WorkSummary) -> String {
        var out = "# \(s.title)\n\n\(s.opening.text)\n"
        for section in s.sections {
            out += "\n## \(section.title)\n"
            for sub in section.subsections {
                out += "\n### \(sub.title)\n"
                for p in sub.points { out += "\n\(p.text)\n" }
            }
            for p in section.points { out += "\n\(p.text)\n" }
        }
        out += "\n\(s.orgName)  \n\(s.date.chinese)\n"
        return out
    }
}
