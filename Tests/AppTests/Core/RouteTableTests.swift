import Domain
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Route table") struct RouteTableTests {
        @Test("every registered route declares a permission, and only sign-in, the API document and the address-gated metrics are open")
        func everyRouteHasAPermission() async throws {
            try await withApp { app, _ in
                var anonymous: [String] = []
                for route in app.routes.all {
                    let name = "\(route.method.rawValue) /\(route.path.map(\.description).joined(separator: "/"))"
                    let permission = route.userInfo["permission"] as? Permission
                    #expect(permission != nil, "\(name) has no declared permission")
                    if permission == .anonymous { anonymous.append(name) }
                }
                // `/metrics` needs no session but answers only the addresses in `UNIONDESK_METRICS_ALLOW` (OperationsTests).
                #expect(
                    anonymous.sorted() == [
                        "GET /api/v1/openapi.json", "GET /app.js", "GET /healthz", "GET /login", "GET /metrics", "GET /styles.css", "POST /login",
                    ])
            }
        }

        @Test("the routes are exactly those in routes.txt, each with its permission and documented request fields (a new route is a reviewed diff)")
        func exactRoutes() async throws {
            try await withApp { app, _ in
                let table = app.routes.all.map { route in
                    let path = "/" + route.path.map(\.description).joined(separator: "/")
                    let permission = (route.userInfo["permission"] as? Permission)?.code ?? "none"
                    let fields = (route.userInfo["apiDoc"] as? APIDoc)?.body.map { " {" + $0.map(\.name).joined(separator: ",") + "}" } ?? ""
                    return "\(route.method.rawValue) \(path) \(permission)\(fields)"
                }.sorted().joined(separator: "\n") + "\n"
                try Golden.check(table, "routes.txt", near: #filePath)
            }
        }

        @Test("every API route is in the OpenAPI document, with its request body (the fields are checked in APIInputTests)")
        func openAPICoversTheAPI() async throws {
            try await withApp { app, _ in
                let doc = try await Client(app: app).get("/api/v1/openapi.json")
                #expect(doc.status == .ok)
                let obj = doc.jsonObject
                #expect(obj["openapi"] as? String == "3.1.0")
                let paths = try #require(obj["paths"] as? [String: [String: Any]])
                for route in app.routes.all where route.path.first?.description == "api" {
                    let path =
                        "/"
                        + route.path.map { c -> String in
                            if case .parameter(let n) = c { return "{\(n)}" }
                            return c.description
                        }.joined(separator: "/")
                    if path == "/api/v1/openapi.json" { continue }
                    let op = paths[path]?[route.method.rawValue.lowercased()] as? [String: Any]
                    #expect(op != nil, "\(route.method.rawValue) \(path) is missing from openapi.json")
                    if route.method == .POST || route.method == .PUT {
                        let content = ((op?["requestBody"] as? [String: Any])?["content"] as? [String: Any]) ?? [:]
                        let body = content["application/json"] as? [String: Any]
                        let props = ((body?["schema"] as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
                        #expect(op?["requestBody"] != nil, "\(path) documents its body")
                        let file = !content.isEmpty && content.values.allSatisfy { (($0 as? [String: Any])?["schema"] as? [String: Any])?["format"] as? String == "binary" }
                        #expect(!props.isEmpty || file || path.hasSuffix("/cancel"), "\(path) lists its fields or its file's types")
                    }
                }
            }
        }
    }

    @Suite("Audit log") struct AuditTests {
        @Test("the audit table refuses updates and deletes on this database")
        func appendOnly() async throws {
            try await withApp { app, _ in
                try await Audit.record(AccountAudit.demoLoad, entity: "x", actor: .system, at: Date(), on: app.db)
                await #expect(throws: (any Error).self) {
                    try await app.db.sql.raw("UPDATE audit_entries SET action = 'forged'").run()
                }
                await #expect(throws: (any Error).self) {
                    try await app.db.sql.raw("DELETE FROM audit_entries").run()
                }
                let rows = try await AuditEntry.query(on: app.db).all()
                #expect(rows.count == 1 && rows[0].action == "demo.load")
            }
        }

        @Test("the admin page lists and filters entries")
        func browse() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                try await Fixtures.member(app, name: "审计甲", id: Fixtures.ids[0], union: w.unionA)
                let c = try await Client.session(app, w.users["admin"]!)
                let page = try await c.get("/audit?action=member")
                #expect(page.status == .ok)
                // In words: the action's label, the record's name, the fields of its after-state.
                #expect(page.auditTable.contains("新增会员") && page.auditTable.contains("会员 #"))
                #expect(page.auditTable.contains("110105********002X") && !page.auditTable.contains("{\""))
                #expect(!page.auditTable.contains("载入示例数据"))
                #expect(try await c.get("/audit?action=member.create").auditTable.contains("新增会员"))
                #expect(page.text.contains("<option value=\"member.create\">新增会员</option>"))
            }
        }
    }
}
