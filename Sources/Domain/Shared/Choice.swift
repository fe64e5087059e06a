/// A closed list of values with Chinese labels (enums shown in forms and filters).
public protocol Choice: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {
    var label: String { get }
}

extension Choice {
    /// Accepts the code (`enterprise`) or the Chinese label (`企业`).
    public static func parse(_ text: String, field: String, name: String) throws(FieldError) -> Self {
        let s = Text.clean(text)
        if let v = Self(rawValue: s) ?? allCases.first(where: { $0.label == s }) { return v }
        let allowed = allCases.map(\.label).joined(separator: "、")
        throw FieldError(field: field, message: "\(name)“\(s)”无效，应为：\(allowed)")
    }
}
