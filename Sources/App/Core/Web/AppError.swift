import Domain
import Vapor

/// The errors use cases throw; the error middleware turns them into a page or `{"error":{…}}`.
enum AppError: Error, Sendable {
    case unauthorized
    case forbidden
    /// A permitted user who may not take this particular step (maker-checker), with the reason.
    case refused(String)
    /// The password is new from an admin or too old: only the change-password page is open.
    case passwordChangeRequired
    /// A state-changing form without a valid token, or from another origin.
    case csrf
    /// Unknown ids and ids outside the caller's subtree look the same.
    case notFound(String)
    case conflict(String, field: String?)
    case locked(String)
    /// Too much of something at once (uploads being checked): try again shortly.
    case busy(String)
    case badRequest(String, field: String?)

    var status: HTTPResponseStatus {
        switch self {
        case .unauthorized: .unauthorized
        case .forbidden, .refused, .passwordChangeRequired, .csrf: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .locked, .busy: .tooManyRequests
        case .badRequest: .badRequest
        }
    }

    var code: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .forbidden, .refused: "forbidden"
        case .passwordChangeRequired: "password_change_required"
        case .csrf: "csrf"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .locked: "locked"
        case .busy: "busy"
        case .badRequest: "bad_request"
        }
    }

    var message: String {
        switch self {
        case .unauthorized: "请先登录"
        case .forbidden: "您没有执行此操作的权限"
        case .passwordChangeRequired: "请先修改密码后再继续操作"
        case .csrf: "表单已过期或来源不明，请刷新页面后重新提交"
        case .notFound(let what): "\(what)不存在或不在您的管辖范围内"
        case .conflict(let m, _), .locked(let m), .busy(let m), .badRequest(let m, _), .refused(let m): m
        }
    }

    var field: String? {
        switch self {
        case .conflict(_, let f), .badRequest(_, let f): f
        default: nil
        }
    }
}

extension ReliefFlowError {
    /// Wrong state → 409, wrong person → 403, bad input → 422.
    var appError: any Error {
        switch self {
        case .wrongState(let m): AppError.conflict(m, field: nil)
        case .notAllowed(let m): AppError.refused(m)
        case .invalid(let e): e
        }
    }
}
