import Foundation
import Office

extension Cell {
    /// Text a spreadsheet could take for a formula gets a leading apostrophe (ASVS 5.0 1.2.10); imports take it off.
    static func safeText(_ s: String) -> Cell {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return .text(s) }
        return .text("'" + s)
    }
}

extension ImportJobs.Stored {
    /// The error report: each refused row as it was, with its row number and the reason, to fix and import again.
    func writeErrorReport(to url: URL) throws {
        let w = try XlsxWriter(url: url)
        // One line per refused row, with all its reasons.
        var reasons: [Int: [String]] = [:]
        var order: [Int] = []
        for e in report.errors {
            if reasons[e.row] == nil { order.append(e.row) }
            reasons[e.row, default: []].append(e.column.isEmpty ? e.message : "\(e.column)：\(e.message)")
        }
        let rows = order.map { row -> [Cell] in
            var cells = (failedRows[row] ?? []).map(Cell.safeText)
            cells += Array(repeating: Cell.empty, count: max(0, headerTexts.count - cells.count))
            return [.number(row)] + cells + [.text((reasons[row] ?? []).joined(separator: "；"))]
        }
        try w.addSheet(
            "错误行",
            columns: [XlsxWriter.Column("原行号", width: 8)] + headerTexts.map { XlsxWriter.Column($0, width: 16) }
                + [XlsxWriter.Column("错误原因", width: 60)], rows: rows)
        try w.close()
    }
}
