import Domain
import Vapor

/// Sign-in, sign-out and changing one's password.
struct SessionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .login, .anonymous, use: loginPage)
        routes.endpoint(.POST, .login, .anonymous, use: login)
        routes.endpoint(.POST, .logout, .signedIn, use: logout)
        routes.endpoint(.GET, .password, .signedIn, use: passwordPage)
        routes.endpoint(.POST, .password, .signedIn, use: changePassword)
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    struct LoginPage: Page {
        static let template = "login"
        var layout: Layout
        var csrf: String
        var username: String
        var next: String
        var error: String?
    }

    func loginPage(req: Request) async throws -> Response {
        if req.principal != nil { return req.redirect(to: SiteURL.home.path) }
        let next = (try? req.query.get(String.self, at: "next")) ?? ""
        return try await renderLogin(req, username: "", next: next, error: nil, status: .ok)
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = form.username ?? ""
        let next = Self.safeNext(form.next)
        do {
            let token = try await SessionQuery.signIn(username: username, password: form.password ?? "", on: req)
            let response = req.redirect(to: next)
            response.cookies[SessionCookie.name(req.application)] = SessionCookie.make(token, req.application)
            return response
        } catch let e as AppError {
            guard case .badRequest = e else {
                if case .locked = e {
                    return try await renderLogin(req, username: username, next: next, error: e.message, status: .tooManyRequests)
                }
                throw e
            }
            return try await renderLogin(req, username: username, next: next, error: e.message, status: .unauthorized)
        }
    }

    private func renderLogin(_ req: Request, username: String, next: String, error: String?, status: HTTPResponseStatus) async throws
        -> Response
    {
        let token = req.cookies[SessionCookie.csrfName]?.string ?? Token.make()
        let page = LoginPage(layout: Layout(title: "登录", principal: nil), csrf: token, username: username, next: next, error: error)
        let response = try await page.render(req, status: status)
        response.cookies[SessionCookie.csrfName] = HTTPCookies.Value(
            string: token, path: "/",
            isSecure: req.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only a path of this site is followed after sign-in (no open redirect): printable ASCII without spaces or
    /// backslashes, one leading slash. Browsers drop tabs and line breaks from a URL, so `/\t/evil.example` would
    /// become `//evil.example`, another site.
    static func safeNext(_ next: String?) -> String {
        guard let n = next, n.hasPrefix("/"), n.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }),
            !n.hasPrefix("//")
        else { return SiteURL.home.path }
        return n
    }

    func logout(req: Request) async throws -> Response {
        try await SessionQuery.signOut(on: req)
        let response = req.redirect(to: SiteURL.login.path)
        response.cookies[SessionCookie.name(req.application)] = SessionCookie.expired(req.application)
        return response
    }

    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    struct PasswordPage: Page {
        static let template = "password"
        var layout: Layout
        var forced: Bool
        var errors: [String: String] = [:]
        var done = false
    }

    func passwordPage(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        return try await PasswordPage(layout: Layout(title: "修改密码", principal: p), forced: p.mustChangePassword).render(req)
    }

    func changePassword(req: Request) async throws -> Response {
        let p = try req.requirePrincipal()
        let form = try req.content.decode(PasswordForm.self)
        do {
            try await UserQuery.changePassword(
                current: form.currentPassword ?? "", new: form.newPassword ?? "",
                confirm: form.confirmPassword ?? "", of: p, app: req.application, actor: req.actor, at: req.now, on: req.db)
        } catch let e as FieldErrors {
            return try await PasswordPage(
                layout: Layout(title: "修改密码", principal: p), forced: p.mustChangePassword,
                errors: errorMap(e)
            ).render(req, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.home.path, flash: "密码已修改")
    }
}
