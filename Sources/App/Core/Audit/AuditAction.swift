/// Chinese names of audit actions, for the audit page (the log itself stores the stable English codes).
enum AuditAction {
    static let labels: [String: String] = [
        "login": "登录", "login.failed": "登录失败", "login.locked": "登录被锁定", "access.denied": "越权访问被拒绝", "reveal.failed": "查看完整信息失败", "logout": "退出登录",
        "user.create": "创建用户", "user.reset_password": "重置密码", "user.disable": "停用用户", "user.change_password": "修改密码",
        "token.issue": "签发API令牌", "token.revoke": "吊销API令牌", "org.create": "新增组织", "org.update": "修改组织", "cadre.create": "新增工会干部",
        "employer.create": "新增单位", "employer.update": "修改单位", "member.create": "新增会员", "member.update": "修改会员",
        "member.status": "变更会籍状态", "member.transfer": "会籍接转", "member.reveal": "查看完整证件号", "member.import": "导入名册", "member.export": "导出名册",
        "member.import_errors": "下载导入错误报告", "employer.import": "导入单位名录", "employer.export": "导出单位名录", "demo.load": "载入示例数据",
        "fund.create": "新建资金账户", "fund.in": "资金入账", "fund.overdraft": "透支发放", "hardship.create": "新建困难档案",
        "hardship.update": "修改困难档案", "hardship.status": "档案状态变更", "hardship.family": "添加家庭成员", "hardship.verify": "档案复核",
        "hardship.reveal": "查看完整银行账号", "relief.round": "新建帮扶批次", "relief.apply": "新建帮扶申请", "relief.submit": "提交帮扶申请",
        "relief.approve": "审核通过", "relief.secondApprove": "复核通过", "relief.reject": "不予通过", "relief.return": "退回补充",
        "relief.report": "上报上级", "relief.upperApprove": "登记上级批准", "relief.upperReject": "登记上级不批准", "relief.pay": "发放帮扶金",
        "relief.reverse": "冲正发放", "relief.reversePayment": "申请或办理冲正", "relief.decline": "复核不同意", "relief.export": "导出发放名单（完整）", "relief.enrol": "医疗互助参保",
    ]

    static func label(_ code: String) -> String {
        labels[code].map { "\($0)（\(code)）" } ?? code
    }
}
