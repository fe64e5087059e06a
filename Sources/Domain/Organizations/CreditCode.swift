/// A unified social credit code (统一社会信用代码, GB 32100-2015), checked mod 31.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    static let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public init(_ text: String, field: String = "creditCode") throws(FieldError) {
        let s = Text.compact(text).uppercased()
        guard !s.isEmpty else { throw FieldError(field: field, message: "统一社会信用代码不能为空") }
        let chars = Array(s)
        guard chars.count == 18 else {
            throw FieldError(field: field, message: "统一社会信用代码应为18位（现为\(chars.count)位）")
        }
        var values: [Int] = []
        for ch in chars {
            guard let v = CreditCode.charset.firstIndex(of: ch) else {
                throw FieldError(field: field, message: "统一社会信用代码含有不允许的字符“\(ch)”（不使用 I、O、Z、S、V）")
            }
            values.append(v)
        }
        var sum = 0
        for i in 0..<17 { sum += values[i] * CreditCode.weights[i] }
        let check = (31 - sum % 31) % 31
        guard values[17] == check else {
            throw FieldError(field: field, message: "统一社会信用代码校验位错误，请核对")
        }
        value = s
    }

    /// A grassroots union registered as a legal person has a code starting `81`.
    public var isUnionCode: Bool { value.hasPrefix("81") }
    public var description: String { value }
}

extension CreditCode {
    /// Builds a valid code from its first 17 characters (demo data and tests).
    /// Fails when the body is not 17 characters of the code's alphabet.
    public static func compose(_ body: String) throws(FieldError) -> CreditCode {
        let values = body.compactMap { charset.firstIndex(of: $0) }
        guard values.count == 17, body.count == 17 else { throw FieldError(field: "creditCode", message: "统一社会信用代码前17位无效") }
        var sum = 0
        for i in 0..<17 { sum += values[i] * weights[i] }
        return try CreditCode(body + String(charset[(31 - sum % 31) % 31]))
    }
}
