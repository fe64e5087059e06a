import Domain
import Fluent
import Vapor

/// One line of a person's to-do list on the home page (待办): what waits for them, how many, and where to do it.
struct WorkItem: Encodable, Sendable {
    /// A stable element id (`work-relief-review`), for people's bookmarks and the tests.
    var id: String
    var label: String
    var count: Int
    var url: String
    /// Something in it is past a statutory limit or its due date.
    var urgent = false
    /// The first few records, most pressing first (a petition with its legal deadline).
    var lines: [WorkLine] = []
    var hasLines: Bool { !lines.isEmpty }

    enum CodingKeys: String, CodingKey { case id, label, count, url, urgent, lines, hasLines }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(count, forKey: .count)
        try c.encode(url, forKey: .url)
        try c.encode(urgent, forKey: .urgent)
        try c.encode(lines, forKey: .lines)
        try c.encode(hasLines, forKey: .hasLines)
    }
}

struct WorkLine: Encodable, Sendable {
    var text: String
    /// The deadline and how far off it is (`2026-12-10（剩6天）`, `逾期3天`).
    var due: String
    var url: String
    var overdue: Bool
}

/// A module's part of the home page's to-do list. Each source asks the person's role itself and returns only what is
/// theirs to do now (nothing at zero).
protocol WorkSource: Sendable {
    func items(_ q: WorkQuery, on db: any Database) async throws -> [WorkItem]
}

/// Whose list, on which day.
struct WorkQuery: Sendable {
    var principal: Principal
    var today: CalendarDate
    var now: Date
}

extension WorkLine {
    /// “2026-12-10（剩6天）” or “2026-12-01（逾期3天）”.
    static func due(_ day: CalendarDate, today: CalendarDate) -> String {
        let left = day.dayNumber - today.dayNumber
        return day.iso + (left < 0 ? "（逾期\(-left)天）" : left == 0 ? "（今天到期）" : "（剩\(left)天）")
    }
}

/// Imports the person started that have finished in the last week: the report waits to be read.
struct ImportWorkSource: WorkSource {
    func items(_ q: WorkQuery, on db: any Database) async throws -> [WorkItem] {
        let done = [ImportJobs.Status.done, .failed, .cancelled].map(\.rawValue)
        let jobs = try await ImportJob.query(on: db).filter(\.$userID == q.principal.userID).filter(\.$status ~~ done)
            .filter(\.$finishedAt >= q.now.addingTimeInterval(-7 * 86_400)).sort(\.$finishedAt, .descending).limit(5).all()
        guard !jobs.isEmpty else { return [] }
        return [
            WorkItem(
                id: "work-imports", label: "本周完成的导入", count: jobs.count, url: SiteURL.importJob(jobs[0].id).path,
                urgent: jobs.contains { $0.status == ImportJobs.Status.failed.rawValue },
                lines: jobs.map {
                    WorkLine(
                        text: "\($0.fileName)：\($0.jobStatus?.label ?? $0.status)\($0.dryRun ? "（仅检查）" : "")", due: "",
                        url: SiteURL.importJob($0.id).path, overdue: $0.status == ImportJobs.Status.failed.rawValue)
                })
        ]
    }
}
