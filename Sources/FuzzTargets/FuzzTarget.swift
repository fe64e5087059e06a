import Domain
import Foundation
import Office

/// The parsers of outside input, each a function of bytes: what libFuzzer drives (`Sources/Fuzz`, `make fuzz`) and
/// what the corpus replay test runs on every CI run. A target may refuse its input any way it likes; it must never
/// trap, and the invariants it checks (a parsed value prints and parses back the same) must hold. It returns the
/// invariants it found broken.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Calendar dates: parsing, the accepted years, day, month and year arithmetic, report periods, payroll months.
    case dates
    /// ID numbers, credit codes, phone numbers, money, masking and text clean-up; an attachment's type by content and its name.
    case identifiers
    /// Every `Input` function and the query-period parser, on lines of text.
    case inputs
    /// The JSON bodies of the API: decoded as the API decodes them, then checked by every validator of a module.
    case json
    /// CSV rosters: encodings, quoting, header matching and the member row check.
    case csv
    /// .xlsx workbooks: the zip container, parts, shared strings, sheets, under small caps.
    case xlsx

    public func run(_ data: Data) -> [String] {
        switch self {
        case .dates: FuzzDates.run(data)
        case .identifiers: FuzzIdentifiers.run(data)
        case .inputs: FuzzInputs.run(data)
        case .json: FuzzJSON.run(data)
        case .csv: FuzzSpreadsheets.csv(data)
        case .xlsx: FuzzSpreadsheets.xlsx(data)
        }
    }
}

/// Helpers every target uses.
enum Fuzz {
    /// The day the checks take as today (a fixed day, so a run is repeatable).
    static let today = CalendarDate(clamping: 2026, 12, 1)

    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    /// An integer from up to eight bytes at `offset` (any value, the extremes included).
    static func int(_ data: Data, at offset: Int) -> Int {
        var value: UInt64 = 0
        for (i, byte) in data.dropFirst(offset).prefix(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
        return Int(truncatingIfNeeded: value)
    }

    /// `key=value` lines as form fields (how a form or a query string reaches a validator).
    static func fields(_ text: String) -> FormFields {
        var f = FormFields()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(64) {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            f[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return f
    }
}
