import Domain
import Fluent
import Vapor

/// Sign-in, sessions and sign-out for browser users.
enum SessionQuery {
    /// The principal for a session cookie, or nil when the session is unknown, expired or its user disabled.
    static func principal(token: String, on req: Request) async throws -> Principal? {
        let id = Token.digest(token)
        // One round trip for the session, its user and the user's node, decoded without building models: this runs
        // before every page.
        guard
            let row = try await req.db.sql.raw(
                """
                SELECT s.created_at, s.last_seen_at, \(unsafeRaw: PrincipalRow.userColumns) FROM user_sessions s \
                JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.org_id WHERE s.id = \(bind: id)
                """
            ).first(decoding: PrincipalRow.self), let created = row.created_at, let seen = row.last_seen_at
        else {
            return nil
        }
        let now = req.now
        let policy = req.application.config.session
        let session = UserSession.query(on: req.db).filter(\.$id == id)
        guard !row.disabled, policy.isAlive(createdAt: created, lastSeenAt: seen, now: now) else {
            try await session.delete()
            return nil
        }
        // Touch at most once a minute: the idle timeout needs no finer grain.
        if now.timeIntervalSince(seen) > 60 {
            try await session.set(\.$lastSeenAt, to: now).update()
        }
        return row.principal(sessionID: id, csrf: req.application.cipher.csrfToken(forSession: token))
    }

    /// Checks the password and the lockout, then starts a new session (a new id: no fixation).
    /// Returns the cookie token.
    static func signIn(username: String, password: String, on req: Request) async throws -> String {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        let source = req.clientIP
        let now = req.now
        let lockout = req.application.config.lockout
        let failures = try await LoginFailure.query(on: req.db)
            .filter(\.$username == name).filter(\.$source == source)
            .filter(\.$at >= now.addingTimeInterval(-(lockout.window + lockout.lockFor)))
            .all().map(\.at)
        if let until = lockout.lockedUntil(failures: failures, now: now) {
            try await req.audit(AccountAudit.loginLocked, entity: "user", after: ["username": name], success: false)
            let minutes = Int((until.timeIntervalSince(now) / 60).rounded(.up))
            throw AppError.locked("登录失败次数过多，账号已在此地址锁定，请\(minutes)分钟后再试")
        }
        let user = try await User.query(on: req.db).filter(\.$username == name).first()
        let ok: Bool
        if let user, !user.disabled {
            ok = try await req.password.async.verify(password, created: user.passwordHash)
        } else {
            // Hash anyway so an unknown name takes as long as a wrong password.
            _ = try await req.password.async.hash(password)
            ok = false
        }
        guard ok, let user, let userID = user.id else {
            try await Store.write(req.db) { db in
                let f = LoginFailure()
                f.username = name
                f.source = source
                f.at = now
                try await f.create(on: db)
                try await Audit.record(
                    AccountAudit.loginFailed, entity: "user", after: ["username": name], success: false,
                    actor: req.actor, at: now, on: db)
            }
            throw AppError.badRequest("用户名或密码错误", field: "password")
        }
        let token = Token.make()
        let oldToken = req.cookies[SessionCookie.name(req.application)]?.string
        let expired = PasswordPolicy(maxAgeDays: req.application.config.passwordMaxAgeDays)
            .isExpired(changedAt: user.passwordChangedAt, now: now)
        try await Store.write(req.db) { db in
            if let oldToken { try await UserSession.query(on: db).filter(\.$id == Token.digest(oldToken)).delete() }
            try await LoginFailure.query(on: db).filter(\.$username == name).filter(\.$source == source).delete()
            if expired, !user.mustChangePassword {
                user.mustChangePassword = true
                try await user.update(on: db)
            }
            let s = UserSession()
            s.id = Token.digest(token)
            s.$user.id = userID
            s.createdAt = now
            s.lastSeenAt = now
            s.ip = source
            try await s.create(on: db)
            let actor = Audit.Actor(userID: userID, username: user.username, orgID: user.$org.id, ip: source)
            try await Audit.record(AccountAudit.login, entity: "user", id: userID, actor: actor, at: now, on: db)
        }
        return token
    }

    static func signOut(on req: Request) async throws {
        guard let p = req.principal, let sid = p.sessionID else { return }
        try await Store.write(req.db) { db in
            try await UserSession.query(on: db).filter(\.$id == sid).delete()
            try await Audit.record(AccountAudit.logout, entity: "user", id: p.userID, actor: req.actor, at: req.now, on: db)
        }
    }
}

