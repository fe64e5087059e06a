import Domain
import Vapor

/// 集体协商: negotiations from the written request to the signed contract, and the contract register with filing,
/// review, publication, coverage of employers and renewal.
struct ContractsModule: UnionModule {
    let name = "集体协商"
    let permissions = Permission.contracts
    let navigation = [NavEntry(label: "集体协商", url: .contracts, permission: .contractRead)]
    let auditActions: [any AuditAction] = ContractAudit.allCases + NegotiationAction.Code.allCases + ContractAction.Code.allCases

    func configure(_ app: Application) throws {
        app.contractRules = try loadConfiguration(
            ContractRules.self, variable: "UNIONDESK_CONTRACT_CONFIG", name: "集体协商", defaults: ContractRules())
    }

    func routes(_ app: Application) throws {
        try app.register(collection: ContractController())
        try app.register(collection: NegotiationController())
        try app.register(collection: ContractAPIController())
    }

    func indicatorSources(_ app: Application) -> [any IndicatorSource] { [ContractIndicatorSource(rules: app.contractRules)] }
    func alertSources(_ app: Application) -> [any AlertSource] { [ContractAlertSource(rules: app.contractRules)] }
    func workSources(_ app: Application) -> [any WorkSource] { [ContractWorkSource(rules: app.contractRules)] }

    func summary(_ s: SummaryContext, into part: inout SummaryPart) async throws {
        let rules = s.app.contractRules
        let f = try await ContractStats.compute(in: s.scope, period: s.period, today: s.today, rules: rules, on: s.db)
        part.input.topics.append(f)
        guard s.looksAhead else { return }
        if f.filingOverdue > 0 {
            part.overdue(
                .statutoryTimeLimit,
                .overdue(indicator: .contractsFilingOverdue, count: f.filingOverdue, unit: "份", noun: "集体合同签订后逾期未报送劳动保障部门审查"))
        }
        if f.expiring > 0 {
            part.plans.append(.due(indicator: .contractsExpiring, count: f.expiring, unit: "份", noun: "集体合同期满续签工作", by: s.period.next.to))
        }
    }

    func seedDemo(_ d: inout DemoContext) async throws { try await ContractsDemo.seed(&d) }
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
    static func contract(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))") }
    static func contractStep(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/step") }
    static func contractCovered(_ n: Int?) -> SiteURL { SiteURL("/contracts/\(id(n))/covered") }
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
    static func contract(_ n: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))") }
    static func contractSteps(_ n: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))/steps") }
    static func contractCovered(_ n: Int?) -> SiteURL.API { SiteURL.API("/contracts/\(id(n))/covered") }
    static let negotiations = SiteURL.API("/negotiations")
    static func negotiation(_ n: Int?) -> SiteURL.API { SiteURL.API("/negotiations/\(id(n))") }
    static func negotiationSteps(_ n: Int?) -> SiteURL.API { SiteURL.API("/negotiations/\(id(n))/steps") }
    static func negotiators(_ n: Int?) -> SiteURL.API { SiteURL.API("/negotiations/\(id(n))/negotiators") }
    static func negotiatorLeave(_ n: Int?, _ seat: Int?) -> SiteURL.API {
        SiteURL.API("/negotiations/\(id(n))/negotiators/\(seat.map(String.init) ?? ":seat")/leave")
    }
}
