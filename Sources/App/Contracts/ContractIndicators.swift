import Domain
import Fluent
import SQLKit
import Vapor

/// Collective bargaining indicators: coverage of the unionised employers (建制率), contracts in force and signed,
/// workers covered and the wage rise agreed, expiring and late contracts. Values and records come from the same
/// sets in `ContractStats`.
struct ContractIndicatorSource: IndicatorSource {
    var rules: ContractRules
    var definitions: [IndicatorDefinition] { Indicators.contracts }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let f = try await ContractStats.compute(in: q.scope, period: q.period, today: q.today, rules: rules, on: db)
        func count(_ set: SQLQueryString) async throws -> Int { try await Registers.count(set, on: db) }
        let (scope, day) = (q.scope, q.asOf)
        struct Coverage { var unionised25 = 0, wage25 = 0, coveredAny = 0 }
        var c = Coverage()
        try await Registers.count(
            Registers.employers(in: scope, on: day), into: &c,
            [
                (\.unionised25, Registers.employer(atLeast: 25, covered: true)),
                (\.wage25, ContractStats.employer(on: day, atLeast: 25, kind: .wage, covered: true)),
                (\.coveredAny, ContractStats.employer(on: day, atLeast: 0, kind: nil, covered: true)),
            ], on: db)
        let (unionised25, wage25, coveredAny) = (c.unionised25, c.wage25, c.coveredAny)
        let kinds = ContractKind.allCases.filter { $0 != .women }
        var inForce = [Int](repeating: 0, count: kinds.count)
        try await Registers.count(
            ContractStats.inForce(in: scope, on: day), into: &inForce,
            zip(inForce.indices, kinds).map { (\.[$0], ContractStats.contract(kind: $1)) }, on: db)
        let byKind = Dictionary(uniqueKeysWithValues: zip(kinds, inForce).map { (IndicatorCode.contractsInForce($0), IndicatorValue(count: $1)) })
        return byKind.merging([
            .contractsWageRate: .init(f.wageEmployers, of: f.unionised), .contractsWageRate25: .init(wage25, of: unionised25),
            .contractsWageRate100: .init(f.wageEmployers100, of: f.unionised100), .contractsWageEmployers: .init(count: f.wageEmployers),
            .contractsWage1000: .init(count: f.wage1000), .contractsCoverageRate: .init(coveredAny, of: f.unionised),
            .contractsInForce: .init(count: f.inForce), .contractsWomenInForce: .init(count: f.womenInForce),
            .contractsEmployersCovered: .init(count: f.employersCovered), .contractsWorkersCovered: .init(count: f.workersCovered),
            .contractsSigned: .init(count: f.signed), .contractsSectoralSigned: .init(count: f.sectoralSigned),
            .contractsWageRiseWorkers: .init(count: f.wageRiseWorkers), .contractsWageRise: .init(count: f.wageRise ?? 0),
            .contractsExpiring: .init(count: f.expiring), .contractsFilingOverdue: .init(count: f.filingOverdue),
            .negotiationsStarted: .init(count: f.negotiationsStarted),
        ]) { $1 }
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        let (scope, from, to, day) = (q.scope, q.period.from, q.period.to, q.asOf)
        let employerSet: SQLQueryString? =
            switch code {
            case .contractsWageRate, .contractsWageEmployers: ContractStats.employers(in: scope, on: day, atLeast: 0, kind: .wage, covered: !gap)
            case .contractsWageRate25: ContractStats.employers(in: scope, on: day, atLeast: 25, kind: .wage, covered: !gap)
            case .contractsWageRate100: ContractStats.employers(in: scope, on: day, atLeast: 100, kind: .wage, covered: !gap)
            case .contractsWage1000: ContractStats.employers(in: scope, on: day, atLeast: 1000, kind: .wage, covered: true)
            case .contractsCoverageRate: ContractStats.employers(in: scope, on: day, atLeast: 0, kind: nil, covered: !gap)
            default: nil
            }
        if let employerSet { return try await Registers.employerTable(employerSet, page: page, on: db) }
        if code == .contractsEmployersCovered || code == .contractsWorkersCovered {
            struct Row: Decodable { var id: Int; var name: String; var headcount: Int }
            let set = ContractStats.employersCovered(in: scope, on: day)
            let total = try await Registers.count(set, on: db)
            let page = Paged<Employer>.clamp(page, counted: total, per: 50)
            let rows = try await db.sql.raw(
                """
                SELECT s.id, e.name, s.headcount FROM (\(set)) s JOIN employers e ON e.id = s.id \
                ORDER BY s.headcount DESC, s.id LIMIT 50 OFFSET \(literal: (page - 1) * 50)
                """
            ).all(decoding: Row.self)
            return RecordTable(
                ["单位名称", "覆盖职工人数"], rows: rows.map { .init(cells: [$0.name, String($0.headcount)], url: SiteURL.employer($0.id).path) },
                total: total, page: page)
        }
        if code == .negotiationsStarted {
            let list = try await Negotiation.query(on: db).with(\.$employer)
                .filter(.sql(Registers.within("negotiations.id", ContractStats.negotiationsStarted(in: scope, from: from, to: to))))
                .sort(\.$requestedOn).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["编号", "要约日期", "企业方", "种类", "状态"],
                rows: list.rows.map {
                    .init(
                        cells: [$0.number, $0.requestedOn, $0.partyLabel, $0.contractKind.short, $0.negotiationState.label],
                        url: SiteURL.negotiation($0.id).path)
                }, total: list.total, page: list.page)
        }
        let columns = ["编号", "合同名称", "种类", "签订日期", "期限", "覆盖职工", "工资增幅", "状态"]
        func row(_ c: CollectiveContract) -> RecordTable.Row {
            .init(
                cells: [
                    c.number, c.title, c.kindLabel, c.signedOn, "\(c.startsOn)至\(c.endsOn)", String(c.workers),
                    c.wageRise.map(WageRise.text) ?? "", c.dates.label(c.contractState, today: q.today),
                ], url: SiteURL.contract(c.id).path)
        }
        if code == .contractsFilingOverdue {
            return RecordTable(columns, all: try await ContractStats.filingOverdue(in: scope, on: day, rules: rules, on: db).map(row), page: page)
        }
        let set: SQLQueryString =
            switch code {
            case let c where ContractKind.allCases.contains { IndicatorCode.contractsInForce($0) == c }:
                ContractStats.inForce(in: scope, on: day, kind: ContractKind.allCases.first { IndicatorCode.contractsInForce($0) == c })
            case .contractsSigned: ContractStats.signed(in: scope, from: from, to: to)
            case .contractsSectoralSigned: ContractStats.signed(in: scope, from: from, to: to, levels: [.sectoral, .regional])
            case .contractsWageRiseWorkers, .contractsWageRise: ContractStats.signed(in: scope, from: from, to: to, rise: true)
            case .contractsExpiring: ContractStats.expiring(in: scope, on: day, rules: rules)
            default: ContractStats.inForce(in: scope, on: day)
            }
        let list = try await CollectiveContract.query(on: db).with(\.$employer).filter(.sql(Registers.within("contracts.id", set)))
            .sort(\.$signedOn).sort(\.$id).paged(page: page, per: 50)
        return RecordTable(columns, rows: list.rows.map(row), total: list.total, page: list.page)
    }
}
