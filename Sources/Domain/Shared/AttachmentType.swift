/// What an attachment (附件: a scanned document or a photo kept with a record) may be, recognised by its first bytes,
/// never by its name or the type the browser claims.
public enum AttachmentType: String, Sendable, CaseIterable {
    case pdf, jpeg, png

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        }
    }

    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .jpeg: "JPG 图片"
        case .png: "PNG 图片"
        }
    }

    /// What the refusal of any other file says.
    public static let accepted = "只能上传 PDF、JPG 或 PNG 文件（按文件内容判断，改扩展名无效）"

    private static let signatures: [(AttachmentType, [UInt8])] = [
        (.pdf, Array("%PDF-".utf8)), (.jpeg, [0xFF, 0xD8, 0xFF]), (.png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ]

    /// The type whose signature the bytes start with, or nil.
    public static func sniff<C: Collection<UInt8>>(_ bytes: C) -> AttachmentType? {
        signatures.first { bytes.starts(with: $0.1) }?.0
    }
}

/// The name an attachment is shown and downloaded under: the last part of what the browser sent, without control or
/// format characters, path separators or quotes, at most 60 characters, ending in its type's extension. Display only:
/// a stored file is found by its id, never by a name.
public enum AttachmentName {
    public static let maxLength = 60

    public static func clean(_ sent: String?, type: AttachmentType, fallback: String) -> String {
        let last = (sent ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var base = Text.removingFormatCharacters(Text.clean(last)).unicodeScalars
            .filter { $0.value >= 0x20 && $0.value != 0x7F && !"\"'<>:*?|".unicodeScalars.contains($0) }
            .reduce(into: "") { $0.unicodeScalars.append($1) }
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
        base = String(base.trimmingWhitespace().prefix(maxLength - 1 - type.fileExtension.count))
        if base.isEmpty || base.allSatisfy({ $0 == "." }) { base = fallback }
        return base + "." + type.fileExtension
    }
}
