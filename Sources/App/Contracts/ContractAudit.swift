import Domain

/// What collective bargaining records in the audit log besides the steps of a negotiation (`NegotiationAction.Code`)
/// and of a contract (`ContractAction.Code`).
enum ContractAudit: String, AuditAction, CaseIterable {
    case negotiationCreate = "negotiation.create", negotiator = "negotiation.negotiator", negotiatorLeft = "negotiation.negotiatorLeft"
    case contractCreate = "contract.create", covered = "contract.covered"
    case congressCreate = "congress.create", delegate = "congress.delegate", session = "congress.session"
    case sessionReport = "congress.sessionReport", resolution = "congress.resolution", proposalCreate = "proposal.create"
    case disclosure = "disclosure.create", disclosureCheck = "disclosure.check", disclosureCorrected = "disclosure.corrected"
    case progressReport = "bargaining.report", womenCommittee = "women.committee"

    var auditLabel: String {
        switch self {
        case .negotiationCreate: "登记集体协商要约"
        case .negotiator: "登记协商代表"
        case .negotiatorLeft: "登记协商代表离任"
        case .contractCreate: "登记集体合同"
        case .covered: "增加集体合同覆盖企业"
        case .congressCreate: "登记职代会（新一届）"
        case .delegate: "登记职工代表"
        case .session: "登记职代会会议"
        case .sessionReport: "职代会会议报告上级工会"
        case .resolution: "登记职代会决议"
        case .proposalCreate: "提交提案"
        case .disclosure: "登记厂务公开事项"
        case .disclosureCheck: "登记厂务公开检查"
        case .disclosureCorrected: "登记厂务公开整改完成"
        case .progressReport: "集体协商每周上报"
        case .womenCommittee: "登记女职工委员会"
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

/// Each step of a proposal is recorded as `proposal.<step>`.
extension ProposalAction.Code: AuditAction {
    var auditCode: String { "proposal.\(rawValue)" }
    var auditLabel: String { "提案" + label }
}
