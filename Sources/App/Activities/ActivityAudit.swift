/// What the audit log records of activities and training.
enum ActivityAudit: String, AuditAction, CaseIterable {
    case create = "activity.create", update = "activity.update", session = "activity.session", attendance = "activity.attendance"
    case attendanceRemoved = "activity.attendance_removed"
    case signup = "activity.signup", cancel = "activity.cancel", output = "activity.output", item = "activity.item", cost = "activity.cost"
    case certificate = "activity.certificate", result = "activity.result", idea = "idea.submit", ideaDecision = "idea.decide"
    case centre = "centre.create", centreUpdate = "centre.update", visit = "centre.visit"

    var auditLabel: String {
        switch self {
        case .create: "登记活动/培训班"
        case .update: "修改活动/培训班"
        case .session: "登记场次"
        case .attendance: "登记出勤"
        case .attendanceRemoved: "撤销出勤"
        case .signup: "活动报名"
        case .cancel: "取消报名"
        case .output: "登记活动成果"
        case .item: "登记节目/场次/剧目"
        case .cost: "关联活动经费"
        case .certificate: "颁发结业证书"
        case .result: "登记竞赛获奖"
        case .idea: "登记合理化建议"
        case .ideaDecision: "评定合理化建议"
        case .centre: "登记服务阵地"
        case .centreUpdate: "修改服务阵地"
        case .visit: "登记阵地接待"
        }
    }
}