/// Bearer tokens for `/api/v1`: stored hashed, expiring (`UNIONDESK_TOKEN_DAYS`, 90 by default), revoked by a
/// password change or reset, by disabling the user, or one by one; every issue and revocation is audited.
enum APITokenQuery {
    static func principal(bearer token: String?, on req: Request) async throws -> Principal? {
        guard let token, !token.isEmpty else { return nil }
        guard
            let row = try await req.db.sql.raw(
                """
                SELECT t.id AS token_id, t.created_at, t.expires_at, t.last_used_at, \(unsafeRaw: PrincipalRow.userColumns) \
                FROM api_tokens t JOIN users u ON u.id = t.user_id \
                JOIN organizations o ON o.id = u.org_id WHERE t.token_hash = \(bind: Token.digest(token)) AND t.revoked = \(false)
                """
            ).first(decoding: PrincipalRow.self), !row.disabled, let created = row.created_at, let tokenID = row.token_id
        else { return nil }
        let now = req.now
        guard now < expiry(createdAt: created, expiresAt: row.expires_at, days: req.application.config.tokenDays) else { return nil }
        // Noted at most once an hour, for `user token --list`.
        if row.last_used_at.map({ now.timeIntervalSince($0) > 3600 }) ?? true {
            try await req.db.sql.update("api_tokens").set("last_used_at", to: now).where("id", .equal, tokenID).run()
        }
        return row.principal(sessionID: nil, csrf: nil)
    }

    /// When a token stops working: its own expiry, or (issued before tokens expired) `days` after it was issued.
    static func expiry(createdAt: Date, expiresAt: Date?, days: Int) -> Date {
        expiresAt ?? createdAt.addingTimeInterval(Double(days) * 86_400)
    }

    /// Issues a token for a user; the plain token is returned once and only its hash is kept.
    static func issue(for user: User, name: String, days: Int, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> String {
        let token = "ud_" + Token.make()
        let row = APIToken()
        row.$user.id = try user.requireID()
        row.name = String(name.prefix(40))
        row.tokenHash = Token.digest(token)
        let expires = now.addingTimeInterval(Double(days) * 86_400)
        row.createdAt = now
        row.expiresAt = expires
        row.revoked = false
        try await Store.write(db) { tx in
            try await row.create(on: tx)
            try await Audit.record(
                AccountAudit.tokenIssue, entity: "api_token", id: row.id,
                after: ["username": user.username, "name": row.name, "expires": ISO8601DateFormatter().string(from: expires)], actor: actor,
                at: now, on: tx)
        }
        return token
    }

    /// Revokes one token of a user, or all their live tokens, inside the caller's transaction; audited with the reason.
    static func revoke(userID: Int, tokenID: Int? = nil, reason: String, actor: Audit.Actor, at now: Date, on tx: any Database) async throws {
        var q = tx.sql.update("api_tokens").set("revoked", to: true).set("revoked_at", to: now).where("user_id", .equal, userID)
            .where("revoked", .equal, false)
        if let tokenID { q = q.where("id", .equal, tokenID) }
        let revoked = try await q.returning("id").all().count
        guard revoked > 0 else { return }
        try await Audit.record(
            AccountAudit.tokenRevoke, entity: tokenID == nil ? "user" : "api_token", id: tokenID ?? userID,
            after: ["reason": reason, "count": String(revoked)], actor: actor, at: now, on: tx)
    }
}

/// What identifies the caller, read in one query with the session or token.
private struct PrincipalRow: Decodable {
    static let userColumns =
        "u.id AS user_id, u.username, u.display_name, u.role, u.must_change_password, u.disabled, o.id AS org_id, o.path AS org_path"
    var created_at: Date?
    var last_seen_at: Date?
    var token_id: Int?
    var expires_at: Date?
    var last_used_at: Date?
    var user_id: Int
    var username: String
    var display_name: String
    var role: String
    var must_change_password: Bool
    var disabled: Bool
    var org_id: Int
    var org_path: String

    func principal(sessionID: String?, csrf: String?) -> Principal? {
        guard let role = Role(rawValue: role) else { return nil }
        return Principal(
            userID: user_id, username: username, displayName: display_name, role: role,
            scope: Scope(orgID: org_id, path: org_path), mustChangePassword: must_change_password, sessionID: sessionID,
            csrfToken: csrf)
    }
}
