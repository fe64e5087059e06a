/// Helpers for turning loosely typed form or JSON values into checked ones.
public enum Input {
    /// A trimmed, non-empty value or nil.
    public static func optional(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = Text.clean(s)
        return t.isEmpty ? nil : t
    }

    public static func required(_ s: String?, field: String, name: String) throws(FieldError) -> String {
        guard let t = optional(s) else { throw FieldError(field: field, message: "\(name)不能为空") }
        return t
    }

    /// A person's or an organisation's name: letters (any script), `·`, spaces, brackets; no control characters.
    /// Invisible format characters (bidi overrides such as U+202E, zero-width spaces and joiners, the BOM) are
    /// removed first: they would make a name display differently from what it is.
    public static func name(_ s: String?, field: String, label: String, max: Int = 30) throws(FieldError) -> String {
        let t = try required(s.map(Text.removingFormatCharacters), field: field, name: label)
        if t.count > max { throw FieldError(field: field, message: "\(label)不能超过\(max)个字") }
        if t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || "<>\"'&;".unicodeScalars.contains($0) }) {
            throw FieldError(field: field, message: "\(label)含有不允许的字符")
        }
        return t
    }

    /// Free text up to `max` characters, kept as typed (full-width punctuation stays: this is Chinese prose), only
    /// trimmed; control characters other than newlines are refused.
    public static func text(_ s: String?, field: String, label: String, max: Int) throws(FieldError) -> String? {
        guard let t = s?.trimmingWhitespace(), !t.isEmpty else { return nil }
        if t.count > max { throw FieldError(field: field, message: "\(label)不能超过\(max)个字") }
        if t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            throw FieldError(field: field, message: "\(label)含有不允许的控制字符")
        }
        return t
    }

    public static func date(_ s: String?, field: String, label: String) throws(FieldError) -> CalendarDate? {
        guard let t = optional(s) else { return nil }
        guard let d = CalendarDate(parsing: t) else {
            throw FieldError(field: field, message: "\(label)“\(t.prefix(40))”不是有效日期，应为 2023-05-01 这样的格式")
        }
        let years = CalendarDate.acceptedYears
        guard years.contains(d.year) else {
            throw FieldError(field: field, message: "\(label)“\(t)”超出可接受的范围（\(years.lowerBound)年至\(years.upperBound)年）")
        }
        return d
    }

    public static func int(_ s: String?, field: String, label: String, range: ClosedRange<Int>) throws(FieldError) -> Int? {
        guard let t = optional(s) else { return nil }
        guard let n = Int(t), range.contains(n) else {
            throw FieldError(field: field, message: "\(label)应为\(range.lowerBound)到\(range.upperBound)之间的整数")
        }
        return n
    }

    public static func id(_ s: String?, field: String, label: String) throws(FieldError) -> Int? {
        guard let t = optional(s) else { return nil }
        guard let n = Int(t), n > 0 else { throw FieldError(field: field, message: "\(label)无效") }
        return n
    }

    public static func flag(_ s: String?) -> Bool {
        guard let t = optional(s)?.lowercased() else { return false }
        return ["on", "true", "1", "yes", "是", "y"].contains(t)
    }

    public static func choice<C: Choice>(_ s: String?, _ type: C.Type, field: String, name: String) throws(FieldError) -> C? {
        guard let t = optional(s) else { return nil }
        return try C.parse(t, field: field, name: name)
    }

    public static func requiredChoice<C: Choice>(_ s: String?, _ type: C.Type, field: String, name: String) throws(FieldError) -> C {
        guard let c = try choice(s, type, field: field, name: name) else { throw FieldError(field: field, message: "\(name)不能为空") }
        return c
    }

    /// Required free text up to `max` characters.
    public static func requiredText(_ s: String?, field: String, label: String, max: Int) throws(FieldError) -> String {
        guard let t = try text(s, field: field, label: label, max: max) else { throw FieldError(field: field, message: "\(label)不能为空") }
        return t
    }
}

extension Input {
    /// An amount in fen from what a cadre typed (see `Money.parse`); empty gives nil.
    public static func money(_ s: String?, field: String, label: String) throws(FieldError) -> Int? {
        guard let t = optional(s) else { return nil }
        return try Money.parse(t, field: field, label: label)
    }

    public static func requiredDate(_ s: String?, field: String, label: String, notAfter today: CalendarDate? = nil) throws(FieldError)
        -> CalendarDate
    {
        guard let d = try date(s, field: field, label: label) else { throw FieldError(field: field, message: "\(label)不能为空") }
        if let today, d > today { throw FieldError(field: field, message: "\(label)不能晚于今天") }
        return d
    }
}

/// Loosely typed fields of a web form or a JSON body, by name: text, numbers, booleans and lists all read as text
/// (lists comma-joined). The newer modules' inputs check these directly instead of mirroring each form in a struct.
public struct FormFields: Decodable, Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(_ key: String) -> String? {
        get {
            Self.reads?.note(key)
            return values[key]
        }
        set { values[key] = newValue }
    }

    /// Set by a test to learn which keys an input reads.
    @TaskLocal public static var reads: FieldReads?

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var values: [String: String] = [:]
        for key in c.allKeys {
            // Form checkboxes arrive as `documents[]`; JSON lists as arrays.
            let name = key.stringValue.hasSuffix("[]") ? String(key.stringValue.dropLast(2)) : key.stringValue
            if let list = try? c.decode([String].self, forKey: key) {
                values[name] = list.joined(separator: ",")
            } else if let list = try? c.decode([Int64].self, forKey: key) {
                values[name] = list.map(String.init).joined(separator: ",")
            } else if let v = try c.decodeLoose(key) {
                values[name] = v
            }
        }
        self.values = values
    }

    /// The comma-separated list in `key`, cleaned, without empty items.
    public func list(_ key: String) -> [String] {
        (self[key] ?? "").split(separator: ",").map { Text.clean(String($0)) }.filter { !$0.isEmpty }
    }
}
