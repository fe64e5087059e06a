import Testing

@testable import Domain

@Suite("ID numbers (GB 11643)") struct IDNumberTests {
    @Test(
        "valid numbers from the standard and public validators",
        arguments: [
            ("11010519491231002X", "1949-12-31", Gender.female), ("440524188001010014", "1880-01-01", .male),
            ("34052419800101001X", "1980-01-01", .male), ("360426199101010071", "1991-01-01", .male),
            ("44011320141005001X", "2014-10-05", .male),
        ])
    func valid(_ value: String, _ birth: String, _ gender: Gender) throws {
        let id = try IDNumber(value)
        #expect(id.value == value)
        #expect(id.birthDate.iso == birth)
        #expect(id.gender == gender)
    }

    @Test(
        "invalid numbers name the reason",
        arguments: [
            ("340524198001010013", "校验位错误"), ("36042619910102009X", "校验位错误"), ("360426199113010079", "出生日期无效"),
            ("T60426199101010078", "前17位只能是数字"), ("", "不能为空"), ("1101051949123100", "应为18位"),
            ("4.41900E+17", "科学计数法"), ("441900198001010000.0", "科学计数法"), ("11010519490231002X", "出生日期无效"),
        ])
    func invalid(_ value: String, _ reason: String) {
        #expect {
            try IDNumber(value)
        } throws: { error in
            guard let e = error as? FieldError else { return false }
            return e.field == "idNumber" && e.message.contains(reason)
        }
    }

    @Test("15-digit legacy numbers are upgraded; lower-case x, full-width digits and spaces are accepted")
    func normalisation() throws {
        #expect(try IDNumber("110105491231002").value == "11010519491231002X")
        #expect(try IDNumber("130503670401001").value == "130503196704010016")
        #expect(try IDNumber("11010519491231002x").value == "11010519491231002X")
        #expect(try IDNumber("１１０１０５１９４９１２３１００２Ｘ").value == "11010519491231002X")
        #expect(try IDNumber(" 110105 19491231 002X ").value == "11010519491231002X")
    }

    @Test("composed numbers are valid and masked as 6 + 8 stars + 4")
    func composeAndMask() throws {
        let id = try IDNumber.compose(region: "440606", birth: CalendarDate(year: 1988, month: 2, day: 29)!, sequence: 7)
        #expect(try IDNumber(id.value) == id)
        #expect(id.gender == .male)
        #expect(try IDNumber("11010519491231002X").masked == "110105********002X")
    }
}

@Suite("Credit codes (GB 32100)") struct CreditCodeTests {
    @Test(
        "valid codes",
        arguments: ["91110000600037341L", "91110108551385082Q", "91310115MA1K3BTP2B", "121200004013590816", "91350100M000100Y43"])
    func valid(_ code: String) throws {
        #expect(try CreditCode(code).value == code)
    }

    @Test(
        "invalid codes",
        arguments: [
            ("91110000600037341N", "校验位错误"), ("9111000060003IOZSV", "不允许的字符"), ("91350100M000100Y4Z", "不允许的字符"),
            ("91310115MA1H8R7C6D", "校验位错误"), ("911101", "应为18位"),
        ])
    func invalid(_ code: String, _ reason: String) {
        #expect(performing: { try CreditCode(code) }, throws: { ($0 as? FieldError)?.message.contains(reason) == true })
    }

    @Test("union codes start with 81; compose makes valid codes")
    func unionCode() throws {
        let c = try CreditCode.compose("81440606MA1234567")
        #expect(c.isUnionCode)
        #expect(try CreditCode(c.value) == c)
        #expect(try !CreditCode("91110000600037341L").isUnionCode)
    }
}

@Suite("Phone numbers") struct PhoneTests {
    @Test("accepted forms", arguments: ["13800138000", "+86 138 0013 8000", "0086-19912345678", "１３８００１３８０００"])
    func valid(_ s: String) throws {
        #expect(try PhoneNumber(s).value.count == 11)
    }

    @Test("refused forms", arguments: ["12800138000", "1380013800", "138001380001", "010-12345678", "abc"])
    func invalid(_ s: String) {
        #expect(throws: FieldError.self) { try PhoneNumber(s) }
    }

    @Test("masked as 3 + 4 stars + 4")
    func masked() throws {
        #expect(try PhoneNumber("13812341234").masked == "138****1234")
    }
}

@Suite("Attachments") struct AttachmentTypeTests {
    @Test("the type is read from the content, never the name", arguments: [
        (Array("%PDF-1.7".utf8), AttachmentType.pdf), ([0xFF, 0xD8, 0xFF, 0xDB], .jpeg), ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], .png),
        (Array("MZ\u{90}".utf8), nil), (Array("PK\u{3}\u{4}".utf8), nil), (Array("%PDF".utf8), nil), ([], nil),
        (Array("<html><script>".utf8), nil),
    ] as [([UInt8], AttachmentType?)])
    func sniff(bytes: [UInt8], type: AttachmentType?) {
        #expect(AttachmentType.sniff(bytes) == type)
    }

    @Test("the name shown is the last part of what was sent, clean, short, with its type's extension", arguments: [
        ("../../etc/passwd", AttachmentType.pdf, "passwd.pdf"), ("C:\\扫描\\合同文本.PDF", .pdf, "合同文本.pdf"), ("照片.png", .jpeg, "照片.jpg"),
        ("\"><script>.pdf", .pdf, "script.pdf"), ("", .png, "附件.png"), ("...", .pdf, "附件.pdf"), ("a\u{0}b\r\n.pdf", .pdf, "ab.pdf"),
        ("\u{202E}fdp.exe", .pdf, "fdp.pdf"), (String(repeating: "长", count: 100) + ".pdf", .pdf, String(repeating: "长", count: 56) + ".pdf"),
    ] as [(String, AttachmentType, String)])
    func name(sent: String, type: AttachmentType, shown: String) {
        #expect(AttachmentName.clean(sent, type: type, fallback: "附件") == shown)
    }
}
