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
                case .overdue: out.append(item(.overdue, "\(d.kind.label)已逾期", .overdue, d))
                case .dueSoon: out.append(item(.dueSoon, "\(d.kind.label)即将到期", .dueSoon, d))
                default: break
                }
            }
            if p.urgent, p.reportedOn == nil { out.append(item(.unreported, "重大紧急事项未上报（缓报）", .overdue, nil)) }
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
                label: overdue ? "调解超过\(rules.mediationDays)日未结，可引导申请仲裁" : "调解期限即将届满", severity: overdue ? .overdue : .dueSoon,
                subject: "\(m.number) \(Masking.name(m.applicantName)) 诉 \(m.employerLabel)", orgName: m.org.name, due: limit.iso,
                daysLeft: left,
                url: SiteURL.mediation(m.id).path)
        }
    }
}

/// Hardship files due for attention (DOMAIN.md §8.3): not re-verified in time, never assisted, income above the line.
struct HardshipFileAlertSource: AlertSource {
    var settings: ReliefSettings
    let module = "relief"
    let label = "困难帮扶"
    var kinds: [(code: String, label: String)] { HardshipFiles.Alert.allCases.map { ("relief.\($0.rawValue)", $0.label) } }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        var out: [AlertItem] = []
        for alert in HardshipFiles.Alert.allCases {
            let files = try await HardshipFiles.filtered(
                HardshipFiles.Filter(alert: alert), in: q.scope, today: q.today, settings: settings, on: db
            )
            .sort(\.$verifiedOn).limit(q.limit).all()
            out += files.map { f in
                AlertItem(
                    module: module, kind: "relief.\(alert.rawValue)", label: alert.label, severity: .notice,
                    subject: "困难职工档案 \(Masking.name(f.headName))", orgName: f.org.name, due: nil, daysLeft: nil,
                    url: SiteURL.reliefFile(f.id).path)
            }
        }
        return out
    }
}

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
