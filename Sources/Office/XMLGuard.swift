import Foundation

/// Looks at every byte of an XML part as it is decompressed and refuses a DTD anywhere in it (`<!DOCTYPE`,
/// `<!ENTITY`, `<!ELEMENT`, `<!ATTLIST`, `<!NOTATION`: no entity can be declared, so none can expand or be fetched).
/// OOXML parts are UTF-8, so a part in any other encoding — a UTF-16 or UTF-32 byte order mark, a NUL byte, an
/// `encoding` declaration other than UTF-8, or any byte sequence that is not UTF-8 — is refused too: in another
/// encoding the same markup would hide from a byte search, and Foundation's XMLParser on Linux traps (stopping the
/// whole server) on an element name that is not UTF-8 (`<\u{E5}ne=`, found by the xlsx fuzz target).
struct XMLGuard {
    /// The last bytes of the previous chunk, so markup cut by a chunk boundary is still seen.
    private var carry: [UInt8] = []
    /// The part's first bytes, until there are enough to read its XML declaration.
    private var head: [UInt8] = []
    private var checkedEncoding = false
    private var utf8 = UTF8Check()
    private static let keywords: [[UInt8]] = ["DOCTYPE", "ENTITY", "ELEMENT", "ATTLIST", "NOTATION"].map { Array($0.utf8) }
    /// `<!` and the longest keyword.
    private static let overlap = 10
    private static let declarationLength = 256

    mutating func scan(_ chunk: Data) throws(OfficeError) {
        if !checkedEncoding {
            head += chunk.prefix(Self.declarationLength - head.count)
            if head.count >= Self.declarationLength {
                checkedEncoding = true
                try Self.checkEncoding(head)
            }
        }
        for byte in chunk where !utf8.feed(byte) { throw .encoding }
        let bytes = carry + Array(chunk)
        let found: OfficeError? = bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let byte = b[i]
                if byte == 0 { return .encoding }
                if byte == 0x3C, i + 1 < b.count, b[i + 1] == 0x21 {
                    let rest = UnsafeBufferPointer(rebasing: b[(i + 2)...])
                    for k in Self.keywords where rest.starts(with: k) { return .dtd }
                }
                i += 1
            }
            return nil
        }
        if let found { throw found }
        carry = Array(bytes.suffix(Self.overlap))
    }

    /// Call after the last chunk: a part shorter than the declaration is checked here.
    mutating func finish() throws(OfficeError) {
        guard utf8.complete else { throw .encoding }
        if !checkedEncoding {
            checkedEncoding = true
            try Self.checkEncoding(head)
        }
    }

    static func checkEncoding(_ head: [UInt8]) throws(OfficeError) {
        let boms: [[UInt8]] = [[0xFE, 0xFF], [0xFF, 0xFE], [0x00, 0x00, 0xFE, 0xFF], [0x2B, 0x2F, 0x76]]
        if boms.contains(where: { head.starts(with: $0) }) { throw .encoding }
        let text = String(decoding: head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head, as: UTF8.self)
        guard text.hasPrefix("<?xml") else { return }
        guard let end = text.range(of: "?>") else { throw .corrupt }
        let declaration = text[..<end.lowerBound].lowercased()
        guard let at = declaration.range(of: "encoding") else { return }
        let value = declaration[at.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            .prefix { $0 != "\"" && $0 != "'" && $0 != " " }
        guard value == "utf-8" || value == "utf8" else { throw .encoding }
    }
}

/// UTF-8 checked byte by byte across chunks (Unicode table 3-7: no overlong forms, no surrogates, nothing above
/// U+10FFFF).
struct UTF8Check {
    /// Continuation bytes still expected, and the range the next one must fall in.
    private var need = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    var complete: Bool { need == 0 }

    mutating func feed(_ b: UInt8) -> Bool {
        if need > 0 {
            guard (lower...upper).contains(b) else { return false }
            need -= 1
            (lower, upper) = (0x80, 0xBF)
            return true
        }
        switch b {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: need = 1
        case 0xE0: (need, lower) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: (need, upper) = (2, 0x9F)
        case 0xF0: (need, lower) = (3, 0x90)
        case 0xF1...0xF3: need = 3
        case 0xF4: (need, upper) = (3, 0x8F)
        default: return false
        }
        return true
    }
}
