import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Backup and restore of the whole database: SQLite by `VACUUM INTO` (a consistent copy while the server runs),
/// PostgreSQL by `pg_dump`/`pg_restore` in the custom format. The encryption key is never in a backup: without the
/// same key a restored database's ID and phone numbers cannot be read, so every run says so.
enum Backups {
    static let keyReminder = "备份文件不含加密密钥：请把密钥文件（UNIONDESK_KEY_FILE，默认 uniondesk.key）或 UNIONDESK_KEY 另行妥善保存；恢复时须使用同一密钥，否则身份证号和电话号码无法解密。"

    /// The tables a restore is checked by, and the operator told of.
    static let countedTables = [
        "organizations", "employers", "members", "users", "relief_applications", "disbursements", "fund_entries", "petitions", "dues_receipts", "attachments",
        "audit_entries",
    ]

    struct Report: Sendable {
        var counts: [(String, Int)]
        /// The first member's ID number decrypted and masked, or nil when there are no members.
        var decryptedMember: String?
    }

    static func backup(_ app: Application, to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw StartupError("备份文件 \(path) 已存在，请换一个文件名") }
        switch app.config.store {
        case .sqliteFile, .sqliteMemory:
            try await app.db.sql.raw("VACUUM INTO \(bind: path)").run()
        case .postgres(let url):
            try run(tool: "pg_dump", ["--format=custom", "--no-owner", "--file=\(path)", "--dbname=\(url)"])
        }
    }

    /// Restores into the configured database, which must be new: an SQLite file that does not exist yet, or an empty
    /// PostgreSQL database. Then migrates (an older backup is brought up to date) and checks what was restored.
    static func restore(_ app: Application, from path: String, console: any Console) async throws -> Report {
        guard FileManager.default.fileExists(atPath: path) else { throw StartupError("找不到备份文件 \(path)") }
        switch app.config.store {
        case .sqliteMemory:
            throw StartupError("请用 --db 指定要恢复到的新 SQLite 数据库文件")
        case .sqliteFile(let target):
            guard !FileManager.default.fileExists(atPath: target) else {
                throw StartupError("目标数据库 \(target) 已存在：恢复只写入新的数据库文件，请用 --db 指定一个新路径（确认无误后再替换旧文件）")
            }
            try FileManager.default.copyItem(atPath: path, toPath: target)
            struct Row: Decodable { var integrity_check: String }
            let check = try await app.db.sql.raw("PRAGMA integrity_check").all(decoding: Row.self).map(\.integrity_check)
            guard check == ["ok"] else {
                try? FileManager.default.removeItem(atPath: target)
                throw StartupError("备份文件未通过完整性检查：\(check.prefix(3).joined(separator: "；"))")
            }
        case .postgres(let url):
            struct Row: Decodable { var n: Int }
            let tables = try await app.db.sql.raw(
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'"
            ).first(decoding: Row.self)?.n ?? 0
            guard tables == 0 else { throw StartupError("目标 PostgreSQL 数据库不是空的（已有 \(tables) 张表）：请恢复到新建的空数据库") }
            try run(tool: "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname=\(url)", path])
        }
        try await Startup.prepare(app, console: console)
        return try await check(app)
    }

    /// Row counts of the main tables and one member decrypted with the configured key.
    static func check(_ app: Application) async throws -> Report {
        struct Row: Decodable { var n: Int }
        var counts: [(String, Int)] = []
        for table in countedTables {
            counts.append((table, try await app.db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Row.self)?.n ?? 0))
        }
        guard let member = try await Member.query(on: app.db).sort(\.$id).first() else { return Report(counts: counts, decryptedMember: nil) }
        do {
            let id = Masking.idNumber(try app.cipher.decrypt(member.idNumberEncrypted))
            return Report(counts: counts, decryptedMember: "\(member.name) \(id)")
        } catch {
            throw StartupError("已恢复的数据无法用当前密钥解密（会员 \(member.id ?? 0)）：请使用做备份时的密钥文件或 UNIONDESK_KEY")
        }
    }

    /// Runs a PostgreSQL client tool (from the PATH or the newest /usr/lib/postgresql/*/bin) and waits for it.
    private static func run(tool: String, _ arguments: [String]) throws {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/\(tool)" }
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted().reversed()
            .map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw StartupError("找不到 \(tool)：请安装 PostgreSQL 客户端（postgresql-client）")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Read before waiting: a tool that fills the pipe would otherwise wait for us for ever.
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StartupError("\(tool) 失败（退出码 \(process.terminationStatus)）：\(message.prefix(500))")
        }
    }
}
