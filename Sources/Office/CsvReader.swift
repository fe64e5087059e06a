import Foundation

/// Reads a CSV file as Excel in China saves it: UTF-8, UTF-8 with BOM, or GB18030/GBK.
/// Quoted fields may hold commas, quotes and line breaks (RFC 4180). The file is read and decoded in blocks cut at
/// line feeds (a 0x0A byte is never part of a multi-byte character in either encoding), so memory does not grow
/// with the file.
public final class CsvReader: TableSource {
    private enum Source {
        case file(URL, String.Encoding)
        case text(String)
    }

    private let source: Source
    private let limits: OfficeLimits
    private let blockSize: Int

    /// Foundation's value for GB18030 (a superset of GBK).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// `blockSize`: bytes read at a time (tests make it tiny to cut rows and characters everywhere).
    public init(url: URL, limits: OfficeLimits = OfficeLimits(), blockSize: Int = 1 << 20) throws(OfficeError) {
        self.limits = limits
        self.blockSize = max(1, blockSize)
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw OfficeError("无法读取文件") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        if head.isEmpty { throw .empty }
        source = .file(url, try Self.detect(head))
    }

    public init(string: String, limits: OfficeLimits = OfficeLimits()) {
        self.limits = limits
        blockSize = 0
        source = .text(string)
    }

    /// The encoding of a file from its first block: UTF-8 (with or without BOM) if it decodes so, else GB18030.
    static func detect(_ head: Data) throws(OfficeError) -> String.Encoding {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        // Up to the last line feed, so a character cut by the block's end does not spoil the test.
        let whole = head.lastIndex(of: 0x0A).map { head[...$0] } ?? head
        if String(data: whole, encoding: .utf8) != nil { return .utf8 }
        if String(data: whole, encoding: gb18030) != nil { return gb18030 }
        throw OfficeError("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件")
    }

    /// Hands over the text block by block.
    private func blocks(_ body: (String) throws -> Void) throws {
        switch source {
        case .text(let s):
            try body(s)
        case .file(let url, let encoding):
            guard let handle = try? FileHandle(forReadingFrom: url) else { throw OfficeError("无法读取文件") }
            defer { try? handle.close() }
            var carry = Data()
            var atStart = true
            while true {
                let block = (try? handle.read(upToCount: blockSize)) ?? Data()
                let bytes = carry + block
                let end = block.isEmpty ? bytes.endIndex : (bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? bytes.startIndex)
                carry = Data(bytes[end...])
                if end > bytes.startIndex {
                    var piece = bytes[..<end]
                    if atStart, piece.starts(with: [0xEF, 0xBB, 0xBF]) { piece = piece.dropFirst(3) }
                    atStart = false
                    guard let text = String(data: piece, encoding: encoding) else {
                        throw OfficeError("文件中有无法按\(encoding == .utf8 ? " UTF-8" : " GBK")识别的字符，请检查文件编码是否一致")
                    }
                    try body(text)
                }
                if block.isEmpty { break }
            }
        }
    }

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var atFieldStart = true
        /// A quote inside a quoted field, waiting for the next character to tell an escaped quote from the closing one.
        var quotePending = false
        /// A carriage return, waiting to swallow the line feed after it.
        var crPending = false
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
        try blocks { text in
            for c in text.unicodeScalars {
                if crPending {
                    crPending = false
                    if c == "\n" { continue }
                }
                if quotePending {
                    quotePending = false
                    if c == "\"" {
                        field.unicodeScalars.append("\"")
                        continue
                    }
                    inQuotes = false
                }
                if inQuotes {
                    if c == "\"" { quotePending = true } else { field.unicodeScalars.append(c) }
                    continue
                }
                switch c {
                case "\"" where atFieldStart:
                    inQuotes = true
                    atFieldStart = false
                case ",":
                    try endField()
                case "\r":
                    crPending = true
                    try endRow()
                case "\n":
                    try endRow()
                default:
                    field.unicodeScalars.append(c)
                    atFieldStart = false
                }
            }
        }
        if !field.isEmpty || !fields.isEmpty { try endRow() }
    }
}
