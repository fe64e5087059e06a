import Domain
import Fluent
import Vapor

/// Staff accounts: creation, passwords, disabling, and the principal a user signs in as.
enum UserQuery {
    static func principal(for user: User, sessionID: String?, csrf: String?, on db: any Database) async throws -> Principal? {
        guard let org = try await Organization.find(user.$org.id, on: db) else { return nil }
        return principal(for: user, org: org, sessionID: sessionID, csrf: csrf)
    }

    /// The principal of a user whose node is already loaded.
    static func principal(for user: User, org: Organization, sessionID: String?, csrf: String?) -> Principal? {
        guard let role = Role(rawValue: user.role), let orgID = org.id, let userID = user.id else { return nil }
        return Principal(
            userID: userID, username: user.username, displayName: user.displayName, role: role,
            scope: Scope(orgID: orgID, path: org.path), mustChangePassword: user.mustChangePassword,
            sessionID: sessionID, csrfToken: csrf)
    }

    /// Creates a user with a random password that must be changed at first sign-in, or with the password the
    /// operator chose (`chosen`, checked by the policy: a scripted setup); returns the password.
    static func create(
        username: String, displayName: String, role: Role, orgID: Int, chosen: String? = nil, app: Application,
        actor: Audit.Actor, on db: any Database
    ) async throws -> (User, String) {
        let name = try UserFields.username(username)
        if try await User.query(on: db).filter(\.$username == name).count() > 0 {
            throw AppError.conflict("用户名 \(name) 已存在：换一个用户名，或用 reset-password 重置其密码", field: "username")
        }
        guard try await Organization.find(orgID, on: db) != nil else {
            throw FieldError(field: "orgId", message: "所属组织 \(orgID) 不存在（organizations 接口或页面列出各组织的编号）")
        }
        if let chosen { try app.passwordPolicy.validate(chosen, username: name, field: "password") }
        let password = chosen ?? Token.password()
        let user = User()
        user.username = name
        user.displayName = displayName
        user.role = role.rawValue
        user.$org.id = orgID
        user.passwordHash = try await app.password.async.hash(password)
        user.passwordChangedAt = app.clock.now()
        user.mustChangePassword = chosen == nil
        user.disabled = false
        try await Store.write(db) { tx in
            try await user.create(on: tx)
            try await Audit.record(
                AccountAudit.userCreate, entity: "user", id: user.id, after: ["username": name, "role": role.rawValue],
                actor: actor, at: app.clock.now(), on: tx)
        }
        return (user, password)
    }

    /// Sets a new random password (to be changed at next sign-in) and ends the user's sessions.
    static func resetPassword(username: String, app: Application, actor: Audit.Actor, on db: any Database) async throws -> String {
        guard let user = try await User.query(on: db).filter(\.$username == username.lowercased()).first() else {
            throw AppError.notFound("用户 \(username)")
        }
        let password = Token.password()
        let old = user.passwordHash
        let now = app.clock.now()
        user.passwordHash = try await app.password.async.hash(password)
        user.passwordChangedAt = now
        user.mustChangePassword = true
        try await Store.write(db) { tx in
            try await user.update(on: tx)
            try await remember(old, of: user.requireID(), at: now, on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == user.requireID()).delete()
            try await APITokenQuery.revoke(userID: user.requireID(), reason: "重置密码", actor: actor, at: now, on: tx)
            try await Audit.record(AccountAudit.userResetPassword, entity: "user", id: user.id, actor: actor, at: now, on: tx)
        }
        return password
    }

    /// Changes a user's name, role or organisation; their sessions end, so the new role and subtree apply at once.
    static func update(_ id: Int, _ f: UserFields, app: Application, actor: Audit.Actor, on db: any Database) async throws {
        guard let user = try await User.find(id, on: db) else { throw AppError.notFound("用户") }
        guard try await Organization.find(f.orgId, on: db) != nil else { throw FieldError(field: "orgId", message: "所属组织不存在") }
        let before = ["displayName": user.displayName, "role": user.role, "orgId": String(user.$org.id)]
        user.displayName = f.displayName
        user.role = f.role.rawValue
        user.$org.id = f.orgId
        try await Store.write(db) { tx in
            try await user.update(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == id).delete()
            try await Audit.record(
                AccountAudit.userUpdate, entity: "user", id: id, before: before,
                after: ["displayName": f.displayName, "role": f.role.rawValue, "orgId": String(f.orgId)], actor: actor, at: app.clock.now(),
                on: tx)
        }
    }

    /// Lets a disabled user sign in again (with the password they had; reset it if it may be known to others).
    static func enable(_ id: Int, app: Application, actor: Audit.Actor, on db: any Database) async throws {
        guard let user = try await User.find(id, on: db) else { throw AppError.notFound("用户") }
        user.disabled = false
        try await Store.write(db) { tx in
            try await user.update(on: tx)
            try await Audit.record(AccountAudit.userEnable, entity: "user", id: id, actor: actor, at: app.clock.now(), on: tx)
        }
    }

