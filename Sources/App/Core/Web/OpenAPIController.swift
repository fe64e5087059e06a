import Domain
import Vapor

/// `/api/v1/openapi.json`, generated from the same route table the server answers, so it cannot drift.
struct OpenAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.endpoint(.GET, .api(.openapi), .anonymous, use: document)
    }

    func document(req: Request) async throws -> Response {
        let data = try JSONSerialization.data(
            withJSONObject: Self.document(for: req.application.routes.all),
            options: [.sortedKeys, .withoutEscapingSlashes])
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    static func document(for routes: [Route]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            guard let doc = route.userInfo["apiDoc"] as? APIDoc else { continue }
            let path =
                "/"
                + route.path.map { c in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }.joined(separator: "/")
            var op: [String: Any] = [
                "summary": doc.summary,
                "security": [["bearer": [String]()]],
                "responses": Self.responses(route.method, doc),
            ]
            var parameters: [[String: Any]] = route.path.compactMap { c in
                guard case .parameter(let name) = c else { return nil }
                return ["name": name, "in": "path", "required": true, "schema": ["type": "integer"]]
            }
            parameters += doc.queryFields.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
            if !parameters.isEmpty { op["parameters"] = parameters }
            if !doc.fileBody.isEmpty {
                op["requestBody"] = [
                    "required": true,
                    "content": Dictionary(uniqueKeysWithValues: doc.fileBody.map { ($0, ["schema": ["type": "string", "format": "binary"]]) }),
                ]
            }
            if let fields = doc.body {
                var schema: [String: Any] = [
                    "type": "object", "properties": Dictionary(uniqueKeysWithValues: fields.map { ($0.name, Self.schema($0.kind)) }),
                ]
                let required = fields.filter(\.required).map(\.name)
                if !required.isEmpty { schema["required"] = required }
                op["requestBody"] = ["required": true, "content": ["application/json": ["schema": schema]]]
            }
            paths[path, default: [:]][route.method.rawValue.lowercased()] = op
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "UnionDesk 工会工作台 API", "version": "1"],
            "paths": paths,
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
    }

    /// A field's JSON schema. Values are read loosely (a number may come as text), but the document names the form to send.
    static func schema(_ kind: InputField.Kind) -> [String: Any] {
        switch kind {
        case .text: return ["type": "string"]
        case .integer: return ["type": "integer"]
        case .id: return ["type": "integer", "minimum": 1]
        case .money: return ["type": ["string", "number"] as [String], "description": "金额（元），如 1234.50 或 1.2万"]
        case .date: return ["type": "string", "format": "date"]
        case .flag: return ["type": "boolean"]
        case .choice(let codes): return ["type": "string", "enum": codes]
        case .list(let codes):
            let item: [String: Any] = codes.isEmpty ? ["type": "string"] : ["type": "string", "enum": codes]
            return ["type": "array", "items": item]
        }
    }

    /// Every answer an operation can give: its successes (by what it does) and each refusal, always the JSON error.
    static func responses(_ method: HTTPMethod, _ doc: APIDoc) -> [String: Any] {
        var success: [String: String]
        switch method {
        case .DELETE: success = ["204": "已删除"]
        case .POST where doc.queued: success = ["202": "已接收，后台导入中"]
        case .POST: success = ["200": "成功", "201": "已创建"]
        default: success = ["200": "成功"]
        }
        var out: [String: Any] = [:]
        for (code, text) in success {
            var content: [String: Any] = code == "204" ? [:] : ["application/json": [String: Any]()]
            for type in doc.alsoProduces { content[type] = [String: Any]() }
            out[code] = content.isEmpty ? ["description": text] : ["description": text, "content": content]
        }
        let refusals = [
            "400": "请求格式错误", "401": "未登录或令牌无效", "403": "无权执行此操作", "404": "不存在或不在管辖范围内", "409": "状态冲突（已被他人处理、重复等）",
            "413": "请求体过大", "415": "请求体类型不对（应为 JSON）", "422": "输入有误（field 指出哪一项）", "429": "过于频繁或同时进行的任务过多",
        ]
        for (code, text) in refusals { out[code] = ["description": text, "content": errorContent] }
        return out
    }

    static var errorContent: [String: Any] {
        [
            "application/json": [
                "schema": [
                    "type": "object",
                    "properties": [
                        "error": [
                            "type": "object",
                            "properties": [
                                "code": ["type": "string"], "message": ["type": "string"], "field": ["type": ["string", "null"]],
                            ],
                        ]
                    ],
                ]
            ]
        ]
    }
}
