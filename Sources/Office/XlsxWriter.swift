import Foundation
import ZIPFoundation

/// Writes an .xlsx workbook: one or more sheets, a bold header row, text cells kept as text (so an
/// 18-digit ID number is never turned into a number), set column widths. Rows are written to a
/// temporary file as they come, so a large export is never held in memory whole.
public final class XlsxWriter {
    public struct Column: Sendable {
        public var title: String
        public var width: Double
        /// The whole column is formatted as text, so what a user types under the header (an ID number, a phone, a
        /// bank account) stays as typed instead of turning into `4.4E+17`.
        public var text: Bool
        public init(_ title: String, width: Double = 14, text: Bool = false) {
            self.title = title
            self.width = width
            self.text = text
        }
    }

    private let url: URL
    private var sheets: [(name: String, file: URL)] = []
    private let dir: URL

    public init(url: URL) throws {
        self.url = url
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ud-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Adds a sheet; `rows` is consumed once, row by row.
    public func addSheet<S: Sequence>(_ name: String, columns: [Column], rows: S) throws where S.Element == [Cell] {
        let sheet = try SheetStream(file: nextSheetFile(), columns: columns)
        for cells in rows { try sheet.append(cells) }
        try finish(sheet, name: name)
    }

    /// Adds a sheet whose rows come from async work (pages of a database query): `body` calls `append` for each row,
    /// and only the current buffer is held in memory. Returns the number of rows written.
    @discardableResult
    public func addSheet(_ name: String, columns: [Column], rows body: (_ append: ([Cell]) throws -> Void) async throws -> Void)
        async throws -> Int
    {
        let sheet = try SheetStream(file: nextSheetFile(), columns: columns)
        try await body { try sheet.append($0) }
        try finish(sheet, name: name)
        return sheet.rows
    }

    private func nextSheetFile() -> URL { dir.appendingPathComponent("sheet\(sheets.count + 1).xml") }

    private func finish(_ sheet: SheetStream, name: String) throws {
        try sheet.finish()
        sheets.append((name, sheet.file))
    }

    /// One worksheet's XML, written to its temporary file in 64 KB pieces.
    private final class SheetStream {
        let file: URL
        private let out: FileHandle
        private var buffer: String
        private(set) var rows = 0

        init(file: URL, columns: [Column]) throws {
            self.file = file
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw OfficeError("无法创建临时文件") }
            out = try FileHandle(forWritingTo: file)
            buffer = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0">\
                <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>
                """
            for (i, c) in columns.enumerated() {
                buffer += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(c.width)\" customWidth=\"1\"\(c.text ? " style=\"2\"" : "")/>"
            }
            buffer += "</cols><sheetData>"
            buffer += XlsxWriter.row(1, columns.map { Cell.text($0.title) }, style: 1)
        }

        deinit { try? out.close() }

        func append(_ cells: [Cell]) throws {
            rows += 1
            buffer += XlsxWriter.row(rows + 1, cells, style: 2)
            if buffer.utf8.count > 1 << 16 {
                try out.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }

        func finish() throws {
            buffer += "</sheetData></worksheet>"
            try out.write(contentsOf: Data(buffer.utf8))
            buffer = ""
            try out.close()
        }
    }

    public func close() throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws { try archive.addText(path, text) }
        let sheetTypes = sheets.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        try add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(sheetTypes)</Types>
            """)
        try add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        let sheetList = sheets.enumerated().map { i, s in
            "<sheet name=\"\(Self.escape(s.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }.joined()
        try add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetList)</sheets></workbook>
            """)
        let rels = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        try add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)\
            <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        // Styles: 0 default, 1 bold header kept as text, 2 body kept as text (format "@"), 3 money (#,##0.00), 4 percent.
        try add(
            "xl/styles.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2"><font><sz val="11"/><name val="Noto Sans CJK SC"/></font><font><b/><sz val="11"/><name val="Noto Sans CJK SC"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>\
            <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        for (i, s) in sheets.enumerated() {
            try archive.addEntry(with: "xl/worksheets/sheet\(i + 1).xml", fileURL: s.file, compressionMethod: .deflate)
        }
    }

    static func row(_ n: Int, _ cells: [Cell], style: Int) -> String {
        var s = "<row r=\"\(n)\">"
        for (i, c) in cells.enumerated() where c.kind != .empty {
            let ref = columnName(i) + String(n)
            if c.kind == .number, Double(c.text) != nil {
                s += "<c r=\"\(ref)\"><v>\(c.text)</v></c>"
            } else if c.kind == .money || c.kind == .percent, Double(c.text) != nil {
                s += "<c r=\"\(ref)\" s=\"\(c.kind == .money ? 3 : 4)\"><v>\(c.text)</v></c>"
            } else {
                s += "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(c.text))</t></is></c>"
            }
        }
        return s + "</row>"
    }

    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// XML text escaping; characters XML 1.0 cannot carry are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}

extension Archive {
    /// Adds a text part (XML) to an OOXML package, deflated.
    func addText(_ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
            data.subdata(in: Int(pos)..<Int(pos) + size)
        }
    }
}
