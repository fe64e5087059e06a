/// What targets and the work summary record in the audit log.
enum ReportAudit: String, AuditAction, CaseIterable {
    case targetSet = "target.set", targetDelete = "target.delete", summaryEdit = "summary.edit", summaryFinalize = "summary.finalize"

    var auditLabel: String {
        switch self {
        case .targetSet: "设定年度目标"
        case .targetDelete: "删除年度目标"
        case .summaryEdit: "修改工作总结段落"
        case .summaryFinalize: "工作总结定稿"
        }
    }
}
