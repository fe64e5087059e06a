import Domain
import Fluent
import Foundation
import Vapor

/// `uniondesk report summary [--org ID] (--year 2026 [--half 1|2] | --from DATE --to DATE) --format docx|md|html -o FILE`:
/// the work summary drafted from the records; without `--org`, the database's top federation.
struct ReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "summary（工作总结）") var kind: String
        @Option(name: "org", help: "单位编号（默认最上级总工会）") var org: Int?
        @Option(name: "year", help: "年度，如 2026") var year: String?
        @Option(name: "half", help: "1（上半年）或 2（下半年）") var half: String?
        @Option(name: "from", help: "开始日期，如 2026-01-01") var from: String?
        @Option(name: "to", help: "结束日期") var to: String?
        @Option(name: "format", short: "f", help: "docx、md 或 html（默认 docx）") var format: String?
        @Option(name: "output", short: "o", help: "输出文件") var output: String?
        @Option(name: "db", help: "SQLite 数据库文件（默认 ./uniondesk.sqlite）") var db: String?
        init() {}
    }

    var help: String { "按记录生成工作总结（Word、Markdown 或 HTML）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard signature.kind == "summary" else { throw StartupError("目前只能生成 summary（工作总结）") }
        guard let format = SummaryExport.Format(rawValue: signature.format ?? "docx"), format != .json else {
            throw StartupError("--format 只能是 docx、md 或 html")
        }
        guard let output = signature.output else { throw StartupError("请用 -o 指定输出文件") }
        try await Startup.prepare(app, console: context.console)
        let today = app.clock.today(in: app.config.timeZone)
        let period: ReportPeriod
        do {
            period = try ReportPeriod.parse(
                FormFields(
                    ["year": signature.year, "half": signature.half, "from": signature.from, "to": signature.to].compactMapValues { $0 }),
                today: today)
        } catch { throw StartupError(error.message) }
        let org: Organization
        if let id = signature.org {
            guard let found = try await Organization.find(id, on: app.db) else { throw StartupError("找不到编号为 \(id) 的单位") }
            org = found
        } else {
            let root = try await ImportCommand.rootScope(app)
            guard let found = try await Organization.find(root.orgID, on: app.db) else { throw StartupError("数据库中还没有总工会") }
            org = found
        }
        let summary = try await WorkSummaries.compose(org: org, period: period, today: today, app: app, on: app.db)
        let data: Data =
            switch format {
            case .docx: try SummaryExport.docx(summary)
            case .md: Data(SummaryMarkdown.render(summary).utf8)
            case .html, .json: Data(buffer: try await SummaryExport.page(summary, views: app.view).data)
            }
        try data.write(to: URL(fileURLWithPath: output))
        context.console.output("已生成 \(summary.title) → \(output)".consoleText())
    }
}
