import Domain
import Fluent
import SQLKit
import Vapor

/// Hardship-assistance indicators: people, households, 人次 and money paid; applications; files.
struct ReliefIndicatorSource: IndicatorSource {
    var settings: ReliefSettings
    var definitions: [IndicatorDefinition] { Indicators.relief }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let s = try await ReliefStats.compute(
            in: q.scope, from: q.period.from, to: q.period.to, today: q.today, settings: settings, on: db)
        var byKind: [IndicatorCode: IndicatorValue] = [:]
        for k in ReliefKind.allCases {
            let line = s.byKind.first { $0.key == k.rawValue }
            byKind[.reliefPeople(k)] = .init(count: line?.people ?? 0)
            byKind[.reliefMoney(k)] = .init(count: line?.money ?? 0)
        }
        return byKind.merging([
            .reliefPeople: .init(count: s.people), .reliefHouseholds: .init(count: s.households),
            .reliefVisits: .init(count: s.visits),
            .reliefMoney: .init(count: s.money), .reliefApplications: .init(count: s.applicationsMade),
            .reliefApproved: .init(count: s.applicationsApproved), .reliefReported: .init(count: s.applicationsReported),
            .reliefFilesOpened: .init(count: s.filesOpened), .reliefFilesExited: .init(count: s.filesExited),
            .reliefFilesOpen: .init(count: s.filesOpen), .reliefFilesOverdueRecheck: .init(count: s.filesOverdueRecheck),
        ]) { a, _ in a }
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        switch code {
        case _ where code.rawValue.hasPrefix("relief.people") || code.rawValue.hasPrefix("relief.money") || code == .reliefHouseholds
            || code == .reliefVisits:
            // One kind of relief (relief.people.festival …), or all.
            let kind = code.rawValue.split(separator: ".").dropFirst(2).first.map(String.init)
            let only: SQLQueryString = kind.map { "WHERE r.kind = \(bind: $0)" } ?? ""
            // Applications paid in the period, net of reversals: one line each (人次); people and households are their distinct heads.
            struct Row: Decodable {
                var id: Int; var name: String; var union_name: String; var round_name: String; var net: Int; var paid_on: String
            }
            let base = SQLQueryString(
                """
                FROM (\(ReliefStats.paidApplications(in: q.scope, from: q.period.from, to: q.period.to))) p \
                JOIN relief_applications a ON a.id = p.application_id JOIN relief_rounds r ON r.id = a.round_id \
                JOIN organizations o ON o.id = a.org_id LEFT JOIN members m ON m.id = a.member_id LEFT JOIN hardship_files f ON f.id = a.file_id \(only)
                """)
            struct Count: Decodable { var n: Int }
            let total = try await db.sql.raw("SELECT COUNT(*) AS n FROM (SELECT a.id \(base)) x").first(decoding: Count.self)?.n ?? 0
            let p = min(max(1, page), max(1, (total + 49) / 50))
            let rows = try await db.sql.raw(
                """
                SELECT a.id, COALESCE(m.name, f.head_name) AS name, o.name AS union_name, r.name AS round_name, \
                p.net, p.paid_on \(base) ORDER BY p.paid_on, a.id \
                LIMIT 50 OFFSET \(unsafeRaw: String((p - 1) * 50))
                """
            ).all(decoding: Row.self)
            return RecordTable(
                ["申请人", "所在工会", "帮扶批次", "金额（元）", "发放日期"],
                rows: rows.map {
                    .init(
                        cells: [$0.name, $0.union_name, $0.round_name, Money.yuan($0.net), $0.paid_on],
                        url: SiteURL.reliefApplication($0.id).path)
                },
                total: total, page: p)
        case .reliefApplications, .reliefApproved, .reliefReported:
            let submitted = ReliefStats.applicationsSubmitted(in: q.scope, from: q.period.from, to: q.period.to, asOf: q.asOf)
            let set = ReliefStats.applications(
                submitted, in: code == .reliefApproved ? ReliefState.countedApproved : nil, reported: code == .reliefReported)
            let list = try await ReliefApplication.query(on: db).with(\.$member).with(\.$file).with(\.$org).with(\.$round)
                .filter(.sql(Registers.within("relief_applications.id", set))).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["申请人", "所在工会", "帮扶批次", "申请日期", "当前状态"],
                rows: list.rows.map {
                    .init(
                        cells: [$0.applicantName, $0.org.name, $0.round.name, $0.appliedOn, $0.reliefState?.label ?? $0.state],
                        url: SiteURL.reliefApplication($0.id).path)
                }, total: list.total, page: list.page)
        default:
            let set: SQLQueryString =
                switch code {
                case .reliefFilesOpened: ReliefStats.files(in: q.scope, from: q.period.from, to: q.period.to, exited: false)
                case .reliefFilesExited: ReliefStats.files(in: q.scope, from: q.period.from, to: q.period.to, exited: true)
                case .reliefFilesOverdueRecheck: ReliefStats.filesOverdueRecheck(in: q.scope, on: q.asOf, months: settings.reverifyMonths)
                default: ReliefStats.filesOpen(in: q.scope, on: q.asOf)
                }
            let list = try await HardshipFile.query(on: db).with(\.$org).filter(.sql(Registers.within("hardship_files.id", set))).sort(\.$id)
                .paged(page: page, per: 50)
            return RecordTable(
                ["户主", "所在工会", "困难类别", "状态", "最近核查"],
                rows: list.rows.map {
                    .init(
                        cells: [
                            $0.headName, $0.org.name, HardshipTier(rawValue: $0.tier)?.label ?? $0.tier,
                            $0.fileStatus?.label ?? $0.status, $0.verifiedOn,
                        ], url: SiteURL.reliefFile($0.id).path)
                }, total: list.total, page: list.page)
        }
    }
}
