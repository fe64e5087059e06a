import Vapor

/// `uniondesk demo [--scale township]`: loads the demo township into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "township（示例镇，约3000名会员）") var scale: String?
        @Option(name: "db", help: "SQLite 数据库文件（默认 ./uniondesk.sqlite）") var db: String?
        init() {}
    }

    var help: String { "向空数据库载入示例数据" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard (signature.scale ?? "township") == "township" else {
            throw StartupError("暂只支持 --scale township")
        }
        let app = context.application
        try await Startup.prepare(app, console: context.console)
        guard let accounts = try await DemoTownship.loadIfEmpty(app) else {
            throw StartupError("数据库中已有组织数据，示例数据只能载入空数据库")
        }
        context.console.output("已载入示例镇数据。示例账号（首次登录须修改密码）：".consoleText(.success))
        for a in accounts { context.console.output("  \(a.role)  用户名 \(a.username)  密码 \(a.password)".consoleText()) }
        if let password = try await UserQuery.ensureFirstAdmin(app: app, on: app.db) {
            context.console.output("首个管理员：用户名 admin  密码 \(password)（只显示这一次）".consoleText(.success))
        }
    }
}
