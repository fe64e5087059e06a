import Domain
import Fluent
import SQLKit
import Vapor

/// Democratic management's and women workers' indicators, with the records behind each.
struct DemocracyIndicatorSource: IndicatorSource {
    var rules: ContractRules
    var definitions: [IndicatorDefinition] { Indicators.democracy }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let (f, w) = try await DemocracyStats.compute(in: q.scope, period: q.period, today: q.today, rules: rules, on: db)
        return [
            .democracyCongress50: .init(f.employers50WithCongress, of: f.employers50),
            .democracyDisclosure50: .init(f.employers50WithDisclosure, of: f.employers50), .democracySessions: .init(count: f.sessions),
            .democracyResolutions: .init(count: f.resolutions), .democracyCongressesDue: .init(count: f.congressesDue),
            .proposalsSubmitted: .init(count: f.proposals), .proposalsRegistered: .init(count: f.proposalsRegistered),
            .proposalsOnTime: .init(f.proposalsOnTime, of: f.proposalsDue), .proposalsSatisfied: .init(f.proposalsSatisfied, of: f.proposalsRated),
            .womenShare: .init(w.women, of: w.members), .womenCommittees: .init(count: w.committees),
            .womenCommitteesMissing: .init(count: w.missing),
        ]
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        let (scope, from, to, day) = (q.scope, q.period.from, q.period.to, q.asOf)
        switch code {
        case .democracyCongress50:
            let ids = try await DemocracyStats.employersWithCongress(in: scope, on: day, on: db)
            return try await Registers.employerTable(DemocracyStats.employers50(in: scope, on: day, congress: ids, with: !gap), page: page, on: db)
        case .democracyDisclosure50:
            return try await Registers.employerTable(DemocracyStats.employers50Disclosing(in: scope, on: day, with: !gap), page: page, on: db)
        case .democracySessions, .democracyResolutions:
            let sessions = try await DemocracyStats.sessions(in: scope, from: from, to: to, on: db)
            return RecordTable(
                ["召开日期", "大会", "会议", "应到", "实到"],
                all: sessions.map {
                    .init(
                        cells: [$0.heldOn, $0.congress.name, $0.title, String($0.members), String($0.attending)],
                        url: SiteURL.congress($0.$congress.id).path)
                }, page: page)
        case .democracyCongressesDue:
            let due = try await DemocracyStats.congressesDue(in: scope, on: day, rules: rules, on: db)
            let congresses = try await Congress.query(on: db).filter(\.$id ~~ due.map(\.id)).with(\.$org).all()
            let byID = Dictionary(congresses.compactMap { c in c.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
            return RecordTable(
                ["大会", "工作机构", "本届起始", "应召开日期"],
                all: due.compactMap { d in
                    byID[d.id].map { c in .init(cells: [c.name, c.org.name, c.termStart, d.due.iso], url: SiteURL.congress(d.id).path) }
                }, page: page)
        case .womenShare, .womenCommittees, .womenCommitteesMissing:
            let women = try await Registers.memberCounts(in: scope, on: day, on: db)
            let committees = try await OpenAffairs.womenCommittees(in: scope, on: day, on: db)
            let missing = Set(try await DemocracyStats.committeesMissing(in: scope, on: day, rules: rules, on: db))
            let ids: [Int] =
                switch code {
                case .womenCommittees: committees.filter { $0.value.form == WomenOrganisation.committee.rawValue }.map(\.key)
                case .womenCommitteesMissing: Array(missing)
                default: Array(women.keys)
                }
            let unions = try await Organization.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
            return RecordTable(
                ["工会", "女会员", "会员", "女职工组织"],
                all: unions.map { u in
                    let n = women[u.id ?? 0]
                    let c = committees[u.id ?? 0]
                    return .init(
                        cells: [
                            u.name, String(n?.women ?? 0), String(n?.all ?? 0),
                            c.map { "\(WomenOrganisation(rawValue: $0.form)?.label ?? "")（\($0.chair)）" } ?? "未建立",
                        ], url: OpenAffairs.womenPage(of: u))
                }, page: page)
        default:
            let p = try await DemocracyStats.proposals(in: scope, from: from, to: to, today: q.today, rules: rules, on: db)
            let list: [Proposal] =
                switch code {
                case .proposalsRegistered: p.registered
                case .proposalsOnTime: gap ? p.due.filter { x in !p.onTime.contains { $0.id == x.id } } : p.onTime
                case .proposalsSatisfied: gap ? p.rated.filter { x in !p.satisfied.contains { $0.id == x.id } } : p.satisfied
                default: p.submitted
                }
            return RecordTable(
                ["编号", "提交日期", "案由", "提案人", "状态"],
                all: list.map {
                    .init(cells: [$0.number, $0.submittedOn, $0.title, $0.proposer, $0.proposalState.label], url: SiteURL.proposal($0.id).path)
                }, page: page)
        }
    }
}

/// Democratic management's deadlines: a congress session due (at least yearly) or its term over, a session not
/// reported upward in 7 working days, a proposal not answered in 20 days, a 厂务公开 correction past due, this week's
/// bargaining report missing, and a union with many women members and no committee.
struct DemocracyAlertSource: AlertSource {
    var rules: ContractRules
    /// The notices too (unions with many women members and no committee, counted over every member): the alert
    /// centre shows them; the home page's to-do, read on every visit, does not.
    var notices = true
    let module = "democracy"
    let label = "民主管理"
    var kinds: [(code: String, label: String)] {
        [
            ("congress.sessionDue", "职代会超期未召开"), ("congress.termOver", "职代会届满未换届"), ("congress.report", "会议情况未按时报告上级工会"),
            ("proposal.reply", "提案逾期未答复"), ("disclosure.correction", "厂务公开整改逾期"), ("bargaining.weekly", "本周集体协商进展未上报"),
            ("women.committee", "女会员较多但未建立女职委"),
        ]
    }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        var out: [AlertItem] = []
        let today = q.today
        func item(_ kind: String, _ label: String, _ severity: AlertItem.Severity, _ subject: String, _ org: String, due: CalendarDate?, url: String)
            -> AlertItem
        {
            AlertItem(
                module: module, kind: kind, label: label, severity: severity, subject: subject, orgName: org, due: due?.iso,
                daysLeft: due.map { $0.dayNumber - today.dayNumber }, url: url)
        }
        // Congresses: the latest term of each employer (or sector), its next session and its end.
        let congresses = try await Congresses.scoped(q.scope, on: db).with(\.$org).filter(\.$termStart <= today.iso).sort(\.$termStart).all()
        let latest = Dictionary(congresses.map { ("\($0.$employer.id ?? 0)-\($0.name)", $0) }, uniquingKeysWith: { _, b in b })
        let ids = congresses.compactMap(\.id)
        let sessions = ids.isEmpty ? [] : try await CongressSession.query(on: db).filter(\.$congress.$id ~~ ids).all()
        // By congress, once: a county has thousands of each (a search per congress was quadratic).
        let lastHeld = sessions.reduce(into: [Int: CalendarDate]()) { last, s in last[s.$congress.id] = max(last[s.$congress.id] ?? s.held, s.held) }
        let byID = Dictionary(congresses.compactMap { c in c.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        for c in latest.values.sorted(by: { $0.termStart < $1.termStart }) {
            let url = SiteURL.congress(c.id).path
            if c.termEnds < today {
                out.append(item("congress.termOver", "职代会届满未换届", .overdue, c.name, c.org.name, due: c.termEnds, url: url))
                continue
            }
            let due = Congresses.nextSessionDue(start: c.start, lastHeld: c.id.flatMap { lastHeld[$0] }, rules: rules)
            if due < today {
                out.append(item("congress.sessionDue", "职代会超期未召开（每年至少一次）", .overdue, c.name, c.org.name, due: due, url: url))
            } else if due.adding(days: -30) <= today {
                out.append(item("congress.sessionDue", "职代会应于近期召开", .dueSoon, c.name, c.org.name, due: due, url: url))
            }
        }
        for s in sessions where s.reportedOn == nil {
            let due = s.held.adding(workingDays: rules.reportWorkingDays)
            guard let c = byID[s.$congress.id], due.adding(days: -rules.dueSoonDays) <= today else { continue }
            out.append(
                item(
                    "congress.report", due < today ? "会议情况未在\(rules.reportWorkingDays)个工作日内报告上级工会" : "会议情况待报告上级工会",
                    due < today ? .overdue : .dueSoon, "\(c.name) \(s.title)", c.org.name, due: due, url: SiteURL.congress(c.id).path))
        }
        let open = try await Congresses.proposals(in: q.scope, on: db).filter(\.$state == ProposalState.registered.rawValue).all()
        for p in open {
            guard let due = Congresses.replyDue(p, rules: rules), due.adding(days: -rules.dueSoonDays) <= today else { continue }
            out.append(
                item(
                    "proposal.reply", due < today ? "提案逾期未答复" : "提案答复即将到期", due < today ? .overdue : .dueSoon, "\(p.number) \(p.title)",
                    p.department ?? "", due: due, url: SiteURL.proposal(p.id).path))
        }
        for c in try await OpenAffairs.openCorrections(in: q.scope, on: db) {
            guard let due = c.correctionsDue.flatMap(CalendarDate.init(parsing:)), due.adding(days: -rules.dueSoonDays) <= today else { continue }
            out.append(
                item(
                    "disclosure.correction", due < today ? "厂务公开整改逾期" : "厂务公开整改即将到期", due < today ? .overdue : .dueSoon, c.employer.name,
                    c.employer.name, due: due, url: SiteURL.disclosures.path + "?employerId=\(c.$employer.id)"))
        }
        let reportDue = OpenAffairs.reportDue(week: today, rules: rules)
        if today > reportDue {
            for row in try await OpenAffairs.week(today, in: q.scope, on: db) where row.report == nil {
                out.append(
                    item(
                        "bargaining.weekly", "本周集体协商进展未上报", .overdue, "\(row.union.name)（进行中的协商\(row.negotiations)次）", row.union.name,
                        due: reportDue, url: SiteURL.bargainingWeek.path))
            }
        }
        let missing = notices ? try await DemocracyStats.committeesMissing(in: q.scope, on: today, rules: rules, on: db) : []
        if !missing.isEmpty {
            for u in try await Organization.query(on: db).filter(\.$id ~~ missing).sort(\.$name).all() {
                out.append(
                    item("women.committee", "女会员\(rules.womenCommitteeFrom)人以上，尚未建立女职工委员会", .notice, u.name, u.name, due: nil,
                         url: OpenAffairs.womenPage(of: u)))
            }
        }
        return Array(out.prefix(q.limit))
    }
}
