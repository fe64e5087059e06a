import Domain
import Fluent
import Vapor

/// Re-elections on the home page's to-do list: unions in the subtree whose term has ended or ends within the warning
/// period (the alert centre lists them).
struct ReElectionWorkSource: WorkSource {
    var warnMonths = 6

    func items(_ q: WorkQuery, on db: any Database) async throws -> [WorkItem] {
        guard q.principal.role.may(.orgRead) else { return [] }
        let due = try await Organization.scoped(q.principal.scope, on: db).filter(\.$status == OrgStatus.active.rawValue)
            .filter(\.$reElectionDue != nil).filter(\.$reElectionDue <= q.today.adding(months: warnMonths).iso).count()
        guard due > 0 else { return [] }
        let overdue = try await Organization.scoped(q.principal.scope, on: db).filter(\.$status == OrgStatus.active.rawValue)
            .filter(\.$reElectionDue != nil).filter(\.$reElectionDue < q.today.iso).count()
        return [
            WorkItem(
                id: "work-reelections", label: overdue > 0 ? "换届到期的基层工会（其中\(overdue)个已超期）" : "半年内换届到期的基层工会", count: due,
                url: SiteURL.alerts.path + "?module=organizations", urgent: overdue > 0)
        ]
    }
}
