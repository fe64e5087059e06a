/// A resident ID number (公民身份号码, GB 11643-1999), validated with ISO 7064 MOD 11-2.
///
/// Birth date and gender are derived from the number and never typed.
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The normalised 18-character value (upper-case `X`).
    public let value: String
    public let birthDate: CalendarDate
    public let gender: Gender

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates `text`; full-width digits, spaces and a lower-case `x` are accepted,
    /// and a 15-digit legacy number is upgraded to 18 digits.
    public init(_ text: String, field: String = "idNumber") throws(FieldError) {
        func fail(_ reason: String) -> FieldError {
            FieldError(field: field, message: "身份证号\(reason)")
        }
        let s = Text.compact(text).uppercased()
        if s.isEmpty { throw fail("不能为空") }
        if s.contains("E+") || s.contains(".") {
            throw fail("已被 Excel 转成科学计数法，末尾数字已丢失：请把该列设为文本后重新录入")
        }
        var chars = Array(s)
        if chars.count == 15 {
            guard chars.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw fail("只能由数字组成（15位旧号码）") }
            chars.insert(contentsOf: ["1", "9"], at: 6)
            chars.append(IDNumber.checkChar(for: chars))
        }
        guard chars.count == 18 else { throw fail("应为18位（现为\(chars.count)位）") }
        guard chars[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }) else { throw fail("前17位只能是数字") }
        guard let year = Int(String(chars[6..<10])), let month = Int(String(chars[10..<12])),
            let day = Int(String(chars[12..<14])),
            let birth = CalendarDate(year: year, month: month, day: day), year >= 1800
        else { throw fail("中的出生日期无效") }
        let expected = IDNumber.checkChar(for: Array(chars[0..<17]))
        guard chars[17] == expected else { throw fail("校验位错误，请核对号码") }
        value = String(chars)
        birthDate = birth
        gender = Int(String(chars[16]))! % 2 == 1 ? .male : .female
    }

    static func checkChar(for body: [Character]) -> Character {
        var sum = 0
        for (i, ch) in body.prefix(17).enumerated() { sum += Int(String(ch))! * weights[i] }
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
    public static func compose(region: String, birth: CalendarDate, sequence: Int) -> IDNumber {
        let seq = String(sequence % 1000)
        let body = Array(region + birth.iso.filter { $0 != "-" } + String(repeating: "0", count: 3 - seq.count) + seq)
        return try! IDNumber(String(body) + String(checkChar(for: body)))
    }
}
