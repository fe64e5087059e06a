import Foundation
import Testing

@testable import Office

func fixture(_ name: String) -> URL {
    Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
}

func readAll(_ url: URL, sheet: String? = nil, limits: OfficeLimits = OfficeLimits()) throws -> [TableRow] {
    var rows: [TableRow] = []
    try TableFile.open(url, sheet: sheet, limits: limits).forEachRow { rows.append($0) }
    return rows
}

@Suite("Reading .xlsx and CSV") struct ReaderTests {
    @Test("an openpyxl roster: merged title, blank rows, shared strings, dates typed every way, mangled IDs")
    func openpyxl() throws {
        let rows = try readAll(fixture("roster-openpyxl.xlsx"))
        #expect(rows.first?.number == 1 && rows.first?[0].text == "示例公司工会会员花名册")
        let header = try #require(rows.first { $0[1].text == "姓名" })
        #expect(header.number == 3)
        let zhang = try #require(rows.first { $0[1].text == "张三" })
        #expect(zhang.number == 4)
        #expect(zhang[2] == Cell(.text, "11010519491231002x"))
        #expect(zhang[8] == Cell(.date, "2023-05-01"))
        let wang = try #require(rows.first { $0[1].text == "王五" })
        #expect(wang[8] == Cell(.number, "45047"))
        let zhao = try #require(rows.first { $0[1].text == "赵六" })
        // openpyxl writes the too-large integer as a float: the digits past 15 are already gone.
        #expect(zhao[2].kind == .number && zhao[2].text.lowercased().contains("e+17"))
        let qian = try #require(rows.first { $0[1].text == "钱七" })
        #expect(qian[2].kind == .number && qian[2].text.lowercased().contains("e+17"))
        #expect(!rows.contains { $0.number == 2 || $0.number == 7 }, "blank rows are absent, row numbers stay true")
        #expect(rows.last?.number == 11)
    }

    @Test("a chosen sheet is read; an unknown one is named in the error")
    func sheets() throws {
        let rows = try readAll(fixture("roster-openpyxl.xlsx"), sheet: "说明")
        #expect(rows.map { $0[0].text } == ["本表仅供测试"])
        #expect(throws: OfficeError.self) { try readAll(fixture("roster-openpyxl.xlsx"), sheet: "不存在") }
        let reader = try XlsxReader(url: fixture("roster-openpyxl.xlsx"))
        #expect(reader.sheetNames == ["会员花名册", "说明"])
    }

    @Test("a LibreOffice workbook converted from CSV reads the same values")
    func libreOffice() throws {
        let rows = try readAll(fixture("roster-libreoffice.xlsx"))
        #expect(rows.count == 4)
        #expect(rows[0][1].text == "姓名")
        #expect(rows[2][1].text == "李, 四")
        #expect(rows[2][2].text == "130503670401001")
        #expect(rows[2][11].text == "带\"引号\"")
    }

    @Test("CSV in UTF-8 with BOM and in GBK decode to the same rows")
    func csvEncodings() throws {
        let utf8 = try readAll(fixture("roster-utf8-bom.csv"))
        let gbk = try readAll(fixture("roster-gbk.csv"))
        #expect(utf8 == gbk)
        #expect(utf8[0][0].text == "序号")
        #expect(utf8[2][1].text == "李, 四")
        #expect(utf8[2][11].text == "带\"引号\"")
        #expect(utf8.count == 4)
    }

    @Test("CSV quoting: commas, doubled quotes and line breaks inside quotes; CRLF and LF")
    func csvQuoting() throws {
        var rows: [TableRow] = []
        try CsvReader(string: "a,\"b,1\",\"c \"\"q\"\"\"\r\n\"multi\nline\",,x\nlast").forEachRow { rows.append($0) }
        #expect(rows.map { $0.cells.map(\.text) } == [["a", "b,1", "c \"q\""], ["multi\nline", "", "x"], ["last"]])
        #expect(rows.map(\.number) == [1, 2, 3])
    }

