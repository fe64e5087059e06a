import Vapor

/// `uniondesk demo [--scale township|county]`: loads the demo township, or the county of twenty large towns, into an
/// empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "township（示例镇，约3000名会员）或 county（示例县：20个镇、2000个基层工会、5万家单位、约100万名会员）")
        var scale: String?
        @Option(name: "db", help: "SQLite 数据库文件（默认 ./uniondesk.sqlite）") var db: String?
        init() {}
    }

    var help: String { "向空数据库载入示例数据" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let scale = signature.scale ?? "township"
        guard ["township", "county"].contains(scale) else {
            throw StartupError("--scale 只能是 township（示例镇）或 county（示例县）")
        }
        let app = context.application
        let console = context.console
        try await Startup.prepare(app, console: console)
        let started = Date()
        let loaded =
            scale == "county"
            ? try await DemoCounty.loadIfEmpty(app) { console.output("  \($0)".consoleText()) }
            : try await DemoTownship.loadIfEmpty(app)
        guard let accounts = loaded else {
            throw StartupError("数据库中已有组织数据，示例数据只能载入空数据库")
        }
        let seconds = Int(Date().timeIntervalSince(started))
        console.output("已载入\(scale == "county" ? "示例县" : "示例镇")数据（用时 \(seconds) 秒）。示例账号（首次登录须修改密码）：".consoleText(.success))
        for a in accounts { console.output("  \(a.role)  用户名 \(a.username)  密码 \(a.password)".consoleText()) }
        if let password = try await UserQuery.ensureFirstAdmin(app: app, on: app.db) {
            context.console.output("首个管理员：用户名 admin  密码 \(password)（只显示这一次）".consoleText(.success))
        }
    }
}
