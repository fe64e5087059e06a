import Vapor

/// `uniondesk backup -o FILE [--db PATH]`: a consistent copy of the whole database, taken while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o", help: "备份文件路径（不得已存在）") var output: String?
        @Option(name: "db", help: "SQLite 数据库文件（默认 ./uniondesk.sqlite；设置 DATABASE_URL 时使用 PostgreSQL 和 pg_dump）") var db: String?
        init() {}
    }

    var help: String { "备份整个数据库（SQLite：VACUUM INTO；PostgreSQL：pg_dump）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output else { throw StartupError("请用 -o 指定备份文件路径") }
        let app = context.application
        try await Startup.prepare(app, console: context.console)
        try await Backups.backup(app, to: output)
        let report = try await Backups.check(app)
        context.console.output("已备份到 \(output)：\(Self.describe(report))".consoleText(.success))
        context.console.output(Backups.keyReminder.consoleText(.warning))
    }

    static func describe(_ r: Backups.Report) -> String {
        r.counts.map { "\($0.0) \($0.1)" }.joined(separator: "，")
    }
}

/// `uniondesk restore FILE [--db NEW_PATH]`: restores a backup into a new SQLite file or an empty PostgreSQL
/// database, migrates it, and checks it (integrity, row counts, one member decrypted with the configured key).
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "备份文件") var file: String
        @Option(name: "db", help: "恢复到的新 SQLite 数据库文件（设置 DATABASE_URL 时恢复到该空 PostgreSQL 数据库）") var db: String?
        init() {}
    }

    var help: String { "从备份恢复到新的数据库，并核对行数和解密" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let report = try await Backups.restore(app, from: signature.file, console: context.console)
        context.console.output("已恢复：\(BackupCommand.describe(report))".consoleText(.success))
        if let member = report.decryptedMember {
            context.console.output("解密核对：通过（\(member)）".consoleText(.success))
        }
        context.console.output(Backups.keyReminder.consoleText(.warning))
    }
}
