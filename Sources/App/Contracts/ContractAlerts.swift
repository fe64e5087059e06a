import Domain
import Fluent
import Vapor

/// Bargaining deadlines due soon or overdue: a request not answered in 20 days, a negotiator's seat empty past 15,
/// a signed contract not filed, a review period over without its result recorded, a contract not published, a
/// contract expiring without its renewal.
struct ContractAlertSource: AlertSource {
    var rules: ContractRules
    let module = "contracts"
    let label = "集体协商"
    var kinds: [(code: String, label: String)] {
        ContractDeadlineKind.allCases.flatMap { k in
            [("contract.\(k.rawValue).overdue", "\(k.label)已逾期"), ("contract.\(k.rawValue).dueSoon", "\(k.label)即将到期")]
        }
    }

    /// Statutory limits (reply, vacancy, filing) first; the review's end and publication are the union's record keeping;
    /// an expired contract without renewal is a lapse of coverage.
    static func severity(_ kind: ContractDeadlineKind) -> AlertItem.Severity {
        switch kind {
        case .reply, .vacancy, .filing: .statutoryOverdue
        case .review, .publication, .renewal: .overdue
        }
    }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        var out: [AlertItem] = []
        func add(_ d: ContractDeadline, subject: String, org: String, url: String) {
            switch d.state {
            case .overdue:
                out.append(
                    AlertItem(
                        module: module, kind: "contract.\(d.kind.rawValue).overdue", label: "\(d.kind.label)已逾期", severity: Self.severity(d.kind),
                        subject: subject + (d.note.map { "（\($0)）" } ?? ""), orgName: org, due: d.due.iso, daysLeft: d.daysLeft, url: url))
            case .dueSoon:
                out.append(
                    AlertItem(
                        module: module, kind: "contract.\(d.kind.rawValue).dueSoon", label: "\(d.kind.label)即将到期", severity: .dueSoon,
                        subject: subject + (d.note.map { "（\($0)）" } ?? ""), orgName: org, due: d.due.iso, daysLeft: d.daysLeft, url: url))
            default: break
            }
        }
        let open = NegotiationState.allCases.filter(\.isOpen).map(\.rawValue)
        let negotiations = try await Negotiations.scoped(q.scope, on: db).filter(\.$state ~~ open).with(\.$org).with(\.$employer)
            .sort(\.$requestedOn).all()
        // Every open negotiation's negotiators in one query.
        let ids = negotiations.compactMap(\.id)
        let seats = ids.isEmpty ? [:] : Dictionary(grouping: try await Negotiator.query(on: db).filter(\.$negotiation.$id ~~ ids).all()) {
            $0.$negotiation.id
        }
        for n in negotiations where out.count < q.limit {
            for d in Negotiations.deadlines(n, seats: seats[n.id ?? 0] ?? [], rules: rules, today: q.today) {
                add(d, subject: "\(n.number) \(n.title)", org: n.org.name, url: SiteURL.negotiation(n.id).path)
            }
        }
        let contracts = try await Contracts.scoped(q.scope, on: db).filter(Contracts.current).with(\.$org).with(\.$employer)
            .sort(\.$endsOn).all()
        for c in contracts where out.count < q.limit {
            for d in Contracts.deadlines(c, rules: rules, today: q.today) {
                add(d, subject: "\(c.number) \(c.title)", org: c.org.name, url: SiteURL.contract(c.id).path)
            }
        }
        return out
    }
}

/// The home page's bargaining and democratic management work for whoever conducts it: negotiations waiting on a step
/// with a deadline near or past, contracts to file, record, publish or renew, congresses due, proposals to answer,
/// corrections due, this week's bargaining report.
struct ContractWorkSource: WorkSource {
    var rules: ContractRules

    func items(_ q: WorkQuery, on db: any Database) async throws -> [WorkItem] {
        guard q.principal.role.may(.contractHandle) else { return [] }
        let query = AlertQuery(scope: q.principal.scope, today: q.today, limit: 200)
        let alerts =
            try await ContractAlertSource(rules: rules).alerts(query, on: db)
            + DemocracyAlertSource(rules: rules, notices: false).alerts(query, on: db)
        guard !alerts.isEmpty else { return [] }
        let lines = alerts.sorted { ($0.severity, $0.due ?? "") < ($1.severity, $1.due ?? "") }.prefix(5).map { a in
            WorkLine(
                text: "\(a.subject) · \(a.label)", due: a.due.flatMap(CalendarDate.init(parsing:)).map { WorkLine.due($0, today: q.today) } ?? "",
                url: a.url, overdue: a.severity < .dueSoon)
        }
        return [
            WorkItem(
                id: "work-contracts", label: "集体协商与民主管理待办", count: Set(alerts.map(\.url)).count,
                url: SiteURL.contracts.path + "?alert=overdue", urgent: lines.contains(where: \.overdue), lines: Array(lines))
        ]
    }
}
