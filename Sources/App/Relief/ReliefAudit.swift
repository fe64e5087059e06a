import Domain

/// What hardship relief records in the audit log besides its workflow's steps (`ReliefAction.Code`).
enum ReliefAudit: String, AuditAction, CaseIterable {
    case fundCreate = "fund.create", fundIn = "fund.in", fundOverdraft = "fund.overdraft", fileCreate = "hardship.create"
    case fileUpdate = "hardship.update", fileStatus = "hardship.status", fileFamily = "hardship.family"
    case fileVerify = "hardship.verify", fileReveal = "hardship.reveal", fileImport = "hardship.import", round = "relief.round"
    case apply = "relief.apply", edit = "relief.edit", lateEntry = "relief.late_entry", reverse = "relief.reverse", export = "relief.export", enrol = "relief.enrol"

    var auditLabel: String {
        switch self {
        case .fundCreate: "新建资金账户"
        case .fundIn: "资金入账"
        case .fundOverdraft: "透支发放"
        case .fileCreate: "新建困难档案"
        case .fileUpdate: "修改困难档案"
        case .fileStatus: "档案状态变更"
        case .fileFamily: "添加家庭成员"
        case .fileVerify: "档案复核"
        case .fileReveal: "查看完整银行账号"
        case .fileImport: "导入困难职工档案"
        case .round: "新建帮扶批次"
        case .apply: "新建帮扶申请"
        case .edit: "修改帮扶申请"
        case .lateEntry: "补录帮扶申请（批次已结束）"
        case .reverse: "冲正发放"
        case .export: "导出发放名单（完整）"
        case .enrol: "医疗互助参保"
        }
    }
}

/// Each step of an application is recorded as `relief.<step>`.
extension ReliefAction.Code: AuditAction {
    var auditCode: String { "relief.\(rawValue)" }
    var auditLabel: String { "帮扶申请" + label }
}
