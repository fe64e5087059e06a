import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Runs a small delegate over a whole (already size-capped) XML part.
private func parseXML(_ data: Data, _ delegate: some XMLParserDelegate) throws(OfficeError) {
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    if !parser.parse() { throw .corrupt }
}

/// `xl/workbook.xml`: sheet names with their relationship ids, and the 1904 date system flag.
enum WorkbookParser {
    final class Delegate: NSObject, XMLParserDelegate {
        var sheets: [(name: String, rid: String)] = []
        var date1904 = false
        func parser(
            _ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if name == "sheet", let n = attributes["name"],
                let rid = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value
            {
                sheets.append((n, rid))
            }
            if name == "workbookPr", let v = attributes["date1904"] { date1904 = v == "1" || v == "true" }
        }
    }

    static func parse(_ data: Data) throws(OfficeError) -> (sheets: [(name: String, rid: String)], date1904: Bool) {
        let d = Delegate()
        try parseXML(data, d)
        return (d.sheets, d.date1904)
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path.
enum RelationshipParser {
    final class Delegate: NSObject, XMLParserDelegate {
        var targets: [String: String] = [:]
        func parser(
            _ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if name == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
        }
    }

    static func parse(_ data: Data) throws(OfficeError) -> [String: String] {
        let d = Delegate()
        try parseXML(data, d)
        return d.targets
    }
}

/// A workbook's string table, held as one UTF-8 buffer and the end of each entry in it: a `String` an entry would
/// cost several times its text.
struct SharedStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    var count: Int { ends.count }
    var byteCount: Int { bytes.count }

    subscript(i: Int) -> String? {
        guard i >= 0, i < ends.count else { return nil }
        let start = i == 0 ? 0 : ends[i - 1]
        return String(decoding: bytes[start..<ends[i]], as: UTF8.self)
    }

    mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        ends.append(bytes.count)
    }
}

/// `xl/sharedStrings.xml`: the string table (rich-text runs joined, phonetic hints left out), streamed from its file
/// and capped in entries and bytes (`OfficeLimits.maxSharedStrings`, `maxSharedStringBytes`).
enum SharedStringsParser {
    final class Delegate: NSObject, XMLParserDelegate {
        let limits: OfficeLimits
        var strings = SharedStrings()
        var current = ""
        var inT = false
        var inPhonetic = false
        var failure: OfficeError?
        init(limits: OfficeLimits) { self.limits = limits }
        func fail(_ p: XMLParser, _ error: OfficeError) {
            if failure == nil { failure = error }
            p.abortParsing()
        }
        func parser(
            _ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            switch name {
            case "si": current = ""
            case "t": inT = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }
        func parser(_ p: XMLParser, foundCharacters string: String) {
            guard inT, failure == nil else { return }
            current += string
            if current.utf16.count > limits.maxCellCharacters * 2 {
                fail(p, OfficeError("有单元格内容过长（超过 \(limits.maxCellCharacters) 个字符）"))
            }
        }
        func parser(_ p: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard failure == nil else { return }
            switch name {
            case "t": inT = false
            case "rPh": inPhonetic = false
            case "si":
                strings.append(current)
                if strings.count > limits.maxSharedStrings || strings.byteCount > limits.maxSharedStringBytes {
                    fail(p, .sharedStrings)
                }
            default: break
            }
        }
    }

    static func parse(_ file: URL, limits: OfficeLimits) throws(OfficeError) -> SharedStrings {
        guard let stream = InputStream(url: file) else { throw .corrupt }
        let d = Delegate(limits: limits)
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.delegate = d
        let ok = parser.parse()
        parser.delegate = nil
        if let f = d.failure { throw f }
        if !ok { throw .corrupt }
        return d.strings
    }
}

/// `xl/styles.xml`: which cell styles (`s` index) format numbers as dates.
enum StylesParser {
    /// Built-in number formats that are dates or times, including the CJK ones.
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    final class Delegate: NSObject, XMLParserDelegate {
        var custom: [Int: String] = [:]
        var xfFormats: [Int] = []
        var inCellXfs = false
        func parser(
            _ p: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { custom[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: xfFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }
        func parser(_ p: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "cellXfs" { inCellXfs = false }
        }
    }

    static func dateStyles(_ data: Data) throws(OfficeError) -> Set<Int> {
        let d = Delegate()
        try parseXML(data, d)
        var result = Set<Int>()
        for (index, fmt) in d.xfFormats.enumerated() {
            if builtInDates.contains(fmt) || d.custom[fmt].map(isDateFormat) == true { result.insert(index) }
        }
        return result
    }

    /// A custom format is a date when, outside quoted text and brackets, it uses y, d or h.
    static func isDateFormat(_ code: String) -> Bool {
        var plain = ""
        var inQuote = false
        var inBracket = false
        for ch in code {
            if ch == "\"" { inQuote.toggle(); continue }
            if inQuote { continue }
            if ch == "[" { inBracket = true; continue }
            if ch == "]" { inBracket = false; continue }
            if !inBracket { plain.append(ch) }
        }
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d") || lower.contains("h")
    }
}
