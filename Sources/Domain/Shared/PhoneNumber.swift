/// A mainland mobile number: `1[3-9]` and nine more digits, after stripping `+86`/`0086`.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ text: String, field: String = "phone") throws(FieldError) {
        var s = Text.compact(text)
        if s.hasPrefix("+86") { s.removeFirst(3) } else if s.hasPrefix("0086") { s.removeFirst(4) }
        if s.isEmpty { throw FieldError(field: field, message: "手机号码不能为空") }
        let chars = Array(s)
        guard chars.count == 11, chars.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldError(field: field, message: "手机号码应为11位数字")
        }
        guard chars[0] == "1", ("3"..."9").contains(chars[1]) else {
            throw FieldError(field: field, message: "手机号码号段无效（应以13–19开头）")
        }
        value = s
    }

    /// `138****1234`.
    public var masked: String { Masking.phone(value) }
    public var description: String { masked }
}

/// 脱敏: how sensitive values are shown to someone who may not see them in full.
public enum Masking {
    /// Keeps the first six and last four characters of an ID number.
    public static func idNumber(_ s: String) -> String {
        keep(s, head: 6, tail: 4)
    }

    /// Keeps the first three and last four digits of a phone number.
    public static func phone(_ s: String) -> String {
        keep(s, head: 3, tail: 4)
    }

    /// A person's name on a public notice (公示): the surname and one star per other character, `张*`, `欧阳**`.
    public static func name(_ s: String) -> String {
        let chars = Array(s)
        guard chars.count > 1 else { return s }
        let surnameLength = chars.count >= 4 ? 2 : 1
        return String(chars.prefix(surnameLength)) + String(repeating: "*", count: chars.count - surnameLength)
    }

    /// Keeps the last four digits of a bank account.
    public static func bankAccount(_ s: String) -> String {
        keep(s, head: 0, tail: 4)
    }

    static func keep(_ s: String, head: Int, tail: Int) -> String {
        let bytes = Array(s.utf8)
        if bytes.count > head + tail, bytes.allSatisfy({ $0 < 0x80 }) {
            // The common case (digits), byte by byte: the Character path costs more than the rest of an import row.
            let stars = [UInt8](repeating: UInt8(ascii: "*"), count: bytes.count - head - tail)
            return String(decoding: bytes[..<head] + stars + bytes[(bytes.count - tail)...], as: UTF8.self)
        }
        let chars = Array(s)
        guard chars.count > head + tail else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(head)) + String(repeating: "*", count: chars.count - head - tail)
            + String(chars.suffix(tail))
    }
}
