import Domain
import Foundation
import Office

/// Rosters as files: CSV (with its encoding found from the bytes) and .xlsx, under caps small enough for a fuzzer.
enum FuzzSpreadsheets {
    static let limits = OfficeLimits(
        maxUncompressedBytes: 4 << 20, maxEntries: 64, maxRows: 2_000, maxColumns: 64, maxCellCharacters: 4_096,
        maxSharedStringBytes: 1 << 20, maxSharedStrings: 10_000, maxPartBytes: 1 << 20)

    static func csv(_ data: Data) -> [String] {
        var broken: [String] = []
        broken += rows(CsvReader(string: Fuzz.text(data), limits: limits))
        withFile(data) { url in
            if let reader = try? CsvReader(url: url, limits: limits, blockSize: 64) { broken += rows(reader) }
        }
        return broken
    }

    static func xlsx(_ data: Data) -> [String] {
        var broken: [String] = []
        withFile(data) { url in
            guard let table = try? TableFile.open(url, limits: limits) else { return }
            broken += rows(table)
        }
        return broken
    }

    /// Reads every row, finds a member roster's header as an import would and checks each row after it.
    static func rows(_ table: any TableSource) -> [String] {
        var broken: [String] = []
        var columns: [Int: RosterColumn]?
        var count = 0
        _ = try? table.forEachRow { row in
            count += 1
            if row.cells.count > limits.maxColumns { broken.append("row \(row.number) has \(row.cells.count) columns") }
            guard let header = columns else {
                var found: [Int: RosterColumn] = [:]
                for (i, cell) in row.cells.enumerated() { if let c = RosterColumn.match(cell.text) { found[i] = c } }
                if RosterColumn.required.allSatisfy(found.values.contains) { columns = found }
                return
            }
            var input = MemberInput(unionId: "1")
            for (i, column) in header {
                let text = row[i].text
                switch column {
                case .name: input.name = text
                case .idNumber: input.idNumber = text
                case .phone: input.phone = text
                case .gender: input.gender = text
                case .ethnicity: input.ethnicity = text
                case .education: input.education = text
                case .politicalStatus: input.politicalStatus = text
                case .joinDate: input.joinDate = text
                case .migrantWorker: input.migrantWorker = text
                case .modelWorker: input.modelWorker = text
                case .employer, .union: break
                }
            }
            _ = try? input.validate(today: Fuzz.today)
        }
        if count > limits.maxRows + 1 { broken.append("\(count) rows read past the cap") }
        return broken
    }

    /// The bytes as a private temporary file, removed afterwards.
    static func withFile(_ data: Data, _ body: (URL) -> Void) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-fuzz-\(UUID().uuidString)")
        guard (try? data.write(to: url)) != nil else { return }
        defer { try? FileManager.default.removeItem(at: url) }
        body(url)
    }
}
