import Domain
import Foundation
import PropertyBased
import Testing

/// Properties of the parsers of outside input, over generated values (x-sheep/swift-property-based): what prints,
/// parses back the same; what is refused is refused with a message, never a trap.
@Suite("Parser properties") struct ParserPropertyTests {
    /// Any scalar (a surrogate code, which is no scalar, becomes `?`): CJK, full-width forms and format characters included.
    let anyText = Gen.int(in: 0...0x10_FFFF).map { Character(UnicodeScalar(UInt32($0)) ?? "?") }.string(of: 0...40)

    @Test("a date's ISO form and day number give the same date back; arithmetic stays within the representable days")
    func dates() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: -800_000...3_000_000), Gen.int(in: -5_000_000...5_000_000)) { n, days in
            let d = CalendarDate(dayNumber: n)
            #expect(CalendarDate(parsing: d.iso) == d || d.year < 1000)
            #expect(CalendarDate(dayNumber: d.dayNumber) == d)
            let later = d.adding(days: days)
            #expect(later >= CalendarDate.earliest && later <= CalendarDate.latest)
            #expect(days < 0 || later >= d)
            #expect(d.adding(months: days).day <= 31)
        }
    }

    @Test("typed dates outside the accepted years are refused with the field named")
    func acceptedYears() async {
        await propertyCheck(count: 1_000, input: Gen.int(in: 1000...9999), Gen.int(in: 1...12)) { year, month in
            let text = "\(year)-\(month)-01"
            do {
                let d = try Input.date(text, field: "d", label: "日期")
                #expect(d.map { CalendarDate.acceptedYears.contains($0.year) } == true)
            } catch {
                #expect((error as? FieldError)?.field == "d" && !CalendarDate.acceptedYears.contains(year))
            }
        }
    }

    @Test("money: any fen up to 1亿 prints as yuan and parses back exactly")
    func money() async {
        await propertyCheck(count: 5_000, input: Gen.int(in: 0...Money.maxFen)) { fen in
            #expect((try? Money.parse(Money.yuan(fen), field: "a", label: "金额")) == fen)
            #expect(!Money.phrase(fen).isEmpty)
        }
    }

    @Test("ID numbers: a composed number validates and keeps its birth date; one changed digit is refused")
    func idNumbers() async {
        await propertyCheck(count: 1_000, input: Gen.int(in: -25_000...20_000), Gen.int(in: 0...999), Gen.int(in: 0...16)) {
            (day: Int, seq: Int, pos: Int) in
            let birth = CalendarDate(dayNumber: day)
            guard let id = try? IDNumber.compose(region: "440606", birth: birth, sequence: seq) else {
                Issue.record("compose failed for \(birth.iso)")
                return
            }
            #expect(id.birthDate == birth)
            var chars = Array(id.value)
            chars[pos] = chars[pos] == "0" ? "1" : "0"
            #expect((try? IDNumber(String(chars))) == nil)
        }
    }

    @Test("arbitrary text never traps a parser, and what a parser accepts prints back the same")
    func anything() async {
        await propertyCheck(count: 3_000, input: anyText) { s in
            _ = CalendarDate(parsing: s)
            if let id = try? IDNumber(s) { #expect((try? IDNumber(id.value)) == id) }
            if let c = try? CreditCode(s) { #expect((try? CreditCode(c.value)) == c) }
            if let p = try? PhoneNumber(s) { #expect((try? PhoneNumber(p.value)) == p) }
            if let fen = try? Money.parse(s, field: "a", label: "金额") { #expect(fen >= 0 && fen <= Money.maxFen) }
            if let name = try? Input.name(s, field: "n", label: "姓名") { #expect(Text.removingFormatCharacters(name) == name) }
            _ = Markdown.escape(s)
        }
    }
}
