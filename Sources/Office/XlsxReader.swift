import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads one sheet of an .xlsx workbook row by row. The sheet's XML is decompressed to a temporary file
/// under a byte cap and parsed as a stream, so a large sheet is never held in memory whole.
public final class XlsxReader: TableSource {
    public let sheetNames: [String]
    private let archive: Archive
    private let sheetPath: String
    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    private let date1904: Bool
    private let limits: OfficeLimits
    private var budget: Int

    public init(url: URL, sheet: String? = nil, limits: OfficeLimits = OfficeLimits()) throws(OfficeError) {
        self.limits = limits
        budget = limits.maxUncompressedBytes
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .corrupt
        }
        // Declared sizes are checked first (fast refusal of a bomb); actual bytes are counted while reading too.
        var count = 0
        var declared: UInt64 = 0
        for entry in archive {
            count += 1
            declared += entry.uncompressedSize
            if count > limits.maxEntries || declared > UInt64(limits.maxUncompressedBytes) { throw .tooBig }
        }
        guard let types = archive["[Content_Types].xml"] else { throw .notSpreadsheet }
        let typesXML = try Self.read(types, from: archive, budget: &budget)
        guard String(decoding: typesXML, as: UTF8.self).contains("spreadsheetml") else { throw .notSpreadsheet }

        let workbook = try Self.part("xl/workbook.xml", archive, &budget)
        let rels = try Self.part("xl/_rels/workbook.xml.rels", archive, &budget)
        let book = try WorkbookParser.parse(workbook)
        let targets = try RelationshipParser.parse(rels)
        sheetNames = book.sheets.map(\.name)
        date1904 = book.date1904
        let chosen: (name: String, rid: String)
        if let sheet {
            guard let found = book.sheets.first(where: { $0.name == sheet }) else {
                throw OfficeError("工作簿中没有名为“\(sheet)”的工作表（现有：\(sheetNames.joined(separator: "、"))）")
            }
            chosen = found
        } else {
            guard let first = book.sheets.first else { throw .notSpreadsheet }
            chosen = first
        }
        guard let target = targets[chosen.rid] else { throw .corrupt }
        sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard archive[sheetPath] != nil else { throw .corrupt }
        if archive["xl/sharedStrings.xml"] != nil {
            sharedStrings = try SharedStringsParser.parse(try Self.part("xl/sharedStrings.xml", archive, &budget), limits: limits)
        } else {
            sharedStrings = []
        }
        if archive["xl/styles.xml"] != nil {
            dateStyles = try StylesParser.dateStyles(try Self.part("xl/styles.xml", archive, &budget))
        } else {
            dateStyles = []
        }
    }

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        guard let entry = archive[sheetPath] else { throw OfficeError.corrupt }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ud-sheet-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: tmp) }
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let out = try? FileHandle(forWritingTo: tmp) else {
            throw OfficeError("无法创建临时文件")
        }
        var written = 0
        var head = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                written += chunk.count
                if written > self.budget { throw OfficeError.tooBig }
                if head.count < 4096 { head.append(chunk.prefix(4096 - head.count)) }
                try out.write(contentsOf: chunk)
            }
            try out.close()
        } catch let e as OfficeError {
            try? out.close()
            throw e
        } catch {
            try? out.close()
            throw OfficeError.corrupt
        }
        try Self.refuseDTD(head)
        guard let stream = InputStream(url: tmp) else { throw OfficeError.corrupt }
        try withoutActuallyEscaping(body) { body in
            let parser = XMLParser(stream: stream)
            parser.shouldResolveExternalEntities = false
            let delegate = SheetParser(shared: sharedStrings, dateStyles: dateStyles, date1904: date1904, limits: limits, body: body)
            parser.delegate = delegate
            let ok = parser.parse()
            parser.delegate = nil
            if let error = delegate.failure { throw error }
            if !ok { throw OfficeError.corrupt }
        }
    }

    // MARK: - Parts

    static func part(_ path: String, _ archive: Archive, _ budget: inout Int) throws(OfficeError) -> Data {
        guard let entry = archive[path] else { throw .corrupt }
        let data = try read(entry, from: archive, budget: &budget)
        try refuseDTD(data.prefix(4096))
        return data
    }

    static func read(_ entry: Entry, from archive: Archive, budget: inout Int) throws(OfficeError) -> Data {
        var data = Data()
        let cap = budget
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                if data.count + chunk.count > cap { throw OfficeError.tooBig }
                data.append(chunk)
            }
        } catch let e as OfficeError {
            throw e
        } catch {
            throw .corrupt
        }
        budget -= data.count
        return data
    }

    /// No DTD, so no entity expansion and no external entities (XXE).
    static func refuseDTD(_ head: Data) throws(OfficeError) {
        let text = String(decoding: head, as: UTF8.self)
        if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") { throw .dtd }
    }

    /// `B12` → column 1.
    static func column(of reference: String) -> Int? {
        var n = 0
        var any = false
        for u in reference.unicodeScalars {
            guard (65...90).contains(u.value) else { break }
            n = n * 26 + Int(u.value - 64)
            any = true
        }
        return any ? n - 1 : nil
    }

    /// Excel serial day to an ISO date (the 1900 system counts a 29 February 1900 that never was).
    public static func isoDate(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        let base = date1904 ? Date(timeIntervalSince1970: -2_082_844_800) : Date(timeIntervalSince1970: -2_209_161_600)
        let offset = date1904 ? days : (days < 61 ? days + 1 : days)
        let date = base.addingTimeInterval(Double(offset) * 86_400)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .gmt
        let c = cal.dateComponents([.year, .month, .day], from: date)
        guard let y = c.year, let m = c.month, let d = c.day else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}

