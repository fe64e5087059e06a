import Domain
import Fluent
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Figures read in one pass") struct OnePassFiguresTests {
        @Test("the employers and the contracts in force on a day read once give what each figure's own set counts: 组建率, coverage, contracts by kind, congresses, disclosure")
        func employersOnADay() async throws {
            try await withApp { app, _ in
                _ = try #require(try await DemoTownship.loadIfEmpty(app))
                let root = try #require(try await Organization.query(on: app.db).filter(\.$name == "示例镇总工会").first())
                let union = try #require(
                    try await Organization.query(on: app.db).filter(\.$level == OrgLevel.union.rawValue).sort(\.$id).first())
                let db = app.db
                let rules = ContractRules()
                func count(_ set: SQLQueryString) async throws -> Int { try await Registers.count(set, on: db) }
                let today = CalendarDate(clamping: 2026, 11, 18)
                for org in [root, union] {
                    let scope = Scope(orgID: try org.requireID(), path: org.path)
                    for period in [try ReportPeriod.year(2025), ReportPeriod.yearToDate(2026, until: today)] {
                        let day = period.asOf(today: today)
                        let at = "\(org.name) \(day.iso)"
                        let o = try await OrganizationStats.compute(in: scope, period: period, today: today, on: db)
                        #expect(o.employers8 == (try await count(Registers.employers(in: scope, on: day, atLeast: 8))), "\(at)")
                        #expect(o.employers8WithUnion == (try await count(Registers.employers(in: scope, on: day, atLeast: 8, covered: true))), "\(at)")
                        #expect(o.employers25 == (try await count(Registers.employers(in: scope, on: day, atLeast: 25))), "\(at)")
                        #expect(o.employers25WithUnion == (try await count(Registers.employers(in: scope, on: day, atLeast: 25, covered: true))), "\(at)")

                        let c = try await ContractStats.compute(in: scope, period: period, today: today, rules: rules, on: db)
                        func wage(_ size: Int) -> SQLQueryString { ContractStats.employers(in: scope, on: day, atLeast: size, kind: .wage, covered: true) }
                        #expect(c.unionised == (try await count(Registers.employers(in: scope, on: day, atLeast: 0, covered: true))), "\(at)")
                        #expect(c.unionised100 == (try await count(Registers.employers(in: scope, on: day, atLeast: 100, covered: true))), "\(at)")
                        #expect(c.wageEmployers == (try await count(wage(0))), "\(at)")
                        #expect(c.wageEmployers100 == (try await count(wage(100))), "\(at)")
                        #expect(c.wage1000 == (try await count(wage(1000))), "\(at)")
                        let values = try await ContractIndicatorSource(rules: rules).values(IndicatorQuery(scope: scope, period: period, today: today), on: db)
                        #expect(values[.contractsWageRate25]?.numerator == (try await count(wage(25))), "\(at)")
                        #expect(values[.contractsWageRate25]?.denominator == (try await count(Registers.employers(in: scope, on: day, atLeast: 25, covered: true))))
                        let any = ContractStats.employers(in: scope, on: day, atLeast: 0, kind: nil, covered: true)
                        #expect(values[.contractsCoverageRate]?.numerator == (try await count(any)), "\(at)")

                        #expect(c.inForce == (try await count(ContractStats.inForce(in: scope, on: day))), "\(at)")
                        #expect(c.womenInForce == (try await count(ContractStats.inForce(in: scope, on: day, kind: .women))), "\(at)")
                        #expect(c.expiring == (try await count(ContractStats.expiring(in: scope, on: day, rules: rules))), "\(at)")
                        for kind in ContractKind.allCases where kind != .women {
                            let n = try await count(ContractStats.inForce(in: scope, on: day, kind: kind))
                            #expect(values[.contractsInForce(kind)]?.numerator == n, "\(at) \(kind)")
                        }

                        let (d, _) = try await DemocracyStats.compute(in: scope, period: period, today: today, rules: rules, on: db)
                        let congresses = try await DemocracyStats.employersWithCongress(in: scope, on: day, on: db)
                        #expect(d.employers50 == (try await count(Registers.employers(in: scope, on: day, atLeast: 50))), "\(at)")
                        #expect(d.employers50WithCongress == (try await count(DemocracyStats.employers50(in: scope, on: day, congress: congresses, with: true))))
                        #expect(d.employers50WithDisclosure == (try await count(DemocracyStats.employers50Disclosing(in: scope, on: day, with: true))))
                        if org.id == root.id && day.year == 2026 {
                            // Not a comparison of zeros: the township has each kind of employer on the day.
                            #expect(o.employers8 > o.employers8WithUnion && o.employers8WithUnion > 0, "\(o)")
                            #expect(c.unionised > c.wageEmployers && c.wageEmployers > 0 && c.unionised100 > 0, "\(c)")
                            #expect(c.inForce > c.womenInForce && c.womenInForce > 0 && c.expiring > 0, "\(c)")
                            #expect(d.employers50 > d.employers50WithCongress && d.employers50WithCongress > 0 && d.employers50WithDisclosure > 0, "\(d)")
                        }
                    }
                }
            }
        }
    }
}
