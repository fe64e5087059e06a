/// Text clean-up shared by every validator: full-width ASCII to half-width, spaces trimmed.
public enum Text {
    /// Converts full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms.
    public static func halfWidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Half-width, with leading and trailing white space removed.
    public static func clean(_ s: String) -> String {
        halfWidth(s).trimmingWhitespace()
    }

    /// Half-width with every space, dash and tab removed (ID and phone numbers).
    public static func compact(_ s: String) -> String {
        String(halfWidth(s).filter { !$0.isWhitespace && $0 != "-" })
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
