import Foundation

/// One cell as read from a spreadsheet or CSV: its text and what kind of value the file said it was.
public struct Cell: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case empty, text, number, date, bool
        /// Written as a number in yuan with two decimals and the `#,##0.00` format.
        case money
        /// Written as a fraction with the `0%` format.
        case percent
    }

    public var kind: Kind
    /// Text as stored; numbers as the file wrote them (`4.419E+17` stays so); dates as `YYYY-MM-DD`.
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public static let empty = Cell(.empty, "")
    public static func text(_ s: String) -> Cell { Cell(.text, s) }
    public static func number(_ n: Int) -> Cell { Cell(.number, String(n)) }

    /// An amount in fen, as yuan a spreadsheet sums (`34000.00`, shown `34,000.00`).
    public static func money(fen: Int) -> Cell {
        let m = fen.magnitude
        let cents = m % 100
        return Cell(.money, (fen < 0 ? "-" : "") + "\(m / 100)." + (cents < 10 ? "0" : "") + "\(cents)")
    }

    /// A whole percent (`96`), as the fraction a spreadsheet formats (`0.96`, shown `96%`).
    public static func percent(_ whole: Int) -> Cell {
        let m = whole.magnitude
        let hundredths = m % 100
        return Cell(.percent, (whole < 0 ? "-" : "") + "\(m / 100)." + (hundredths < 10 ? "0" : "") + "\(hundredths)")
    }
}

/// One row: its number as the spreadsheet shows it (1-based) and its cells by column (0 = A).
public struct TableRow: Sendable, Equatable {
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    public var isBlank: Bool { cells.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) } }

    public subscript(column: Int) -> Cell { column < cells.count ? cells[column] : .empty }
}

/// Something that yields rows one at a time: an .xlsx sheet or a CSV file.
public protocol TableSource {
    /// Calls `body` for each row in order; `body` may throw to stop.
    func forEachRow(_ body: (TableRow) throws -> Void) throws
}

/// Caps that keep a hostile file from exhausting memory or disk.
public struct OfficeLimits: Sendable {
    /// Total bytes decompressed from one .xlsx (zip-bomb guard).
    public var maxUncompressedBytes: Int = 512 * 1024 * 1024
    public var maxEntries: Int = 2000
    public var maxRows: Int = 1_100_000
    public var maxColumns: Int = 256
    /// Excel's own cell limit.
    public var maxCellCharacters: Int = 32_767
    /// The text a workbook's shared-string table may hold, in UTF-8 bytes (the table is kept in memory while a sheet
    /// is read; a 100,000-row roster needs a few MB).
    public var maxSharedStringBytes: Int = 32 * 1024 * 1024
    /// Entries the shared-string table may have.
    public var maxSharedStrings: Int = 1_000_000
    /// The small parts read whole (workbook, relationships, styles, content types), each.
    public var maxPartBytes: Int = 8 * 1024 * 1024

    public init(
        maxUncompressedBytes: Int = 512 * 1024 * 1024, maxEntries: Int = 2000, maxRows: Int = 1_100_000,
        maxColumns: Int = 256, maxCellCharacters: Int = 32_767, maxSharedStringBytes: Int = 32 * 1024 * 1024,
        maxSharedStrings: Int = 1_000_000, maxPartBytes: Int = 8 * 1024 * 1024
    ) {
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxEntries = maxEntries
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxCellCharacters = maxCellCharacters
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxSharedStrings = maxSharedStrings
        self.maxPartBytes = maxPartBytes
    }
}

/// Why a file could not be read, in words for the person who uploaded it.
public struct OfficeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static let empty = OfficeError("文件是空的")
    static let legacyXls = OfficeError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 工作簿后再导入")
    static let corrupt = OfficeError("文件已损坏或不完整，无法作为 .xlsx 工作簿打开，请重新保存后再导入")
    static let notSpreadsheet = OfficeError("该文件不是 Excel 工作簿（可能是改了扩展名的 Word 或其他文件），请上传 .xlsx 或 .csv 文件")
    static let tooBig = OfficeError("文件解压后过大（可能是恶意压缩文件），已拒绝导入")
    static let dtd = OfficeError("工作簿中含有不允许的 XML 声明（DTD/外部实体），已拒绝导入")
    static let encoding = OfficeError("工作簿中的 XML 不是 UTF-8 编码（Excel、WPS 保存的文件都是），已拒绝导入")
    static let sharedStrings = OfficeError("工作簿的共享字符串表过大（可能是恶意文件），已拒绝导入；如确为正常名册，请拆分后导入或另存为 CSV")
    static let binary = OfficeError("无法识别的文件类型，请上传 .xlsx 或 .csv 文件")
}

/// Opens a file by its content, not its name: a zip is an .xlsx, an OLE file is an old .xls, text is CSV.
public enum TableFile {
    public static func open(_ url: URL, sheet: String? = nil, limits: OfficeLimits = OfficeLimits()) throws(OfficeError) -> any TableSource
    {
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 8) ?? Data()
        } catch {
            throw OfficeError("无法读取文件")
        }
        if head.isEmpty { throw .empty }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try XlsxReader(url: url, sheet: sheet, limits: limits) }
        if head.starts(with: [0x50, 0x4B]) { throw .corrupt }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .legacyXls }
        if head.contains(0) { throw .binary }
        return try CsvReader(url: url, limits: limits)
    }
}
