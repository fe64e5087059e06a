import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Registers with history, on the pages") struct RegisterHistoryTests {
        @Test("a cadre leaves on a day and stays listed with the term; the org page lists its history; the member list shows its 口径")
        func pages() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let web = try await Client.session(app, w.users["staff"]!)
                let a = w.unionA.id!
                let added = try await web.post(
                    "/orgs/\(a)/cadres", ["name": "王主席", "post": "chair", "termFrom": "2023-05-01"])
                #expect(added.status == .seeOther, "\(added.text)")
                let cadre = try #require(try await Cadre.query(on: app.db).filter(\.$org.$id == a).first())
                let early = try await web.post("/orgs/\(a)/cadres/end", ["cadreId": String(cadre.id!), "date": "2022-01-01"])
                #expect(early.status == .unprocessableEntity && early.text.contains("不能早于任职日期2023-05-01"), "\(early.text)")
                let future = try await web.post("/orgs/\(a)/cadres/end", ["cadreId": String(cadre.id!), "date": "2027-01-01"])
                #expect(future.status == .unprocessableEntity && future.text.contains("不能晚于今天"))
                #expect(try await web.post("/orgs/\(a)/cadres/end", ["cadreId": String(cadre.id!), "date": "2026-10-31"]).status == .seeOther)
                let page = try await web.get("/orgs/\(a)")
                #expect(page.text.contains("2023-05-01 至 2026-10-31") && !page.text.contains("id=\"end-cadre-\(cadre.id!)\""))
                #expect(page.text.contains("换届选举") && page.text.contains("任期至2026-05-01"), "the election of the world's union")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == OrganizationAudit.cadreEnd.auditCode).count() == 1)

                // Every record is listed; the headline beside it counts only those on the roll, and links to them.
                try await Fixtures.member(app, name: "甲", id: Fixtures.ids[0], union: w.unionA)
                let gone = try await Fixtures.member(app, name: "乙", id: Fixtures.ids[1], union: w.unionA)
                _ = try await web.post("/members/\(gone.id!)/status", ["status": "left", "date": "2026-06-30", "reason": "离职", "confirmed": "1"])
                let list = try await web.get("/members")
                #expect(list.text.contains("<span id=\"member-total\">2</span>"))
                #expect(list.text.contains("在册会员 1 人") && list.text.contains("href=\"/indicators/members.total\""))
                let home = try await web.get("/")
                #expect(home.text.contains("id=\"kpi-members\">1<"), "the home page's headline is the same")

                // An employer's page lists its headcount and union day by day; the form dates a change.
                let e = try await Fixtures.employer(app, "丙厂", headcount: 20, org: w.root, since: "2025-01-01")
                let changed = try await web.post(
                    "/employers/\(e.id!)/edit", ["name": "丙厂", "headcount": "9", "orgId": String(w.root.id!), "changedOn": "2025-10-01"])
                #expect(changed.status == .seeOther, "\(changed.text)")
                let edit = try await web.get("/employers/\(e.id!)/edit")
                #expect(edit.text.contains("人数与建会变动") && edit.text.contains("<td>2025-10-01</td><td class=\"num\">9</td>"))
                #expect(edit.text.contains("<td>2025-01-01</td><td class=\"num\">20</td>"))

                // A union entered with only its election was founded by then; one with neither, today.
                let api = try await Client.api(app, w.users["staff"]!)
                let elected = try await api.json(
                    .POST, "/api/v1/organizations", ["name": "老工会", "level": "union", "parentId": w.root.id!, "electedOn": "2022-03-01"])
                #expect(elected.jsonObject["foundedOn"] as? String == "2022-03-01", "\(elected.text)")
                let plain = try await api.json(.POST, "/api/v1/organizations", ["name": "新工会", "level": "union", "parentId": w.root.id!])
                #expect(plain.jsonObject["foundedOn"] as? String == "2026-11-18", "\(plain.text)")
            }
        }
    }
}
