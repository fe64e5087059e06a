import Domain
import Vapor

/// How a route is documented in the OpenAPI document (API routes only).
struct APIDoc: Sendable {
    var summary: String
    /// The fields of the JSON request body, if it has one: the input's own list (`…Fields.inputFields`).
    var body: [InputField]? = nil
    var queryFields: [String] = []
    /// The body is a file of one of these media types (a roster, a scan), not JSON.
    var fileBody: [String] = []
    /// The answer is 202: the work goes on in the background (an import job to poll).
    var queued = false
    /// Media types of a successful answer besides JSON (a document in the format asked for).
    var alsoProduces: [String] = []
}

extension RoutesBuilder {
    /// Registers a route with the permission it needs. This is the only way routes are added, so no
    /// route is without a declared permission (a test over `app.routes.all` proves it).
    @discardableResult
    func endpoint<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ url: SiteURL, _ permission: Permission, doc: APIDoc? = nil,
        body: HTTPBodyStreamStrategy = .collect, use handler: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        let route = on(method, url.pattern, body: body) { req async throws -> R in
            do {
                try req.authorize(permission, route: url)
                return try await handler(req)
            } catch {
                try await req.auditRefusal(error, permission: permission, route: url)
                throw error
            }
        }
        route.userInfo["permission"] = permission
        if let doc { route.userInfo["apiDoc"] = doc }
        return route
    }
}

extension Request {
    /// Deny by default: the route's permission must be in the caller's role.
    func authorize(_ permission: Permission, route: SiteURL) throws {
        if permission == .anonymous { return }
        let p = try requirePrincipal()
        if p.mustChangePassword, !route.allowedBeforePasswordChange {
            throw AppError.passwordChangeRequired
        }
        guard p.role.may(permission) else { throw AppError.forbidden }
    }

    /// A step within a route that several permissions share (the route checked the least of them).
    func authorize(_ permission: Permission) throws {
        guard may(permission) else { throw AppError.forbidden }
    }

    /// The audit of a refusal (等保: every access-control failure is recorded): a signed-in user refused a route or
    /// a step (403), and any failed attempt at a reveal of full numbers (a record outside the scope, a missing one).
    func auditRefusal(_ error: any Error, permission: Permission, route: SiteURL) async throws {
        guard principal != nil else { return }
        let forbidden: Bool
        switch error as? AppError {
        case .forbidden, .refused: forbidden = true
        default: forbidden = false
        }
        guard forbidden || permission.isReveal else { return }
        try await audit(
            permission.isReveal ? AccountAudit.revealFailed : AccountAudit.accessDenied, entity: "route",
            after: ["route": "\(method.rawValue) \(route.pattern.string)", "permission": permission.code, "reason": Self.reason(error)],
            success: false)
    }

    private static func reason(_ error: any Error) -> String {
        if let e = error as? AppError { return e.code }
        return FieldErrors(error) != nil ? "invalid" : "error"
    }

    func may(_ permission: Permission) -> Bool {
        principal.map { $0.role.may(permission) } ?? false
    }
}
