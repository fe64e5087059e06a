import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads one sheet of an .xlsx workbook row by row. The sheet's XML (and the shared-string table) is decompressed
/// to a temporary file under a byte cap, every byte checked for a DTD on the way (`XMLGuard`), and parsed as a
/// stream, so a large sheet is never held in memory whole; the string table is held compactly under its own cap.
public final class XlsxReader: TableSource {
    public let sheetNames: [String]
    private let archive: ZipReader
    private let sheetPath: String
    private let sharedStrings: SharedStrings
    private let dateStyles: Set<Int>
    private let date1904: Bool
    private let limits: OfficeLimits
    private var budget: Int

    public init(url: URL, sheet: String? = nil, limits: OfficeLimits = OfficeLimits()) throws(OfficeError) {
        self.limits = limits
        budget = limits.maxUncompressedBytes
        archive = try ZipReader(url: url, maxEntries: limits.maxEntries)
        // Declared sizes are checked first (fast refusal of a bomb); actual bytes are counted while reading too.
        var declared = 0
        for entry in archive.entries {
            declared += entry.uncompressedSize
            if declared > limits.maxUncompressedBytes { throw .tooBig }
        }
        guard archive["[Content_Types].xml"] != nil else { throw .notSpreadsheet }
        let typesXML = try Self.part("[Content_Types].xml", archive, limits: limits, &budget)
        guard String(decoding: typesXML, as: UTF8.self).contains("spreadsheetml") else { throw .notSpreadsheet }

        let workbook = try Self.part("xl/workbook.xml", archive, limits: limits, &budget)
        let rels = try Self.part("xl/_rels/workbook.xml.rels", archive, limits: limits, &budget)
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
        if let entry = archive["xl/sharedStrings.xml"] {
            // The table's XML (markup and escapes around its text) may be four times the text it is allowed.
            let file = try Self.extract(entry, from: archive, budget: &budget, cap: limits.maxSharedStringBytes * 4, over: .sharedStrings)
            defer { try? FileManager.default.removeItem(at: file) }
            sharedStrings = try SharedStringsParser.parse(file, limits: limits)
        } else {
            sharedStrings = SharedStrings()
        }
        if archive["xl/styles.xml"] != nil {
            dateStyles = try StylesParser.dateStyles(try Self.part("xl/styles.xml", archive, limits: limits, &budget))
        } else {
            dateStyles = []
        }
    }

    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        guard let entry = archive[sheetPath] else { throw OfficeError.corrupt }
        var left = budget
        let file = try Self.extract(entry, from: archive, budget: &left)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let stream = InputStream(url: file) else { throw OfficeError.corrupt }
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

    /// A small part read whole, under its own cap and the workbook's, checked for a DTD.
    static func part(_ path: String, _ archive: ZipReader, limits: OfficeLimits, _ budget: inout Int) throws(OfficeError) -> Data {
        guard let entry = archive[path] else { throw .corrupt }
        var data = Data()
        var guardian = XMLGuard()
        let cap = min(budget, limits.maxPartBytes)
        do {
            try archive.extract(entry) { chunk in
                if data.count + chunk.count > cap { throw OfficeError.tooBig }
                try guardian.scan(chunk)
                data.append(chunk)
            }
            try guardian.finish()
        } catch let e as OfficeError {
            throw e
        } catch {
            throw .corrupt
        }
        budget -= data.count
        return data
    }

    /// A part decompressed to a private temporary file, counted against `budget` (and refused with `over` past its
    /// own `cap`) and checked for a DTD on the way.
    static func extract(
        _ entry: ZipReader.Entry, from archive: ZipReader, budget: inout Int, cap partCap: Int = .max, over: OfficeError = .tooBig
    ) throws(OfficeError) -> URL {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ud-part-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let out = try? FileHandle(forWritingTo: tmp)
        else {
            throw OfficeError("无法创建临时文件")
        }
        var written = 0
        var guardian = XMLGuard()
        let cap = budget
        do {
            try archive.extract(entry) { chunk in
                written += chunk.count
                if written > cap { throw OfficeError.tooBig }
                if written > partCap { throw over }
                try guardian.scan(chunk)
                try out.write(contentsOf: chunk)
            }
            try guardian.finish()
            try out.close()
        } catch {
            try? out.close()
            try? FileManager.default.removeItem(at: tmp)
            throw (error as? OfficeError) ?? .corrupt
        }
        budget -= written
        return tmp
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
    let shared: SharedStrings
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

    init(shared: SharedStrings, dateStyles: Set<Int>, date1904: Bool, limits: OfficeLimits, body: @escaping (TableRow) throws -> Void) {
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
                guard let i = Int(text), let string = shared[i] else {
                    fail(parser, OfficeError.corrupt)
                    return
                }
                cell = Cell(.text, string)
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
