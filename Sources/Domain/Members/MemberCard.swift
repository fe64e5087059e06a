/// A union membership card number (会员证号) as issued, `GH` and eight digits (`GH00000139`); typed as `gh139` or with
/// spaces it is the same card.
public enum MemberCard {
    /// The card number a person typed, padded as issued; nil when it is not one.
    public static func parse(_ text: String) -> String? {
        let t = Text.compact(text).uppercased()
        guard t.hasPrefix("GH"), case let digits = t.dropFirst(2), (1...8).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int(digits)
        else { return nil }
        return number(n)
    }

    /// The `n`th card number.
    public static func number(_ n: Int) -> String {
        let s = String(n)
        return "GH" + String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    /// A card typed into a form field: nil when left empty, refused by name when it is not a card number.
    public static func typed(_ s: String?, field: String) throws(FieldError) -> String? {
        guard let t = Input.optional(s) else { return nil }
        guard let c = parse(t) else { throw FieldError(field: field, message: "“\(t.prefix(20))”不是会员证号（应为 GH 加数字，如 GH00000139）") }
        return c
    }

    /// A card a form must have.
    public static func required(_ s: String?, field: String, label: String = "会员证号") throws(FieldError) -> String {
        guard let c = try typed(s, field: field) else { throw FieldError(field: field, message: "\(label)不能为空") }
        return c
    }
}
