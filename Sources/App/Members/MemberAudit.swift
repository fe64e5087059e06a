/// What the member register records in the audit log.
enum MemberAudit: String, AuditAction, CaseIterable {
    case create = "member.create", update = "member.update", status = "member.status", transfer = "member.transfer"
    case reveal = "member.reveal", importRoster = "member.import", export = "member.export"

    var auditLabel: String {
        switch self {
        case .create: "新增会员"
        case .update: "修改会员"
        case .status: "变更会籍状态"
        case .transfer: "会籍接转"
        case .reveal: "查看完整证件号"
        case .importRoster: "导入名册"
        case .export: "导出名册"
        }
    }
}
