import Foundation
import Testing
import ZIPFoundation

@testable import Office

@Suite("Word documents") struct DocxWriterTests {
    func part(_ data: Data, _ path: String) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path], "missing \(path)")
        var out = Data()
        _ = try archive.extract(entry) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    @Test("a GB/T 9704 page: A4, the standard's margins, 28.9 pt lines, styles by level, page numbers; text escaped")
    func layout() throws {
        var d = DocxDocument(title: "示例镇总工会2026年工作总结")
        d.add(.title, "示例镇总工会2026年工作总结")
        d.add(.heading1, "一、主要工作及成效")
        d.add(.body, "帮扶<困难>职工 & 家属")
        d.add(.signature, "2026年11月26日")
        let data = try d.data()
        let document = try part(data, "word/document.xml")
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(document.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\""))
        #expect(document.contains("帮扶&lt;困难&gt;职工 &amp; 家属"))
        #expect(document.contains("<w:pStyle w:val=\"Heading1\"/>"))
        let styles = try part(data, "word/styles.xml")
        #expect(styles.contains("w:line=\"578\" w:lineRule=\"exact\""))
        #expect(styles.contains("方正小标宋简体") && styles.contains("<w:sz w:val=\"44\"/>") && styles.contains("楷体_GB2312"))
        #expect(try part(data, "word/settings.xml").contains("<w:evenAndOddHeaders/>"))
        let odd = try part(data, "word/footer1.xml")
        #expect(odd.contains("<w:jc w:val=\"right\"/>") && odd.contains("— ") && odd.contains(" PAGE "))
        #expect(try part(data, "word/footer2.xml").contains("<w:jc w:val=\"left\"/>"))
        #expect(try part(data, "docProps/core.xml").contains("<dc:title>示例镇总工会2026年工作总结</dc:title>"))
    }
}
