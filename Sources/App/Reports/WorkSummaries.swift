import Domain
import Fluent
import SQLKit
import Vapor

/// Gathers each module's figures for an org subtree and period (and the same period last year), the problems found
/// in overdue work, and the plans from deadlines in the next period; the Domain composer writes the summary.
enum WorkSummaries {
    static func input(
        org: Organization, period: ReportPeriod, today: CalendarDate, app: Application, on db: any Database
    ) async throws -> SummaryInput {
        let scope = Scope(orgID: try org.requireID(), path: org.path)
        var input = SummaryInput(orgName: org.name, period: period, date: today)
        input.isFederation = org.level == OrgLevel.federation.rawValue
        input.organization = try await OrganizationStats.compute(in: scope, period: period, today: today, on: db)
        let settings = app.reliefSettings
        let zone = app.config.timeZone
        func relief(_ p: ReportPeriod) async throws -> ReliefFigures {
            ReliefFigures(
                try await ReliefStats.compute(in: scope, from: p.from, to: p.to, today: today, zone: zone, settings: settings, on: db))
        }
        input.relief = try await relief(period)
        input.reliefBefore = try await relief(period.previous)
        let rules = app.petitionRules
        func petitions(_ p: ReportPeriod) async throws -> PetitionFigures {
            var f = PetitionFigures(try await PetitionStats.compute(in: scope, from: p.from, to: p.to, today: today, rules: rules, on: db))
            f.transferBody = try await mainTransferBody(in: scope, period: p, on: db)
            return f
        }
        input.petitions = try await petitions(period)
        input.petitionsBefore = try await petitions(period.previous)

        // Problems (work past its deadline now) and plans (what falls due next) belong to a summary of the current
        // period, or of one just ended (a year's summary is written in January); an older period's draft has neither.
        guard period.from <= today, today.adding(days: -90) <= period.to else { return input }
        let o = input.organization ?? OrganizationFigures()
        if let p = input.petitions, p.overdue > 0 {
            input.problems.append(.overdue(indicator: "petitions.overdue", count: p.overdue, unit: "宗", noun: "信访件超过法定办理时限"))
        }
        if o.reElectionsOverdue > 0 {
            input.problems.append(
                .overdue(indicator: "org.reElectionsOverdue", count: o.reElectionsOverdue, unit: "个", noun: "基层工会任期届满尚未换届"))
        }
        if let r = input.relief, r.filesOverdueRecheck > 0 {
            input.problems.append(
                .overdue(
                    indicator: "relief.filesOverdueRecheck", count: r.filesOverdueRecheck, unit: "户",
                    noun: "困难职工档案超过\(settings.reverifyMonths)个月未复核"))
        }
        // Targets of the year not met so far (rates and year-to-date counts), and the next period's targets as plans.
        let sources = app.indicatorSources
        let yearToDate = ReportPeriod.yearToDate(period.to.year, until: period.to)
        var gaps: [ProblemItem] = []
        for line in try await Targets.progress(org: org, year: period.to.year, period: yearToDate, today: today, sources: sources, on: db)
        where !line.progress.met {
            guard let (_, d) = IndicatorRegistry.find(line.indicator, in: sources) else { continue }
            gaps.append(
                .targetGap(
                    indicator: d.code, label: d.name, target: line.progress.target, actual: line.progress.actual ?? 0, unit: d.unit,
                    gap: line.progress.shortfall ?? 0, gapNoun: d.gap.map { (d.gapUnit ?? "") + $0 } ?? ""))
        }
        input.problems = gaps + input.problems
        let next = period.next
        for t in try await Targets.list(org: org, year: next.to.year, on: db) {
            guard let (_, d) = IndicatorRegistry.find(t.indicator, in: sources) else { continue }
            input.plans.append(.target(indicator: d.code, label: d.name, target: t.value, unit: d.unit))
        }
        // Plans: re-elections falling due in the next period.
        let due = try await OrganizationStats.reElectionsDue(in: scope, period: next, on: db)
        if due > 0 {
            input.plans.append(.due(indicator: "org.reElectionsDue", count: due, unit: "个", noun: "基层工会换届选举工作", by: next.to))
        }
        return input
    }

    static func compose(org: Organization, period: ReportPeriod, today: CalendarDate, app: Application, on db: any Database) async throws
        -> WorkSummary
    {
        SummaryComposer.compose(try await input(org: org, period: period, today: today, app: app, on: db))
    }

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

extension ReliefFigures {
    init(_ s: ReliefStats) {
        self.init()
        (people, households, visits, money) = (s.people, s.households, s.visits, s.money)
        byKind = s.byKind.map { .init(code: $0.key, label: $0.label, people: $0.people, visits: $0.visits, money: $0.money) }
        (applicationsMade, applicationsApproved, applicationsReported) = (
            s.applicationsMade, s.applicationsApproved, s.applicationsReported
        )
        (filesOpened, filesExited, filesOpen, filesOverdueRecheck) = (s.filesOpened, s.filesExited, s.filesOpen, s.filesOverdueRecheck)
    }
}

extension PetitionFigures {
    init(_ s: PetitionStats) {
        self.init()
        (received, transferred, direct) = (s.received, s.transferred, s.direct)
        (acceptanceDue, acceptanceOnTime, handlingDue, handlingOnTime) = (
            s.acceptance.due, s.acceptance.onTime, s.handling.due, s.handling.onTime
        )
        overdue = s.overdue
        (groupPetitions, groupPeople) = (s.groupPetitions, s.groupPeople)
        (mediations, mediationsDecided, mediationAgreements, mediationAmount) = (
            s.mediations, s.mediationsDecided, s.mediationAgreements, s.mediationAmount
        )
        (wagesWorkers, wagesMigrants, wagesAmount) = (s.wages.workers, s.wages.migrantWorkers, s.wages.amount)
        (injuryWorkers, injuryMigrants, injuryAmount) = (s.injury.workers, s.injury.migrantWorkers, s.injury.amount)
    }
}
