/// A resident ID number (公民身份号码, GB 11643-1999), validated with ISO 7064 MOD 11-2.
///
/// Birth date and gender are derived from the number and never typed.
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The normalised 18-character value (upper-case `X`).
    public let value: String
    public let birthDate: CalendarDate
    public let gender: Gender

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars: [UInt8] = Array("10X98765432".utf8)

    /// Validates `text`; full-width digits, spaces and a lower-case `x` are accepted,
    /// and a 15-digit legacy number is upgraded to 18 digits.
    public init(_ text: String, field: String = "idNumber") throws(FieldError) {
        func fail(_ reason: String) -> FieldError {
            FieldError(field: field, message: "身份证号\(reason)")
        }
        // Worked on as ASCII bytes: Character-by-Character work costs more than the whole rest of an import row.
        let s = Text.compact(text)
        if s.isEmpty { throw fail("不能为空") }
        var chars = s.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        if chars.contains(UInt8(ascii: ".")) || zip(chars, chars.dropFirst()).contains(where: { $0 == 0x45 && $1 == 0x2B }) {
            throw fail("已被 Excel 转成科学计数法，末尾数字已丢失：请把该列设为文本后重新录入")
        }
        let length = chars.allSatisfy { $0 < 0x80 } ? chars.count : s.count
        if length == 15 {
            guard chars.allSatisfy(digit) else { throw fail("只能由数字组成（15位旧号码）") }
            chars.insert(contentsOf: [0x31, 0x39], at: 6)
            chars.append(IDNumber.checkByte(for: chars))
        }
        guard length == 15 || length == 18 else { throw fail("应为18位（现为\(length)位）") }
        guard chars.count == 18, chars[0..<17].allSatisfy(digit) else { throw fail("前17位只能是数字") }
        func number(_ range: Range<Int>) -> Int { chars[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let year = number(6..<10)
        guard let birth = CalendarDate(year: year, month: number(10..<12), day: number(12..<14)), year >= 1800
        else { throw fail("中的出生日期无效") }
        guard chars[17] == IDNumber.checkByte(for: chars) else { throw fail("校验位错误，请核对号码") }
        value = String(decoding: chars, as: UTF8.self)
        birthDate = birth
        gender = Int(chars[16] - 0x30) % 2 == 1 ? .male : .female
    }

    /// The check character (ASCII) of the first 17 digits.
    static func checkByte(for body: [UInt8]) -> UInt8 {
        var sum = 0
        for i in 0..<17 { sum += Int(body[i] - 0x30) * weights[i] }
        return checkChars[sum % 11]
    }

    /// `110105********002X`: first six and last four shown.
    public var masked: String { Masking.idNumber(value) }
    public var description: String { masked }
}

public enum Gender: String, Codable, Sendable, CaseIterable {
    case male, female
    public var label: String { self == .male ? "男" : "女" }

    public init?(label: String) {
        switch Text.clean(label) {
        case "男", "男性": self = .male
        case "女", "女性": self = .female
        default: return nil
        }
    }
}

extension IDNumber {
    /// Builds a valid number from its parts (demo data and tests): region code, birth date, 3-digit sequence.
    /// Fails when the region code is not six digits.
    public static func compose(region: String, birth: CalendarDate, sequence: Int) throws(FieldError) -> IDNumber {
        let seq = String(abs(sequence % 1000))
        let body = Array((region + birth.iso.filter { $0 != "-" } + String(repeating: "0", count: 3 - seq.count) + seq).utf8)
        guard body.count == 17, body.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw FieldError(field: "idNumber", message: "地区码应为6位数字")
        }
        return try IDNumber(String(decoding: body + [checkByte(for: body)], as: UTF8.self))
    }
}