    @Test("CSV files are read in blocks: rows, quoted line breaks and GBK characters cut at any byte read the same")
    func csvBlocks() throws {
        let text = "\u{FEFF}姓名,备注\r\n张三,\"第一行\n第二行，有“引号”\"\"\"\r\n李四,末行"
        let gbk = try #require(text.dropFirst().data(using: CsvReader.gb18030))
        for (data, name) in [(Data(text.utf8), "utf8"), (gbk, "gbk")] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-blocks-\(name)-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: url) }
            try data.write(to: url)
            var expected: [[String]] = []
            try CsvReader(url: url).forEachRow { expected.append($0.cells.map(\.text)) }
            #expect(expected == [["姓名", "备注"], ["张三", "第一行\n第二行，有“引号”\""], ["李四", "末行"]])
            for size in [1, 2, 3, 5, 7, 64] {
                var rows: [[String]] = []
                try CsvReader(url: url, blockSize: size).forEachRow { rows.append($0.cells.map(\.text)) }
                #expect(rows == expected, "block size \(size), \(name)")
            }
        }
    }

    @Test(
        "hostile and broken files get a clear Chinese message",
        arguments: [
            ("bad-truncated.xlsx", "损坏"), ("bad-old.xls", "旧版 Excel"), ("bad-renamed-docx.xlsx", "不是 Excel 工作簿"),
            ("bad-empty.xlsx", "空的"), ("bad-wide.xlsx", "列数超过上限"), ("bad-big-cell.xlsx", "内容过长"),
            ("bad-zip-bomb.xlsx", "过大"), ("bad-xxe.xlsx", "DTD"),
        ])
    func hostile(_ name: String, _ message: String) {
        #expect {
            _ = try readAll(fixture(name))
        } throws: { error in
            (error as? OfficeError)?.message.contains(message) == true
        }
    }

    @Test("a row cap stops a long file")
    func rowCap() {
        #expect(throws: OfficeError.self) { try readAll(fixture("roster-openpyxl.xlsx"), limits: OfficeLimits(maxRows: 3)) }
    }

    @Test(
        "Excel serial dates in the 1900 system",
        arguments: [(45047.0, "2023-05-01"), (1.0, "1900-01-01"), (61.0, "1900-03-01"), (36526.0, "2000-01-01")])
    func serials(_ serial: Double, _ iso: String) {
        #expect(XlsxReader.isoDate(serial: serial, date1904: false) == iso)
    }

    @Test(
        "custom number formats are recognised as dates",
        arguments: [("yyyy\"年\"m\"月\"d\"日\"", true), ("0.00", false), ("[Red]#,##0", false), ("yyyy/mm/dd", true), ("@", false)])
    func dateFormats(_ code: String, _ isDate: Bool) {
        #expect(StylesParser.isDateFormat(code) == isDate)
    }
}

@Suite("Writing .xlsx") struct WriterTests {
    @Test("a written workbook reads back: text stays text, numbers stay numbers, several sheets")
    func roundTrip() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let w = try XlsxWriter(url: url)
        try w.addSheet(
            "会员", columns: [.init("姓名"), .init("身份证号", width: 22), .init("人数")],
            rows: [[.text("张三"), .text("11010519491231002X"), .number(3)], [.text("<&\"李\">"), .text("000123"), .empty]])
        try w.addSheet("说明", columns: [.init("说明")], rows: [[.text("填写说明")]])
        try w.close()
        let reader = try XlsxReader(url: url)
        #expect(reader.sheetNames == ["会员", "说明"])
        var rows: [TableRow] = []
        try reader.forEachRow { rows.append($0) }
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].cells == [.text("张三"), .text("11010519491231002X"), Cell(.number, "3")])
        #expect(rows[2][0].text == "<&\"李\">" && rows[2][1] == .text("000123"))
    }

    @Test("column names: A, Z, AA, XFD")
    func columnNames() {
        #expect([0, 25, 26, 16383].map(XlsxWriter.columnName) == ["A", "Z", "AA", "XFD"])
        #expect(XlsxReader.column(of: "XFD1") == 16383)
    }
}
