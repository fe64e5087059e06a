import Crypto
import Vapor

/// Security headers on every response; `no-store` on everything dynamic, since pages and API
/// answers carry personal data.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// The policy for a page whose one inline `<style>` is `style`: the same, allowing exactly that style by its hash.
    static func csp(allowingStyle style: String) -> String {
        let hash = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
        return csp.replacingOccurrences(of: "style-src 'self'", with: "style-src 'self' 'sha256-\(hash)'")
    }

    static let csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        let h = response.headers
        var headers = h
        // A standalone document that carries its own styles (the summary's print version) names them by hash.
        if !h.contains(name: "Content-Security-Policy") {
            headers.replaceOrAdd(name: "Content-Security-Policy", value: SecurityHeadersMiddleware.csp)
        }
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if req.application.config.secureCookies {
            headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        if req.url.path != SiteURL.styles.path, req.url.path != SiteURL.script.path {
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        response.headers = headers
        return response
    }
}
