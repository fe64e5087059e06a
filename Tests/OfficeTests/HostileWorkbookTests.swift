import Foundation
import Testing
import ZIPFoundation

@testable import Office

/// A workbook built part by part, to say exactly what a hostile file holds.
enum Workbook {
    static let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    static let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"

    static func parts(sheet: String? = nil, shared: Data? = nil) -> [String: Data] {
        var parts: [String: Data] = [
            "[Content_Types].xml": Data(
                (head + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>").utf8),
            "xl/workbook.xml": Data(
                (head + "<workbook \(ns) xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                    + "<sheet name=\"会员\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").utf8),
            "xl/_rels/workbook.xml.rels": Data(
                (head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>").utf8),
            "xl/worksheets/sheet1.xml": Data(
                (sheet
                    ?? head + "<worksheet \(ns)><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                    + "</sheetData></worksheet>").utf8),
        ]
        parts["xl/sharedStrings.xml"] = shared ?? Data((head + "<sst \(ns)><si><t>姓名</t></si><si><t>张三</t></si></sst>").utf8)
        return parts
    }

    static func write(_ parts: [String: Data]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-hostile-\(UUID().uuidString).xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        return url
    }

    static func read(_ parts: [String: Data], limits: OfficeLimits = OfficeLimits()) throws -> [TableRow] {
        let url = try write(parts)
        defer { try? FileManager.default.removeItem(at: url) }
        return try readAll(url, limits: limits)
    }
}

@Suite("Hostile workbooks") struct HostileWorkbookTests {
    @Test("a plain workbook built by hand reads")
    func plain() throws {
        let rows = try Workbook.read(Workbook.parts())
        #expect(rows.first?.cells.map(\.text) == ["姓名", "张三"])
    }

    @Test("a DTD is refused wherever it stands in a part, not only in its first 4 KB")
    func dtdAnywhere() throws {
        let comment = "<!--" + String(repeating: "填充", count: 10_000) + "-->"
        let late = Workbook.head + comment + "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]><worksheet \(Workbook.ns)><sheetData/></worksheet>"
        #expect(throws: OfficeError.dtd) { try Workbook.read(Workbook.parts(sheet: late)) }
        let shared = Data((Workbook.head + comment + "<!ENTITY b \"x\"><sst \(Workbook.ns)/>").utf8)
        #expect(throws: OfficeError.dtd) { try Workbook.read(Workbook.parts(shared: shared)) }
    }

    @Test("a part in another encoding is refused: UTF-16 with its mark, NUL bytes, or a declared non-UTF-8 encoding")
    func encodings() throws {
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(("<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x [<!ENTITY a \"b\">]><sst \(Workbook.ns)/>").data(using: .utf16LittleEndian)!)
        #expect(throws: OfficeError.encoding) { try Workbook.read(Workbook.parts(shared: utf16)) }
        let noMark = ("<?xml version=\"1.0\"?><sst \(Workbook.ns)/>").data(using: .utf16LittleEndian)!
        #expect(throws: OfficeError.encoding) { try Workbook.read(Workbook.parts(shared: noMark)) }
        let latin = Data(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><sst \(Workbook.ns)><si><t>a</t></si></sst>").utf8)
        #expect(throws: OfficeError.encoding) { try Workbook.read(Workbook.parts(shared: latin)) }
        let ebcdic = Data(("<?xml version='1.0' encoding='IBM037'?><sst/>").utf8)
        #expect(throws: OfficeError.encoding) { try Workbook.read(Workbook.parts(shared: ebcdic)) }
    }

    @Test("bytes that are not UTF-8 are refused before any XML parser sees them (Foundation's traps on `<\\u{E5}ne=`)")
    func invalidUTF8() throws {
        // The smallest input the xlsx fuzz target found stopping the process inside Foundation's XMLParser.
        let crash = Data([0x3C, 0xE5, 0x6E, 0x65, 0x3D])
        #expect(throws: OfficeError.encoding) { try Workbook.read(Workbook.parts(shared: crash)) }
        var sheet = Data(Workbook.head.utf8)
        sheet.append(contentsOf: [0x3C, 0x77, 0xC0, 0xAF, 0x3E])  // an overlong "/"
        #expect(throws: OfficeError.encoding) { try Workbook.read(Workbook.parts(shared: sheet)) }
        let cut = Data((Workbook.head + "<sst \(Workbook.ns)><si><t>张").utf8).dropLast()
        #expect(throws: OfficeError.self) { try Workbook.read(Workbook.parts(shared: Data(cut))) }
        var check = UTF8Check()
        #expect(Array("甲乙😀".utf8).allSatisfy { check.feed($0) } && check.complete)
        for bad: [UInt8] in [[0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80], [0xFF], [0x80]] {
            var c = UTF8Check()
            #expect(!bad.allSatisfy { c.feed($0) }, "\(bad)")
        }
    }

    @Test("the shared-string table is capped in bytes and entries, however small the file")
    func sharedStringCaps() throws {
        let entry = "<si><t>" + String(repeating: "A", count: 1_000) + "</t></si>"
        let big = Data((Workbook.head + "<sst \(Workbook.ns)>" + String(repeating: entry, count: 200) + "</sst>").utf8)
        let small = OfficeLimits(maxSharedStringBytes: 100_000)
        #expect(throws: OfficeError.sharedStrings) { try Workbook.read(Workbook.parts(shared: big), limits: small) }
        #expect(throws: OfficeError.sharedStrings) {
            try Workbook.read(Workbook.parts(shared: big), limits: OfficeLimits(maxSharedStrings: 150))
        }
        // Under the caps it reads, and the compact table gives back every entry.
        let rows = try Workbook.read(Workbook.parts(shared: big))
        #expect(rows.first?[0].text.count == 1_000)
        // The table's XML itself is capped at four times its text (escapes and markup), before any of it is parsed.
        let markup = Data((Workbook.head + "<sst \(Workbook.ns)>" + String(repeating: "<si><t></t></si>", count: 40_000) + "</sst>").utf8)
        #expect(throws: OfficeError.sharedStrings) {
            try Workbook.read(Workbook.parts(shared: markup), limits: OfficeLimits(maxSharedStringBytes: 100_000))
        }
    }

    @Test("the guard sees markup cut by a chunk boundary")
    func boundaries() throws {
        let text = Array((Workbook.head + "<a>x</a><!DOCTYPE y>").utf8)
        for cut in 1..<text.count {
            var g = XMLGuard()
            var refused = false
            do {
                try g.scan(Data(text[..<cut]))
                try g.scan(Data(text[cut...]))
                try g.finish()
            } catch {
                refused = error == .dtd
            }
            #expect(refused, "cut at \(cut)")
        }
    }
}
