import Testing

@testable import Domain

@Suite("Hardening of text and input") struct HardeningRuleTests {
    @Test("Markdown: edited text and names cannot become HTML, links, headings or lists")
    func markdown() {
        let hostile = "<script>alert(1)</script> [点我](javascript:alert(1)) ![x](http://e/x.png) **粗** `码` | 表"
        let out = Markdown.escape(hostile)
        // Every character that opens markup is preceded by a backslash.
        let chars = Array(out)
        for (i, c) in chars.enumerated() where "<>[]()!`*|".contains(c) {
            #expect(i > 0 && chars[i - 1] == "\\", "unescaped \(c) at \(i) in \(out)")
        }
        #expect(out.contains("\\<script\\>") && out.contains("\\[点我\\]\\(javascript:alert\\(1\\)\\)"))
        #expect(Markdown.escape("# 标题\n- 项\n1. 一\n  + 二\n> 引") == "\\# 标题\n\\- 项\n1\\. 一\n  \\+ 二\n\\> 引")
        // Chinese prose, numbers and full-width punctuation are untouched.
        #expect(Markdown.escape("共收到信访事件57宗，其中市总工会转办38宗（含12.5万元）。") == "共收到信访事件57宗，其中市总工会转办38宗（含12.5万元）。")
    }

    @Test("names lose bidi overrides, zero-width and other invisible format characters")
    func invisible() throws {
        #expect(try Input.name("\u{202E}张三\u{202C}", field: "name", label: "姓名") == "张三")
        #expect(try Input.name("李\u{200B}四\u{FEFF}", field: "name", label: "姓名") == "李四")
        #expect(try Input.name("甲公司\u{2066}工会\u{2069}", field: "name", label: "名称") == "甲公司工会")
        #expect(throws: FieldError.self) { try Input.name("\u{202E}\u{200B}", field: "name", label: "姓名") }
        #expect(try Input.name("阿依古丽·买买提", field: "name", label: "姓名") == "阿依古丽·买买提")
    }

    @Test("parsers of outside input refuse, never trap, on extreme input")
    func extremes() {
        let long = String(repeating: "9", count: 100_000)
        #expect(CalendarDate(parsing: long) == nil)
        #expect(throws: FieldError.self) { try Money.parse(long, field: "amount", label: "金额") }
        #expect(throws: FieldError.self) { try IDNumber(long) }
        #expect(throws: FieldError.self) { try CreditCode(long) }
        #expect(throws: FieldError.self) { try Input.int(long, field: "n", label: "数量", range: 0...10) }
        #expect(throws: FieldError.self) { try IDNumber.compose(region: "44", birth: CalendarDate.earliest, sequence: -7) }
    }
}
