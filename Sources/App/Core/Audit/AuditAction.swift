import Domain
import Vapor

/// An action the audit log records: the stable English code it stores (`member.transfer`) and the Chinese label the
/// audit page shows. Each module declares its own (`<Module>Audit`, its workflows' action codes) and lists them
/// (`UnionModule.auditActions`); nothing records a bare string.
protocol AuditAction: Sendable {
    var auditCode: String { get }
    var auditLabel: String { get }
}

extension AuditAction where Self: RawRepresentable, RawValue == String {
    var auditCode: String { rawValue }
}

/// Sign-in, accounts and tokens, access refused, the demo.
enum AccountAudit: String, AuditAction, CaseIterable {
    case login, loginFailed = "login.failed", loginLocked = "login.locked", accessDenied = "access.denied"
    case revealFailed = "reveal.failed", logout, userCreate = "user.create", userResetPassword = "user.reset_password"
    case userDisable = "user.disable", userChangePassword = "user.change_password", tokenIssue = "token.issue"
    case tokenRevoke = "token.revoke", demoLoad = "demo.load", userUpdate = "user.update", userEnable = "user.enable"

    var auditLabel: String {
        switch self {
        case .login: "登录"
        case .loginFailed: "登录失败"
        case .loginLocked: "登录被锁定"
        case .accessDenied: "越权访问被拒绝"
        case .revealFailed: "查看完整信息失败"
        case .logout: "退出登录"
        case .userCreate: "创建用户"
        case .userResetPassword: "重置密码"
        case .userDisable: "停用用户"
        case .userChangePassword: "修改密码"
        case .tokenIssue: "签发API令牌"
        case .tokenRevoke: "吊销API令牌"
        case .demoLoad: "载入示例数据"
        case .userUpdate: "修改用户（姓名、角色、所属组织）"
        case .userEnable: "启用用户"
        }
    }
}

extension Application {
    private struct AuditLabelsKey: StorageKey { typealias Value = [String: String] }

    /// Every module's audit labels together, by code.
    var auditLabels: [String: String] {
        get { storage[AuditLabelsKey.self] ?? [:] }
        set { storage[AuditLabelsKey.self] = newValue }
    }

    /// `登录（login）`, or the code itself when no module names it (an entry written by an older version).
    func auditLabel(_ code: String) -> String {
        auditLabels[code].map { "\($0)（\(code)）" } ?? code
    }
}
