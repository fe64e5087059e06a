import Domain
import Office

/// Reads a roster file row by row for any column set: finds the header (title rows above it are skipped),
/// skips blank rows, reports progress, and hands each data row over with its values by column.
struct RosterScan<C: RosterColumns>: Sendable {
    struct Row: Sendable {
        var number: Int
        var values: [C: String]
        /// The row's cells as typed, for the error report.
        var texts: [String]
        /// The raw cell of each recognised column (to see that Excel stored an ID number as a number).
        var cells: [C: Cell]
    }

    var header: RosterHeader<C>?
    var headerTexts: [String] = []

    /// `convert` turns a cell into the text the checks expect (dates, numbers).
    mutating func scan(
        _ source: any TableSource, progress: (@Sendable (Int) throws -> Void)?, convert: (Cell, C) -> String,
        body: (Row) throws -> Void
    ) throws {
        var rows = 0
        var found = header
        var texts: [String] = []
        try source.forEachRow { row in
            guard !row.isBlank else { return }
            guard let h = found else {
                if row.number > 30 {
                    throw OfficeError("前30行中找不到表头：表头行需要包含\(C.required.map { "“\($0.title)”" }.joined(separator: "和"))列")
                }
                found = RosterHeader<C>.detect(row: row.number, texts: row.cells.map(\.text))
                if found != nil { texts = row.cells.map(\.text) }
                return
            }
            rows += 1
            if rows % 1000 == 0 { try progress?(rows) }
            var values: [C: String] = [:]
            var cells: [C: Cell] = [:]
            for (index, column) in h.columns {
                values[column] = convert(row[index], column)
                cells[column] = row[index]
            }
            try body(Row(number: row.number, values: values, texts: row.cells.map(\.text), cells: cells))
        }
        header = found
        headerTexts = texts
        guard found != nil else {
            throw OfficeError("找不到表头：表头行需要包含\(C.required.map { "“\($0.title)”" }.joined(separator: "和"))列")
        }
    }
}
