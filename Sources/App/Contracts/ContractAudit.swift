import Domain

/// What collective bargaining records in the audit log besides the steps of a negotiation (`NegotiationAction.Code`)
/// and of a contract (`ContractAction.Code`).
enum ContractAudit: String, AuditAction, CaseIterable {
    case negotiationCreate = "negotiation.create", negotiator = "negotiation.negotiator", negotiatorLeft = "negotiation.negotiatorLeft"
    case contractCreate = "contract.create", covered = "contract.covered"

    var auditLabel: String {
        switch self {
        case .negotiationCreate: "登记集体协商要约"
        case .negotiator: "登记协商代表"
        case .negotiatorLeft: "登记协商代表离任"
        case .contractCreate: "登记集体合同"
        case .covered: "增加集体合同覆盖企业"
        }
    }
}

/// Each step of a negotiation is recorded as `negotiation.<step>`.
extension NegotiationAction.Code: AuditAction {
    var auditCode: String { "negotiation.\(rawValue)" }
    var auditLabel: String { "集体协商" + label }
}

/// Each step of a contract is recorded as `contract.<step>`.
extension ContractAction.Code: AuditAction {
    var auditCode: String { "contract.\(rawValue)" }
    var auditLabel: String { "集体合同" + label }
}
