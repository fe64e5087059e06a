import Domain
import Vapor

/// The signed-in user of a request, from a session cookie or an API token.
struct Principal: Sendable {
    let userID: Int
    let username: String
    let displayName: String
    let role: Role
    let scope: Scope
    let mustChangePassword: Bool
    /// Set for browser sessions; nil for API tokens.
    let sessionID: String?
    let csrfToken: String?
}

/// The caller's subtree: every query takes one, and nothing outside it is found.
struct Scope: Sendable, Equatable {
    let orgID: Int
    /// The root node's materialised path, e.g. `/1/5/`.
    let path: String

    func contains(path other: String) -> Bool { other.hasPrefix(path) }
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }

    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    /// The signed-in user, or 401.
    func requirePrincipal() throws -> Principal {
        guard let p = principal else { throw AppError.unauthorized }
        return p
    }

    var scope: Scope {
        get throws { try requirePrincipal().scope }
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }

    /// The client address recorded in the audit log and used by the lockout.
    /// The caller's address: the peer's, or behind a trusted reverse proxy the last one its `X-Forwarded-For` adds.
    var clientIP: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        guard application.config.trustedProxies.contains(peer),
            let forwarded = headers[.xForwardedFor].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
            !forwarded.isEmpty
        else { return peer }
        return forwarded
    }
}
