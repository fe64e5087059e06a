import Domain
import Fluent
import SQLKit
import Vapor

/// The petitions figures the work summary quotes, for an org subtree and a period: “共收到信访事件57宗,其中市总工会
/// 转办38宗,镇总工会接访19宗,全部及时处理和回复”, “协助20名农民工收到了工资报酬,协助2名农民工依法取得了工伤赔偿”.
/// Petitions count by received date; their deadlines are judged by the rules on `today` (a deadline not yet reached
/// counts neither way). Mediations count by application date, recoveries by the date the money arrived.
struct PetitionStats: Content, Sendable {
    struct Line: Content, Sendable {
        var key: String
        var label: String
        var count: Int
    }

    /// A deadline kind's record over the period's petitions: how many were due, and of those how many met in time.
    struct Timeliness: Content, Sendable {
        var due = 0
        var onTime = 0
        /// Whole percent, nil when nothing was due.
        var percent: Int?
    }

    struct Recovered: Content, Sendable {
        var cases = 0
        var workers = 0
        var migrantWorkers = 0
        /// Fen.
        var amount = 0
    }

    var from: String
    var to: String
    var received = 0
    var bySource: [Line] = []
    var byCategory: [Line] = []
    /// 上级转办 and received directly (接访、来信、热线、网上).
    var transferred = 0
    var direct = 0
    var accepted = 0
    var notAccepted = 0
    var transferredOut = 0
    var answered = 0
    var closed = 0
    var acceptance = Timeliness()
    var handling = Timeliness()
    var transferReply = Timeliness()
    /// Each deadline kind on its own (`acceptance`, `handling`, `transferReply`, `reviewAnswer`, `recheckAnswer`).
    var byDeadline: [String: Timeliness] = [:]
    /// Petitions of the period with a deadline overdue today (still not done).
    var overdue = 0
    var groupPetitions = 0
    var groupPeople = 0
    var urgent = 0
    var unreported = 0
    /// Follow-up visits: reached, and of those 满意 or 基本满意.
    var followUps = 0
    var satisfied = 0
    var mediations = 0
    var mediationsDecided = 0
    var mediationAgreements = 0
    var mediationsPerformed = 0
    /// Agreements reached within the statutory limit.
    var mediationsWithinLimit = 0
    var mediationAmount = 0
    var wages = Recovered()
    var injury = Recovered()

    /// Share of decided mediations that reached an agreement, in whole percent.
    var mediationSuccessPercent: Int?

    /// The queue page's figures (this year to date), through the statistics cache: a county's year is read row by row.
    static func overview(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws -> PetitionStats {
        let rules = app.petitionRules
        return try await app.statsCache.value("petitions|\(scope.path)|\(today.iso)", on: db) { db in
            let (from, to) = try StatsQuery.period(FormFields(), today: today)
            return try await compute(in: scope, from: from, to: to, today: today, rules: rules, on: db)
        }
    }

    static func compute(
        in scope: Scope, from: CalendarDate, to: CalendarDate, today: CalendarDate, rules: PetitionRules, on db: any Database
    ) async throws -> PetitionStats {
        var s = PetitionStats(from: from.iso, to: to.iso)
        let rows = try await Petitions.scoped(scope, on: db).filter(\.$receivedOn >= from.iso).filter(\.$receivedOn <= to.iso).all()
        var sources: [PetitionSource: Int] = [:]
        var categories: [PetitionCategory: Int] = [:]
        for p in rows {
            s.received += 1
            let source = PetitionSource(rawValue: p.source) ?? .visit
            sources[source, default: 0] += 1
            categories[PetitionCategory(rawValue: p.category) ?? .other, default: 0] += 1
            if source == .transferred { s.transferred += 1 } else { s.direct += 1 }
            switch p.petitionState {
            case .notAccepted: s.notAccepted += 1
            case .transferredOut: s.transferredOut += 1
            case .closed: s.closed += 1
            default: break
            }
            if p.acceptedOn != nil { s.accepted += 1 }
            if p.answeredOn != nil { s.answered += 1 }
            if p.workers >= rules.groupSize {
                s.groupPetitions += 1
                s.groupPeople += p.workers
            }
            if p.urgent {
                s.urgent += 1
                if p.reportedOn == nil { s.unreported += 1 }
            }
            if let sat = p.satisfaction.flatMap(Satisfaction.init(rawValue:)), sat != .unreachable {
                s.followUps += 1
                if sat == .satisfied || sat == .basicallySatisfied { s.satisfied += 1 }
            }
            var overdue = false
            for d in Petitions.deadlines(p, rules: rules, today: today) {
                let counted: Bool? =
                    switch d.state {
                    case .met: true
                    case .missed: false
                    case .overdue: false
                    case .open, .dueSoon: nil
                    }
                if d.state == .overdue { overdue = true }
                guard let onTime = counted else { continue }
                s.byDeadline[d.kind.rawValue, default: Timeliness()].record(onTime)
                switch d.kind {
                case .acceptance: s.acceptance.record(onTime)
                case .handling, .reviewAnswer, .recheckAnswer: s.handling.record(onTime)
                case .transferReply: s.transferReply.record(onTime)
                }
            }
            if overdue { s.overdue += 1 }
        }
        s.bySource = PetitionSource.allCases.compactMap { k in sources[k].map { Line(key: k.rawValue, label: k.label, count: $0) } }
        s.byCategory = PetitionCategory.allCases.compactMap { k in categories[k].map { Line(key: k.rawValue, label: k.label, count: $0) } }

        let mediations = try await Mediations.scoped(scope, on: db).filter(\.$appliedOn >= from.iso).filter(\.$appliedOn <= to.iso).all()
        for m in mediations {
            s.mediations += 1
            guard let outcome = m.mediationOutcome, outcome != .pending else { continue }
            s.mediationsDecided += 1
            if outcome == .agreement {
                s.mediationAgreements += 1
                s.mediationAmount += m.agreedAmount ?? 0
                if m.performed { s.mediationsPerformed += 1 }
                if let limit = Mediations.limit(m, rules: rules), let decided = m.decidedOn, decided <= limit.iso {
                    s.mediationsWithinLimit += 1
                }
            }
        }

        if s.mediationsDecided > 0 {
            s.mediationSuccessPercent = (s.mediationAgreements * 100 + s.mediationsDecided / 2) / s.mediationsDecided
        }

        struct Row: Decodable { var kind: String; var cases: Int; var workers: Int?; var migrants: Int?; var amount: Int? }
        let recovered = try await db.sql.raw(
            """
            SELECT r.kind, COUNT(*) AS cases, CAST(SUM(r.workers) AS BIGINT) AS workers, CAST(SUM(r.migrant_workers) AS BIGINT) AS migrants, \
            CAST(SUM(r.amount) AS BIGINT) AS amount FROM recoveries r JOIN organizations o ON o.id = r.org_id \
            WHERE o.path LIKE \(bind: scope.path + "%") AND r.on_date >= \(bind: from.iso) AND r.on_date <= \(bind: to.iso) GROUP BY r.kind
            """
        ).all(decoding: Row.self)
        for r in recovered {
            let line = Recovered(cases: r.cases, workers: r.workers ?? 0, migrantWorkers: r.migrants ?? 0, amount: r.amount ?? 0)
            if r.kind == RecoveryKind.wages.rawValue { s.wages = line } else { s.injury = line }
        }
        return s
    }
}

extension PetitionStats.Timeliness {
    mutating func record(_ onTime: Bool) {
        due += 1
        if onTime { self.onTime += 1 }
        percent = (self.onTime * 100 + due / 2) / due
    }
}

/// Petitions received per month, for the dashboard.
struct PetitionTrend: TrendSource {
    let title = "各月收到信访（宗）"

