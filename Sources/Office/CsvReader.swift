import Foundation

/// Reads a CSV file as Excel in China saves it: UTF-8, UTF-8 with BOM, or GB18030/GBK.
/// Quoted fields may hold commas, quotes and line breaks (RFC 4180).
public final class CsvReader: TableSource {
    private let text: String
    private let limits: OfficeLimits

    /// Foundation's value for GB18030 (a superset of GBK).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public init(url: URL, limits: OfficeLimits = OfficeLimits()) throws(OfficeError) {
        self.limits = limits
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch { throw OfficeError("无法读取文件") }
        if data.isEmpty { throw .empty }
        text = try Self.decode(data)
    }

    public init(string: String, limits: OfficeLimits = OfficeLimits()) {
        self.limits = limits
        text = string
    }

    static func decode(_ data: Data) throws(OfficeError) -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let s = String(data: bytes, encoding: .utf8) { return s }
        if let s = String(data: bytes, encoding: gb18030) { return s }
        throw OfficeError("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件")
    }

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var atFieldStart = true
        var rowNumber = 1
        var rows = 0
        func endField() throws {
            if field.count > limits.maxCellCharacters {
                throw OfficeError("第\(rowNumber)行有单元格内容过长（超过 \(limits.maxCellCharacters) 个字符）")
            }
            fields.append(field)
            field = ""
            atFieldStart = true
            if fields.count > limits.maxColumns { throw OfficeError("第\(rowNumber)行的列数超过上限（\(limits.maxColumns) 列）") }
        }
        func endRow() throws {
            try endField()
            rows += 1
            if rows > limits.maxRows { throw OfficeError("行数超过上限（\(limits.maxRows) 行），请拆分文件后导入") }
            try body(TableRow(number: rowNumber, cells: fields.map { $0.isEmpty ? .empty : Cell(.text, $0) }))
            fields = []
            rowNumber += 1
        }
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                inQuotes = true
                atFieldStart = false
            case ",":
                try endField()
            case "\r":
                if let next = iterator.next(), next != "\n" { pending = next }
                try endRow()
            case "\n":
                try endRow()
            default:
                field.unicodeScalars.append(c)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !fields.isEmpty { try endRow() }
    }
}
