/// A work summary as Markdown: the title as a heading, `一、` sections as second-level headings, `（一）` subsections
/// as third-level, points as paragraphs, the signature right after. Every text is escaped (`Markdown.escape`): an org
/// name or an edited paragraph cannot become HTML, a link or a heading in a renderer.
public enum SummaryMarkdown {
    public static func render(_ s: WorkSummary) -> String {
        let e = Markdown.escape
        var out = "# \(e(s.title))\n\n\(e(s.opening.text))\n"
        for section in s.sections {
            out += "\n## \(e(section.title))\n"
            for sub in section.subsections {
                out += "\n### \(e(sub.title))\n"
                for p in sub.points { out += "\n\(e(p.text))\n" }
            }
            for p in section.points { out += "\n\(e(p.text))\n" }
        }
        out += "\n\(e(s.orgName))  \n\(s.date.chinese)\n"
        return out
    }
}

public enum Markdown {
    /// Text as it should read, whatever a Markdown renderer does with it: the characters that open HTML, links,
    /// emphasis, code or tables are backslash-escaped (CommonMark allows a backslash before any ASCII punctuation),
    /// and so is what would start a list, a heading or a quote at a line's beginning. Chinese punctuation is untouched.
    public static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(escapeLine).joined(separator: "\n")
    }

    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "#", "!", "|", "~", "(", ")"]

    private static func escapeLine(_ line: Substring) -> String {
        var out = ""
        // Still in the line's opening run of spaces and digits (where `-`, `+`, `=` and `1.` mean structure).
        var atStart = true
        var digits = 0
        for ch in line {
            if special.contains(ch) || (atStart && "-+=".contains(ch)) || (atStart && digits > 0 && ch == ".") { out.append("\\") }
            out.append(ch)
            if ch == " " && digits == 0 { continue }
            if atStart && ch.isASCII && ch.isNumber { digits += 1 } else { atStart = false }
        }
        return out
    }
}
