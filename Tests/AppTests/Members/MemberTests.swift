import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Member register") struct MemberTests {
        @Test("adding a member through the form stores the ID encrypted, shows it masked, and audits the change")
        func addThroughForm() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                let res = try await c.post(
                    "/members",
                    [
                        "name": "李小红", "idNumber": "11010519491231002x", "phone": "+86 138-0013-8000",
                        "unionId": String(w.unionA.id!), "joinDate": "2024年5月1日", "migrantWorker": "on",
                    ])
                #expect(res.status == .seeOther)
                let m = try #require(try await Member.query(on: app.db).first())
                #expect(m.idNumberMasked == "110105********002X")
                #expect(m.phoneMasked == "138****8000")
                #expect(!m.idNumberEncrypted.contains("110105"))
                #expect(m.birthDate == "1949-12-31" && m.gender == "female")
                #expect(m.joinDate == "2024-05-01" && m.migrantWorker)
                #expect(m.cardNumber == "GH00000001")
                let list = try await c.get("/members?q=\(Client.escape("李小红"))")
                #expect(list.text.contains("110105********002X"))
                #expect(!list.text.contains("11010519491231002X"))
                let byID = try await c.get("/members?q=11010519491231002X")
                #expect(byID.text.contains("李小红"))
                let byPhone = try await c.get("/members?q=13800138000")
                #expect(byPhone.text.contains("李小红"))
                let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "member.create").first())
                #expect(audit.after?.contains("110105********002X") == true)
                #expect(audit.after?.contains("11010519491231002X") == false)
                #expect(audit.username == "staff")
            }
        }

        @Test("a bad ID number comes back next to its field in Chinese, with the typed values kept")
        func badIDInForm() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let c = try await Client.session(app, w.users["staff"]!)
                let res = try await c.post(
                    "/members",
                    [
                        "name": "赵六", "idNumber": "340524198001010013", "phone": "13912345678",
                        "unionId": String(w.unionA.id!),
                    ])
                #expect(res.status == .unprocessableEntity)
                #expect(res.text.contains("id=\"idNumber-error\">身份证号校验位错误"))
                #expect(res.text.contains("value=\"赵六\""))
                #expect(res.text.contains("value=\"340524198001010013\""))
                #expect(try await Member.query(on: app.db).count() == 0)
            }
        }

        @Test("one membership per person: the same ID number is refused in another union too")
        func duplicate() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                try await Fixtures.member(app, name: "张三", id: Fixtures.ids[2], union: w.unionA)
                let api = try await Client.api(app, w.users["staff"]!)
                let again = try await api.json(
                    .POST, "/api/v1/members", ["name": "张三", "idNumber": Fixtures.ids[2], "unionId": w.unionB.id!])
                #expect(again.status == .unprocessableEntity)
                #expect(again.errorBody?.field == "idNumber")
                #expect(again.errorBody?.message.contains("已登记为会员") == true)
                let other = try await Client.api(app, w.users["staff2"]!)
                let elsewhere = try await other.json(
                    .POST, "/api/v1/members", ["name": "张三", "idNumber": Fixtures.ids[2], "unionId": w.unionC.id!])
                #expect(elsewhere.status == .unprocessableEntity)
                #expect(elsewhere.errorBody?.message.contains("其他工会") == true)
                #expect(elsewhere.errorBody?.message.contains("甲公司") == false)
            }
        }

        @Test("transfer and status changes keep a dated history")
        func transferAndStatus() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let m = try await Fixtures.member(app, id: Fixtures.ids[0], union: w.unionA)
                let c = try await Client.session(app, w.users["staff"]!)
                #expect(
                    try await c.post(
                        "/members/\(m.id!)/transfer", ["unionId": String(w.unionB.id!), "date": "2026-03-01", "reason": "工作调动", "confirmed": "1"]
                    ).status == .seeOther)
                #expect(
                    try await c.post("/members/\(m.id!)/status", ["status": "retired", "date": "2026-06-30", "reason": "退休", "confirmed": "1"]).status
                        == .seeOther)
                let bad = try await c.post("/members/\(m.id!)/status", ["status": "transferred", "date": "2026-07-01"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.text.contains("会籍状态不能从“退休保留”改为“转出”"))
                let page = try await c.get("/members/\(m.id!)")
                #expect(page.text.contains("会籍接转：甲公司工会 → 乙公司工会"))
                #expect(page.text.contains("会籍状态：在会 → 退休保留"))
                let events = try await MemberEvent.query(on: app.db).filter(\.$member.$id == m.id!).count()
                #expect(events == 3)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "member.transfer").count() == 1)
            }
        }

        @Test("revealing full numbers needs the permission and is audited")
        func reveal() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let m = try await Fixtures.member(app, id: Fixtures.ids[0], phone: "13800138000", union: w.unionA)
                let leader = try await Client.session(app, w.users["leader"]!)
                let shown = try await leader.get("/members/\(m.id!)")
                #expect(shown.text.contains("110105********002X") && !shown.text.contains("id=\"reveal\""))
                #expect(try await leader.post("/members/\(m.id!)/reveal", [:]).status == .forbidden)
                let staff = try await Client.session(app, w.users["staff"]!)
                let full = try await staff.post("/members/\(m.id!)/reveal", [:])
                #expect(full.text.contains("11010519491231002X") && full.text.contains("13800138000"))
                #expect(full.headers.first(name: .cacheControl) == "no-store")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "member.reveal").count() == 1)
            }
        }

        @Test("editing keeps the stored ID when the field is left blank")
        func editKeepsID() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let m = try await Fixtures.member(app, id: Fixtures.ids[0], phone: "13800138000", union: w.unionA)
                let c = try await Client.session(app, w.users["staff"]!)
                let form = try await c.get("/members/\(m.id!)/edit")
                #expect(!form.text.contains("11010519491231002X"))
                let r = try await c.post(
                    "/members/\(m.id!)/edit",
                    [
                        "name": "张三丰", "idNumber": "", "phone": "", "unionId": String(w.unionA.id!),
                        "joinDate": "2020-03-01",
                    ])
                #expect(r.status == .seeOther)
                let after = try #require(try await Member.find(m.id, on: app.db))
                #expect(after.name == "张三丰" && after.idNumberHash == m.idNumberHash && after.phoneHash == m.phoneHash)
                let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "member.update").first())
                #expect(audit.before == "{\"name\":\"张三\"}" && audit.after == "{\"name\":\"张三丰\"}")
            }
        }
    }
}
