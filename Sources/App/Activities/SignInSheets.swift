import Domain
import Foundation
import Office
import Vapor

/// A sign-in sheet uploaded for a session: read as the importers read a roster (by content, with their limits), its
/// card column taken, then recorded as typed cards are.
enum SignInSheets {
    static func cards(_ file: ByteBuffer?, app: Application) async throws -> [String] {
        guard let file, file.readableBytes > 0 else { throw FieldError(field: "file", message: "请选择签到表文件（.xlsx 或 .csv）") }
        var limits = app.config.importLimits
        limits.maxRows = 6_000
        let limited = limits
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-signin-\(UUID().uuidString).upload")
        defer { try? FileManager.default.removeItem(at: url) }
        return try await app.threadPool.runIfActive {
            try Data(file.readableBytesView).write(to: url)
            var rows: [(number: Int, cells: [String])] = []
            do {
                try TableFile.open(url, limits: limited).forEachRow { rows.append(($0.number, $0.cells.map(\.text))) }
            } catch let e as OfficeError {
                throw FieldError(field: "file", message: e.message)
            }
            return try SignInSheet.cards(rows)
        }
    }
}
