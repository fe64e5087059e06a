import Domain
import Fluent
import Vapor

/// Petition deadlines (受理告知, 办理答复, 复查/复核, 向转办机关回复) due soon or overdue, and 重大紧急 matters not
/// reported upward (缓报). Each is the A handler's, or the B handler's while A is away.
struct PetitionAlertSource: AlertSource {
    var rules: PetitionRules
    let module = "petitions"
    let label = "信访维权"
    var kinds: [(code: String, label: String)] {
        Petitions.Alert.allCases.map { ("petition.\($0.rawValue)", "信访件\($0.label)") }
    }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        let rows = try await Petitions.scoped(q.scope, on: db).filter(Petitions.mayAlert).with(\.$org).with(\.$handlerA).with(\.$employer)
            .sort(\.$receivedOn).all()
        var out: [AlertItem] = []
        for p in rows where out.count < q.limit {
            let handlers = p.handlerA.awaySince == nil ? [p.$handlerA.id] : [p.$handlerA.id, p.$handlerB.id]
            let subject =
                "\(p.number) \(Masking.name(p.petitionerName)) \(PetitionCategory(rawValue: p.category)?.label ?? "")"
                + (p.employerLabel.map { "（\($0)）" } ?? "")
            func item(_ alert: Petitions.Alert, _ label: String, _ severity: AlertItem.Severity, _ d: PetitionDeadline?) -> AlertItem {
                AlertItem(
                    module: module, kind: "petition.\(alert.rawValue)", label: label, severity: severity, subject: subject,
                    orgName: p.org.name,
                    due: d?.due.iso, daysLeft: d?.daysLeft, url: SiteURL.petition(p.id).path, handlerIds: handlers)
            }
            for d in Petitions.deadlines(p, rules: rules, today: q.today) {
                switch d.state {
                case .overdue: out.append(item(.overdue, "\(d.kind.label)已逾期", .statutoryOverdue, d))
                case .dueSoon: out.append(item(.dueSoon, "\(d.kind.label)即将到期", .dueSoon, d))
                default: break
                }
            }
            if p.urgent, p.reportedOn == nil { out.append(item(.unreported, "重大紧急事项未上报（缓报）", .statutoryOverdue, nil)) }
        }
        return out
    }
}

/// Mediations still pending near or past the statutory 15 days (a party may then go to arbitration).
struct MediationAlertSource: AlertSource {
    var rules: PetitionRules
    let module = "mediations"
    let label = "劳动争议调解"
    var kinds: [(code: String, label: String)] {
        [("mediation.overdue", "调解超过\(rules.mediationDays)日未结"), ("mediation.dueSoon", "调解期限即将届满")]
    }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        let soon = q.today.adding(days: rules.dueSoonDays - rules.mediationDays).iso
        let rows = try await Mediations.scoped(q.scope, on: db).filter(\.$outcome == MediationOutcome.pending.rawValue)
            .filter(\.$appliedOn <= soon).with(\.$org).with(\.$employer).sort(\.$appliedOn).limit(q.limit).all()
        return rows.compactMap { m in
            guard let limit = Mediations.limit(m, rules: rules) else { return nil }
            let left = limit.dayNumber - q.today.dayNumber
            let overdue = left < 0
            return AlertItem(
                module: module, kind: overdue ? "mediation.overdue" : "mediation.dueSoon",
                label: overdue ? "调解超过\(rules.mediationDays)日未结，可引导申请仲裁" : "调解期限即将届满", severity: overdue ? .statutoryOverdue : .dueSoon,
                subject: "\(m.number) \(Masking.name(m.applicantName)) 诉 \(m.employerLabel)", orgName: m.org.name, due: limit.iso,
                daysLeft: left,
                url: SiteURL.mediation(m.id).path)
        }
    }
}
