import Domain
import Fluent
import Vapor

/// The administrator's user pages: the accounts, a new one, a change of name, role or organisation, disabling and
/// enabling, a password reset and API tokens. A new password or token is shown once, on the page that made it, and
/// never again (it is not carried in a link or a cookie).
struct UserController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .users, .userAdmin, use: index)
        routes.endpoint(.POST, .users, .userAdmin, use: create)
        routes.endpoint(.GET, .user(nil), .userAdmin, use: show)
        routes.endpoint(.POST, .user(nil), .userAdmin, use: update)
        routes.endpoint(.POST, .userDisable(nil), .userAdmin, use: disable)
        routes.endpoint(.POST, .userEnable(nil), .userAdmin, use: enable)
        routes.endpoint(.POST, .userResetPassword(nil), .userAdmin, use: resetPassword)
        routes.endpoint(.POST, .userTokens(nil), .userAdmin, use: issueToken)
        routes.endpoint(.POST, .userTokenRevoke(nil), .userAdmin, use: revokeToken)
    }

    func index(req: Request) async throws -> Response {
        try await listPage(req, values: FormFields(["role": Role.unionOfficer.rawValue]), errors: [:])
    }

    private func listPage(_ req: Request, values: FormFields, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        let users = try await User.query(on: req.db).with(\.$org).sort(\.$username).all()
        var form = FormBuilder(values, errors: errors)
        form.text("username", "用户名", hint: "3–32位字母、数字或 . _ -，登录时使用", required: true)
        form.text("displayName", "姓名")
        form.choice("role", "角色", Role.self, required: true)
        form.select("orgId", "所属组织", try await orgChoices(req), hint: "只能看到和办理本组织及下级的事项", required: true)
        return try await UserListPage(
            layout: Layout(title: "用户管理", principal: p, active: .users),
            rows: users.map {
                UserListPage.Row(
                    username: $0.username, name: $0.displayName, role: Role(rawValue: $0.role)?.label ?? $0.role, org: $0.org.name,
                    state: $0.disabled ? "已停用" : $0.mustChangePassword ? "待首次登录改密" : "正常", disabled: $0.disabled,
                    url: SiteURL.user($0.id).path)
            }, form: FieldGroup(fields: form.fields), createURL: SiteURL.users.path
        ).render(req, status: status)
    }

    private func orgChoices(_ req: Request) async throws -> [(value: String, label: String)] {
        try await Organization.scoped(req.scope, on: req.db).sort(\.$path).limit(5000).all().map {
            (String($0.id ?? 0), String(repeating: "　", count: max(0, $0.path.split(separator: "/").count - 1)) + $0.name)
        }
    }

    func create(req: Request) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            let f = try UserFields.validate(values)
            let (user, password) = try await UserQuery.create(
                username: f.username, displayName: f.displayName, role: f.role, orgID: f.orgId, app: req.application, actor: req.actor,
                on: req.db)
            return try await secret(
                req, title: "已创建用户 \(user.username)", label: "初始密码", value: password,
                note: "请当面或电话告知本人，首次登录后须修改。此密码只显示这一次。", back: SiteURL.user(user.id).path)
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await listPage(req, values: values, errors: errors, status: status)
        }
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, values: nil, errors: [:])
    }

    private func showPage(_ req: Request, values: FormFields?, errors: [String: String], status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let p = try req.requirePrincipal()
        guard let user = try await User.query(on: req.db).filter(\.$id == req.id("用户")).with(\.$org).first(), let id = user.id else {
            throw AppError.notFound("用户")
        }
        var form = FormBuilder(
            values ?? FormFields(["displayName": user.displayName, "role": user.role, "orgId": String(user.$org.id)]), errors: errors)
        form.text("displayName", "姓名", required: true)
        form.choice("role", "角色", Role.self, required: true)
        form.select("orgId", "所属组织", try await orgChoices(req), required: true)
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == id).sort(\.$createdAt, .descending).all()
        let zone = req.application.config.timeZone
        func day(_ d: Date?) -> String { d.map { CalendarDate.on($0, in: zone).iso } ?? "" }
        return try await UserShowPage(
            layout: Layout(title: "用户 \(user.username)（\(user.displayName)）", principal: p, active: .users),
            state: user.disabled ? "已停用" : user.mustChangePassword ? "待首次登录改密" : "正常", disabled: user.disabled,
            isSelf: id == p.userID, form: FieldGroup(fields: form.fields),
            tokens: tokens.map {
                UserShowPage.TokenRow(
                    name: $0.name, issued: day($0.createdAt), expires: day($0.expiresAt), lastUsed: day($0.lastUsedAt),
                    state: $0.revoked ? "已吊销" : "有效", live: !$0.revoked, revokeURL: SiteURL.userTokenRevoke($0.id).path)
            }, updateURL: SiteURL.user(id).path, disableURL: SiteURL.userDisable(id).path, enableURL: SiteURL.userEnable(id).path,
            resetURL: SiteURL.userResetPassword(id).path, tokensURL: SiteURL.userTokens(id).path, listURL: SiteURL.users.path
        ).render(req, status: status)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.id("用户")
        let values = try req.content.decode(FormFields.self)
        do {
            guard let user = try await User.find(id, on: req.db) else { throw AppError.notFound("用户") }
            try await UserQuery.update(
                id, try UserFields.validateEdit(values, username: user.username), app: req.application, actor: req.actor, on: req.db)
            return req.redirect(to: SiteURL.user(id).path, flash: "已保存；该用户须重新登录后按新角色使用")
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await showPage(req, values: values, errors: errors, status: status)
        }
    }

    func disable(req: Request) async throws -> Response {
        let user = try await target(req)
        guard user.id != req.principal?.userID else { throw AppError.conflict("不能停用自己的账号", field: nil) }
        if let ask = try await req.askFirst(
            try req.content.decode(FormFields.self), title: "确认停用用户",
            statements: ["停用 \(user.username)（\(user.displayName)）：其登录会话和API令牌立即失效，之后不能登录。", "停用可以撤销（启用），其办理记录保留。"],
            confirmLabel: "确认停用", cancelURL: SiteURL.user(user.id).path)
        {
            return ask
        }
        try await UserQuery.disable(username: user.username, app: req.application, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.user(user.id).path, flash: "已停用")
    }

    func enable(req: Request) async throws -> Response {
        let user = try await target(req)
        try await UserQuery.enable(try user.requireID(), app: req.application, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.user(user.id).path, flash: "已启用")
    }

    func resetPassword(req: Request) async throws -> Response {
        let user = try await target(req)
        if let ask = try await req.askFirst(
            try req.content.decode(FormFields.self), title: "确认重置密码",
            statements: ["为 \(user.username)（\(user.displayName)）生成新的临时密码：原密码、登录会话和API令牌立即失效。", "新密码只显示一次，首次登录后须修改。"],
            confirmLabel: "确认重置", cancelURL: SiteURL.user(user.id).path)
        {
            return ask
        }
        let password = try await UserQuery.resetPassword(username: user.username, app: req.application, actor: req.actor, on: req.db)
        return try await secret(
            req, title: "已重置 \(user.username) 的密码", label: "临时密码", value: password, note: "请告知本人，登录后须修改。此密码只显示这一次。",
            back: SiteURL.user(user.id).path)
    }

    func issueToken(req: Request) async throws -> Response {
        let user = try await target(req)
        let values = try req.content.decode(FormFields.self)
        let name = (try? Input.requiredText(values["name"], field: "name", label: "令牌用途", max: 40)) ?? "接口调用"
        let token = try await APITokenQuery.issue(
            for: user, name: name, days: req.application.config.tokenDays, actor: req.actor, at: req.now, on: req.db)
        return try await secret(
            req, title: "已签发API令牌（\(user.username)）", label: "令牌", value: token,
            note: "有效期\(req.application.config.tokenDays)天，只显示这一次，请复制到调用方的配置中；丢失后吊销并重新签发。", back: SiteURL.user(user.id).path)
    }

    func revokeToken(req: Request) async throws -> Response {
        let tokenID = try req.id("令牌")
        guard let token = try await APIToken.find(tokenID, on: req.db) else { throw AppError.notFound("令牌") }
        let (actor, now) = (req.actor, req.now)
        try await Store.write(req.db) { tx in
            try await APITokenQuery.revoke(userID: token.$user.id, tokenID: tokenID, reason: "管理员吊销", actor: actor, at: now, on: tx)
        }
        return req.redirect(to: SiteURL.user(token.$user.id).path, flash: "已吊销令牌“\(token.name)”")
    }

    private func target(_ req: Request) async throws -> User {
        guard let user = try await User.find(req.id("用户"), on: req.db) else { throw AppError.notFound("用户") }
        return user
    }

    private func secret(_ req: Request, title: String, label: String, value: String, note: String, back: String) async throws -> Response {
        try await SecretPage(
            layout: Layout(title: title, principal: try req.requirePrincipal(), active: .users), label: label, value: value, note: note,
            backURL: back
        ).render(req)
    }
}

struct UserListPage: Page {
    static let template = "users/index"
    struct Row: Encodable, Sendable {
        var username: String
        var name: String
        var role: String
        var org: String
        var state: String
        var disabled: Bool
        var url: String
    }
    var layout: Layout
    var rows: [Row]
    var form: FieldGroup
    var createURL: String
}

struct UserShowPage: Page {
    static let template = "users/show"
    struct TokenRow: Encodable, Sendable {
        var name: String
        var issued: String
        var expires: String
        var lastUsed: String
        var state: String
        var live: Bool
        var revokeURL: String
    }
    var layout: Layout
    var state: String
    var disabled: Bool
    var isSelf: Bool
    var form: FieldGroup
    var tokens: [TokenRow]
    var updateURL: String
    var disableURL: String
    var enableURL: String
    var resetURL: String
    var tokensURL: String
    var listURL: String
}

/// A password or token shown once, on the page that made it.
struct SecretPage: Page {
    static let template = "users/secret"
    var layout: Layout
    var label: String
    var value: String
    var note: String
    var backURL: String
}
