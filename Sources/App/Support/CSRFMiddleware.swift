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
            let host = req.headers.first(name: .host) ?? ""
            guard let originHost = URL(string: origin)?.host, host == originHost || host.hasPrefix(originHost + ":") else {
                throw AppError.csrf
            }
        }
        if req.body.data == nil {
            _ = try await req.body.collect(max: req.maxBodySize).get()
        }
        let sent = req.headers.first(name: "X-CSRF-Token") ?? (try? req.content.get(String.self, at: CSRFMiddleware.field))
        // The sign-in form is checked against the double-submit cookie it was served with, even if an old
        // session cookie came along; every other form against the session's own token.
        let anonymous = req.cookies[SessionCookie.csrfName]?.string
        let expected = req.url.path == SiteURL.login.path ? anonymous : (req.principal?.csrfToken ?? anonymous)
        guard let sent, let expected, !expected.isEmpty, constantTimeEqual(sent, expected) else {
            throw AppError.csrf
        }
        return try await next.respond(to: req)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
