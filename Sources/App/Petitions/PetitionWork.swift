import Domain
import Fluent
import Vapor

/// Petitions on the home page's to-do list: the handler's own queue by its nearest legal deadline (as A, or as B while
/// A is away), and mediations pending past the statutory 15 days.
struct PetitionWorkSource: WorkSource {
    var rules: PetitionRules

    func items(_ q: WorkQuery, on db: any Database) async throws -> [WorkItem] {
        guard q.principal.role.may(.petitionHandle) else { return [] }
        var out: [WorkItem] = []
        let mine = try await Petitions.queue(for: q.principal.userID, rules: rules, today: q.today, on: db)
        if !mine.isEmpty {
            let lines = mine.prefix(5).map { p -> WorkLine in
                let next = Petitions.deadlines(p, rules: rules, today: q.today).filter { $0.daysLeft != nil }.min {
                    ($0.daysLeft ?? 0) < ($1.daysLeft ?? 0)
                }
                return WorkLine(
                    text: "\(p.number) \(Masking.name(p.petitionerName)) \(PetitionCategory(rawValue: p.category)?.label ?? "")"
                        + (next.map { " · \($0.kind.label)" } ?? ""),
                    due: next.map { WorkLine.due($0.due, today: q.today) } ?? "", url: SiteURL.petition(p.id).path,
                    overdue: (next?.daysLeft ?? 0) < 0)
            }
            out.append(
                WorkItem(
                    id: "work-petitions", label: "我承办的信访件（按法定期限）", count: mine.count, url: SiteURL.petitions.path,
                    urgent: lines.contains(where: \.overdue), lines: Array(lines)))
        }
        let overdue = try await Mediations.scoped(q.principal.scope, on: db).filter(\.$outcome == MediationOutcome.pending.rawValue)
            .filter(\.$appliedOn < q.today.adding(days: -rules.mediationDays).iso).count()
        if overdue > 0 {
            out.append(
                WorkItem(
                    id: "work-mediations", label: "调解超过\(rules.mediationDays)日未结", count: overdue,
                    url: SiteURL.mediations.path + "?overdue=1", urgent: true))
        }
        return out
    }
}
