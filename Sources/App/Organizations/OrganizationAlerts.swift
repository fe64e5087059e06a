import Domain
import Fluent
import Vapor

/// Unions whose term has ended or ends within the warning period (工会基层组织选举工作条例: re-elect on time).
struct ReElectionAlertSource: AlertSource {
    var warnMonths = 6
    let module = "organizations"
    let label = "组织建设"
    let kinds: [(code: String, label: String)] = [("org.reElectionOverdue", "换届已超期"), ("org.reElectionDue", "换届即将到期")]

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        let rows = try await Organization.scoped(q.scope, on: db).filter(\.$status == OrgStatus.active.rawValue)
            .filter(\.$reElectionDue != nil).filter(\.$reElectionDue <= q.today.adding(months: warnMonths).iso).sort(\.$reElectionDue)
            .limit(q.limit).all()
        return rows.compactMap { o in
            guard let due = o.reElectionDue.flatMap(CalendarDate.init(parsing:)) else { return nil }
            let overdue = ReElectionState.of(due: due, today: q.today, warnMonths: warnMonths) == .overdue
            return AlertItem(
                module: module, kind: overdue ? "org.reElectionOverdue" : "org.reElectionDue", label: overdue ? "换届已超期" : "换届即将到期",
                severity: overdue ? .overdue : .dueSoon, subject: o.name, orgName: o.name, due: due.iso,
                daysLeft: due.dayNumber - q.today.dayNumber, url: SiteURL.org(o.id).path)
        }
    }
}
