import Domain
import Fluent
import SQLKit
import Vapor

/// Petitions and rights indicators: petitions received by source, timeliness, group petitions, overdue work,
/// mediations and the money recovered for workers.
struct PetitionIndicatorSource: IndicatorSource {
    var rules: PetitionRules
    var definitions: [IndicatorDefinition] { Indicators.petitions }

    func values(_ q: IndicatorQuery, on db: any Database) async throws -> [IndicatorCode: IndicatorValue] {
        let s = try await PetitionStats.compute(in: q.scope, from: q.period.from, to: q.period.to, today: q.today, rules: rules, on: db)
        return [
            .petitionsReceived: .init(count: s.received), .petitionsTransferred: .init(count: s.transferred),
            .petitionsDirect: .init(count: s.direct), .petitionsAcceptedOnTime: .init(s.acceptance.onTime, of: s.acceptance.due),
            .petitionsHandledOnTime: .init(s.handling.onTime, of: s.handling.due), .petitionsOverdue: .init(count: s.overdue),
            .petitionsGroup: .init(count: s.groupPetitions), .petitionsGroupWorkers: .init(count: s.groupPeople),
            .mediationsTotal: .init(count: s.mediations), .mediationsAgreements: .init(s.mediationAgreements, of: s.mediationsDecided),
            .mediationsAmount: .init(count: s.mediationAmount), .recoveriesWages: .init(count: s.wages.amount),
            .recoveriesInjury: .init(count: s.injury.amount), .recoveriesWorkers: .init(count: s.wages.workers),
            .recoveriesMigrants: .init(count: s.wages.migrantWorkers), .recoveriesInjuryWorkers: .init(count: s.injury.workers),
            .recoveriesInjuryMigrants: .init(count: s.injury.migrantWorkers),
        ]
    }

    func records(_ code: IndicatorCode, gap: Bool, _ q: IndicatorQuery, page: Int, on db: any Database) async throws -> RecordTable {
        let (from, to) = (q.period.from.iso, q.period.to.iso)
        if code.rawValue.hasPrefix("mediations.") {
            var m = Mediations.scoped(q.scope, on: db).with(\.$employer).filter(\.$appliedOn >= from).filter(\.$appliedOn <= to)
            if code == .mediationsAmount { m = m.filter(\.$outcome == MediationOutcome.agreement.rawValue) }
            if code == .mediationsAgreements {
                m =
                    gap
                    ? m.filter(\.$outcome ~~ [MediationOutcome.noAgreement.rawValue, MediationOutcome.withdrawn.rawValue])
                    : m.filter(\.$outcome == MediationOutcome.agreement.rawValue)
            }
            let list = try await m.sort(\.$appliedOn).sort(\.$id).paged(page: page, per: 50)
            return RecordTable(
                ["编号", "申请日期", "申请人", "被申请单位", "结果"],
                rows: list.rows.map {
                    .init(
                        cells: [
                            $0.number, $0.appliedOn, $0.applicantName, $0.employerLabel,
                            $0.mediationOutcome?.label ?? $0.outcome,
                        ],
                        url: SiteURL.mediation($0.id).path)
                }, total: list.total, page: list.page)
        }
        if code.rawValue.hasPrefix("recoveries.") {
            let kind = [.recoveriesInjury, .recoveriesInjuryWorkers, .recoveriesInjuryMigrants].contains(code) ? RecoveryKind.injury : .wages
            var r = Recovery.query(on: db).filter(q.scope.contains(column: "recoveries.org_id")).filter(\.$kind == kind.rawValue)
            if code == .recoveriesMigrants || code == .recoveriesInjuryMigrants { r = r.filter(\.$migrantWorkers > 0) }
            let list = try await r
            .filter(\.$onDate >= from).filter(\.$onDate <= to).with(\.$petition).with(\.$mediation).sort(\.$onDate).sort(\.$id)
            .paged(page: page, per: 50)
            return RecordTable(
                ["到位日期", "案件", "受助职工", "其中农民工", "金额（元）"],
                rows: list.rows.map { r in
                    let caseNumber = r.petition?.number ?? r.mediation?.number ?? ""
                    let url = r.$petition.id.map { SiteURL.petition($0).path } ?? r.$mediation.id.map { SiteURL.mediation($0).path }
                    return .init(
                        cells: [r.onDate, caseNumber, String(r.workers), String(r.migrantWorkers), Money.yuan(r.amount)], url: url)
                }, total: list.total, page: list.page)
        }
        var p = Petitions.scoped(q.scope, on: db).with(\.$employer).filter(\.$receivedOn >= from).filter(\.$receivedOn <= to)
        switch code {
        case .petitionsTransferred: p = p.filter(\.$source == PetitionSource.transferred.rawValue)
        case .petitionsDirect: p = p.filter(\.$source != PetitionSource.transferred.rawValue)
        case .petitionsGroup, .petitionsGroupWorkers: p = p.filter(\.$workers >= rules.groupSize)
        default: break
        }
        p = p.sort(\.$receivedOn).sort(\.$id)
        func row(_ x: Petition) -> RecordTable.Row {
            .init(
                cells: [
                    x.number, x.receivedOn, PetitionSource(rawValue: x.source)?.label ?? x.source, x.petitionerName,
                    PetitionCategory(rawValue: x.category)?.label ?? x.category, x.petitionState.label,
                ], url: SiteURL.petition(x.id).path)
        }
        let columns = ["编号", "收件日期", "来源", "信访人", "类别", "状态"]
        // Timeliness and overdue work follow from the deadline rules, evaluated in Swift over the period's petitions.
        let kinds: Set<PetitionDeadlineKind>? =
            switch code {
            case .petitionsAcceptedOnTime: [.acceptance]
            case .petitionsHandledOnTime: [.handling, .reviewAnswer, .recheckAnswer]
            case .petitionsOverdue: Set(PetitionDeadlineKind.allCases)
            default: nil
            }
        guard let kinds else {
            let list = try await p.paged(page: page, per: 50)
            return RecordTable(columns, rows: list.rows.map(row), total: list.total, page: list.page)
        }
        let wanted: Set<PetitionDeadline.State> = code == .petitionsOverdue ? [.overdue] : gap ? [.missed, .overdue] : [.met]
        let rows = try await p.all().filter { x in
            Petitions.deadlines(x, rules: rules, today: q.today).contains { kinds.contains($0.kind) && wanted.contains($0.state) }
        }
        return RecordTable(columns, all: rows.map(row), page: page)
    }
}
