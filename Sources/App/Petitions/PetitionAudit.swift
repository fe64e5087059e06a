import Domain

/// What petitions and mediations record in the audit log besides the petition workflow's steps (`PetitionAction.Code`).
enum PetitionAudit: String, AuditAction, CaseIterable {
    case create = "petition.create", contact = "petition.contact", handlers = "petition.handlers", reveal = "petition.reveal"
    case away = "user.away", mediationCreate = "mediation.create", mediationDecide = "mediation.decide"
    case recoveryCreate = "recovery.create"

    var auditLabel: String {
        switch self {
        case .create: "登记信访件"
        case .contact: "修改信访人联系方式"
        case .handlers: "指派承办人"
        case .reveal: "查看信访人完整信息"
        case .away: "设置承办人外出"
        case .mediationCreate: "登记劳动争议调解"
        case .mediationDecide: "登记调解结果"
        case .recoveryCreate: "登记追回工资或工伤赔偿"
        }
    }
}

/// Each step of a petition is recorded as `petition.<step>`.
extension PetitionAction.Code: AuditAction {
    var auditCode: String { "petition.\(rawValue)" }
    var auditLabel: String { "信访件" + label }
}
