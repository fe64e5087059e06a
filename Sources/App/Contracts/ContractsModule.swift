import Domain
import Fluent
import Vapor

/// 集体协商与民主管理: negotiations from the written request to the signed contract, the contract register with filing,
/// review, publication, coverage of employers and renewal, the weekly bargaining report; workers' congresses with
/// delegates, sessions, resolutions and proposals; 厂务公开; women workers' committees.
struct ContractsModule: UnionModule {
    let name = "集体协商与民主管理"
    let permissions = Permission.contracts
    let navigation = [
        NavEntry(label: "集体协商", url: .contracts, permission: .contractRead), NavEntry(label: "民主管理", url: .democracy, permission: .contractRead),
    ]
    let importers: [any Importer] = [ContractImporter()]
    let attachmentUploads: [SiteURL] = [.contractFiles(nil), .api(.contractFiles(nil))]
    let auditActions: [any AuditAction] = ContractAudit.allCases + NegotiationAction.Code.allCases + ContractAction.Code.allCases + ProposalAction.Code.allCases

    func configure(_ app: Application) throws {
        app.contractRules = try loadConfiguration(
            ContractRules.self, variable: "UNIONDESK_CONTRACT_CONFIG", name: "集体协商", defaults: ContractRules())
    }

    func routes(_ app: Application) throws {
        try app.register(collection: ContractController())
        try app.register(collection: NegotiationController())
        try app.register(collection: ContractAPIController())
        try app.register(collection: DemocracyController())
        try app.register(collection: DemocracyAPIController())
    }

    func indicatorSources(_ app: Application) -> [any IndicatorSource] {
        [ContractIndicatorSource(rules: app.contractRules), DemocracyIndicatorSource(rules: app.contractRules)]
    }

    func alertSources(_ app: Application) -> [any AlertSource] {
        [ContractAlertSource(rules: app.contractRules), DemocracyAlertSource(rules: app.contractRules)]
    }
    func workSources(_ app: Application) -> [any WorkSource] { [ContractWorkSource(rules: app.contractRules)] }

    func warm(_ app: Application, scope: Scope, today: CalendarDate, on db: any Database) async throws {
        _ = try await ContractStats.overview(app, scope: scope, today: today, on: db)
    }

    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {
        let rules = s.app.contractRules
        let f = try await ContractStats.compute(in: s.scope, period: s.period, today: s.today, rules: rules, on: s.db)
        part.input.topics.append(f)
        let (democracy, women) = try await DemocracyStats.compute(in: s.scope, period: s.period, today: s.today, rules: rules, on: s.db)
        part.input.topics += [democracy, women] as [any SummaryTopic]
        guard s.looksAhead else { return }
        if democracy.congressesDue > 0 {
            part.overdue(
                .localRule, .overdue(indicator: .democracyCongressesDue, count: democracy.congressesDue, unit: "个", noun: "职代会超过一年未召开"))
        }
        if f.filingOverdue > 0 {
            part.overdue(
                .statutoryTimeLimit,
                .overdue(indicator: .contractsFilingOverdue, count: f.filingOverdue, unit: "份", noun: "集体合同签订后逾期未报送劳动保障部门审查"))
        }
        if f.expiring > 0 {
            part.plans.append(.due(indicator: .contractsExpiring, count: f.expiring, unit: "份", noun: "集体合同期满续签工作", by: s.period.next.to))
        }
    }

    func seedDemo(_ d: inout DemoContext) async throws {
        try await ContractsDemo.seed(&d)
        let start = DemocracyContext(db: d.app.db, root: d.rootID, today: d.today, actor: d.user("staff"), random: d.random)
        d.random = try await Store.write(d.app.db) { tx in
            var context = start
            context.db = tx
            try await DemocracyDemo.seed(&context)
            return context.random
        }
    }
}

extension Application {
    private struct ContractRulesKey: StorageKey { typealias Value = ContractRules }

    /// The bargaining time limits (集体合同规定 defaults unless `UNIONDESK_CONTRACT_CONFIG` names a file).
    var contractRules: ContractRules {
        get { storage[ContractRulesKey.self] ?? ContractRules() }
        set { storage[ContractRulesKey.self] = newValue }
    }
}

// MARK: URLs

