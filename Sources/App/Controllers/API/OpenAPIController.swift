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
                "responses": [
                    "200": ["description": "成功"], "201": ["description": "已创建"],
                    "401": ["description": "未登录", "content": errorContent], "404": ["description": "不存在或不在管辖范围内", "content": errorContent],
                    "422": ["description": "输入有误", "content": errorContent],
                ],
            ]
            var parameters: [[String: Any]] = route.path.compactMap { c in
                guard case .parameter(let name) = c else { return nil }
                return ["name": name, "in": "path", "required": true, "schema": ["type": "integer"]]
            }
            parameters += doc.queryFields.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
            if !parameters.isEmpty { op["parameters"] = parameters }
            if doc.fileBody {
                op["requestBody"] = [
                    "required": true,
                    "content": [
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [
                            "schema": ["type": "string", "format": "binary"]
                        ],
                        "text/csv": ["schema": ["type": "string", "format": "binary"]],
                    ],
                ]
            }
            if let fields = doc.requestFields {
                let props = Dictionary(
                    uniqueKeysWithValues: fields.map { ($0, ["type": ["string", "number", "boolean", "null"]] as [String: Any]) })
                op["requestBody"] = [
                    "required": true, "content": ["application/json": ["schema": ["type": "object", "properties": props]]],
                ]
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
