import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Democratic management") struct DemocracyAppTests {
        typealias T = ContractTests

        @Test("a congress over the API: delegates within the managers' share, a quorate session reported upward, resolutions, proposals answered; alerts and figures follow")
        func congress() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                let employer = try await Fixtures.employer(app, "甲电子有限公司", headcount: 120, org: w.root, union: w.unionA)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(
                    .POST, "/api/v1/congresses",
                    ["kind": "workers", "level": "enterprise", "employerId": employer.id!, "orgId": w.unionA.id!, "termStart": "2026-01-10", "termYears": 3,
                     "staff": 120, "womenStaff": 40, "seats": 30])
                #expect(r.status == .created, "\(r.text)")
                let id = try #require(r.jsonObject["id"] as? Int)
                for k in 0..<7 {
                    r = try await staff.json(
                        .POST, "/api/v1/congresses/\(id)/delegates",
                        ["name": "管理代表\(k)", "gender": k < 3 ? "female" : "male", "category": "manager", "constituency": "第一选区", "electedOn": "2026-01-05"])
                    if k < 6 {
                        #expect(r.status == .ok, "\(r.text)")
                    } else {
                        #expect(r.status == .unprocessableEntity && T.error(r).field == "category", "30 seats allow 6 managers: \(r.text)")
                    }
                }
                r = try await staff.json(.POST, "/api/v1/congresses/\(id)/sessions", ["title": "第一届第一次会议", "heldOn": "2026-11-02", "attending": 3])
                #expect(r.status == .unprocessableEntity && T.error(r).field == "attending", "3 of 6 delegates is short of two thirds: \(r.text)")
                r = try await staff.json(
                    .POST, "/api/v1/congresses/\(id)/sessions",
                    ["title": "第一届第一次会议", "heldOn": "2026-11-02", "attending": 5, "proposalsFrom": "2026-10-01", "proposalsTo": "2026-10-25"])
                #expect(r.status == .ok, "\(r.text)")
                let sessions = try #require(r.jsonObject["sessions"] as? [[String: Any]])
                let sid = try #require(sessions.first?["id"] as? Int)
                #expect(try await T.alertKinds(staff).contains("congress.report"), "not reported 7 working days after 2026-11-02")
                r = try await staff.json(.POST, "/api/v1/congress-sessions/\(sid)/resolutions", ["title": "工作报告", "approving": 4, "against": 1, "abstaining": 1])
                #expect(r.status == .unprocessableEntity, "six votes from five present: \(r.text)")
                r = try await staff.json(.POST, "/api/v1/congress-sessions/\(sid)/resolutions", ["title": "工作报告", "approving": 4, "against": 1])
                #expect(r.status == .ok)
                r = try await staff.json(.POST, "/api/v1/congress-sessions/\(sid)/resolutions", ["title": "食堂外包方案", "approving": 1, "against": 4])
                #expect(r.status == .ok, "a resolution voted down is recorded, and not counted as passed: \(r.text)")
                r = try await staff.json(.POST, "/api/v1/congress-sessions/\(sid)/report", ["reportedOn": "2026-11-01"])
                #expect(r.status == .unprocessableEntity && T.error(r).field == "reportedOn")
                r = try await staff.json(.POST, "/api/v1/congress-sessions/\(sid)/report", ["reportedOn": "2026-11-12"])
                let reported = try await T.alertKinds(staff)
                #expect(r.status == .ok && !reported.contains("congress.report"))
                // Proposals: within the collection window, then registered and answered by the deadline.
                let proposal: [String: Any] = [
                    "sessionId": sid, "title": "关于改善食堂的建议", "content": "增加夜班餐", "proposer": "王丽", "cosigners": "李华、张敏", "submittedOn": "2026-10-26",
                ]
                r = try await staff.json(.POST, "/api/v1/proposals", proposal)
                #expect(r.status == .unprocessableEntity && T.error(r).field == "submittedOn", "after the window closed: \(r.text)")
                r = try await staff.json(.POST, "/api/v1/proposals", proposal.merging(["submittedOn": "2026-10-20"]) { $1 })
                #expect(r.status == .created, "\(r.text)")
                let pid = try #require(r.jsonObject["id"] as? Int)
                r = try await staff.json(.POST, "/api/v1/proposals/\(pid)/steps", ["action": "register", "date": "2026-11-03", "department": "行政部"])
                #expect(r.jsonObject["replyDue"] as? String == "2026-11-23")
                clock.advance(6 * 86_400)
                #expect(try await T.alertKinds(staff).contains("proposal.reply"), "past 2026-11-23 without an answer")
                r = try await staff.json(.POST, "/api/v1/proposals/\(pid)/steps", ["action": "reply", "date": "2026-11-24", "answer": "已增设夜班餐"])
                #expect(r.status == .ok, "\(r.text)")
                r = try await staff.json(.POST, "/api/v1/proposals/\(pid)/steps", ["action": "rate", "date": "2026-11-24", "satisfaction": "satisfied"])
                #expect(r.status == .ok)
                let stats = try await staff.get("/api/v1/democracy/stats?year=2026").jsonObject
                let d = try #require(stats["democracy"] as? [String: Any])
                #expect(d["sessions"] as? Int == 1 && d["resolutions"] as? Int == 1 && d["proposals"] as? Int == 1)
                #expect(d["congressesDue"] as? Int == 0 && d["teachers"] as? Bool == false, "a session this month; a workers' congress")
                #expect(d["proposalsDue"] as? Int == 1 && d["proposalsOnTime"] as? Int == 0, "answered a day late")
                #expect(d["employers50"] as? Int == 1 && d["employers50WithCongress"] as? Int == 1)
                let summary = try await staff.get("/api/v1/reports/summary?year=2026").text
                #expect(summary.contains("推进民主管理") && summary.contains("50人以上企业中建立职代会制度的"))
                // A year and more after its session, the congress (still in its term) is due to meet again.
                clock.advance(400 * 86_400)
                let again = try await Client.api(app, w.users["staff"]!)  // the first token has expired by then
                let later = try await again.get("/api/v1/democracy/stats?year=2027").jsonObject
                let l = try #require(later["democracy"] as? [String: Any], "\(later)")
                #expect(l["congressesDue"] as? Int == 1 && l["sessions"] as? Int == 0, "\(l)")
            }
        }

        @Test("厂务公开 corrections, the weekly report and women's committees: refused input named, alerts raised and cleared, pages for each")
        func openAffairs() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let employer = try await Fixtures.employer(app, "甲电子有限公司", headcount: 80, org: w.root, union: w.unionA)
                let theirs = try await Fixtures.employer(app, "邻镇丙公司", headcount: 80, org: w.other, union: w.unionC)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(.POST, "/api/v1/disclosures", ["employerId": theirs.id!, "disclosedOn": "2026-10-01", "channel": "board", "title": "工资方案"])
                #expect(r.status == .unprocessableEntity && T.error(r).field == "employerId", "outside the subtree")
                r = try await staff.json(.POST, "/api/v1/disclosures", ["employerId": employer.id!, "disclosedOn": "2026-10-01", "channel": "board", "title": "工资方案"])
                #expect(r.status == .created)
                r = try await staff.json(.POST, "/api/v1/disclosure-checks", ["employerId": employer.id!, "checkedOn": "2026-10-10", "findings": "福利费未公开"])
                #expect(r.status == .unprocessableEntity && T.error(r).field == "correctionsDue")
                r = try await staff.json(
                    .POST, "/api/v1/disclosure-checks", ["employerId": employer.id!, "checkedOn": "2026-10-10", "findings": "福利费未公开", "correctionsDue": "2026-11-10"])
                #expect(r.status == .created)
                #expect(try await T.alertKinds(staff).contains("disclosure.correction"))
                let check = try #require(try await DisclosureCheck.query(on: app.db).first())
                r = try await staff.json(.POST, "/api/v1/disclosure-checks/\(check.id!)/corrected", ["correctedOn": "2026-11-15"])
                let afterCorrection = try await T.alertKinds(staff)
                #expect(r.status == .ok && !afterCorrection.contains("disclosure.correction"))
                // A negotiation open: its union reports each week (Monday); 2026-11-18 is a Wednesday.
                _ = try await Fixtures.negotiation(staff, employer: employer, org: w.unionA, requestedOn: "2026-11-02")
                #expect(try await T.alertKinds(staff).contains("bargaining.weekly"))
                r = try await staff.json(.POST, "/api/v1/bargaining/weekly", ["orgId": w.unionA.id!, "progress": "已确定双方代表", "week": "2026-11-23"])
                #expect(r.status == .unprocessableEntity && T.error(r).field == "week", "not a week to come")
                r = try await staff.json(.POST, "/api/v1/bargaining/weekly", ["orgId": w.unionA.id!, "progress": "已确定双方代表"])
                #expect(r.status == .ok && (r.jsonObject["rows"] as? [[String: Any]])?.first?["progress"] as? String == "已确定双方代表")
                #expect(!(try await T.alertKinds(staff).contains("bargaining.weekly")))
                r = try await staff.json(.POST, "/api/v1/women/committees", ["orgId": w.unionA.id!, "form": "committee", "setUpOn": "2026-03-08", "chair": "林秀英", "members": 2])
                #expect(r.status == .unprocessableEntity && T.error(r).field == "members")
                r = try await staff.json(.POST, "/api/v1/women/committees", ["orgId": w.unionA.id!, "form": "committee", "setUpOn": "2026-03-08", "chair": "林秀英", "members": 5])
                #expect(r.status == .created)
                let web = try await Client.session(app, w.users["staff"]!)
                for path in ["/democracy", "/disclosures", "/disclosures?employerId=\(employer.id!)", "/bargaining/weekly", "/women", "/congresses/new",
                             "/congresses/new?kind=workers&level=enterprise"] {
                    let page = try await web.get(path)
                    #expect(page.status == .ok, "\(path): \(page.status)")
                }
                #expect(try await web.get("/women").text.contains("林秀英"))
                let refused = try await web.post("/women", ["form": "women", "orgId": String(w.unionA.id!), "setUpOn": "2026-03-08", "chair": ""])
                #expect(refused.status == .unprocessableEntity && refused.text.contains("id=\"women-chair-error\""), "beside the field")
                #expect(refused.text.contains("<option value=\"\(w.unionA.id!)\" selected"), "the union chosen stays chosen")
                // The table comes in pages, found by name or narrowed to the unions that owe a committee.
                let byName = try await web.get("/women?q=" + (w.unionB.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(byName.text.contains(w.unionB.name) && !byName.text.contains("林秀英") && byName.text.contains("共 1 个工会"))
                #expect(!(try await web.get("/women?due=1").text.contains("林秀英")), "a union with its committee owes none")
                let officerB = try await Client.session(app, try await World.user(app, "officerB", role: .unionOfficer, org: w.unionB))
                #expect(!(try await officerB.get("/women").text.contains("林秀英")), "another union does not see it")
            }
        }
    }
}