extension SiteURL {
    static let contracts = SiteURL("/contracts")
    static let contractNew = SiteURL("/contracts/new")
    static let contractImport = SiteURL("/contracts/import")
    static let contractTemplate = SiteURL("/contracts/template")
    static func contract(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))") }
    static func contractStep(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/step") }
    static func contractCovered(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/covered") }
    static func contractText(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/text.docx") }
    static func contractFiles(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/files") }
    static func contractFile(_ n: Int?, _ file: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/files/\(fileID(file))") }
    static func contractFileWithdraw(_ n: Int?, _ file: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/files/\(fileID(file))/withdraw") }
    static let democracy = SiteURL("/democracy")
    static let congressNew = SiteURL("/congresses/new")
    static let congresses = SiteURL("/congresses")
    static func congress(_ n: Int?) -> SiteURL { SiteURL("/congresses/\(id(n))") }
    static func congressDelegates(_ n: Int?) -> SiteURL { SiteURL("/congresses/\(id(n))/delegates") }
    static func congressSessions(_ n: Int?) -> SiteURL { SiteURL("/congresses/\(id(n))/sessions") }
    static func sessionResolutions(_ n: Int?) -> SiteURL { SiteURL("/congress-sessions/\(id(n))/resolutions") }
    static func sessionReport(_ n: Int?) -> SiteURL { SiteURL("/congress-sessions/\(id(n))/report") }
    static let proposals = SiteURL("/proposals")
    static func proposal(_ n: Int?) -> SiteURL { SiteURL("/proposals/\(id(n))") }
    static func proposalStep(_ n: Int?) -> SiteURL { SiteURL("/proposals/\(id(n))/step") }
    static let disclosures = SiteURL("/disclosures")
    static let disclosureChecks = SiteURL("/disclosure-checks")
    static func disclosureCorrected(_ n: Int?) -> SiteURL { SiteURL("/disclosure-checks/\(id(n))/corrected") }
    static let bargainingWeek = SiteURL("/bargaining/weekly")
    static let women = SiteURL("/women")
    static let negotiations = SiteURL("/negotiations")
    static let negotiationNew = SiteURL("/negotiations/new")
    static func negotiation(_ n: Int?) -> SiteURL { SiteURL("/negotiations/\(id(n))") }
    static func negotiationStep(_ n: Int?) -> SiteURL { SiteURL("/negotiations/\(id(n))/step") }
    static func negotiators(_ n: Int?) -> SiteURL { SiteURL("/negotiations/\(id(n))/negotiators") }
    static func negotiatorLeave(_ n: Int?, _ seat: Int?) -> SiteURL {
        SiteURL("/negotiations/\(id(n))/negotiators/\(seat.map(String.init) ?? ":seat")/leave")
    }
}
extension SiteURL.API {
    static let contracts = SiteURL.API("/contracts")
    static let contractStats = SiteURL.API("/contracts/stats")
    static let contractImport = SiteURL.API("/contracts/import")
    static func contract(_ n: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))") }
    static func contractSteps(_ n: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))/steps") }
    static func contractCovered(_ n: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))/covered") }
    static func contractFiles(_ n: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))/files") }
    static func contractFile(_ n: Int?, _ file: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))/files/\(SiteURL.fileID(file))") }
    static let congresses = SiteURL.API("/congresses")
    static func congress(_ n: Int?) -> SiteURL.API { SiteURL.API("/congresses/\(id(n))") }
    static func congressDelegates(_ n: Int?) -> SiteURL.API { SiteURL.API("/congresses/\(id(n))/delegates") }
    static func congressSessions(_ n: Int?) -> SiteURL.API { SiteURL.API("/congresses/\(id(n))/sessions") }
    static func sessionResolutions(_ n: Int?) -> SiteURL.API { SiteURL.API("/congress-sessions/\(id(n))/resolutions") }
    static func sessionReport(_ n: Int?) -> SiteURL.API { SiteURL.API("/congress-sessions/\(id(n))/report") }
    static let proposals = SiteURL.API("/proposals")
    static func proposal(_ n: Int?) -> SiteURL.API { SiteURL.API("/proposals/\(id(n))") }
    static func proposalSteps(_ n: Int?) -> SiteURL.API { SiteURL.API("/proposals/\(id(n))/steps") }
    static let disclosures = SiteURL.API("/disclosures")
    static let disclosureChecks = SiteURL.API("/disclosure-checks")
    static func disclosureCorrected(_ n: Int?) -> SiteURL.API { SiteURL.API("/disclosure-checks/\(id(n))/corrected") }
    static let bargainingWeek = SiteURL.API("/bargaining/weekly")
    static let womenCommittees = SiteURL.API("/women/committees")
    static let democracyStats = SiteURL.API("/democracy/stats")
    static let negotiations = SiteURL.API("/negotiations")
    static func negotiation(_ n: Int?) -> SiteURL.API { SiteURL.API("/negotiations/\(id(n))") }
    static func negotiationSteps(_ n: Int?) -> SiteURL.API { SiteURL.API("/negotiations/\(id(n))/steps") }
    static func negotiators(_ n: Int?) -> SiteURL.API { SiteURL.API("/negotiations/\(id(n))/negotiators") }
    static func negotiatorLeave(_ n: Int?, _ seat: Int?) -> SiteURL.API {
        SiteURL.API("/negotiations/\(id(n))/negotiators/\(seat.map(String.init) ?? ":seat")/leave")
    }
}
