import Domain
import Fluent
import Vapor

/// `uniondesk user create|reset-password|list|disable|token`.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create | reset-password | list | disable | token") var action: String
        @Option(name: "username", short: "u") var username: String?
        @Option(name: "name", help: "显示名称") var name: String?
        @Option(name: "role", help: "admin | federationStaff | unionOfficer | leader") var role: String?
        @Option(name: "org", help: "所属组织编号") var org: Int?
        @Option(name: "db", help: "SQLite 数据库文件（默认 ./uniondesk.sqlite）") var db: String?
        @Option(name: "days", help: "token：令牌有效天数（默认 UNIONDESK_TOKEN_DAYS，90）") var days: Int?
        @Flag(name: "list", help: "token：列出令牌（可用 --username 限定用户）") var list: Bool
        @Flag(name: "password-stdin", help: "create：从标准输入读取密码（须符合密码规则；不要求首次登录修改）") var passwordStdin: Bool
        @Option(name: "revoke", help: "token：吊销编号为此的令牌") var revoke: Int?
        init() {}
    }

    var help: String { "管理用户：创建、重置密码、列表、停用；API 令牌的签发、列表（--list）和吊销（--revoke 编号）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Startup.prepare(app, console: context.console)
        let console = context.console
        func username() throws -> String {
            guard let u = signature.username else { throw StartupError("请用 --username 指定用户名") }
            return u
        }
        switch signature.action {
        case "create":
            guard let roleText = signature.role, let role = Role(rawValue: roleText) else {
                throw StartupError("请用 --role 指定角色：admin、federationStaff、unionOfficer 或 leader")
            }
            guard let org = signature.org else { throw StartupError("请用 --org 指定所属组织编号（user list 与 organizations 接口列出编号）") }
            var chosen: String?
            if signature.passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw StartupError("--password-stdin：标准输入中没有密码（例如 printf '%s' \"$PASSWORD\" | uniondesk user create …）")
                }
                chosen = line
            }
            do {
                let (user, password) = try await UserQuery.create(
                    username: username(), displayName: signature.name ?? username(), role: role,
                    orgID: org, chosen: chosen, app: app, actor: .system, on: app.db)
                let shown = chosen == nil ? "，初始密码 \(password)（首次登录须修改）" : "，密码已按标准输入设置"
                console.output("已创建用户 \(user.username)（编号 \(user.id ?? 0)）\(shown)".consoleText(.success))
            } catch let e as FieldError {
                throw StartupError(e.message)
            } catch let e as AppError {
                throw StartupError(e.message)
            }
        case "reset-password":
            let password = try await UserQuery.resetPassword(username: username(), app: app, actor: .system, on: app.db)
            console.output("已重置 \(try username()) 的密码为 \(password)（下次登录须修改），其现有会话已结束".consoleText(.success))
        case "disable":
            try await UserQuery.disable(username: username(), app: app, actor: .system, on: app.db)
            console.output("已停用 \(try username())，其会话和 API 令牌已失效".consoleText(.success))
        case "list":
            console.output("编号\t用户名\t显示名称\t角色\t所属组织（编号）\t状态".consoleText())
            for u in try await User.query(on: app.db).with(\.$org).sort(\.$username).all() {
                let role = Role(rawValue: u.role)?.label ?? u.role
                console.output(
                    "\(u.id ?? 0)\t\(u.username)\t\(u.displayName)\t\(role)\t\(u.org.name)（\(u.$org.id)）\t\(u.disabled ? "已停用" : "正常")"
                        .consoleText())
            }
        case "token":
            try await token(signature, app: app, console: console)
        default:
            throw StartupError("未知操作 \(signature.action)：可用 create、reset-password、list、disable、token")
        }
    }

    /// `user token --username U [--name N] [--days D]` issues; `--list [--username U]` lists; `--revoke ID` revokes.
    private func token(_ signature: Signature, app: Application, console: any Console) async throws {
        let now = app.clock.now()
        if signature.list {
            var q = APIToken.query(on: app.db).with(\.$user).sort(\.$id)
            if let name = signature.username {
                guard let user = try await User.query(on: app.db).filter(\.$username == name.lowercased()).first() else {
                    throw StartupError("用户 \(name) 不存在")
                }
                q = q.filter(\.$user.$id == (try user.requireID()))
            }
            let f = ISO8601DateFormatter()
            console.output("编号\t用户\t名称\t签发\t到期\t最近使用\t状态".consoleText())
            for t in try await q.all() {
                let expiry = APITokenQuery.expiry(createdAt: t.createdAt, expiresAt: t.expiresAt, days: app.config.tokenDays)
                let state = t.revoked ? "已吊销" : expiry <= now ? "已过期" : "有效"
                console.output(
                    "\(t.id ?? 0)\t\(t.user.username)\t\(t.name)\t\(f.string(from: t.createdAt))\t\(f.string(from: expiry))\t\(t.lastUsedAt.map(f.string) ?? "—")\t\(state)"
                        .consoleText())
            }
            return
        }
        if let id = signature.revoke {
            guard let t = try await APIToken.find(id, on: app.db) else { throw StartupError("令牌 \(id) 不存在") }
            guard !t.revoked else { throw StartupError("令牌 \(id) 已吊销") }
            try await Store.write(app.db) { tx in
                try await APITokenQuery.revoke(userID: t.$user.id, tokenID: id, reason: "命令行吊销", actor: .system, at: now, on: tx)
            }
            console.output("已吊销令牌 \(id)".consoleText(.success))
            return
        }
        guard let name = signature.username else { throw StartupError("请用 --username 指定用户名，或用 --list / --revoke 编号") }
        guard let user = try await User.query(on: app.db).filter(\.$username == name.lowercased()).first(), !user.disabled else {
            throw StartupError("用户 \(name) 不存在或已停用")
        }
        let days = signature.days ?? app.config.tokenDays
        guard (1...3650).contains(days) else { throw StartupError("--days 应为1到3650之间的天数") }
        let token = try await APITokenQuery.issue(for: user, name: signature.name ?? "cli", days: days, actor: .system, at: now, on: app.db)
        console.output("API 令牌（只显示这一次，\(days)天后失效）：\(token)".consoleText(.success))
    }
}
