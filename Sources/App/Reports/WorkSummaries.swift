import Domain
import Fluent
import SQLKit
import Vapor

/// What a module is told when the work summary of a subtree and period is drafted.
struct SummaryContext: Sendable {
    var org: Organization
    var scope: Scope
    var period: ReportPeriod
    var today: CalendarDate
    var app: Application
    var db: any Database
    /// Problems (work past its deadline now) and plans (what falls due next) belong to a summary of the current
    /// period, or of one just ended (a year's summary is written in January); an older period's draft has neither.
    var looksAhead: Bool
}

/// What the modules hand the composer: their figures in the input, their overdue work and their plans.
struct SummaryPart: Sendable {
    /// How pressing an overdue item is: a breach of a statutory time limit first, then an expired term, then a local rule.
    enum Urgency: Int, Sendable, Comparable {
        case statutoryTimeLimit, term, localRule
        static func < (a: Urgency, b: Urgency) -> Bool { a.rawValue < b.rawValue }
    }

    var input: SummaryInput
    private(set) var overdueItems: [(urgency: Urgency, item: ProblemItem)] = []
    var plans: [PlanItem] = []

    init(input: SummaryInput) { self.input = input }

    mutating func overdue(_ urgency: Urgency, _ item: ProblemItem) { overdueItems.append((urgency, item)) }
}

/// Gathers each module's figures for an org subtree and period (and the same period last year), the problems found
/// in overdue work and unmet targets, and the plans from next period's targets and deadlines; the Domain composer
/// writes the summary.
enum WorkSummaries {
    static func input(
        org: Organization, period: ReportPeriod, today: CalendarDate, app: Application, on db: any Database
    ) async throws -> SummaryInput {
        // The sections count the subtree's members on the same days (the organisation, democracy, women's and activity
        // sections, the targets): once each for the whole summary.
        try await FigureMemo.around { try await gather(org: org, period: period, today: today, app: app, on: db) }
    }

    private static func gather(
        org: Organization, period: ReportPeriod, today: CalendarDate, app: Application, on db: any Database
    ) async throws -> SummaryInput {
        var base = SummaryInput(orgName: org.name, period: period, date: today)
        base.isFederation = org.level == OrgLevel.federation.rawValue
        let context = SummaryContext(
            org: org, scope: Scope(orgID: try org.requireID(), path: org.path), period: period, today: today, app: app, db: db,
            looksAhead: period.from <= today && today.adding(days: -90) <= period.to)
        var part = SummaryPart(input: base)
        for module in app.modules {
            let started = ContinuousClock.now
            try await module.summary(context, into: &part)
            let took = ContinuousClock.now - started
            app.logger.debug("工作总结「\(module.name)」部分用时 \(took)")
            OperatorMetrics.summarySection(module.name, took: took)
        }
        var input = part.input
        guard context.looksAhead else { return input }
        // Unmet targets of the year so far (rates and year-to-date counts) come first, then overdue work, most pressing first.
        let sources = app.indicatorSources
        let yearToDate = ReportPeriod.yearToDate(period.to.year, until: period.to)
        for line in try await Targets.progress(org: org, year: period.to.year, period: yearToDate, today: today, sources: sources, on: db)
        where !line.progress.met {
            guard let (_, d) = IndicatorRegistry.find(line.indicator, in: sources) else { continue }
            input.problems.append(
                .targetGap(
                    indicator: d.code, label: d.name, target: line.progress.target, actual: line.progress.actual ?? 0, unit: d.unit,
                    gap: line.progress.gap ?? 0, records: line.progress.recordsShort ?? 0,
                    gapNoun: d.gap.map { (d.gapUnit ?? "") + $0 } ?? "", exceeds: !line.progress.direction.reaches))
        }
        input.problems += part.overdueItems.enumerated().sorted { ($0.element.urgency, $0.offset) < ($1.element.urgency, $1.offset) }
            .map(\.element.item)
        // Plans: next period's targets, then what the modules see falling due.
        for t in try await Targets.list(org: org, year: period.next.to.year, on: db) {
            guard let (_, d) = IndicatorRegistry.find(t.indicatorCode, in: sources) else { continue }
            input.plans.append(.target(indicator: d.code, label: d.name, target: t.value, unit: d.unit))
        }
        input.plans += part.plans
        return input
    }

    static func compose(org: Organization, period: ReportPeriod, today: CalendarDate, app: Application, on db: any Database) async throws
        -> WorkSummary
    {
        SummaryComposer.compose(try await input(org: org, period: period, today: today, app: app, on: db))
    }
}
