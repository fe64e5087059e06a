/// Money is whole fen (分) in an `Int`, everywhere: parsed from what cadres type, printed as 元 or 万元.
/// No floating point is ever used: amounts are read digit by digit.
public enum Money {
    /// The largest amount accepted anywhere: 100 million yuan.
    public static let maxFen = 10_000_000_000

    /// Reads `1234`, `1234.5`, `1,234.50`, `¥1234`, `1234.5元`, `１２３４`, `1.2万`, `3万元` into fen; anything else,
    /// a third decimal of a yuan, a negative or an amount above the cap is refused with a message naming the field.
    public static func parse(_ text: String, field: String, label: String) throws(FieldError) -> Int {
        func fail(_ reason: String) -> FieldError { FieldError(field: field, message: "\(label)\(reason)") }
        var s = String(Text.halfWidth(text).filter { !$0.isWhitespace })
        if s.isEmpty { throw fail("不能为空") }
        for prefix in ["¥", "￥", "RMB"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        if s.hasSuffix("元") { s.removeLast() }
        var scale = 100  // fen per unit typed
        var unit = "元"
        if s.hasSuffix("万") {
            s.removeLast()
            scale = 1_000_000
            unit = "万元"
        }
        if s.hasPrefix("-") { throw fail("不能为负数") }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { throw fail("“\(text)”不是有效金额，应为 1234.50 这样的数字") }
        // Thousands separators must sit in groups of three.
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            groups.count == 1 || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 })
        else { throw fail("“\(text)”不是有效金额，应为 1234.50 这样的数字") }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit) else { throw fail("“\(text)”不是有效金额，应为 1234.50 这样的数字") }
        let digits = groups.joined()
        guard digits.count <= 12 else { throw fail("超出上限") }
        // Fen per unit has `places` decimal places; more typed decimals than that would be a fraction of a fen.
        let places = scale == 100 ? 2 : 6
        let significant = fraction.reversed().drop(while: { $0 == "0" }).count
        guard significant <= places else {
            throw fail(unit == "元" ? "最多保留两位小数（到分）" : "以万元为单位时最多保留六位小数")
        }
        var fen = 0
        for c in digits { fen = fen * 10 + (c.asciiDigitValue ?? 0) }
        fen *= scale
        var place = scale / 10
        for c in fraction.prefix(places) {
            fen += (c.asciiDigitValue ?? 0) * place
            place /= 10
        }
        guard fen <= maxFen else { throw fail("超出上限（1亿元）") }
        return fen
    }

    /// `1,234.50` — yuan with two decimals and thousands separators.
    public static func yuan(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        // The magnitude, not abs(): abs(Int.min) does not exist.
        let a = fen.magnitude
        let whole = String(a / 100)
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let cents = a % 100
        return sign + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// How work summaries write money: `5000元`, `1.09万元`, `12.2万元` (below 10,000 yuan in 元, trailing zeros dropped).
    public static func phrase(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        if a < 1_000_000 {
            return sign + decimal(a, divisor: 100, places: 2) + "元"
        }
        // 万元 to two decimals, rounded half away from zero (on the magnitude, which cannot overflow here).
        return sign + decimal(a / 10_000 + (a % 10_000 >= 5_000 ? 1 : 0), divisor: 100, places: 2) + "万元"
    }

    private static func decimal(_ a: UInt, divisor: UInt, places: Int) -> String {
        var frac = String(a % divisor)
        frac = String(repeating: "0", count: places - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return String(a / divisor) + (frac.isEmpty ? "" : "." + frac)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
