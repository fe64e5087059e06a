/// Text clean-up shared by every validator: full-width ASCII to half-width, spaces trimmed.
///
/// Each function first looks at the bytes and returns the text untouched when there is nothing to change — the
/// common case, and the one a million-row import runs through several times a row.
public enum Text {
    /// Converts full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms.
    public static func halfWidth(_ s: String) -> String {
        // Both ranges encode in UTF-8 with a lead byte of 0xE3 (U+3000) or 0xEF (U+FF01–U+FF5E).
        guard s.utf8.contains(where: { $0 == 0xE3 || $0 == 0xEF }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value - 0xFEE0)))
            case 0x3000: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Without invisible format characters (Unicode category Cf: bidi embeddings, overrides and isolates, zero-width
    /// spaces and joiners, the BOM, soft hyphens).
    public static func removingFormatCharacters(_ s: String) -> String {
        // Every Cf character lies at U+00AD or above, so pure ASCII needs no look.
        guard s.utf8.contains(where: { $0 >= 0xC2 }), s.unicodeScalars.contains(where: { $0.properties.generalCategory == .format })
        else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars where scalar.properties.generalCategory != .format { out.append(scalar) }
        return String(out)
    }

    /// Half-width, with leading and trailing white space removed.
    public static func clean(_ s: String) -> String {
        halfWidth(s).trimmingWhitespace()
    }

    /// Half-width with every space, dash and tab removed (ID and phone numbers).
    public static func compact(_ s: String) -> String {
        let h = halfWidth(s)
        if h.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "-") }) { return h }
        return String(h.filter { !$0.isWhitespace && $0 != "-" })
    }
}

extension String {
    func trimmingWhitespace() -> String {
        guard let f = unicodeScalars.first, let l = unicodeScalars.last else { return self }
        if !f.properties.isWhitespace, !l.properties.isWhitespace { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
