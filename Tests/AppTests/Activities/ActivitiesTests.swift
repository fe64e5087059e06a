import Domain
import Fluent
import NIOCore
import Office
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Activities and training") struct ActivitiesTests {
        /// Three members of 甲公司工会, one of 乙公司工会, one of the neighbouring town's 丙公司工会.
        struct People {
            var a: [Member]
            var b: Member
            var c: Member
            var cards: [String] { a.map(\.cardNumber) }
        }

        static func people(_ app: Application, _ w: World) async throws -> People {
            var a: [Member] = []
            for (i, name) in ["张一", "王二", "李三"].enumerated() { a.append(try await Fixtures.member(app, name: name, id: Fixtures.ids[i], union: w.unionA)) }
            let b = try await Fixtures.member(app, name: "赵四", id: Fixtures.ids[3], union: w.unionB)
            let c = try await Fixtures.member(app, name: "钱五", id: Fixtures.ids[4], union: w.unionC)
            return People(a: a, b: b, c: c)
        }

        /// The summary's paragraphs as text.
        static func summary(_ c: Client) async throws -> [String] {
            let r = try await c.get("/api/v1/reports/summary?year=2026")
            return try JSONDecoder().decode(WorkSummary.self, from: Data(r.text.utf8)).paragraphs.map(\.text)
        }

        static func event(_ w: World, _ extra: [String: Any] = [:]) -> [String: Any] {
            ["orgId": w.root.id!, "kind": "sports", "title": "职工篮球友谊赛", "startsOn": "2026-04-26", "endsOn": "2026-04-28", "guests": 4, "audience": 300]
                .merging(extra) { $1 }
        }

        @Test("人数 counts a person once across activities and sessions, 人次 every attendance; an audience is apart; the summary says both")
        func headcountAndVisits() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await Self.people(app, w)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(.POST, "/api/v1/activities", Self.event(w))
                #expect(r.status == .created, "\(r.text)")
                let ball = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let first = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int, "the first day is a session")
                r = try await staff.json(.POST, "/api/v1/activities/\(ball)/sessions", ["on": "2026-04-27", "guestVisits": 3])
                #expect(r.status == .created, "\(r.text)")
                let second = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.last?["id"] as? Int)
                r = try await staff.json(
                    .POST, "/api/v1/activities/\(ball)/attendance", ["sessionId": first, "cards": "\(p.cards[0]) \(p.cards[1].lowercased()),\(p.b.cardNumber)", "guestVisits": 4])
                #expect(r.status == .created && r.jsonObject["visits"] as? Int == 3 + 4 + 3, "three members, four and three non-members: \(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities/\(ball)/attendance", ["sessionId": second, "cards": "\(p.cards[0])\n\(p.cards[0])"])
                #expect(r.status == .created && r.jsonObject["visits"] as? Int == 11 && r.jsonObject["people"] as? Int == 7, "twice typed is once: \(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities/\(ball)/attendance", ["sessionId": second, "cards": p.cards[0]])
                #expect(r.jsonObject["visits"] as? Int == 11, "recorded again changes nothing")
                r = try await staff.json(.POST, "/api/v1/activities/\(ball)/attendance", ["sessionId": second, "cards": p.cards[2]])
                #expect(r.jsonObject["visits"] as? Int == 12, "\(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities/\(ball)/attendance/remove", ["sessionId": second, "card": p.cards[2]])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "reason", "taken back only with its reason")
                r = try await staff.json(.POST, "/api/v1/activities/\(ball)/attendance/remove", ["sessionId": second, "card": p.cards[2], "reason": "证号输错"])
                #expect(r.status == .created && r.jsonObject["visits"] as? Int == 11, "\(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities/\(ball)/attendance/remove", ["sessionId": second, "card": p.cards[2], "reason": "证号输错"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("没有出勤记录") == true)
                // A forum of the same people and one more: each member once over both.
                r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "forum", "title": "基层工会主席座谈会", "startsOn": "2026-03-15"])
                let forum = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let forumSession = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int)
                r = try await staff.json(.POST, "/api/v1/activities/\(forum)/attendance", ["sessionId": forumSession, "cards": p.cards.joined(separator: "、")])
                #expect(r.status == .created)
                let stats = try await staff.get("/api/v1/activities/stats?year=2026").jsonObject
                #expect(stats["people"] as? Int == 4 + 4, "张一 王二 李三 赵四 once each, and the four non-members: \(stats)")
                #expect(stats["visits"] as? Int == 7 + 4 + 3, "every attendance: \(stats)")
                #expect(stats["audience"] as? Int == 300)
                let h1 = try await staff.get("/api/v1/activities/stats?year=2026&half=1").jsonObject
                #expect(h1["people"] as? Int == 8 && (h1["byKind"] as? [[String: Any]])?.count == 2)
                let h2 = try await staff.get("/api/v1/activities/stats?year=2026&half=2").jsonObject
                #expect(h2["people"] as? Int == 0 && h2["visits"] as? Int == 0, "attendance counts on its session's day")
                let union = try await Client.api(app, w.users["officer"]!)
                #expect(try await union.get("/api/v1/activities/stats?year=2026").jsonObject["visits"] as? Int == 0, "the federation's events are not 甲公司工会's")
                let summary = try await Self.summary(staff)
                #expect(summary.contains("1、全年共开展各类职工活动2次，其中文体活动1次、座谈会1次，参加活动8人、14人次，另有观众约300人次。"), "\(summary)")
                let people = try await staff.get("/api/v1/indicators/activities.people/records?year=2026").text
                #expect(people.contains("张一") && people.contains("赵四") && !people.contains("钱五"))
                let target = try await staff.json(.PUT, "/api/v1/targets", ["orgId": w.root.id!, "indicator": "activities.visits", "year": 2026, "value": 20])
                #expect(target.status == .ok || target.status == .created, "targets work on the module's indicators: \(target.text)")
                let targets = try await staff.get("/api/v1/targets?orgId=\(w.root.id!)&year=2026").text
                #expect(targets.contains("activities.visits") && targets.contains("14"), "\(targets)")
                let kind = try await staff.get("/api/v1/indicators/activities.kind.forum/records?year=2026").text
                #expect(kind.contains("基层工会主席座谈会") && !kind.contains("职工篮球友谊赛"), "\(kind)")
            }
        }

        @Test("bad input: end before start, a session outside the days, non-members over their number, someone outside the subtree, a negative output, a cap below those enrolled — each named, nothing half-saved")
        func badInput() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await Self.people(app, w)
                let officer = try await Client.api(app, w.users["officer"]!)
                let cases: [([String: Any], String, String)] = [
                    (["endsOn": "2026-04-01"], "endsOn", "结束日期不能早于开始日期"),
                    (["kind": "卡拉OK"], "kind", "不在本地的活动类别中"),
                    (["hostedBy": "区总工会"], "hostedBy", "只有培训班"),
                    (["cap": 0], "cap", "报名名额应为1到100000之间的整数"),
                    (["budget": "-5"], "budget", "预算不能为负数"),
                    (["startsOn": "2026-13-01"], "startsOn", "不是有效日期"),
                    (["orgId": w.unionB.id!], "orgId", "不在您的管辖范围内"),
                ]
                for (change, field, message) in cases {
                    let r = try await officer.json(.POST, "/api/v1/activities", Self.event(w, ["orgId": w.unionA.id!]).merging(change) { $1 })
                    #expect(r.status == .unprocessableEntity && r.errorBody?.field == field, "\(change): \(r.text)")
                    #expect(r.errorBody?.message.contains(message) == true, "\(change): \(r.text)")
                }
                #expect(try await Activity.query(on: app.db).count() == 0)
                var r = try await officer.json(.POST, "/api/v1/activities", Self.event(w, ["orgId": w.unionA.id!, "cap": 2]))
                let id = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let first = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int)
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/sessions", ["on": "2026-05-01"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "on" && r.errorBody?.message.contains("2026-04-26至2026-04-28") == true)
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/attendance", ["sessionId": first, "cards": p.cards[0], "guestVisits": 5])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "guestVisits" && r.errorBody?.message.contains("4人") == true, "\(r.text)")
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/attendance", ["sessionId": first, "cards": "\(p.cards[0]) \(p.b.cardNumber) \(p.c.cardNumber)"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "cards", "\(r.text)")
                #expect(r.errorBody?.message.contains(p.b.cardNumber) == true && r.errorBody?.message.contains(p.c.cardNumber) == true)
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/attendance", ["sessionId": first, "cards": "\(p.cards[0]) 张三"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("“张三”不是会员证号") == true)
                #expect(try await Attendance.query(on: app.db).count() == 0, "all or nothing")
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/outputs", ["label": "清扫垃圾", "quantity": "-8", "unit": "吨"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "quantity" && r.errorBody?.message.contains("不能为负数") == true)
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/outputs", ["label": "清扫垃圾", "quantity": "1.5", "unit": "吨"])
                #expect((r.jsonObject["outputs"] as? [[String: Any]])?.first?["text"] as? String == "1.5")
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/signups", ["card": p.cards[0]])
                #expect(r.status == .conflict && r.errorBody?.message.contains("已于2026-04-28结束") == true, "no sign-up after the end")
                r = try await officer.json(.PUT, "/api/v1/activities/\(id)", Self.event(w, ["orgId": w.unionA.id!, "startsOn": "2026-04-27"]))
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "startsOn", "the days must hold the sessions: \(r.text)")
                let coming = try #require(
                    (try await officer.json(.POST, "/api/v1/activities", Self.event(w, ["orgId": w.unionA.id!, "startsOn": "2026-12-20", "endsOn": "2026-12-20", "cap": 2]))
                        .jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                for card in p.cards { _ = try await officer.json(.POST, "/api/v1/activities/\(coming)/signups", ["card": card]) }
                r = try await officer.json(.PUT, "/api/v1/activities/\(coming)", Self.event(w, ["orgId": w.unionA.id!, "startsOn": "2026-12-20", "endsOn": "2026-12-20", "cap": 1]))
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "cap" && r.errorBody?.message.contains("已报名的2人") == true, "\(r.text)")
                #expect(try await Activity.find(coming, on: app.db)?.cap == 2, "nothing changed")
                let later = try #require(try await ActivitySession.query(on: app.db).filter(\.$activity.$id == coming).first()?.id)
                r = try await officer.json(.POST, "/api/v1/activities/\(coming)/attendance", ["sessionId": later, "cards": p.cards[0]])
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("还没到") == true, "no attendance before the day")
            }
        }

        @Test("sign-ups: enrolled within the cap, then waiting; a cancellation moves the first waiting up")
        func waitingList() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await Self.people(app, w)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(.POST, "/api/v1/activities", Self.event(w, ["startsOn": "2026-12-01", "endsOn": "2026-12-01", "cap": 2]))
                let id = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                for card in p.cards + [p.b.cardNumber] { r = try await staff.json(.POST, "/api/v1/activities/\(id)/signups", ["card": card]) }
                var statuses = (r.jsonObject["signups"] as? [[String: Any]])?.map { $0["status"] as? String ?? "" }
                #expect(statuses == ["enrolled", "enrolled", "waiting", "waiting"], "\(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/signups", ["card": p.cards[0]])
                #expect(r.status == .conflict && r.errorBody?.field == "card")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/signups", ["card": p.c.cardNumber])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "card", "another federation's member")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/signups/cancel", ["card": p.cards[1]])
                statuses = (r.jsonObject["signups"] as? [[String: Any]])?.map { $0["status"] as? String ?? "" }
                #expect(statuses == ["enrolled", "cancelled", "enrolled", "waiting"], "\(r.text)")
                let web = try await Client.session(app, w.users["staff"]!)
                let page = try await web.post("/activities/\(id)/signups/cancel", ["form": "cancel", "card": p.cards[0]])
                #expect(page.status == .seeOther)
                let shown = try await web.get("/activities/\(id)")
                #expect(shown.text.contains("2人（名额2人）"), "李三 and 赵四 enrolled, none waiting")
                let zhao = try #require(try await Signup.query(on: app.db).filter(\.$member.$id == p.b.requireID()).first())
                #expect(zhao.signupStatus == .enrolled)
            }
        }

        @Test("training: sessions with hours, certificates only for those who attended, members sent to a higher union's class; the alert for a class left without attendance")
        func training() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await Self.people(app, w)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(
                    .POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "skills", "title": "第一期岗位技能培训班", "startsOn": "2026-09-10", "endsOn": "2026-09-11", "guests": 2])
                let id = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let day1 = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int)
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/sessions", ["on": "2026-09-11", "hours": 4, "guestVisits": 2])
                let day2 = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.last?["id"] as? Int)
                _ = try await staff.json(.POST, "/api/v1/activities/\(id)/attendance", ["sessionId": day1, "cards": p.cards.joined(separator: ",")])
                _ = try await staff.json(.POST, "/api/v1/activities/\(id)/attendance", ["sessionId": day2, "cards": p.cards[0]])
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/certificates", ["cards": "\(p.cards[0]) \(p.b.cardNumber)", "issuedOn": "2026-09-11"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("赵四") == true && r.errorBody?.message.contains("没有出勤记录") == true)
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/certificates", ["cards": p.cards[0], "issuedOn": "2026-09-01"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "issuedOn")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/certificates", ["cards": "\(p.cards[0]) \(p.cards[1])", "issuedOn": "2026-09-11"])
                #expect(r.status == .created && (r.jsonObject["certificates"] as? [String])?.count == 2)
                r = try await staff.json(
                    .POST, "/api/v1/activities",
                    ["orgId": w.root.id!, "kind": "cadre", "title": "区总工会基层工会主席培训班", "startsOn": "2026-07-10", "hostedBy": "区总工会"])
                let district = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let d1 = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int)
                _ = try await staff.json(.POST, "/api/v1/activities/\(district)/attendance", ["sessionId": d1, "cards": "\(p.cards[2]) \(p.b.cardNumber)"])
                // A class that ended on 11-08, nothing recorded: an alert after the seventh day.
                _ = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "migrant", "title": "农民工电工培训班", "startsOn": "2026-11-08"])
                _ = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "law", "title": "普法培训班", "startsOn": "2026-11-15"])
                let stats = try await staff.get("/api/v1/activities/stats?year=2026").jsonObject
                #expect(stats["classes"] as? Int == 3 && stats["trainees"] as? Int == 3 + 2 && stats["trainingVisits"] as? Int == 3 + 1 + 2, "\(stats)")
                #expect(stats["certificates"] as? Int == 2 && stats["sent"] as? Int == 2 && stats["sentTo"] as? [String] == ["区总工会"])
                let summary = try await Self.summary(staff)
                #expect(summary.contains("1、全年共举办培训班3期，培训5人、6人次，2人取得结业证书。选派2名工会干部和职工参加区总工会举办的培训班。"), "\(summary)")
                let alerts = try await staff.get("/api/v1/alerts").text
                #expect(alerts.contains("农民工电工培训班") && !alerts.contains("普法培训班") && !alerts.contains("第一期岗位技能培训班"), "\(alerts)")
            }
        }

        @Test("the cost is the organiser's book entries, each paying for one activity; approved entries count")
        func costs() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let officer = try await Client.api(app, w.users["officer"]!)
                let checker = try await Client.api(app, try await World.user(app, "checkerA", role: .unionOfficer, org: w.unionA))
                var r = try await officer.json(.POST, "/api/v1/activities", Self.event(w, ["orgId": w.unionA.id!]))
                let id = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let spend: [String: Any] = ["orgId": w.unionA.id!, "side": "expense", "category": "activities", "amount": "3200", "on": "2026-04-28", "description": "篮球赛场地和奖品"]
                let entry = try #require(try await officer.json(.POST, "/api/v1/funds/books/entries", spend).jsonObject["id"] as? Int)
                let big = try #require(try await officer.json(.POST, "/api/v1/funds/books/entries", spend.merging(["amount": "6000", "description": "服装"]) { $1 }).jsonObject["id"] as? Int)
                let income = try #require(
                    try await officer.json(.POST, "/api/v1/funds/books/entries", ["orgId": w.unionA.id!, "side": "income", "category": "subsidy", "amount": "100", "on": "2026-04-01", "description": "补助"])
                        .jsonObject["id"] as? Int)
                let staff = try await Client.api(app, w.users["staff"]!)
                let rootEntry = try #require(
                    try await staff.json(.POST, "/api/v1/funds/books/entries", spend.merging(["orgId": w.root.id!]) { $1 }).jsonObject["id"] as? Int)
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/costs", ["entryId": income])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "entryId" && r.errorBody?.message.contains("支出") == true)
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/costs", ["entryId": rootEntry])
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("甲公司工会自己账上") == true, "another union's books")
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/costs", ["entryId": entry])
                #expect(r.status == .created && r.jsonObject["cost"] as? Int == 3_200_00)
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/costs", ["entryId": entry])
                #expect(r.status == .conflict)
                r = try await officer.json(.POST, "/api/v1/activities/\(id)/costs", ["entryId": big])
                #expect(r.jsonObject["cost"] as? Int == 3_200_00, "waiting for approval, not counted yet")
                _ = try await checker.json(.POST, "/api/v1/funds/books/entries/\(big)/decision", ["approved": true, "note": "同意"])
                _ = try await officer.json(.POST, "/api/v1/funds/books/entries/\(entry)/reverse", ["on": "2026-05-02", "reason": "奖品退货"])
                let stats = try await officer.get("/api/v1/activities/stats?year=2026").jsonObject
                #expect(stats["cost"] as? Int == 6_000_00, "approved in, reversed out: \(stats)")
            }
        }

        @Test("pages: the list with its figures, forms with only the fields of the choice, a refusal beside its field with what was typed, the activity's forms")
        func pages() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await Self.people(app, w)
                let web = try await Client.session(app, w.users["officer"]!)
                let event = try await web.get("/activities/new?category=event")
                #expect(event.status == .ok && event.text.contains("观众人次（估计）") && event.text.contains("联合主办") && !event.text.contains("举办单位"))
                let sending = try await web.get("/activities/new?category=training&sending=1")
                #expect(sending.text.contains("举办单位") && !sending.text.contains("报名名额") && !sending.text.contains("观众"))
                let klass = try await web.get("/activities/new?category=training")
                #expect(klass.text.contains("非会员学员人数") && !klass.text.contains("观众"))
                var r = try await web.post(
                    "/activities", ["category": "event", "orgId": String(w.unionA.id!), "kind": "sports", "title": "趣味运动会", "startsOn": "2026-05-01", "endsOn": "2026-04-30"])
                #expect(r.status == .unprocessableEntity && r.text.contains("结束日期不能早于开始日期") && r.text.contains("趣味运动会"))
                r = try await web.post(
                    "/activities", ["category": "event", "orgId": String(w.unionA.id!), "kind": "sports", "title": "趣味运动会", "startsOn": "2026-05-01", "guests": "2"])
                #expect(r.status == .seeOther)
                let url = try #require(r.headers.first(name: .location))
                let page = try await web.get(url)
                #expect(page.text.contains("趣味运动会") && page.text.contains("登记出勤") && page.text.contains("登记成果") && !page.text.contains("颁发结业证书"))
                let id = try #require(url.split(separator: "/").last.flatMap { Int($0) })
                let session = try #require(try await ActivitySession.query(on: app.db).filter(\.$activity.$id == id).first()?.id)
                r = try await web.post("/activities/\(id)/attendance", ["form": "attendance", "sessionId": String(session), "cards": "\(p.cards[0]) GH99999999"])
                #expect(r.status == .unprocessableEntity && r.text.contains("GH99999999") && r.text.contains("不是甲公司工会范围内的会员"))
                r = try await web.post("/activities/\(id)/attendance", ["form": "attendance", "sessionId": String(session), "cards": p.cards.joined(separator: "\n"), "guestVisits": "2"])
                #expect(r.status == .seeOther)
                let list = try await web.get("/activities?year=2026")
                #expect(list.text.contains("趣味运动会") && list.text.contains("参加活动人次") && list.text.contains("5人次"), "\(list.text)")
                let leader = try await Client.session(app, w.users["leader"]!)
                let read = try await leader.get("/activities/\(id)")
                #expect(read.status == .ok && !read.text.contains("登记出勤"), "a leader reads only")
                #expect(try await leader.get("/activities/new").status == .forbidden)
            }
        }

        @Test("a sign-in sheet: the card column under its header, title rows and names read past; a bad row named; all or nothing, over the API and the page")
        func signInSheet() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await Self.people(app, w)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "skills", "title": "安全生产培训班", "startsOn": "2026-10-10"])
                let id = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let session = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int)
                var h = HTTPHeaders()
                h.contentType = HTTPMediaType(type: "text", subType: "csv")
                let bad = "安全生产培训班签到表\n序号,姓名,会员证号\n1,张一,\(p.cards[0])\n2,钱五,\(p.c.cardNumber)\n"
                r = try await staff.send(.POST, "/api/v1/activities/\(id)/attendance/sheet?sessionId=\(session)", headers: h, body: ByteBuffer(string: bad))
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains(p.c.cardNumber) == true, "\(r.text)")
                let typo = "序号,姓名,会员证号\n1,张一,\(p.cards[0])\n\n3,王二,GH12X\n"
                r = try await staff.send(.POST, "/api/v1/activities/\(id)/attendance/sheet?sessionId=\(session)", headers: h, body: ByteBuffer(string: typo))
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "file" && r.errorBody?.message.contains("第4行") == true, "\(r.text)")
                r = try await staff.send(.POST, "/api/v1/activities/\(id)/attendance/sheet?sessionId=\(session)", headers: h, body: ByteBuffer(string: "姓名,电话\n张一,1\n"))
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("没有“会员证号”列") == true)
                #expect(try await Attendance.query(on: app.db).count() == 0, "nothing half-saved")
                // The page: an .xlsx as Excel saves it.
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-signin-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: url) }
                let book = try XlsxWriter(url: url)
                try book.addSheet(
                    "签到表", columns: [.init("姓名"), .init("会员证号", text: true), .init("签名")],
                    rows: [[.text("张一"), .text(p.cards[0]), .empty], [.text("王二"), .text(p.cards[1].lowercased()), .empty], [.text("李三"), .text(p.cards[2]), .empty]])
                try book.close()
                let web = try await Client.session(app, w.users["staff"]!)
                let bytes = [UInt8](try Data(contentsOf: url))
                r = try await web.upload("/activities/\(id)/attendance/sheet", bytes: bytes, filename: "签到表.xlsx", fields: ["form": "sheet", "sessionId": String(session)])
                #expect(r.status == .seeOther, "\(r.text)")
                #expect(try await Attendance.query(on: app.db).count() == 3)
                r = try await web.upload("/activities/\(id)/attendance/sheet", bytes: Array("不是表格".utf8) + [0, 1, 2], filename: "x.xlsx", fields: ["form": "sheet", "sessionId": String(session)])
                #expect(r.status == .unprocessableEntity && r.text.contains("sheet-file-error"), "refused beside the file")
            }
        }
    
        @Test("photos: a picture checked by its content and kept with the activity, uploaded on the page (multipart) and over the API, downloaded with an audit entry; a renamed program refused beside the file")
        func photos() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.unionA.id!, "kind": "volunteer", "title": "清洁家园", "startsOn": "2026-06-05"])
                let id = try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int)
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7]
                var h = HTTPHeaders()
                h.contentType = HTTPMediaType(type: "image", subType: "png")
                r = try await staff.send(.POST, "/api/v1/activities/\(id)/photos?name=现场.png", headers: h, body: ByteBuffer(bytes: png))
                #expect(r.status == .created, "\(r.text)")
                let url = try #require(r.jsonObject["url"] as? String)
                let web = try await Client.session(app, w.users["staff"]!)
                r = try await web.upload("/activities/\(id)/photos", bytes: Array("MZ program".utf8), filename: "照片.jpg", fields: ["form": "photo"])
                #expect(r.status == .unprocessableEntity && r.text.contains("photo-file-error"), "refused beside the file")
                r = try await web.upload("/activities/\(id)/photos", bytes: png + [1], filename: "合影.png", fields: ["form": "photo"])
                #expect(r.status == .seeOther, "\(r.text)")
                let page = try await web.get("/activities/\(id)")
                #expect(page.text.contains("现场.png") && page.text.contains("合影.png") && page.text.contains("enctype=\"multipart/form-data\""))
                let got = try await web.get(url)
                #expect(got.status == .ok && got.headers.first(name: .contentDisposition)?.contains("attachment") == true)
                let other = try await Client.session(app, w.users["staff2"]!)
                #expect(try await other.get(url).status == .notFound, "another federation's")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "attachment.download").count() == 1)
            }
        }
    }
}