    /// Disables an account and kills its sessions and tokens at once.
    static func disable(username: String, app: Application, actor: Audit.Actor, on db: any Database) async throws {
        guard let user = try await User.query(on: db).filter(\.$username == username.lowercased()).first() else {
            throw AppError.notFound("用户 \(username)")
        }
        user.disabled = true
        try await Store.write(db) { tx in
            try await user.update(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == user.requireID()).delete()
            try await APITokenQuery.revoke(userID: user.requireID(), reason: "停用账号", actor: actor, at: app.clock.now(), on: tx)
            try await Audit.record(AccountAudit.userDisable, entity: "user", id: user.id, actor: actor, at: app.clock.now(), on: tx)
        }
    }

    /// Changes one's own password: the current one is required, the new one must meet the policy.
    /// Other sessions of the user end; the current one continues.
    static func changePassword(
        current: String, new: String, confirm: String, of p: Principal, app: Application, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws {
        guard let user = try await User.find(p.userID, on: db) else { throw AppError.unauthorized }
        var errors = FieldErrors()
        if try await !app.password.async.verify(current, created: user.passwordHash) {
            errors.append(FieldError(field: "currentPassword", message: "当前密码不正确"))
        }
        errors.collect { () throws(FieldError) in try app.passwordPolicy.validate(new, username: user.username) }
        if errors.isEmpty, new != confirm { errors.append(FieldError(field: "confirmPassword", message: "两次输入的新密码不一致")) }
        if errors.isEmpty, try await isRecent(new, user: user, app: app, on: db) {
            errors.append(FieldError(field: "newPassword", message: "新密码不能与最近\(recentPasswords)次使用过的密码相同"))
        }
        try errors.throwIfAny()
        let old = user.passwordHash
        user.passwordHash = try await app.password.async.hash(new)
        user.passwordChangedAt = now
        user.mustChangePassword = false
        try await Store.write(db) { tx in
            try await user.update(on: tx)
            try await remember(old, of: p.userID, at: now, on: tx)
            var others = UserSession.query(on: tx).filter(\.$user.$id == p.userID)
            if let sid = p.sessionID { others = others.filter(\.$id != sid) }
            try await others.delete()
            try await APITokenQuery.revoke(userID: p.userID, reason: "修改密码", actor: actor, at: now, on: tx)
            try await Audit.record(AccountAudit.userChangePassword, entity: "user", id: p.userID, actor: actor, at: now, on: tx)
        }
    }

    /// How many of a user's latest passwords (the current one included) a new one may not repeat.
    static let recentPasswords = 5

    /// The new password is the current one or one of the ones before it.
    private static func isRecent(_ password: String, user: User, app: Application, on db: any Database) async throws -> Bool {
        let earlier = try await PasswordHistory.query(on: db).filter(\.$user.$id == user.requireID()).sort(\.$id, .descending)
            .limit(recentPasswords - 1).all().map(\.passwordHash)
        for hash in [user.passwordHash] + earlier where try await app.password.async.verify(password, created: hash) { return true }
        return false
    }

    /// Keeps a replaced password's hash (only the latest few are ever compared).
    private static func remember(_ hash: String, of userID: Int, at now: Date, on tx: any Database) async throws {
        let h = PasswordHistory()
        h.$user.id = userID
        h.passwordHash = hash
        h.replacedAt = now
        try await h.create(on: tx)
    }

    /// When no admin exists (an empty database, or one holding only demo data): a root federation if none
    /// exists, and the first admin with a random
    /// password printed once. Returns the password, or nil when an admin already exists.
    static func ensureFirstAdmin(app: Application, on db: any Database) async throws -> String? {
        guard try await User.query(on: db).filter(\.$role == Role.admin.rawValue).count() == 0 else { return nil }
        let root: Organization
        if let existing = try await Organization.query(on: db).filter(\.$parent.$id == nil).sort(\.$id).first() {
            root = existing
        } else {
            root = try await OrganizationQuery.createRoot(name: "本级总工会", on: db)
        }
        let (_, password) = try await create(
            username: "admin", displayName: "系统管理员", role: .admin,
            orgID: try root.requireID(), app: app, actor: .system, on: db)
        return password
    }
}

extension Application {
    private struct PasswordPolicyKey: StorageKey { typealias Value = PasswordPolicy }
    var passwordPolicy: PasswordPolicy {
        get { storage[PasswordPolicyKey.self] ?? PasswordPolicy() }
        set { storage[PasswordPolicyKey.self] = newValue }
    }
}
