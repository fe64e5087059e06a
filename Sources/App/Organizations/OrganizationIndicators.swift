import Domain
import Fluent
import SQLKit
import Vapor

/// Organisation and membership indicators: unions, re-elections, employers' coverage, members. The values and the
/// records behind each come from the same set in `Registers`.
struct OrganizationIndicatorSource: IndicatorSource {
    var definitions: [IndicatorDefinition] { Indicators.organization }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let f = try await OrganizationStats.compute(in: q.scope, period: q.period, today: q.today, on: db)
        let employees = try await OrganizationStats.employeesWithUnion(in: q.scope, on: q.asOf, on: db)
        let due = Registers.reElectionsDue(in: q.scope, from: q.period.from, to: q.period.to, asOf: q.asOf)
        return [
            .orgUnions: .init(count: f.unions), .orgUnionsFounded: .init(count: f.newUnions),
            .orgCoverage8: .init(f.employers8WithUnion, of: f.employers8), .orgCoverage25: .init(f.employers25WithUnion, of: f.employers25),
            .orgReElectionsHeld: .init(count: f.reElectionsHeld), .orgReElectionsOverdue: .init(count: f.reElectionsOverdue),
            .orgReElectionsDue: .init(count: try await Registers.count(due, on: db)),
            .membersTotal: .init(count: f.members), .membersNew: .init(count: f.newMembers), .membersRate: .init(f.members, of: employees),
        ]
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        let (scope, from, to, day) = (q.scope, q.period.from, q.period.to, q.asOf)
        switch code {
        case .orgCoverage8, .orgCoverage25:
            let set = Registers.employers(in: scope, on: day, atLeast: code == .orgCoverage8 ? 8 : 25, covered: !gap)
            return try await Registers.employerTable(set, page: page, on: db)
        case .membersTotal, .membersNew, .membersRate:
            let set = code == .membersNew ? Registers.membersJoined(in: scope, from: from, to: to) : Registers.members(in: scope, on: day)
            let list = try await Member.query(on: db).with(\.$union).filter(.sql(Registers.within("members.id", set))).sort(\.$id)
                .paged(page: page, per: 50)
            return RecordTable(
                ["姓名", "会员证号", "所在工会", "入会日期"],
                rows: list.rows.map {
                    .init(cells: [$0.name, $0.cardNumber, $0.union.name, $0.joinDate], url: SiteURL.member($0.id).path)
                },
                total: list.total, page: list.page)
        default:
            let set: SQLQueryString =
                switch code {
                case .orgUnionsFounded: Registers.unionsFounded(in: scope, from: from, to: to)
                case .orgReElectionsHeld: Registers.reElectionsHeld(in: scope, from: from, to: to)
                case .orgReElectionsOverdue: Registers.reElectionsOverdue(in: scope, on: day)
                case .orgReElectionsDue: Registers.reElectionsDue(in: scope, from: from, to: to, asOf: day)
                default: Registers.unions(in: scope, on: day)
                }
            let list = try await Organization.query(on: db).filter(.sql(Registers.within("organizations.id", set)))
                .sort(\.$reElectionDue).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["工会名称", "成立日期", "上次换届", "届满日期"],
                rows: list.rows.map {
                    .init(cells: [$0.name, $0.foundedOn ?? "", $0.electedOn ?? "", $0.reElectionDue ?? "未录入"], url: SiteURL.org($0.id).path)
                },
                total: list.total, page: list.page)
        }
    }
}
