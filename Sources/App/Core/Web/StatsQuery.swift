import Domain
import Vapor

/// The period and subtree a statistics query names, shared by every module's statistics (API and pages alike).
enum StatsQuery {
    /// The subtree a statistic covers: `orgId` (a node of the caller's subtree), or the caller's whole subtree.
    static func subtree(_ q: FormFields, _ req: Request) async throws -> Scope {
        let scope = try req.scope
        guard let id = try Input.id(q["orgId"], field: "orgId", label: "统计范围") else { return scope }
        let org = try await OrganizationQuery.find(id, in: scope, on: req.db)
        return Scope(orgID: try org.requireID(), path: org.path)
    }

    /// `from`/`to` dates, or a `year` (default: this year so far).
    static func period(_ q: FormFields, today: CalendarDate) throws -> (CalendarDate, CalendarDate) {
        if let y = try Input.int(q["year"], field: "year", label: "年度", range: CalendarDate.acceptedYears) {
            return (CalendarDate.firstDay(of: y), CalendarDate.lastDay(of: y))
        }
        let from = try Input.date(q["from"], field: "from", label: "开始日期") ?? CalendarDate.firstDay(of: today.year)
        let to = try Input.date(q["to"], field: "to", label: "结束日期") ?? today
        guard from <= to else { throw FieldError(field: "to", message: "结束日期不能早于开始日期") }
        return (from, to)
    }
}
