import Fluent
import Foundation
import NIOCore
import Office
import Vapor
import VaporTesting

@testable import App

/// A browser-like or API client against the in-memory server, carrying a session or a token.
struct Client {
    let app: Application
    var cookie: String?
    var csrf: String?
    var bearer: String?

    /// A signed-in browser session for `user`, created the way sign-in does but without Bcrypt.
    static func session(_ app: Application, _ user: User) async throws -> Client {
        let token = Token.make()
        let s = UserSession()
        s.id = Token.digest(token)
        s.$user.id = try user.requireID()
        s.createdAt = app.clock.now()
        s.lastSeenAt = app.clock.now()
        try await s.create(on: app.db)
        return Client(app: app, cookie: "ud_session=\(token)", csrf: app.cipher.csrfToken(forSession: token))
    }

    static func api(_ app: Application, _ user: User) async throws -> Client {
        Client(
            app: app,
            bearer: try await APITokenQuery.issue(
                for: user, name: "test", days: app.config.tokenDays, actor: .system, at: app.clock.now(), on: app.db))
    }

    func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws
        -> TestingHTTPResponse
    {
        var headers = extra
        if let cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    func get(_ path: String) async throws -> TestingHTTPResponse { try await send(.GET, path) }

    /// Posts a form; the session's CSRF token is added unless the form sets `_csrf` itself.
    func post(_ path: String, _ form: [String: String], headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var fields = form
        if fields["_csrf"] == nil, let csrf { fields["_csrf"] = csrf }
        let body = fields.map { "\(Self.escape($0.key))=\(Self.escape($0.value))" }.joined(separator: "&")
        var h = headers
        h.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: h, body: ByteBuffer(string: body))
    }

    func json(_ method: HTTPMethod, _ path: String, _ object: [String: Any]) async throws -> TestingHTTPResponse {
        let data = try JSONSerialization.data(withJSONObject: object)
        var h = HTTPHeaders()
        h.contentType = .json
        return try await send(method, path, headers: h, body: ByteBuffer(data: data))
    }

    /// A multipart upload of `bytes` as the file field, with the page's other fields (what a browser sends).
    func upload(_ path: String, bytes: [UInt8], filename: String, fields: [String: String]) async throws -> TestingHTTPResponse {
        let boundary = "----udtest\(UUID().uuidString)"
        var body = ByteBuffer()
        var all = fields
        if all["_csrf"] == nil, let csrf { all["_csrf"] = csrf }
        for (k, v) in all { body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n") }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n")
        body.writeString("Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(.POST, path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

extension TestingHTTPResponse {
    var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }

    /// The audit page's table of entries (not its filters' choices).
    var auditTable: String {
        let t = text
        guard let start = t.range(of: "<table class=\"list\" id=\"audit\">"), let end = t.range(of: "</table>", range: start.upperBound..<t.endIndex)
        else { return "" }
        return String(t[start.lowerBound..<end.upperBound])
    }

    /// The `Set-Cookie` value for `name`, as `name=value`.
    func cookie(_ name: String) -> String? {
        headers[.setCookie].first { $0.hasPrefix(name + "=") }.map { String($0.split(separator: ";")[0]) }
    }

    var errorBody: (code: String, message: String, field: String?)? {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let e = obj["error"] as? [String: Any]
        else { return nil }
        return (e["code"] as? String ?? "", e["message"] as? String ?? "", e["field"] as? String)
    }

    var jsonArray: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
    }

    var jsonObject: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }
}

extension TestingHTTPResponse {
    /// The first sheet of a downloaded workbook, as text.
    func workbookRows() throws -> [[String]] { try workbookCells().map { $0.map(\.text) } }

    /// The first sheet of a downloaded workbook, each cell with its kind (a number stays a number).
    func workbookCells() throws -> [[Cell]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ud-test-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(buffer: body).write(to: file)
        var out: [[Cell]] = []
        try XlsxReader(url: file).forEachRow { out.append($0.cells) }
        return out
    }
}
