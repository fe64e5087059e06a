import Vapor

/// Chinese names of audit actions, for the audit page (the log itself stores the stable English codes). Each module
/// declares the labels of the actions it records (`UnionModule.auditLabels`).
enum AuditAction {
    /// The actions of sign-in, accounts and tokens, and of access refused.
    static let accounts: [String: String] = [
        "login": "登录", "login.failed": "登录失败", "login.locked": "登录被锁定", "access.denied": "越权访问被拒绝",
        "reveal.failed": "查看完整信息失败", "logout": "退出登录", "user.create": "创建用户", "user.reset_password": "重置密码",
        "user.disable": "停用用户", "user.change_password": "修改密码", "token.issue": "签发API令牌", "token.revoke": "吊销API令牌",
        "demo.load": "载入示例数据",
    ]

    /// `登录（login）`, or the code itself when no module names it.
    static func label(_ code: String, in labels: [String: String]) -> String {
        labels[code].map { "\($0)（\(code)）" } ?? code
    }
}

extension Application {
    private struct AuditLabelsKey: StorageKey { typealias Value = [String: String] }

    /// Every module's audit labels together.
    var auditLabels: [String: String] {
        get { storage[AuditLabelsKey.self] ?? [:] }
        set { storage[AuditLabelsKey.self] = newValue }
    }
}
