import Vapor

/// One check for every state-changing browser request: a foreign `Origin` or a missing or wrong
/// `_csrf` token answers 403. The API is exempt because it accepts only bearer tokens, never cookies.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(req.method), !req.isAPI else {
            return try await next.respond(to: req)
        }
        if let origin = req.headers.first(name: .origin) {
            let scheme = req.application.config.secureCookies ? "https" : "http"
            guard Self.sameOrigin(origin, host: req.headers.first(name: .host) ?? "", scheme: scheme) else { throw AppError.csrf }
        }
        if req.body.data == nil {
            _ = try await req.body.collect(max: req.maxBodySize).get()
        }
        var sent = req.headers.first(name: "X-CSRF-Token")
        if sent == nil { sent = try await Self.sentToken(req) }
        // The sign-in form is checked against the double-submit cookie it was served with, even if an old
        // session cookie came along; every other form against the session's own token.
        let anonymous = req.cookies[SessionCookie.csrfName]?.string
        let expected = req.url.path == SiteURL.login.path ? anonymous : (req.principal?.csrfToken ?? anonymous)
        guard let sent, let expected, !expected.isEmpty, constantTimeEqual(sent, expected) else {
            throw AppError.csrf
        }
        return try await next.respond(to: req)
    }

    private struct Field: Decodable, Sendable { var _csrf: String? }

    /// The form's `_csrf` field; an upload's multipart form is read off the event loop.
    private static func sentToken(_ req: Request) async throws -> String? {
        if req.isMultipart { return try? await req.decodeMultipart(Field.self)._csrf }
        return try? req.content.get(String.self, at: CSRFMiddleware.field)
    }

    /// The `Origin` names this server: the same scheme, host and port (a port left out is the scheme's default).
    static func sameOrigin(_ origin: String, host: String, scheme: String) -> Bool {
        guard let o = URLComponents(string: origin), let oScheme = o.scheme?.lowercased(), let oHost = o.host?.lowercased(), !oHost.isEmpty,
            let h = URLComponents(string: "\(scheme)://\(host)"), let hHost = h.host?.lowercased()
        else { return false }
        func port(_ p: Int?, _ scheme: String) -> Int { p ?? (scheme == "https" ? 443 : 80) }
        return oScheme == scheme && oHost == hHost && port(o.port, oScheme) == port(h.port, scheme)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
