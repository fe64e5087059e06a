/// A sign-in sheet (签到表) as a cadre keeps it: any title rows, then a header with a column of card numbers (会员证号),
/// then one row a person (a name column is read past). Blank rows are skipped; a row whose card is not one is named by
/// its row number; each card once, in the sheet's order.
public enum SignInSheet {
    public static let cardHeaders = ["会员证号", "会员证号码", "会员卡号", "证号"]

    /// The cards of `rows` (each a row number and its cells' text), at most `max`.
    public static func cards(_ rows: [(number: Int, cells: [String])], max: Int = 5_000) throws(FieldError) -> [String] {
        var column: Int?
        var out: [String] = []
        var seen = Set<String>()
        for row in rows {
            let cells = row.cells.map { Text.compact($0) }
            guard let c = column else {
                column = cells.firstIndex { cardHeaders.contains($0) }
                continue
            }
            let text = c < cells.count ? cells[c] : ""
            if text.isEmpty { continue }
            guard let card = MemberCard.parse(text) else {
                throw FieldError(field: "file", message: "签到表第\(row.number)行的会员证号“\(text.prefix(20))”无效（应为 GH 加数字）")
            }
            if seen.insert(card).inserted { out.append(card) }
            if out.count > max { throw FieldError(field: "file", message: "签到表一次最多\(max)人") }
        }
        guard column != nil else { throw FieldError(field: "file", message: "签到表中没有“会员证号”列（表头应写“会员证号”）") }
        guard !out.isEmpty else { throw FieldError(field: "file", message: "签到表中没有会员证号") }
        return out
    }
}

/// A quantity typed as a decimal (`8`, `1.5`, `4,000`), kept in thousandths.
public enum Quantity {
    public static func parse(_ s: String?, field: String, label: String) throws(FieldError) -> Int {
        guard let raw = Input.optional(s) else { throw FieldError(field: field, message: "\(label)不能为空") }
        let t = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if t.hasPrefix("-") { throw FieldError(field: field, message: "\(label)不能为负数") }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 9, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            let w = Int(whole)
        else { throw FieldError(field: field, message: "\(label)“\(raw.prefix(20))”不是有效数字") }
        var milli = w * 1000
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...3).contains(frac.count), frac.allSatisfy({ $0.isASCII && $0.isNumber }), let f = Int(frac) else {
                throw FieldError(field: field, message: "\(label)“\(raw.prefix(20))”最多三位小数")
            }
            milli += f * [100, 10, 1][frac.count - 1]
        }
        return milli
    }

    /// `1.5`, `8`, `0.125`.
    public static func text(_ milli: Int) -> String {
        let whole = milli / 1000
        var frac = String(abs(milli % 1000))
        guard frac != "0" else { return String(whole) }
        frac = String(repeating: "0", count: 3 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return "\(whole).\(frac)"
    }
}
