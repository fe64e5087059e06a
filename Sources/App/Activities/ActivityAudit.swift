/// What the audit log records of activities and training.
enum ActivityAudit: String, AuditAction, CaseIterable {
    case create = "activity.create", update = "activity.update", session = "activity.session", attendance = "activity.attendance"
    case signup = "activity.signup", cancel = "activity.cancel", output = "activity.output", item = "activity.item", cost = "activity.cost"
    case certificate = "activity.certificate"

    var auditLabel: String {
        switch self {
        case .create: "登记活动/培训班"
        case .update: "修改活动/培训班"
        case .session: "登记场次"
        case .attendance: "登记出勤"
        case .signup: "活动报名"
        case .cancel: "取消报名"
        case .output: "登记活动成果"
        case .item: "登记节目/场次/剧目"
        case .cost: "关联活动经费"
        case .certificate: "颁发结业证书"
        }
    }
}
