import Vapor

/// A URL of the site, for route registration and for links in views: no string paths elsewhere. Each module declares
/// its own in its `…Module.swift` (`SiteURL.reliefFiles`, `SiteURL.api(.reliefFiles)`); these are the shared ones.
struct SiteURL: Sendable, Hashable {
    /// The path with the id filled in, or `:id` (the route pattern) when the id is nil.
    let path: String

    init(_ path: String) { self.path = path }

    /// An API URL: under `/api/v1`.
    struct API: Sendable, Hashable {
        let path: String
        init(_ path: String) { self.path = "/api/v1" + path }
        static func id(_ n: Int?) -> String { SiteURL.id(n) }
    }

    static func api(_ api: API) -> SiteURL { SiteURL(api.path) }

    /// An id in a path, or `:id` for the route pattern.
    static func id(_ n: Int?) -> String { n.map(String.init) ?? ":id" }
    /// An attachment's id in a path, or `:file`.
    static func fileID(_ n: Int?) -> String { n.map(String.init) ?? ":file" }

    var pattern: [PathComponent] { path.pathComponents }

    /// Pages a user whose password must be changed may still open.
    var allowedBeforePasswordChange: Bool { [SiteURL.password, .logout, .login, .styles, .script].contains(self) }
}

extension SiteURL {
    static let home = SiteURL("/")
    static let health = SiteURL("/healthz")
    static let metrics = SiteURL("/metrics")
    static let login = SiteURL("/login")
    static let logout = SiteURL("/logout")
    static let password = SiteURL("/password")
    static let styles = SiteURL("/styles.css")
    static let script = SiteURL("/app.js")
    static let audit = SiteURL("/audit")
    static let users = SiteURL("/users")
    static func user(_ n: Int?) -> SiteURL { SiteURL("/users/\(id(n))") }
    static func userDisable(_ n: Int?) -> SiteURL { SiteURL("/users/\(id(n))/disable") }
    static func userEnable(_ n: Int?) -> SiteURL { SiteURL("/users/\(id(n))/enable") }
    static func userResetPassword(_ n: Int?) -> SiteURL { SiteURL("/users/\(id(n))/reset-password") }
    static func userTokens(_ n: Int?) -> SiteURL { SiteURL("/users/\(id(n))/tokens") }
    static func userTokenRevoke(_ n: Int?) -> SiteURL { SiteURL("/tokens/\(id(n))/revoke") }
}
extension SiteURL.API {
    static let openapi = SiteURL.API("/openapi.json")
    static let users = SiteURL.API("/users")
}

extension Request {
    /// The `:id` (or another) parameter as a positive integer, or 404 (a malformed id is just an unknown one).
    func id(_ what: String, parameter: String = "id") throws -> Int {
        guard let s = parameters.get(parameter), let n = Int(s), n > 0 else { throw AppError.notFound(what) }
        return n
    }
}