    func monthly(in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [MonthTotal] {
        try await db.sql.raw(
            """
            SELECT substr(p.received_on, 1, 7) AS month, COUNT(*) AS value FROM petitions p JOIN organizations o ON o.id = p.org_id \
            WHERE o.path LIKE \(bind: scope.path + "%") AND p.received_on >= \(bind: from.iso) AND p.received_on <= \(bind: to.iso) \
            GROUP BY substr(p.received_on, 1, 7)
            """
        ).all(decoding: MonthTotal.self)
    }

    func text(_ value: Int) -> String { String(value) }
}

extension PetitionStats {
    /// The body that transferred most of the period's petitions (`市总工会`).
    static func mainTransferBody(in scope: Scope, period: ReportPeriod, on db: any Database) async throws -> String? {
        struct Row: Decodable { var body: String }
        return try await db.sql.raw(
            """
            SELECT p.transfer_body AS body FROM petitions p JOIN organizations o ON o.id = p.org_id \
            WHERE o.path LIKE \(bind: scope.path + "%") AND p.transfer_body IS NOT NULL \
            AND p.received_on >= \(bind: period.from.iso) AND p.received_on <= \(bind: period.to.iso) \
            GROUP BY p.transfer_body ORDER BY COUNT(*) DESC, p.transfer_body LIMIT 1
            """
        ).first(decoding: Row.self)?.body
    }
}

/// What the work summary says of petitions.
extension PetitionFigures {
    init(_ s: PetitionStats) {
        self.init()
        (received, transferred, direct) = (s.received, s.transferred, s.direct)
        (acceptanceDue, acceptanceOnTime, handlingDue, handlingOnTime) = (
            s.acceptance.due, s.acceptance.onTime, s.handling.due, s.handling.onTime
        )
        overdue = s.overdue
        deadlines = PetitionDeadlineKind.allCases.compactMap { k in
            s.byDeadline[k.rawValue].map { DeadlineRecord(kind: k, due: $0.due, onTime: $0.onTime) }
        }
        (groupPetitions, groupPeople) = (s.groupPetitions, s.groupPeople)
        (mediations, mediationsDecided, mediationAgreements, mediationAmount) = (
            s.mediations, s.mediationsDecided, s.mediationAgreements, s.mediationAmount
        )
        (wagesWorkers, wagesMigrants, wagesAmount) = (s.wages.workers, s.wages.migrantWorkers, s.wages.amount)
        (injuryWorkers, injuryMigrants, injuryAmount) = (s.injury.workers, s.injury.migrantWorkers, s.injury.amount)
    }
}
