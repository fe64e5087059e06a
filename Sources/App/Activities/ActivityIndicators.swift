import Domain
import Fluent
import SQLKit
import Vapor

/// Activities' and training's indicators, from the sets of `ActivityStats`, each with the records behind it: the
/// activities, the people (each once, with how many times), the sessions, the certificates, the book entries.
struct ActivityIndicatorSource: IndicatorSource {
    var rules: ActivityRules
    var definitions: [IndicatorDefinition] {
        Indicators.activities + Indicators.activityKinds(rules) + Indicators.activityPlaces + Indicators.centreKinds(rules)
    }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let f = try await ActivityStats.compute(in: q.scope, period: q.period, today: q.today, rules: rules, on: db)
        var kinds = Dictionary(uniqueKeysWithValues: rules.kinds.filter { $0.category.isActivity }.map { (IndicatorCode.activityKind($0.code), IndicatorValue(count: 0)) })
        for k in f.byKind { kinds[.activityKind(k.code)] = .init(count: k.count) }
        for k in rules.centreKinds { kinds[.centreKind(k.code)] = .init(count: f.centres.first { $0.code == k.code }?.count ?? 0) }
        return kinds.merging([
            .activitiesHeld: .init(count: f.held), .activitiesPeople: .init(count: f.people), .activitiesVisits: .init(count: f.visits),
            .activitiesAudience: .init(count: f.audience), .activitiesCost: .init(count: f.cost), .trainingClasses: .init(count: f.classes),
            .trainingPeople: .init(count: f.trainees), .trainingVisits: .init(count: f.trainingVisits),
            .trainingCertificates: .init(count: f.certificates), .trainingSent: .init(count: f.sent),
            .competitionsHeld: .init(count: f.competitions), .competitionsEntrants: .init(count: f.entrants), .competitionsWinners: .init(count: f.winners),
            .competitionsPrizes: .init(count: f.prizes), .ideasSubmitted: .init(count: f.ideas), .ideasParticipation: .init(f.proposers, of: f.members),
            .ideasAdopted: .init(count: f.ideasAdopted), .ideasExcellent: .init(count: f.ideasExcellent), .ideasSavings: .init(count: f.savings),
            .ideasRewards: .init(count: f.rewards), .centresOpen: .init(count: f.centresOpen), .centresVisits: .init(count: f.centreVisits),
            .centresVolunteers: .init(count: f.volunteers), .centresBooksLent: .init(count: f.booksLent), .centresEvents: .init(count: f.centreEvents),
            .campaignsHeld: .init(count: f.campaigns), .campaignsMaterials: .init(count: f.materials), .campaignsEvents: .init(count: f.campaignEvents),
        ]) { $1 }
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        let (scope, from, to) = (q.scope, q.period.from, q.asOf)
        switch code {
        case .activitiesHeld, .activitiesAudience: return try await activities(ActivityStats.activities(.events, in: scope, from: from, to: to), page: page, on: db)
        case .trainingClasses: return try await activities(ActivityStats.activities(.classes, in: scope, from: from, to: to), page: page, on: db)
        case .activitiesPeople, .activitiesVisits: return try await people(.events, q, page: page, on: db)
        case .trainingPeople, .trainingVisits: return try await people(.classes, q, page: page, on: db)
        case .trainingSent: return try await people(.sending, q, page: page, on: db)
        case .competitionsHeld: return try await activities(ActivityStats.activities(.competitions, in: scope, from: from, to: to), page: page, on: db)
        case .competitionsEntrants: return try await people(.competitions, q, page: page, on: db)
        case .campaignsHeld, .campaignsMaterials: return try await activities(ActivityStats.activities(.campaigns, in: scope, from: from, to: to), page: page, on: db)
        case .campaignsEvents: return try await activities(ActivityStats.linked("campaign_id", in: scope, from: from, to: to), page: page, on: db)
        case .centresEvents: return try await activities(ActivityStats.linked("centre_id", in: scope, from: from, to: to), page: page, on: db)
        case .competitionsWinners, .competitionsPrizes:
            let list = try await CompetitionResult.query(on: db)
                .filter(.sql(Registers.within("competition_results.id", "SELECT s.id FROM (\(ActivityStats.results(in: scope, from: from, to: to))) s")))
                .with(\.$activity).with(\.$member).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["获奖者", "竞赛", "奖次", "奖金（元）"],
                rows: list.rows.map { r in
                    .init(
                        cells: [r.winner, r.activity.title, AwardLevel(rawValue: r.award)?.label ?? r.award, r.prize.map { Money.yuan($0) } ?? ""],
                        url: SiteURL.activity(r.$activity.id).path)
                }, total: list.total, page: list.page)
        case .ideasSubmitted, .ideasParticipation, .ideasAdopted, .ideasExcellent, .ideasSavings, .ideasRewards:
            let only: SQLQueryString =
                switch code {
                case .ideasAdopted, .ideasSavings: ActivityStats.adopted
                case .ideasExcellent: ActivityStats.excellent
                default: ""
                }
            let list = try await Idea.query(on: db)
                .filter(.sql(Registers.within("ideas.id", "SELECT s.id FROM (\(ActivityStats.ideas(in: scope, from: from, to: to, only: only))) s")))
                .with(\.$member).sort(\.$submittedOn).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(IdeaRow.columns, rows: list.rows.map { IdeaRow($0).tableRow }, total: list.total, page: list.page)
        case .centresOpen, .centresVisits, .centresVolunteers, .centresBooksLent:
            return try await Self.centres(ActivityStats.centres(in: scope, on: to), q, rules: rules, page: page, on: db)
        case .trainingCertificates:
            struct Row: Decodable { var name: String; var card_no: String; var title: String; var issued_on: String; var activity_id: Int }
            let set = ActivityStats.certificates(in: scope, from: from, to: to)
            let total = try await Registers.count(set, on: db)
            let page = Paged<Activity>.clamp(page, counted: total, per: 50)
            let rows = try await db.sql.raw(
                """
                SELECT m.name, m.card_no, t.title, x.issued_on, x.activity_id FROM (\(set)) x JOIN members m ON m.id = x.member_id \
                JOIN activities t ON t.id = x.activity_id ORDER BY x.issued_on, x.id LIMIT 50 OFFSET \(literal: (page - 1) * 50)
                """
            ).all(decoding: Row.self)
            return RecordTable(
                ["姓名", "会员证号", "培训班", "颁发日期"],
                rows: rows.map { .init(cells: [$0.name, $0.card_no, $0.title, $0.issued_on], url: SiteURL.activity($0.activity_id).path) }, total: total,
                page: page)
        case .activitiesCost:
            let list = try await BookEntry.query(on: db)
                .filter(.sql(Registers.within("book_entries.id", "SELECT s.id FROM (\(ActivityStats.costs(in: scope, from: from, to: to))) s"))).with(\.$org)
                .sort(\.$onDate).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["日期", "工会", "摘要", "金额（元）"],
                rows: list.rows.map { .init(cells: [$0.onDate, $0.org.name, $0.description, Money.yuan($0.amount)], url: SiteURL.bookEntry($0.id).path) },
                total: list.total, page: list.page)
        default:
            if let kind = code.centreKind { return try await Self.centres(ActivityStats.centres(in: scope, on: to, kind: kind), q, rules: rules, page: page, on: db) }
            return try await activities(ActivityStats.activities(.events, in: scope, from: from, to: to, kind: code.activityKind ?? ""), page: page, on: db)
        }
    }

    /// Service centres of a set with what they logged in the period.
    static func centres(_ set: SQLQueryString, _ q: IndicatorQuery, rules: ActivityRules, page: Int, on db: any Database) async throws -> RecordTable {
        let list = try await ServiceCentre.query(on: db).filter(.sql(Registers.within("service_centres.id", "SELECT s.id FROM (\(set)) s"))).with(\.$org)
            .sort(\.$kind).sort(\.$id).paged(page: page, per: 50)
        let tallies = try await CentreTally.of(list.rows.compactMap(\.id), from: q.period.from, to: q.asOf, on: db)
        return RecordTable(
            CentreRow.columns, rows: list.rows.map { CentreRow($0, rules: rules, tally: tallies[$0.id ?? 0]).tableRow }, total: list.total, page: list.page)
    }

    /// Activities of a set, in date order, with their kind, organiser and attendances.
    func activities(_ set: SQLQueryString, page: Int, on db: any Database) async throws -> RecordTable {
        let list = try await Activity.query(on: db).filter(.sql(Registers.within("activities.id", "SELECT s.id FROM (\(set)) s"))).with(\.$org)
            .sort(\.$startsOn).sort(\.$id).paged(page: page, per: 50)
        return RecordTable(ActivityRow.columns, rows: list.rows.map { ActivityRow($0, rules: rules).tableRow }, total: list.total, page: list.page)
    }

    /// The people of a group's attendances in the period, each once, with how many sessions they attended; the
    /// non-members last, as counts per activity.
    func people(_ group: ActivityStats.Group, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        struct Row: Decodable { var id: Int; var name: String; var card_no: String; var union_name: String; var n: Int }
        let set = ActivityStats.attendances(group, in: q.scope, from: q.period.from, to: q.asOf)
        let total = try await Registers.count("SELECT DISTINCT x.member_id FROM (\(set)) x", on: db)
        let page = Paged<Activity>.clamp(page, counted: total, per: 50)
        let rows = try await db.sql.raw(
            """
            SELECT m.id, m.name, m.card_no, o.name AS union_name, c.n FROM (SELECT x.member_id, COUNT(*) AS n FROM (\(set)) x GROUP BY x.member_id) c \
            JOIN members m ON m.id = c.member_id JOIN organizations o ON o.id = m.union_id ORDER BY o.name, m.card_no \
            LIMIT 50 OFFSET \(literal: (page - 1) * 50)
            """
        ).all(decoding: Row.self)
        return RecordTable(
            ["姓名", "会员证号", "所在工会", "出勤（人次）"],
            rows: rows.map { .init(cells: [$0.name, $0.card_no, $0.union_name, String($0.n)], url: SiteURL.member($0.id).path) }, total: total, page: page)
    }
}

