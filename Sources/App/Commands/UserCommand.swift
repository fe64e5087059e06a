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
        init() {}
    }

    var help: String { "管理用户：创建、重置密码、列表、停用、签发 API 令牌" }

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
            guard let org = signature.org else { throw StartupError("请用 --org 指定所属组织编号") }
            let (_, password) = try await UserQuery.create(
                username: username(), displayName: signature.name ?? username(), role: role,
                orgID: org, app: app, actor: .system, on: app.db)
            console.output("已创建用户 \(try username())，初始密码 \(password)（首次登录须修改）".consoleText(.success))
        case "reset-password":
            let password = try await UserQuery.resetPassword(username: username(), app: app, actor: .system, on: app.db)
            console.output("已重置 \(try username()) 的密码为 \(password)（下次登录须修改），其现有会话已结束".consoleText(.success))
        case "disable":
            try await UserQuery.disable(username: username(), app: app, actor: .system, on: app.db)
            console.output("已停用 \(try username())，其会话和 API 令牌已失效".consoleText(.success))
        case "list":
            for u in try await User.query(on: app.db).with(\.$org).sort(\.$username).all() {
                let role = Role(rawValue: u.role)?.label ?? u.role
                console.output("\(u.username)\t\(u.displayName)\t\(role)\t\(u.org.name)\(u.disabled ? "\t已停用" : "")".consoleText())
            }
        case "token":
            guard let user = try await User.query(on: app.db).filter(\.$username == username().lowercased()).first(), !user.disabled else {
                throw StartupError("用户 \(try username()) 不存在或已停用")
            }
            let token = try await APITokenQuery.issue(for: user, name: signature.name ?? "cli", at: app.clock.now(), on: app.db)
            try await Audit.record("token.issue", entity: "user", id: user.id, actor: .system, at: app.clock.now(), on: app.db)
            console.output("API 令牌（只显示这一次）：\(token)".consoleText(.success))
        default:
            throw StartupError("未知操作 \(signature.action)：可用 create、reset-password、list、disable、token")
        }
    }
}
