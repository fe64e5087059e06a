import Foundation
import Vapor

extension Response {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// A file download: the Chinese name for browsers that read `filename*`, an ASCII `fallback` for the rest.
    static func attachment(_ data: Data, contentType: String, name: String, fallback: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? fallback
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// A workbook written to `url`, as a download; the file is removed.
    static func xlsxDownload(_ url: URL, name: String, fallback: String = "export.xlsx") throws -> Response {
        let data = try Data(contentsOf: url)
        try? FileManager.default.removeItem(at: url)
        return .attachment(data, contentType: xlsxType, name: name, fallback: fallback)
    }
}
