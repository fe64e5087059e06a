import Domain
import Testing
import Vapor

@testable import App

extension AppTests {
    /// A federation set up without the web: the top federation renamed, accounts listed and created over the API by
    /// the administrator, and a chosen password at the command line.
    @Suite("Setup without the web") struct SetupTests {
        @Test("the administrator lists and creates accounts over the API; others may not; refusals say what to do")
        func usersAPI() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let admin = try await Client.api(app, w.users["admin"]!)
                let body: [String: Any] = ["username": "Town.Clerk", "displayName": "镇总工会文员", "role": "federationStaff", "orgId": w.root.id!]
                let made = try await admin.json(.POST, "/api/v1/users", body)
                #expect(made.status == .created, "\(made.text)")
                let user = try #require(made.jsonObject["user"] as? [String: Any])
                #expect(user["username"] as? String == "town.clerk" && user["mustChangePassword"] as? Bool == true)
                #expect((made.jsonObject["initialPassword"] as? String)?.count ?? 0 >= 12)
                let list = try await admin.get("/api/v1/users").jsonArray
                #expect(list.contains { $0["username"] as? String == "town.clerk" && $0["id"] as? Int == user["id"] as? Int })
                let again = try await admin.json(.POST, "/api/v1/users", body)
                #expect(again.status == .conflict && again.errorBody?.field == "username")
                let badOrg = try await admin.json(.POST, "/api/v1/users", ["username": "x.y.z", "role": "leader", "orgId": 99_999])
                #expect(badOrg.status == .unprocessableEntity && badOrg.errorBody?.field == "orgId")
                let badRole = try await admin.json(.POST, "/api/v1/users", ["username": "x.y.z", "role": "boss", "orgId": w.root.id!])
                #expect(badRole.status == .unprocessableEntity && badRole.errorBody?.field == "role")
                let staff = try await Client.api(app, w.users["staff"]!)
                #expect(try await staff.get("/api/v1/users").status == .forbidden)
                #expect(try await staff.json(.POST, "/api/v1/users", body).status == .forbidden)
            }
        }

        @Test("a chosen password is checked by the policy and needs no change at first sign-in")
        func chosenPassword() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                await #expect(throws: FieldError.self) {
                    _ = try await UserQuery.create(
                        username: "weak", displayName: "弱", role: .leader, orgID: w.root.requireID(), chosen: "password",
                        app: app, actor: .system, on: app.db)
                }
                let (user, password) = try await UserQuery.create(
                    username: "scripted", displayName: "脚本", role: .leader, orgID: w.root.requireID(), chosen: "Script#Setup2026",
                    app: app, actor: .system, on: app.db)
                #expect(password == "Script#Setup2026" && !user.mustChangePassword)
            }
        }

        @Test("the top federation can be renamed; its parent stays none")
        func renameTop() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let admin = try await Client.api(app, w.users["admin"]!)
                let r = try await admin.json(.PUT, "/api/v1/organizations/\(w.root.id!)", ["name": "新城镇总工会", "level": "federation"])
                #expect(r.status == .ok, "\(r.text)")
                #expect(r.jsonObject["name"] as? String == "新城镇总工会")
                #expect(r.jsonObject["parentId"] == nil || r.jsonObject["parentId"] is NSNull)
                let summary = try await admin.get("/api/v1/reports/summary?year=2026").jsonObject
                #expect((summary["title"] as? String)?.hasPrefix("新城镇总工会") == true)
                // A union's parent is still required.
                let union = try await admin.json(.PUT, "/api/v1/organizations/\(w.unionA.id!)", ["name": "甲公司工会", "level": "union"])
                #expect(union.status == .unprocessableEntity && union.errorBody?.field == "parentId")
            }
        }
    }
}
