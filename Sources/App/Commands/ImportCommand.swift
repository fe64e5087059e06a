import Domain
import Fluent
import Foundation
import Office
import Vapor

/// `uniondesk import members|employers|hardship FILE [--union ID|NAME] [--sheet NAME] [--mode insert|upsert] [--dry-run] [--json]`.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "members（会员）、employers（单位）、hardship（困难职工档案）、contracts（集体合同台账）或 tax-dues（税务代收工会经费明细）") var kind: String
        @Argument(name: "file", help: ".xlsx 或 .csv 文件") var file: String
        @Option(name: "union", help: "导入到的工会（编号或名称）；不指定时按“工作单位/所在工会”列分配") var union: String?
        @Option(name: "sheet", help: "工作表名称（默认第一个）") var sheet: String?
        @Option(name: "mode", help: "insert（只新增，默认）或 upsert（更新已有会员）") var mode: String?
        @Option(name: "db", help: "SQLite 数据库文件（默认 ./uniondesk.sqlite）") var db: String?
        @Flag(name: "dry-run", help: "只检查，不写入") var dryRun: Bool
        @Flag(name: "json", help: "输出一个 JSON 报告") var json: Bool
        init() {}
    }

    var help: String { "导入会员名册、单位名录或困难职工档案（.xlsx / .csv）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let importer = app.importer(signature.kind) else {
            let kinds = app.importers.map { "\($0.kind)（\($0.noun)）" }.joined(separator: "、")
            throw StartupError("请指定要导入的名册：\(kinds)")
        }
        guard let mode = ImportMode(rawValue: signature.mode ?? "insert") else { throw StartupError("--mode 只能是 insert 或 upsert") }
        let url = URL(fileURLWithPath: signature.file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw StartupError("找不到文件 \(signature.file)") }
        try await Startup.prepare(app, console: context.console)
        var union: Organization?
        if let u = signature.union {
            let unions = Organization.query(on: app.db).filter(\.$level == OrgLevel.union.rawValue)
            if let id = Int(u) {
                union = try await unions.filter(\.$id == id).first()
            } else {
                union = try await unions.filter(\.$name == u).first()
            }
            guard union != nil else { throw StartupError("找不到工会“\(u)”（可用编号或完整名称）") }
        }
        let showProgress = !signature.json && isatty(STDERR_FILENO) == 1
        var progress: (@Sendable (Int) throws -> Void)?
        if showProgress { progress = { @Sendable n in FileHandle.standardError.write(Data("\r已检查 \(n) 行…".utf8)) } }
        let actor = Audit.Actor(userID: nil, username: "cli", orgID: nil, ip: nil)
        let report: ImportReport
        do {
            report = try await importer.run(
                ImportRun(
                    file: url, sheet: signature.sheet, union: union, mode: mode, dryRun: signature.dryRun,
                    scope: try await Self.rootScope(app), actor: actor, fromCommandLine: true, progress: progress), app: app, on: app.db)
        } catch let e as OfficeError {
            throw StartupError(e.message)
        }
        if showProgress { FileHandle.standardError.write(Data("\r".utf8)) }
        if signature.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            context.console.output(String(decoding: try encoder.encode(report), as: UTF8.self).consoleText())
            return
        }
        context.console.output(
            "共 \(report.total) 行：有效 \(report.valid)，有误 \(report.invalid)（其中文件内重复 \(report.duplicates)，已登记 \(report.existing)）".consoleText()
        )
        if signature.dryRun {
            context.console.output("试运行：将新增 \(report.toInsert) \(importer.unit)，更新 \(report.toUpdate) \(importer.unit)，未写入数据库。".consoleText())
        } else {
            context.console.output(
                "已新增\(importer.noun) \(report.inserted) \(importer.unit)，更新 \(report.updated) \(importer.unit)。".consoleText(.success))
        }
        if !report.unknownColumns.isEmpty {
            context.console.output("未识别的列（已忽略）：\(report.unknownColumns.joined(separator: "、"))".consoleText())
        }
        for e in report.errors.prefix(50) {
            context.console.output("第\(e.row)行 \(e.column)“\(e.value)”：\(e.message)".consoleText(.warning))
        }
        if report.errors.count > 50 { context.console.output("……另有 \(report.errors.count - 50) 条错误，请用 --json 查看全部".consoleText()) }
    }

    /// The first root federation, acting as its own staff would.
    static func rootScope(_ app: Application) async throws -> Scope {
        guard let root = try await Organization.query(on: app.db).filter(\.$parent.$id == nil).sort(\.$id).first(), let rootID = root.id
        else {
            throw StartupError("数据库中还没有总工会，请先启动一次服务或载入示例数据")
        }
        return Scope(orgID: rootID, path: root.path)
    }
}
