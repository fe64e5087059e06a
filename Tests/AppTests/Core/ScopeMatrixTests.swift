import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    /// Role × record relation × verb: nothing outside a user's subtree is read or written, through any route.
    @Suite("Subtree scope matrix") struct ScopeMatrixTests {
        @Test("every role sees and changes exactly its own subtree, in pages, API, lists, counts and search")
        func matrix() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                // One member in each union; relation is judged from the officer's union A.
                let targets: [(String, Organization, String)] = [
                    ("own", w.unionA, Fixtures.ids[0]), ("child", w.unionA1, Fixtures.ids[1]), ("sibling", w.unionB, Fixtures.ids[2]),
                    ("otherFederation", w.unionC, Fixtures.ids[3]),
                ]
                // Employers: one registered at the root without a union, one hosting union A, one in the other federation.
                let employerInputs: [(String, Organization, Organization?)] = [
                    ("根单位", w.root, nil), ("甲单位", w.root, w.unionA), ("邻镇单位", w.other, nil),
                ]
                for (name, org, union) in employerInputs {
                    let f = try EmployerInput(name: name, headcount: "30", orgId: String(org.id!), unionId: union.map { String($0.id!) })
                        .validate(mayForce: false, today: CalendarDate(clamping: 2026, 11, 18))
                    _ = try await EmployerQuery.create(f, in: w.scope(of: org), actor: .system, at: Date(), on: app.db)
                }
                var members: [String: Member] = [:]
                for (rel, union, id) in targets { members[rel] = try await Fixtures.member(app, name: "会员\(rel)", id: id, union: union) }
                for (username, user) in w.users.sorted(by: { $0.key < $1.key }) {
                    let role = Role(rawValue: user.role)!
                    let home = try #require(try await Organization.find(user.$org.id, on: app.db))
                    let web = try await Client.session(app, user)
                    let api = try await Client.api(app, user)
                    var visibleCount = 0
                    for (rel, union, id) in targets {
                        let m = members[rel]!
                        let visible = union.path.hasPrefix(home.path)
                        if visible { visibleCount += 1 }
                        let label = "\(username) → \(rel)"
                        let page = try await web.get("/members/\(m.id!)")
                        #expect(page.status == (visible ? .ok : .notFound), "\(label) page")
                        let get = try await api.get("/api/v1/members/\(m.id!)")
                        #expect(get.status == (visible ? .ok : .notFound), "\(label) api get")
                        let search = try await api.get("/api/v1/members?q=\(id)")
                        #expect((search.jsonObject["total"] as? Int) == (visible ? 1 : 0), "\(label) search by ID number")
                        let byName = try await web.get("/members?q=\(Client.escape("会员\(rel)"))")
                        #expect(byName.text.contains(">会员\(rel)</a>") == visible, "\(label) search by name")
                        let put = try await api.json(
                            .PUT, "/api/v1/members/\(m.id!)",
                            ["name": "改名", "idNumber": id, "unionId": union.id!, "joinDate": "2020-03-01"])
                        let mayWrite = role.may(.memberWrite)
                        // The role's permission is checked first (403), then the subtree (404).
                        #expect(put.status == (!mayWrite ? .forbidden : visible ? .ok : .notFound), "\(label) api put")
                        let status = try await web.post("/members/\(m.id!)/status", ["status": "retired", "date": "2026-01-05", "reason": "退休", "confirmed": "1"])
                        #expect(status.status == (!mayWrite ? .forbidden : visible ? .seeOther : .notFound), "\(label) status form")
                        let reveal = try await web.post("/members/\(m.id!)/reveal", [:])
                        #expect(reveal.status == (!role.may(.memberReveal) ? .forbidden : visible ? .ok : .notFound), "\(label) reveal")
                        if visible, role.may(.memberReveal) { #expect(reveal.text.contains(id), "\(label) reveal shows full") }
                        if !visible { #expect(!page.text.contains(m.idNumberMasked), "\(label) no leak in 404 page") }
                        // Undo the writes so the next user meets the same records.
                        try await Member.query(on: app.db).filter(\.$id == m.id!).set(\.$name, to: "会员\(rel)")
                            .set(\.$status, to: "active").update()
                    }
                    let list = try await api.get("/api/v1/members")
                    #expect((list.jsonObject["total"] as? Int) == visibleCount, "\(username) list total")
                    // Organizations and employers follow the same rule.
                    let orgs = try await api.get("/api/v1/organizations")
                    let orgIDs = Set(
                        ((try? JSONSerialization.jsonObject(with: Data(orgs.text.utf8))) as? [[String: Any]] ?? []).compactMap {
                            $0["id"] as? Int
                        })
                    let expected = Set(
                        try await Organization.query(on: app.db).all().filter { $0.path.hasPrefix(home.path) }.map { $0.id! })
                    #expect(orgIDs == expected, "\(username) organizations")
                    let employers = try await api.get("/api/v1/employers")
                    let employerNames = Set(
                        ((employers.jsonObject["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
                    let expectedEmployers: Set<String> =
                        home.path == w.root.path
                        ? ["根单位", "甲单位"]
                        : home.path == w.other.path ? ["邻镇单位"] : ["甲单位"]
                    #expect(employerNames == expectedEmployers, "\(username) employers")
                    #expect((employers.jsonObject["total"] as? Int) == expectedEmployers.count, "\(username) employer count")
                    // Every node: parent, own, child, sibling and the other federation.
                    for org in [w.root, w.unionA, w.unionA1, w.unionB, w.other, w.unionC] {
                        let visible = org.path.hasPrefix(home.path)
                        #expect(
                            try await web.get("/orgs/\(org.id!)").status == (visible ? .ok : .notFound),
                            "\(username) → org \(org.name) page")
                        #expect(
                            try await api.get("/api/v1/organizations/\(org.id!)").status == (visible ? .ok : .notFound),
                            "\(username) → org \(org.name) api")
                        let edit = try await web.get("/orgs/\(org.id!)/edit")
                        #expect(
                            edit.status == (!role.may(.orgWrite) ? .forbidden : visible ? .ok : .notFound),
                            "\(username) → org \(org.name) edit")
                    }
                }
                // Reads of the audit log are for admins only.
                #expect(try await Client.session(app, w.users["staff"]!).get("/audit").status == .forbidden)
                #expect(try await Client.session(app, w.users["admin"]!).get("/audit").status == .ok)
            }
        }

        @Test("ids from the form never widen the scope: a member cannot be created in or moved to another federation")
        func tamper() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let api = try await Client.api(app, w.users["officer"]!)
                let intoSibling = try await api.json(
                    .POST, "/api/v1/members", ["name": "王五", "idNumber": Fixtures.ids[0], "unionId": w.unionB.id!])
                #expect(intoSibling.status == .unprocessableEntity)
                #expect(intoSibling.errorBody?.field == "unionId")
                let staff = try await Client.api(app, w.users["staff"]!)
                let m = try await Fixtures.member(app, id: Fixtures.ids[1], union: w.unionA)
                let move = try await staff.json(.POST, "/api/v1/members/\(m.id!)/transfer", ["unionId": w.unionC.id!])
                #expect(move.status == .unprocessableEntity)
                let extra = try await staff.json(
                    .PUT, "/api/v1/members/\(m.id!)",
                    ["name": "张三", "idNumber": Fixtures.ids[1], "unionId": w.unionA.id!, "cardNumber": "HACKED", "status": "deceased"])
                #expect(extra.status == .ok)
                let after = try #require(try await Member.find(m.id, on: app.db))
                #expect(after.cardNumber == m.cardNumber)
                #expect(after.status == "active")
            }
        }
    }
}
