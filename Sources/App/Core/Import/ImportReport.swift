import Domain
import Vapor

/// What an import found and did: the counts and only the failing rows.
struct ImportReport: Content, Sendable {
    struct RowError: Content, Sendable {
        /// The row number as the spreadsheet shows it (1-based, counting title and header rows).
        var row: Int
        var column: String
        var value: String
        var message: String
    }

    var total = 0
    var valid = 0
    var invalid = 0
    /// Repeats of an ID number within the file (the later occurrence is the error).
    var duplicates = 0
    /// Rows whose person is already a member.
    var existing = 0
    var toInsert = 0
    var toUpdate = 0
    var inserted = 0
    var updated = 0
    var headerRow = 0
    var unknownColumns: [String] = []
    var errors: [RowError] = []
    /// The original cells of failing rows, for the downloadable error report (not in the JSON).
    var failedRows: [Int: [String]] = [:]
    var headerTexts: [String] = []

    enum CodingKeys: String, CodingKey {
        case total, valid, invalid, duplicates, existing, toInsert, toUpdate, inserted, updated, headerRow, unknownColumns, errors
    }

    /// Columns whose values are personal numbers.
    static let numberColumns = ["身份证", "证件", "手机", "电话", "账号", "银行卡"]

    /// An ID, phone or account number in an error row is shown masked, like everywhere else — a malformed one too
    /// (a wrong check digit leaves the rest of a real number): whatever stands in a number column keeps only its
    /// ends, and so does a run of 15 or more digits in any column.
    static func shown(_ value: String, column: String) -> String {
        if let id = try? IDNumber(value) { return id.masked }
        if let phone = try? PhoneNumber(value) { return phone.masked }
        let compact = Text.compact(value)
        let longRun = compact.split { !($0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x")) }.contains { $0.count >= 15 }
        guard longRun || numberColumns.contains(where: column.contains) else { return value }
        return compact.count >= 15 ? Masking.idNumber(compact) : Masking.phone(compact)
    }

    /// Errors kept in full up to this many; counts stay exact beyond it.
    static let maxErrors = 10_000

    mutating func fail(row: Int, column: String, value: String, message: String, cells: [String]) {
        fail(row: row, issues: [RowIssue(column: column, value: value, message: message)], cells: cells)
    }

    /// Every reason one row was refused (a bad ID number and a bad date are both named), each with its column.
    mutating func fail(row: Int, issues: [RowIssue], cells: [String]) {
        for i in issues where errors.count < Self.maxErrors {
            errors.append(RowError(row: row, column: i.column, value: Self.shown(i.value, column: i.column), message: i.message))
            failedRows[row] = cells
        }
    }
}

/// One reason a row was refused: the column, what stood there, and why.
struct RowIssue: Sendable {
    var column: String
    var value: String
    var message: String

    /// The field errors of a row's input, each under its column.
    static func all<C: RosterColumns>(_ e: FieldErrors, _ columns: C.Type, values: [C: String]) -> [RowIssue] {
        e.errors.map { err in
            let column = C.column(forField: err.field)
            return RowIssue(column: column?.title ?? "", value: column.flatMap { values[$0] } ?? "", message: err.message)
        }
    }
}

extension ImportReport {
    mutating func header<C>(from scan: RosterScan<C>) {
        headerRow = scan.header?.row ?? 0
        unknownColumns = scan.header?.unknown ?? []
        headerTexts = scan.headerTexts
    }

    /// Counts what the checks left to write: rows with an existing id are updates.
    mutating func planned(_ existing: [Int?]) {
        valid = existing.count
        toInsert = existing.filter { $0 == nil }.count
        toUpdate = valid - toInsert
    }
}

enum ImportMode: String, Sendable, Codable {
    /// Only new people; a person already in the register is an error.
    case insert
    /// New people are added, people already in the caller's subtree are updated.
    case upsert
}
