import Foundation
import ZIPFoundation

/// A Word document laid out as a Chinese official document (GB/T 9704-2012, DOMAIN.md §11.2): A4; margins top 37 mm,
/// left (binding) 28 mm, right 26 mm, bottom 35 mm; body 仿宋 三号 (16 pt) at a fixed 28.9 pt line (22 lines a page),
/// indented two characters; title 小标宋 二号 (22 pt) centred; `一、` headings 黑体, `（一）` headings 楷体; page numbers
/// 四号 “— 1 —”, odd pages right and even pages left, one character in. Fonts are named as offices install them
/// (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312); a reader without them substitutes.
public struct DocxDocument: Sendable {
    public enum Style: String, Sendable, CaseIterable {
        case title = "Title", heading1 = "Heading1", heading2 = "Heading2", body = "Body", signature = "Signature"
    }

    public private(set) var paragraphs: [(style: Style, text: String)] = []
    public var title: String

    public init(title: String) { self.title = title }

    public mutating func add(_ style: Style, _ text: String) { paragraphs.append((style, text)) }

    /// The `.docx` package.
    public func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addText("[Content_Types].xml", Self.contentTypes)
        try archive.addText("_rels/.rels", Self.packageRels)
        try archive.addText("docProps/core.xml", core)
        try archive.addText("word/_rels/document.xml.rels", Self.documentRels)
        try archive.addText("word/document.xml", document)
        try archive.addText("word/styles.xml", Self.styles)
        try archive.addText("word/settings.xml", Self.settings)
        try archive.addText("word/footer1.xml", Self.footer(align: "right", indent: "w:right=\"280\""))
        try archive.addText("word/footer2.xml", Self.footer(align: "left", indent: "w:left=\"280\""))
        guard let data = archive.data else { throw OfficeError("文档打包失败") }
        return data
    }

    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    var document: String {
        let body = paragraphs.map { p in
            "<w:p><w:pPr><w:pStyle w:val=\"\(p.style.rawValue)\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(XlsxWriter.escape(p.text))</w:t></w:r></w:p>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(Self.w)" xmlns:r="\(Self.r)"><w:body>\(body)\
            <w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="even" r:id="rId4"/>\
            <w:pgSz w:w="11906" w:h="16838"/>\
            <w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1134" w:gutter="0"/>\
            <w:docGrid w:type="lines" w:linePitch="578"/></w:sectPr></w:body></w:document>
            """
    }

    var core: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(XlsxWriter.escape(title))</dc:title><dc:creator>UnionDesk 工会工作台</dc:creator></cp:coreProperties>
        """
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>\
        </Relationships>
        """

    /// Odd and even pages carry different footers (the page number's side alternates).
    static let settings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="\(w)"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/></w:settings>
        """

    /// A run font: Latin and East Asian faces.
    static func fonts(_ face: String) -> String {
        "<w:rFonts w:ascii=\"\(face)\" w:eastAsia=\"\(face)\" w:hAnsi=\"\(face)\" w:cs=\"\(face)\"/>"
    }

    /// Body paragraphs: 三号 (16 pt = 32 half-points), exactly 28.9 pt (578 twips) a line, first line indented two characters.
    static let styles: String = {
        func style(_ id: String, _ name: String, ppr: String, face: String, size: Int, bold: Bool = false) -> String {
            """
            <w:style w:type="paragraph" w:customStyle="1" w:styleId="\(id)"><w:name w:val="\(name)"/><w:basedOn w:val="Normal"/>\
            <w:pPr>\(ppr)</w:pPr><w:rPr>\(fonts(face))\(bold ? "<w:b/>" : "")<w:sz w:val="\(size)"/><w:szCs w:val="\(size)"/></w:rPr></w:style>
            """
        }
        let line = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"578\" w:lineRule=\"exact\"/>"
        let indent = "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="\(w)"><w:docDefaults><w:rPrDefault><w:rPr>\(fonts("仿宋_GB2312"))<w:sz w:val="32"/><w:szCs w:val="32"/>\
            <w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\(line)<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
            \(style("Title", "公文标题", ppr: "<w:jc w:val=\"center\"/><w:spacing w:before=\"0\" w:after=\"578\" w:line=\"700\" w:lineRule=\"exact\"/>", face: "方正小标宋简体", size: 44))\
            \(style("Heading1", "一级标题", ppr: line + indent + "<w:outlineLvl w:val=\"0\"/>", face: "黑体", size: 32))\
            \(style("Heading2", "二级标题", ppr: line + indent + "<w:outlineLvl w:val=\"1\"/>", face: "楷体_GB2312", size: 32))\
            \(style("Body", "正文", ppr: line + indent, face: "仿宋_GB2312", size: 32))\
            \(style("Signature", "落款", ppr: line + "<w:ind w:right=\"1280\"/><w:jc w:val=\"right\"/>", face: "仿宋_GB2312", size: 32))\
            </w:styles>
            """
    }()

    /// 四号 (14 pt) page number between dashes: `— 1 —`.
    static func footer(align: String, indent: String) -> String {
        let rpr = "<w:rPr>\(fonts("宋体"))<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:ftr xmlns:w="\(w)" xmlns:r="\(r)"><w:p><w:pPr><w:jc w:val="\(align)"/><w:ind \(indent)/></w:pPr>\
            <w:r>\(rpr)<w:t xml:space="preserve">— </w:t></w:r><w:r>\(rpr)<w:fldChar w:fldCharType="begin"/></w:r>\
            <w:r>\(rpr)<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>\(rpr)<w:fldChar w:fldCharType="separate"/></w:r>\
            <w:r>\(rpr)<w:t>1</w:t></w:r><w:r>\(rpr)<w:fldChar w:fldCharType="end"/></w:r><w:r>\(rpr)<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
            """
    }
}
