import Domain
import Fluent
import Vapor

/// Finds the caller: a bearer token under `/api/`, a session cookie elsewhere. Expired sessions are
/// deleted on the server and their cookie cleared.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var expired = false
        if req.isAPI {
            req.principal = try await APITokenQuery.principal(bearer: req.headers.bearerAuthorization?.token, on: req)
        } else if let token = req.cookies[SessionCookie.name(req.application)]?.string {
            req.principal = try await SessionQuery.principal(token: token, on: req)
            expired = req.principal == nil
        }
        let response = try await next.respond(to: req)
        if expired, response.cookies[SessionCookie.name(req.application)] == nil {
            response.cookies[SessionCookie.name(req.application)] = SessionCookie.expired(req.application)
        }
        return response
    }
}

/// The session cookie: HttpOnly, SameSite=Lax, and `Secure` with the `__Host-` prefix behind TLS.
enum SessionCookie {
    static func name(_ app: Application) -> String {
        app.config.secureCookies ? "__Host-ud_session" : "ud_session"
    }

    static func make(_ token: String, _ app: Application) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token, expires: nil, maxAge: nil, domain: nil, path: "/",
            isSecure: app.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    static func expired(_ app: Application) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
            isSecure: app.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// The anonymous double-submit cookie that protects the sign-in form.
    static let csrfName = "ud_csrf"
}