/// A class over for a week (configurable) with no attendance recorded: the figures of training would leave it out.
struct ActivityAlertSource: AlertSource {
    var rules: ActivityRules
    let module = "activities"
    let label = "活动培训"
    var kinds: [(code: String, label: String)] { [("training.attendance", "培训班结束未登记出勤")] }

    func alerts(_ q: AlertQuery, on db: any Database) async throws -> [AlertItem] {
        let due = q.today.adding(days: -rules.attendanceDueDays)
        let classes = try await Activities.scoped(q.scope, on: db).filter(\.$category == ActivityCategory.training.rawValue)
            .filter(\.$endsOn <= due.iso).filter(\.$endsOn >= q.today.adding(years: -1).iso)
            .filter(.sql(unsafeRaw: "NOT EXISTS (SELECT 1 FROM activity_sessions s WHERE s.activity_id = activities.id AND (s.guest_visits > 0 OR EXISTS (SELECT 1 FROM activity_attendance a WHERE a.session_id = s.id)))"))
            .with(\.$org).sort(\.$endsOn).limit(q.limit).all()
        return classes.compactMap { c in
            guard let ends = c.ends else { return nil }
            let deadline = ends.adding(days: rules.attendanceDueDays)
            return AlertItem(
                module: module, kind: "training.attendance", label: "培训班结束未登记出勤", severity: .overdue, subject: c.title, orgName: c.org.name,
                due: deadline.iso, daysLeft: deadline.dayNumber - q.today.dayNumber, url: SiteURL.activity(c.id).path)
        }
    }
}
