import Foundation

/// The audit log in plain Chinese: the names of the records and of the fields an entry's before and after hold, so a
/// cadre reads “状态：在会 → 退休保留” rather than JSON. A key not named here is shown as it is.
enum AuditWording {
    static let entities: [String: String] = [
        "api_token": "API令牌", "cadre": "工会干部", "employer": "单位", "fund": "帮扶资金", "hardship_file": "困难职工档案",
        "import_job": "导入任务", "mediation": "劳动争议调解", "member": "会员", "organization": "工会组织", "petition": "信访件",
        "recovery": "追回款项", "relief_application": "帮扶申请", "relief_round": "帮扶批次", "route": "页面或接口",
        "summary_snapshot": "工作总结定稿", "target": "年度目标", "user": "用户",
    ]

    static let fields: [String: String] = [
        "date": "日期", "reason": "原因", "name": "名称", "username": "用户名", "status": "状态", "amount": "金额", "year": "年度",
        "state": "状态", "rows": "行数", "fields": "字段", "value": "值", "unionId": "工会编号", "role": "角色", "period": "统计期",
        "orgId": "组织编号", "kind": "类别", "indicator": "指标", "handlerA": "A角", "handlerB": "B角", "full": "完整号码",
        "workers": "涉及职工", "unionName": "工会", "title": "标题", "termTo": "任期至", "source": "来源", "since": "起始",
        "relation": "关系", "petition": "信访件", "permission": "权限", "paragraph": "段落", "outcome": "结果", "number": "编号",
        "monthlyPerPerson": "月人均收入", "method": "方式", "inserted": "新增", "idNumber": "身份证号", "fund": "资金", "filter": "筛选条件",
        "file": "文件", "fee": "费用", "expires": "到期", "displayName": "姓名", "count": "数量", "change": "变更", "budget": "预算",
        "balance": "余额", "away": "外出", "attempt": "次数", "round": "批次", "applicant": "申请人", "requested": "申请金额",
        "appliedOn": "申请日期", "lateReason": "补录原因", "comment": "意见", "budgetLeft": "预算余额", "documents": "申请材料",
        "note": "说明", "reference": "文号", "to": "至",
    ]

    /// `{"status":"retired","date":"2026-06-30"}` → “状态：retired；日期：2026-06-30”; text that is not such an object
    /// stays as it is.
    static func readable(_ json: String?) -> String {
        guard let json, !json.isEmpty else { return "" }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return json }
        return object.keys.sorted().map { key in
            let value = object[key].map { v in (v as? String) ?? "\(v)" } ?? ""
            return "\(fields[key] ?? key)：\(value)"
        }.joined(separator: "；")
    }
}