/// Streams `<row>` elements of a worksheet.
private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: Set<Int>
    let date1904: Bool
    let limits: OfficeLimits
    let body: (TableRow) throws -> Void
    var failure: (any Error)?

    var rowNumber = 0
    var rows = 0
    var cells: [Cell] = []
    var cellColumn = 0
    var cellType = ""
    var cellStyle = 0
    var text = ""
    var collecting = false
    var inCell = false

    init(shared: [String], dateStyles: Set<Int>, date1904: Bool, limits: OfficeLimits, body: @escaping (TableRow) throws -> Void) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.limits = limits
        self.body = body
    }

    func fail(_ parser: XMLParser, _ error: any Error) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            rows += 1
            if rows > limits.maxRows { fail(parser, OfficeError("行数超过上限（\(limits.maxRows) 行），请拆分文件后导入")) }
        case "c":
            inCell = true
            cellColumn = attributes["r"].flatMap(XlsxReader.column(of:)) ?? cells.count
            if cellColumn >= limits.maxColumns {
                fail(parser, OfficeError("第\(rowNumber)行的列数超过上限（\(limits.maxColumns) 列）"))
                return
            }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            text = ""
        case "v", "t":
            if inCell {
                collecting = true
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard collecting, failure == nil else { return }
        text += string
        if text.utf16.count > limits.maxCellCharacters * 2 {
            fail(parser, OfficeError("第\(rowNumber)行有单元格内容过长（超过 \(limits.maxCellCharacters) 个字符）"))
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            inCell = false
            if text.count > limits.maxCellCharacters {
                fail(parser, OfficeError("第\(rowNumber)行有单元格内容过长（超过 \(limits.maxCellCharacters) 个字符）"))
                return
            }
            let cell: Cell
            switch cellType {
            case "s":
                guard let i = Int(text), i >= 0, i < shared.count else {
                    fail(parser, OfficeError.corrupt)
                    return
                }
                cell = Cell(.text, shared[i])
            case "inlineStr", "str": cell = Cell(.text, text)
            case "b": cell = Cell(.bool, text == "1" ? "TRUE" : "FALSE")
            case "e": cell = Cell(.text, text)
            default:
                if text.isEmpty {
                    cell = .empty
                } else if dateStyles.contains(cellStyle), let serial = Double(text),
                    let iso = XlsxReader.isoDate(serial: serial, date1904: date1904)
                {
                    cell = Cell(.date, iso)
                } else {
                    cell = Cell(.number, text)
                }
            }
            if cellColumn >= cells.count { cells.append(contentsOf: Array(repeating: .empty, count: cellColumn - cells.count + 1)) }
            cells[cellColumn] = cell
        case "row":
            do {
                try body(TableRow(number: rowNumber, cells: cells))
            } catch {
                fail(parser, error)
            }
        default: break
        }
    }
}
