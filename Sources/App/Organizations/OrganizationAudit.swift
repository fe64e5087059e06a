/// What the organization and employer registers record in the audit log.
enum OrganizationAudit: String, AuditAction, CaseIterable {
    case orgCreate = "org.create", orgUpdate = "org.update", cadreCreate = "cadre.create", cadreEnd = "cadre.end", cadreUpdate = "cadre.update", employerCreate = "employer.create"
    case employerUpdate = "employer.update", employerImport = "employer.import", employerExport = "employer.export"

    var auditLabel: String {
        switch self {
        case .orgCreate: "新增组织"
        case .orgUpdate: "修改组织"
        case .cadreCreate: "新增工会干部"
        case .cadreEnd: "工会干部离任"
        case .cadreUpdate: "修改工会干部信息"
        case .employerCreate: "新增单位"
        case .employerUpdate: "修改单位"
        case .employerImport: "导入单位名录"
        case .employerExport: "导出单位名录"
        }
    }
}
