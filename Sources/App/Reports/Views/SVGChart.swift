import Foundation

/// Charts drawn by the server as SVG: Chinese labels, no script, readable when printed (dark bars on white, values
/// written on the bars).
enum SVGChart {
    struct Bar: Sendable {
        var label: String
        var value: Int
        /// The value as written beside the bar (`12`, `3.4万元`).
        var text: String
    }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;")
    }

    /// Vertical bars, one per label (a monthly trend).
    static func columns(_ bars: [Bar], title: String, width: Int = 640, height: Int = 240) -> String {
        let top = 34, bottom = 28, left = 16
        let plot = height - top - bottom
        let slot = bars.isEmpty ? 0 : (width - 2 * left) / bars.count
        let maxValue = max(1, bars.map(\.value).max() ?? 1)
        var out = svgHead(width, height, title)
        for (i, b) in bars.enumerated() {
            let h = b.value * plot / maxValue
            let x = left + i * slot + slot / 6
            let w = max(1, slot * 2 / 3)
            let y = top + plot - h
            out +=
                "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" fill=\"#b71c1c\"><title>\(esc(b.label))：\(esc(b.text))</title></rect>"
            if b.value > 0 {
                out += "<text x=\"\(x + w / 2)\" y=\"\(y - 4)\" text-anchor=\"middle\" font-size=\"11\">\(esc(b.text))</text>"
            }
            out += "<text x=\"\(x + w / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\" font-size=\"12\">\(esc(b.label))</text>"
        }
        out += "<line x1=\"\(left)\" y1=\"\(top + plot)\" x2=\"\(width - left)\" y2=\"\(top + plot)\" stroke=\"#333\"/></svg>"
        return out
    }

    /// Horizontal bars, largest first (a breakdown by union).
    static func rows(_ bars: [Bar], title: String, width: Int = 640) -> String {
        let rowHeight = 24, top = 34, labelWidth = 220
        let height = top + bars.count * rowHeight + 10
        let maxValue = max(1, bars.map(\.value).max() ?? 1)
        let plot = width - labelWidth - 90
        var out = svgHead(width, height, title)
        for (i, b) in bars.enumerated() {
            let y = top + i * rowHeight
            let w = max(1, b.value * plot / maxValue)
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" font-size=\"12\">\(esc(b.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\" fill=\"#b71c1c\"/>"
            out += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 16)\" font-size=\"12\">\(esc(b.text))</text>"
        }
        return out + "</svg>"
    }

    private static func svgHead(_ width: Int, _ height: Int, _ title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="\(esc(title))" viewBox="0 0 \(width) \(height)" \
        width="\(width)" height="\(height)" font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif">\
        <text x="\(width / 2)" y="20" text-anchor="middle" font-size="15" font-weight="bold">\(esc(title))</text>
        """
    }
}
