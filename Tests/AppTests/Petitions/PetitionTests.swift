import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Petitions and rights") struct PetitionTests {
        @Test("intake over the API: deadlines, a group flag, the phone masked and encrypted; bad input named and nothing saved")
        func intake() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let created = try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, ["petitionerIdNumber": Fixtures.ids[0]]))
                #expect(created.status == .created, "\(created.text)")
                let p = created.jsonObject
                #expect(p["number"] as? String == "XF2026-0001")
                #expect(p["state"] as? String == "received" && p["group"] as? Bool == true)
                #expect(p["petitionerPhone"] as? String == "138****8000")
                let deadlines = try #require(p["deadlines"] as? [[String: Any]])
                #expect(deadlines.first?["kind"] as? String == "acceptance" && deadlines.first?["due"] as? String == "2026-11-25")
                let row = try #require(try await Petition.query(on: app.db).first())
                #expect(row.phoneEncrypted != nil && row.phoneEncrypted?.contains("13800138000") == false)
                #expect(try app.cipher.decrypt(row.phoneEncrypted!) == "13800138000")

                let cases: [([String: Any], Int, String, String)] = [
                    (["receivedOn": "2026-11-19"], 422, "receivedOn", "收件日期不能晚于今天"),
                    (["handlerB": w.users["staff"]!.id!], 422, "handlerB", "B角承办人不能与A角是同一人"),
                    (["handlerA": w.users["staff2"]!.id!], 422, "handlerA", "不属于本总工会"),
                    (["handlerB": w.users["officer"]!.id!], 422, "handlerB", "没有信访办理权限"),
                    (["source": "飞鸽"], 422, "source", "来源“飞鸽”无效"),
                    (["source": "transferred"], 422, "transferBody", "转办机关不能为空"),
                    (["summary": ""], 422, "summary", "反映问题不能为空"),
                ]
                for (extra, status, field, message) in cases {
                    let r = try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, extra))
                    #expect(r.status.code == UInt(status), "\(extra): \(r.text)")
                    #expect(r.errorBody?.field == field, "\(extra): \(r.text)")
                    #expect(r.errorBody?.message.contains(message) == true, "\(extra): \(r.text)")
                }
                #expect(try await Petition.query(on: app.db).count() == 1)
                #expect(try await PetitionEvent.query(on: app.db).count() == 1)

                // The same person with the same category, still open: shown, and saved only when confirmed.
                let again = try await staff.json(
                    .POST, "/api/v1/petitions", petitionBody(w, ["petitionerIdNumber": Fixtures.ids[0], "employerName": "别的公司"]))
                #expect(again.status == .conflict)
                #expect(again.errorBody?.field == "confirmDuplicate")
                #expect(again.errorBody?.message.contains("XF2026-0001（李**，已登记待受理）") == true, "\(again.text)")
                let sameEmployer = try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, ["petitionerName": "王五"]))
                #expect(sameEmployer.status == .conflict)
                let otherCategory = try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, ["category": "contract"]))
                #expect(otherCategory.status == .created)
                let confirmed = try await staff.json(
                    .POST, "/api/v1/petitions", petitionBody(w, ["petitionerIdNumber": Fixtures.ids[0], "confirmDuplicate": true]))
                #expect(confirmed.status == .created)
                #expect(confirmed.jsonObject["number"] as? String == "XF2026-0003")
                // Another federation neither sees them nor may register in this one's name.
                let other = try await Client.api(app, w.users["staff2"]!)
                #expect(try await other.get("/api/v1/petitions/\(p["id"] as! Int)").status == .notFound)
                #expect(try await other.get("/api/v1/petitions").jsonObject["total"] as? Int == 0)
                let leader = try await Client.api(app, w.users["leader"]!)
                #expect(try await leader.json(.POST, "/api/v1/petitions", petitionBody(w)).status == .forbidden)
            }
        }

        @Test("workflow over the API: accept, contact, one extension, reply, close, 复查; each refusal a clear 4xx; every step audited")
        func workflow() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let id = try #require(try await staff.json(.POST, "/api/v1/petitions", petitionBody(w)).jsonObject["id"] as? Int)
                let steps = "/api/v1/petitions/\(id)/steps"
                func step(_ body: [String: Any]) async throws -> TestingHTTPResponse { try await staff.json(.POST, steps, body) }

                let early = try await step(["action": "reply", "date": "2026-11-12", "summary": "答复"])
                #expect(early.status == .conflict && early.errorBody?.message == "当前状态为“已登记待受理”，不能答复")
                #expect(try await step(["action": "accept", "date": "2026-11-11"]).jsonObject["state"] as? String == "accepted")
                let contact = try await staff.json(
                    .POST, "/api/v1/petitions/\(id)/contacts",
                    ["kind": "visit", "date": "2026-11-12", "note": "到企业约谈负责人", "reference": "示工函1号"])
                #expect(contact.jsonObject["state"] as? String == "inProgress", "\(contact.text)")
                let noApprover = try await step(["action": "extend", "date": "2026-11-13", "days": 20, "reason": "涉及多家单位"])
                #expect(noApprover.status == .unprocessableEntity && noApprover.errorBody?.field == "approver")
                let tooLong = try await step(["action": "extend", "date": "2026-11-13", "days": 40, "reason": "复杂", "approver": "主席"])
                #expect(tooLong.errorBody?.message == "延长天数应为1到30天")
                let extended = try await step([
                    "action": "extend", "date": "2026-11-13", "days": 20, "reason": "涉及多家单位", "approver": "镇总工会主席",
                ])
                let handling = (extended.jsonObject["deadlines"] as? [[String: Any]])?.first { $0["kind"] as? String == "handling" }
                #expect(handling?["due"] as? String == "2027-01-30")  // 2026-11-11 + 60 + 20
                let twice = try await step(["action": "extend", "date": "2026-11-14", "days": 5, "reason": "再延", "approver": "主席"])
                #expect(twice.status == .unprocessableEntity && twice.errorBody?.message == "办理期限只能延长一次", "\(twice.text)")
                let closeEarly = try await step(["action": "close", "date": "2026-11-14", "satisfaction": "satisfied"])
                #expect(closeEarly.status == .conflict && closeEarly.errorBody?.message.contains("尚未书面答复，不能办结") == true)
                let backdated = try await step(["action": "reply", "date": "2026-11-09", "summary": "已协调"])
                #expect(backdated.status == .unprocessableEntity && backdated.errorBody?.message == "日期不能早于收件日期（2026-11-10）")
                let replied = try await step(["action": "reply", "date": "2026-11-15", "summary": "企业已承诺月底前补发", "reference": "示工复〔2026〕1号"])
                #expect(replied.jsonObject["state"] as? String == "replied" && replied.jsonObject["replyRef"] as? String == "示工复〔2026〕1号")
                #expect(try await step(["action": "close", "date": "2026-11-17", "satisfaction": "dissatisfied"]).status == .ok)
                let reopened = try await step(["action": "reopen", "date": "2026-11-18"])
                #expect(reopened.jsonObject["state"] as? String == "reviewing")
                let review = (reopened.jsonObject["deadlines"] as? [[String: Any]])?.first { $0["kind"] as? String == "reviewAnswer" }
                #expect(review?["due"] as? String == "2026-12-18")
                let detail = try await staff.get("/api/v1/petitions/\(id)").jsonObject
                let kinds = (detail["timeline"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
                #expect(kinds == ["intake", "accept", "visit", "extend", "reply", "close", "reopen"])
                let audited = try await AuditEntry.query(on: app.db).filter(\.$entity == "petition").all().map(\.action)
                #expect(
                    audited == [
                        "petition.create", "petition.accept", "petition.contact", "petition.extend", "petition.reply", "petition.close",
                        "petition.reopen",
                    ])
                // A step by someone reading an old version loses: the version check refuses it.
                let p = try #require(try await Petition.find(id, on: app.db))
                await #expect(throws: AppError.self) {
                    try await Store.updateVersioned(
                        "petitions", id: id, version: p.version - 1, [("state", "closed")], at: Date(), conflict: Petitions.raced,
                        on: app.db)
                }
            }
        }

        @Test("A/B handlers: with A away the petition is on B's queue and alerts; reassignment needs a reason and is audited")
        func handlers() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let admin = try await Client.api(app, w.users["admin"]!)
                // Received on the 1st and not yet accepted: the 15-day notice was due on the 16th.
                let id = try #require(
                    try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, ["receivedOn": "2026-11-01"])).jsonObject["id"] as? Int
                )
                #expect(try await staff.get("/api/v1/petitions/queue").jsonArray.map { $0["id"] as? Int } == [id])
                #expect(try await admin.get("/api/v1/petitions/queue").jsonArray.isEmpty)
                let staffID = w.users["staff"]!.id!
                let leader = try await Client.api(app, w.users["leader"]!)
                #expect(try await leader.json(.PUT, "/api/v1/users/\(staffID)/away", ["away": true]).status == .forbidden)
                let away = try await staff.json(.PUT, "/api/v1/users/\(staffID)/away", ["away": true])
                #expect(away.jsonObject["awaySince"] as? String == "2026-11-18", "\(away.text)")
                #expect(try await admin.get("/api/v1/petitions/queue").jsonArray.map { $0["id"] as? Int } == [id])
                let mine = try await admin.get("/api/v1/alerts?mine=true").jsonObject
                let kinds = (mine["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
                #expect(kinds.contains("petition.overdue"), "\(mine)")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "user.away").count() == 1)

                let path = "/api/v1/petitions/\(id)/handlers"
                let noReason = try await admin.json(.PUT, path, ["handlerA": w.users["admin"]!.id!, "handlerB": staffID])
                #expect(noReason.status == .unprocessableEntity && noReason.errorBody?.field == "reason")
                let outside = try await admin.json(.PUT, path, ["handlerA": w.users["staff2"]!.id!, "handlerB": staffID, "reason": "x"])
                #expect(outside.status == .unprocessableEntity && outside.errorBody?.field == "handlerA")
                let moved = try await admin.json(
                    .PUT, path, ["handlerA": w.users["admin"]!.id!, "handlerB": staffID, "reason": "干部休假，改由主席主办"])
                #expect((moved.jsonObject["handlerA"] as? [String: Any])?["id"] as? Int == w.users["admin"]!.id!, "\(moved.text)")
                let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "petition.handlers").first())
                #expect(entry.after?.contains("干部休假") == true && entry.before?.contains(String(staffID)) == true)
                let timeline = (moved.jsonObject["timeline"] as? [[String: Any]])?.last
                #expect((timeline?["note"] as? String)?.contains("A角：staff→admin") == true, "\(String(describing: timeline))")
                #expect(try await staff.json(.PUT, "/api/v1/users/\(staffID)/away", ["away": false]).jsonObject["awaySince"] == nil)
            }
        }

        @Test("the alert centre: petition deadlines and 缓报, mediations past 15 days, re-elections, from their registered sources")
        func alerts() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let urgent = try #require(
                    try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, ["urgent": true, "receivedOn": "2026-11-17"]))
                        .jsonObject["id"]
                        as? Int)
                let m = try await staff.json(
                    .POST, "/api/v1/mediations",
                    [
                        "applicantName": "赵六", "workers": 2, "employerName": "测试镇某厂", "claim": "支付加班费", "appliedOn": "2026-11-01",
                        "mediators": "陈调解",
                    ])
                #expect(m.status == .created, "\(m.text)")
                func kinds(_ query: String = "") async throws -> [String] {
                    let r = try await staff.get("/api/v1/alerts" + query)
                    #expect(r.status == .ok, "\(r.text)")
                    return (r.jsonObject["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
                }
                let all = try await kinds()
                #expect(all.contains("petition.unreported") && all.contains("mediation.overdue"), "\(all)")
                // The World's unions were elected on 2023-05-01 for three years.
                #expect(all.contains("org.reElectionOverdue"))
                #expect(try await kinds("?module=mediations") == ["mediation.overdue"])
                #expect(try await kinds("?module=petitions&severity=statutoryOverdue") == ["petition.unreported"])
                // A statutory limit passed comes before an overdue re-election, though the re-election is older.
                let firstStatutory = all.firstIndex { $0 == "petition.unreported" || $0 == "mediation.overdue" }
                let firstReElection = all.firstIndex(of: "org.reElectionOverdue")
                #expect(firstStatutory != nil && firstReElection != nil && (firstStatutory ?? 0) < (firstReElection ?? 0), "\(all)")
                let bad = try await staff.get("/api/v1/alerts?module=weather")
                #expect(bad.status == .unprocessableEntity && bad.errorBody?.field == "module")
                _ = try await staff.json(
                    .POST, "/api/v1/petitions/\(urgent)/steps", ["action": "report", "date": "2026-11-17", "to": "镇党委"])
                #expect(try await kinds("?module=petitions").isEmpty)
                // Another federation's staff see none of these.
                let other = try await Client.api(app, w.users["staff2"]!)
                let theirs = try await other.get("/api/v1/alerts").jsonObject["items"] as? [[String: Any]]
                #expect(theirs?.allSatisfy { ($0["module"] as? String) == "organizations" } == true)
            }
        }

        @Test("mediation and recoveries feed the statistics per subtree and period; bad dates refused")
        func mediationAndStats() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let transferred = try await staff.json(
                    .POST, "/api/v1/petitions",
                    petitionBody(
                        w,
                        ["source": "transferred", "transferBody": "市总工会", "transferRef": "市工转〔2026〕8号", "transferReplyDue": "2026-12-01"]))
                let tid = try #require(transferred.jsonObject["id"] as? Int)
                let direct = try await staff.json(
                    .POST, "/api/v1/petitions", petitionBody(w, ["category": "workInjury", "receivedOn": "2026-10-01"]))
                let did = try #require(direct.jsonObject["id"] as? Int)
                for (id, accepted, answered) in [(tid, "2026-11-11", "2026-11-16"), (did, "2026-10-20", "2026-11-02")] {
                    _ = try await staff.json(.POST, "/api/v1/petitions/\(id)/steps", ["action": "accept", "date": accepted])
                    _ = try await staff.json(
                        .POST, "/api/v1/petitions/\(id)/steps", ["action": "reply", "date": answered, "summary": "已答复"])
                }
                _ = try await staff.json(.POST, "/api/v1/petitions/\(tid)/steps", ["action": "replyToTransferrer", "date": "2026-11-17"])

                let med = try await staff.json(
                    .POST, "/api/v1/mediations",
                    [
                        "petitionId": tid, "applicantName": "李秀英", "workers": 6, "claim": "支付拖欠工资", "claimAmount": "4万",
                        "appliedOn": "2026-11-12",
                        "mediators": "陈调解、林调解", "employerName": "测试镇宏达五金有限公司",
                    ])
                #expect(med.status == .created, "\(med.text)")
                let mid = try #require(med.jsonObject["id"] as? Int)
                #expect(med.jsonObject["limitOn"] as? String == "2026-11-27")
                let early = try await staff.json(
                    .POST, "/api/v1/mediations/\(mid)/outcome", ["outcome": "agreement", "decidedOn": "2026-11-10"])
                #expect(early.status == .unprocessableEntity && early.errorBody?.field == "decidedOn")
                let agreed = try await staff.json(
                    .POST, "/api/v1/mediations/\(mid)/outcome",
                    ["outcome": "agreement", "decidedOn": "2026-11-16", "agreedAmount": "3.6万", "performed": true])
                #expect(agreed.jsonObject["outcome"] as? String == "agreement", "\(agreed.text)")
                let again = try await staff.json(
                    .POST, "/api/v1/mediations/\(mid)/outcome", ["outcome": "noAgreement", "decidedOn": "2026-11-17"])
                #expect(again.status == .conflict)
                let wages = try await staff.json(
                    .POST, "/api/v1/mediations/\(mid)/recoveries",
                    ["kind": "wages", "workers": 6, "migrantWorkers": 4, "amount": "3.6万", "date": "2026-11-17"])
                #expect(wages.status == .created, "\(wages.text)")
                let injury = try await staff.json(
                    .POST, "/api/v1/petitions/\(did)/recoveries",
                    ["kind": "injury", "workers": 1, "migrantWorkers": 1, "amount": "8万", "date": "2026-11-05"])
                #expect(injury.status == .created)
                let beforeCase = try await staff.json(
                    .POST, "/api/v1/petitions/\(did)/recoveries", ["kind": "injury", "workers": 1, "amount": "1000", "date": "2026-09-30"])
                #expect(beforeCase.status == .unprocessableEntity && beforeCase.errorBody?.field == "date")
                #expect(try await Recovery.query(on: app.db).count() == 2)

                let s = try await staff.get("/api/v1/petitions/stats?year=2026").jsonObject
                #expect(s["received"] as? Int == 2 && s["transferred"] as? Int == 1 && s["direct"] as? Int == 1)
                #expect(s["groupPetitions"] as? Int == 2 && s["groupPeople"] as? Int == 12)
                let acceptance = try #require(s["acceptance"] as? [String: Any])
                #expect(acceptance["due"] as? Int == 2 && acceptance["onTime"] as? Int == 1, "\(acceptance)")  // 19 days for the direct one
                let handling = try #require(s["handling"] as? [String: Any])
                #expect(handling["due"] as? Int == 2 && handling["onTime"] as? Int == 2 && handling["percent"] as? Int == 100)
                #expect((s["transferReply"] as? [String: Any])?["onTime"] as? Int == 1)
                #expect(
                    s["mediations"] as? Int == 1 && s["mediationAgreements"] as? Int == 1 && s["mediationSuccessPercent"] as? Int == 100)
                #expect(s["mediationsWithinLimit"] as? Int == 1 && s["mediationAmount"] as? Int == 3_600_000)
                let w1 = try #require(s["wages"] as? [String: Any])
                #expect(w1["workers"] as? Int == 6 && w1["migrantWorkers"] as? Int == 4 && w1["amount"] as? Int == 3_600_000)
                #expect((s["injury"] as? [String: Any])?["amount"] as? Int == 8_000_000)
                let bySource = (s["bySource"] as? [[String: Any]])?.map { "\($0["key"]!)=\($0["count"]!)" }
                #expect(bySource == ["visit=1", "transferred=1"])
                // A union's subtree has none; last year has none.
                #expect(try await staff.get("/api/v1/petitions/stats?year=2026&orgId=\(w.unionA.id!)").jsonObject["received"] as? Int == 0)
                #expect(try await staff.get("/api/v1/petitions/stats?year=2025").jsonObject["received"] as? Int == 0)
                let mediationTimeline = try await staff.get("/api/v1/petitions/\(tid)").jsonObject["mediations"] as? [[String: Any]]
                #expect(mediationTimeline?.first?["number"] as? String == "TJ2026-0001")
            }
        }

        @Test(
            "the demo's petitions on any day of the year: nothing dated after today, numbers in the year received",
            arguments: [
                "2026-01-03", "2026-03-01", "2026-12-31",
            ])
        func demoAnyDay(_ day: String) async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                for name in ["测试镇甲厂", "测试镇乙厂"] {
                    try await Fixtures.employer(app, name, headcount: 30, org: w.root)
                }
                let today = try #require(CalendarDate(parsing: day))
                var g = SeededRandom(seed: 7)
                try await DemoTownship.insertPetitions(
                    &g, rootID: w.root.id!, users: .init(staff: w.users["staff"]!.id!, reviewer: w.users["admin"]!.id!), today: today,
                    cipher: app.cipher, on: app.db)
                for p in try await Petition.query(on: app.db).all() {
                    let dated = [
                        p.receivedOn, p.acceptedOn, p.answeredOn, p.closedOn, p.transferRepliedOn, p.reviewRequestedOn, p.reviewAnsweredOn,
                    ]
                    #expect(dated.compactMap { $0 }.allSatisfy { $0 <= day }, "\(p.number): \(dated)")
                    #expect(p.number.hasPrefix("XF" + p.receivedOn.prefix(4)), "\(p.number) received \(p.receivedOn)")
                }
                #expect(try await PetitionEvent.query(on: app.db).all().allSatisfy { $0.onDate <= day })
                #expect(try await Recovery.query(on: app.db).all().allSatisfy { $0.onDate <= day })
                #expect(try await Mediation.query(on: app.db).all().allSatisfy { $0.appliedOn <= day && ($0.decidedOn ?? "") <= day })
                let last = try await PetitionStats.compute(
                    in: w.scope(of: w.root), from: CalendarDate(year: today.year - 1, month: 1, day: 1)!,
                    to: CalendarDate(year: today.year - 1, month: 12, day: 31)!, today: today, rules: app.petitionRules, on: app.db)
                #expect(last.received == 57 && last.transferred == 38)
            }
        }

        @Test("web pages: queue, register, intake form keeps what was typed, a refused step shown beside the form, audited reveal")
        func pages() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let web = try await Client.session(app, w.users["staff"]!)
                let form: [String: String] = [
                    "source": "hotline", "receivedOn": "2026-11-20", "petitionerName": "周八", "petitionerPhone": "0757-22223333",
                    "category": "safety",
                    "summary": "车间高温无防暑措施", "handlerA": String(w.users["staff"]!.id!), "handlerB": String(w.users["admin"]!.id!),
                ]
                let refused = try await web.post("/petitions", form)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("收件日期不能晚于今天") && refused.text.contains("车间高温无防暑措施"))
                var ok = form
                ok["receivedOn"] = "2026-11-16"
                let saved = try await web.post("/petitions", ok)
                #expect(saved.status == .seeOther)
                let location = try #require(saved.headers.first(name: .location))
                let page = try await web.get(location)
                #expect(page.text.contains("XF2026-0001") && page.text.contains("075*****3333") && page.text.contains("受理告知"))
                #expect(!page.text.contains("0757-22223333") && !page.text.contains("075722223333"))
                let badStep = try await web.post(location + "/step", ["form": "notAccept", "action": "notAccept", "date": "2026-11-17"])
                #expect(badStep.status == .unprocessableEntity)
                #expect(badStep.text.contains("不予受理理由不能为空") && badStep.text.contains("value=\"2026-11-17\""))
                // Listed at the top, linked to the field of the step's own form, and beside that field.
                #expect(badStep.text.contains("<a href=\"#notAccept-reason\">不予受理理由不能为空</a>"))
                #expect(badStep.text.contains("id=\"notAccept-reason-error\""))
                let accepted = try await web.post(location + "/step", ["form": "accept", "action": "accept", "date": "2026-11-17"])
                #expect(accepted.status == .seeOther)
                let revealed = try await web.post(location + "/reveal", [:])
                #expect(revealed.text.contains("075722223333"))
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "petition.reveal").count() == 1)
                let leader = try await Client.session(app, w.users["leader"]!)
                #expect(try await leader.post(location + "/reveal", [:]).status == .forbidden)
                let queue = try await web.get("/petitions")
                #expect(queue.status == .ok && queue.text.contains("XF2026-0001") && queue.text.contains("按时告知受理"))
                let register = try await web.get("/petitions/register?category=safety&q=%E5%91%A8%E5%85%AB")
                #expect(register.text.contains("XF2026-0001"))
                #expect(!(try await web.get("/petitions/register?category=wages")).text.contains("XF2026-0001"))
                #expect(try await web.get("/petitions/register?state=bogus").status == .unprocessableEntity)
                let alerts = try await web.get("/alerts")
                #expect(alerts.status == .ok && alerts.text.contains("预警中心"))
                let mediation = try await web.post(
                    "/mediations",
                    ["applicantName": "周八", "claim": "补发高温津贴", "appliedOn": "2026-11-17", "mediators": "陈调解", "employerName": "测试镇某厂"])
                #expect(mediation.status == .seeOther, "\(mediation.text)")
                #expect(try await web.get("/mediations").text.contains("TJ2026-0001"))
            }
        }
    }
}
