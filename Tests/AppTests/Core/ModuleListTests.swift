import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Module list") struct ModuleListTests {
        @Test("what the modules declare is what the server runs: permissions, navigation, uploads, audit labels")
        func declarationsMatchTheRoutes() async throws {
            try await withApp { app, _ in
                let declared = Set(app.modules.flatMap(\.permissions))
                var used = Set<Permission>()
                var routes = Set<String>()
                for route in app.routes.all {
                    let path = "/" + route.path.map(\.description).joined(separator: "/")
                    routes.insert("\(route.method.rawValue) \(path)")
                    if let p = route.userInfo["permission"] as? Permission { used.insert(p) }
                }
                #expect(used.subtracting(declared).isEmpty, "routes need permissions no module declares: \(used.subtracting(declared))")
                for entry in app.modules.flatMap(\.navigation) {
                    #expect(routes.contains("GET \(entry.url.path)"), "the navigation links \(entry.url.path), which no module serves")
                    #expect(declared.contains(entry.permission))
                }
                for upload in app.uploadRoutes { #expect(routes.contains("POST \(upload.url.path)"), "\(upload.url.path) is declared an upload but not served") }
                #expect(Set(app.modules.map(\.name)).count == app.modules.count)
                // Every action the app records has a label on the audit page.
                for code in ["login", "member.transfer", "relief.pay", "relief.secondApprove", "petition.accept", "mediation.decide", "target.set"] {
                    #expect(app.auditLabels[code] != nil, "\(code) has no label")
                }
            }
        }

        @Test("with petitions left out of the list the rest still works: demo, pages, navigation, dashboard, summary, alerts, API")
        func aModuleLeftOut() async throws {
            let modules = Modules.all.filter { !($0 is PetitionsModule) }
            try await withApp(modules: modules) { app, _ in
                #expect(try await DemoTownship.loadIfEmpty(app) != nil)
                let root = try #require(try await Organization.query(on: app.db).filter(\.$name == "示例镇总工会").first())
                let cadre = try await World.user(app, "cadre", role: .federationStaff, org: root)
                let staff = try await Client.session(app, cadre)
                let api = try await Client.api(app, cadre)
                for page in ["/", "/members", "/relief", "/relief/applications", "/alerts", "/dashboard", "/reports/summary", "/indicators"] {
                    #expect(try await staff.get(page).status == .ok, "\(page)")
                }
                #expect(try await staff.get("/petitions").status == .notFound)
                #expect(try await api.get("/api/v1/petitions").status == .notFound)
                let home = try await staff.get("/").text
                #expect(home.contains("困难帮扶") && !home.contains("信访维权"))
                let dashboard = try await staff.get("/dashboard").text
                #expect(dashboard.contains("各月发放帮扶资金") && !dashboard.contains("各月收到信访"))
                let summary = try await staff.get("/reports/summary/md?orgId=\(try root.requireID())&year=\(app.clock.today(in: app.config.timeZone).year)")
                #expect(summary.status == .ok)
                #expect(summary.text.contains("困难职工帮扶") && !summary.text.contains("信访"))
                let alerts = try await api.get("/api/v1/alerts").jsonObject
                let modulesSeen = Set(((alerts["counts"] as? [[String: Any]]) ?? []).compactMap { $0["module"] as? String })
                #expect(!modulesSeen.isEmpty && !modulesSeen.contains { $0.hasPrefix("petition") || $0.hasPrefix("mediation") })
                let paths = (try await api.get("/api/v1/openapi.json").jsonObject["paths"] as? [String: Any]) ?? [:]
                #expect(paths["/api/v1/relief/applications"] != nil && !paths.keys.contains { $0.hasPrefix("/api/v1/petitions") })
                #expect(app.auditLabels["petition.accept"] == nil && app.auditLabels["relief.pay"] != nil)
            }
        }
    }
}
