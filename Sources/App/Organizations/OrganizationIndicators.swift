import Domain
import Fluent
import SQLKit
import Vapor

/// Organisation and membership indicators: unions, re-elections, employers' coverage, members.
struct OrganizationIndicatorSource: IndicatorSource {
    var definitions: [IndicatorDefinition] { Indicators.organization }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let f = try await OrganizationStats.compute(in: q.scope, period: q.period, today: q.today, on: db)
        struct Rate: Decodable { var employees: Int? }
        let employees =
            try await db.sql.raw(
                """
                SELECT CAST(SUM(headcount) AS BIGINT) AS employees FROM employers WHERE union_id IN \
                (SELECT id FROM organizations WHERE path LIKE \(bind: q.scope.path + "%"))
                """
            ).first(decoding: Rate.self)?.employees ?? 0
        return [
            .orgUnions: .init(count: f.unions), .orgCoverage8: .init(f.employers8WithUnion, of: f.employers8),
            .orgCoverage25: .init(f.employers25WithUnion, of: f.employers25), .orgReElectionsHeld: .init(count: f.reElectionsHeld),
            .orgReElectionsOverdue: .init(count: f.reElectionsOverdue),
            .orgReElectionsDue: .init(count: try await OrganizationStats.reElectionsDue(in: q.scope, period: q.period, on: db)),
            .membersTotal: .init(count: f.members), .membersNew: .init(count: f.newMembers),
            .membersRate: .init(f.members, of: employees),
        ]
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        let (from, to) = (q.period.from.iso, q.period.to.iso)
        switch code {
        case .orgCoverage8, .orgCoverage25:
            var e = Employer.scoped(q.scope, on: db).with(\.$union).filter(\.$headcount >= (code == .orgCoverage8 ? 8 : 25))
            e = gap ? e.filter(\.$union.$id == nil) : e.filter(\.$union.$id != nil)
            let list = try await e.sort(\.$headcount, .descending).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["单位名称", "职工人数", "工会"],
                rows: list.rows.map {
                    .init(cells: [$0.name, String($0.headcount), $0.union?.name ?? "未建会"], url: SiteURL.employerEdit($0.id).path)
                },
                total: list.total, page: list.page)
        case .membersTotal, .membersNew, .membersRate:
            var m = Member.scoped(q.scope, on: db).with(\.$union)
            m =
                code == .membersNew
                ? m.filter(\.$joinDate >= from).filter(\.$joinDate <= to) : m.filter(\.$status == "active").filter(\.$joinDate <= to)
            let list = try await m.sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["姓名", "会员证号", "所在工会", "入会日期"],
                rows: list.rows.map {
                    .init(cells: [$0.name, $0.cardNumber, $0.union.name, $0.joinDate], url: SiteURL.member($0.id).path)
                },
                total: list.total, page: list.page)
        default:
            var o = Organization.scoped(q.scope, on: db).filter(\.$level == OrgLevel.union.rawValue).filter(
                \.$status == OrgStatus.active.rawValue)
            switch code {
            case .orgReElectionsHeld: o = o.filter(\.$electedOn >= from).filter(\.$electedOn <= to)
            case .orgReElectionsOverdue: o = o.filter(\.$reElectionDue < q.today.iso)
            case .orgReElectionsDue: o = o.filter(\.$reElectionDue >= from).filter(\.$reElectionDue <= to)
            default: break
            }
            let list = try await o.sort(\.$reElectionDue).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["工会名称", "上次换届", "届满日期"],
                rows: list.rows.map {
                    .init(cells: [$0.name, $0.electedOn ?? "", $0.reElectionDue ?? "未录入"], url: SiteURL.org($0.id).path)
                },
                total: list.total, page: list.page)
        }
    }
}
