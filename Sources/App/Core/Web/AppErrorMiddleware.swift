import AsyncKit
import Domain
import Fluent
import Vapor

/// The one error middleware: a Chinese page for browsers, `{"error":{"code","message","field"}}` under `/api`.
/// Nothing below 500 is logged as an error, and a 500 shows only a correlation id.
struct AppErrorMiddleware: AsyncMiddleware {
    struct Body: Content {
        struct Detail: Content {
            var code: String
            var message: String
            var field: String?
        }
        var error: Detail
        /// Every failing field when a form had several.
        var errors: [Detail]?
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return await response(for: error, req)
        }
    }

    func response(for error: any Error, _ req: Request) async -> Response {
        let (status, detail, all) = describe(error, req)
        if !req.isAPI {
            if case AppError.unauthorized = error {
                let next = req.method == .GET ? req.url.path : SiteURL.home.path
                return req.redirect(
                    to: SiteURL.login.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            }
            if case AppError.passwordChangeRequired = error {
                return req.redirect(to: SiteURL.password.path)
            }
            if let page = try? await ErrorPage(status: status, message: detail.message, principal: req.principal).render(req) {
                page.status = status
                return page
            }
        }
        let response = Response(status: status)
        try? response.content.encode(Body(error: detail, errors: all), as: .json)
        return response
    }

    func describe(_ error: any Error, _ req: Request) -> (HTTPResponseStatus, Body.Detail, [Body.Detail]?) {
        switch error {
        case let e as AppError:
            return (e.status, .init(code: e.code, message: e.message, field: e.field), nil)
        case let e as FieldErrors:
            let all = e.errors.map { Body.Detail(code: "invalid", message: $0.message, field: $0.field) }
            return (.unprocessableEntity, all.first ?? .init(code: "invalid", message: "输入有误"), all)
        case let e as FieldError:
            return (.unprocessableEntity, .init(code: "invalid", message: e.message, field: e.field), nil)
        case let e as any DatabaseError where e.isConstraintFailure:
            // A race the checks before the write could not see (two saves of the same record at once).
            return (.conflict, .init(code: "conflict", message: "该记录已被其他操作占用或修改，请刷新后重试"), nil)
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy past the pool's wait: the server is overloaded, not broken.
            req.logger.warning("数据库连接等待超时：\(req.method) \(req.url.path)")
            return (.serviceUnavailable, .init(code: "busy", message: "系统繁忙，请稍后再试"), nil)
        case let e as DecodingError:
            return (.badRequest, .init(code: "bad_request", message: "请求格式错误：\(Self.describe(e))", field: Self.field(e)), nil)
        case let e as any AbortError where e.status.code < 500:
            return (e.status, .init(code: "http_\(e.status.code)", message: Self.chinese(e.status)), nil)
        default:
            let ref = String(UUID().uuidString.prefix(8))
            req.logger.error("未处理的错误 [\(ref)]: \(String(reflecting: type(of: error)))")
            return (.internalServerError, .init(code: "internal", message: "服务器内部错误（编号 \(ref)），请联系管理员"), nil)
        }
    }

    static func chinese(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "请求格式错误"
        case 401: "请先登录"
        case 403: "您没有执行此操作的权限"
        case 404: "页面或记录不存在"
        case 405: "不支持该请求方法"
        case 413: "提交的内容过大"
        case 415: "不支持的内容类型，请以 application/json 提交"
        case 422: "提交的内容无法处理"
        case 429: "请求过于频繁，请稍后再试"
        case 503: "系统繁忙，请稍后再试"
        default: "请求无法处理（\(status.code)）"
        }
    }

    static func field(_ e: DecodingError) -> String? {
        switch e {
        case .keyNotFound(let key, _): key.stringValue
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): c.codingPath.last?.stringValue
        @unknown default: nil
        }
    }

    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let key, _): "缺少字段 \(key.stringValue)"
        case .typeMismatch(_, let c): "字段 \(c.codingPath.last?.stringValue ?? "") 的类型不对"
        case .valueNotFound(_, let c): "字段 \(c.codingPath.last?.stringValue ?? "") 不能为 null"
        case .dataCorrupted: "不是有效的 JSON 或表单"
        @unknown default: "无法解析"
        }
    }
}

/// Decodes a JSON body after checking the content type (415 otherwise).
extension Request {
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType == .json else { throw Abort(.unsupportedMediaType) }
        return try content.decode(T.self)
    }
}
