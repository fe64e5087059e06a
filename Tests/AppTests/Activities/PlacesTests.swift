import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Competitions, ideas, service centres and campaigns") struct PlacesTests {
        typealias A = ActivitiesTests

        static func id(_ r: TestingHTTPResponse) throws -> Int { try #require((r.jsonObject["activity"] as? [String: Any])?["id"] as? Int, "\(r.text)") }

        @Test("a competition: winners no more than a third of its entrants, a prize no more than the local cap, a member or a team, each member once")
        func competition() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await A.people(app, w)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "skillsContest", "title": "电工技能比武", "startsOn": "2026-09-20", "guests": 2])
                let id = try Self.id(r)
                let round = try #require((r.jsonObject["sessions"] as? [[String: Any]])?.first?["id"] as? Int)
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/results", ["card": p.cards[0], "award": "first"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "award" && r.errorBody?.message.contains("参赛0人") == true, "\(r.text)")
                _ = try await staff.json(.POST, "/api/v1/activities/\(id)/attendance", ["sessionId": round, "cards": (p.cards + [p.b.cardNumber]).joined(separator: " "), "guestVisits": 2])
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/results", ["card": p.cards[0], "award": "first", "prize": "800"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "prize" && r.errorBody?.message.contains("一等奖奖金不能超过500.00元") == true, "\(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/results", ["card": p.cards[0], "team": "电工一队", "award": "first"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "card" && r.errorBody?.message.contains("只填一项") == true)
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/results", ["card": p.cards[0], "award": "first", "prize": "500"])
                #expect(r.status == .created && (r.jsonObject["results"] as? [[String: Any]])?.count == 1, "\(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/results", ["card": p.cards[0], "award": "second"])
                #expect(r.status == .conflict, "each member once")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/results", ["team": "电工一队", "award": "second", "prize": "300"])
                #expect(r.status == .created, "six entrants: two may win")
                r = try await staff.json(.POST, "/api/v1/activities/\(id)/results", ["card": p.cards[1], "award": "third"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("最多2个获奖") == true, "\(r.text)")
                r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "forum", "title": "座谈会", "startsOn": "2026-09-20"])
                r = try await staff.json(.POST, "/api/v1/activities/\(try Self.id(r))/results", ["card": p.cards[1], "award": "third"])
                #expect(r.status == .conflict, "only competitions have results")
                let stats = try await staff.get("/api/v1/activities/stats?year=2026").jsonObject
                #expect(stats["competitions"] as? Int == 1 && stats["entrants"] as? Int == 6 && stats["winners"] as? Int == 2 && stats["prizes"] as? Int == 800_00)
                let summary = try await A.summary(staff)
                #expect(summary.contains("1、全年组织劳动竞赛、技术比武1次，参赛6人，2人（队）获奖，发放奖金800元。"), "\(summary)")
                #expect(summary.contains { $0.contains("共开展各类职工活动2次，其中座谈会1次、技术比武/岗位练兵1次") }, "competitions are activities too: \(summary)")
            }
        }

        @Test("金点子: handed in by a member of the subtree, assessed not before it came, savings only when adopted; the figures and the summary")
        func ideas() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await A.people(app, w)
                let staff = try await Client.api(app, w.users["staff"]!)
                let officer = try await Client.api(app, w.users["officer"]!)
                let idea: [String: Any] = ["orgId": w.unionA.id!, "card": p.cards[0], "title": "改进冲压模具定位装置", "submittedOn": "2026-04-01", "employer": "甲公司"]
                var r = try await officer.json(.POST, "/api/v1/ideas", idea.merging(["card": p.b.cardNumber]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "card" && r.errorBody?.message.contains("不是甲公司工会范围内的会员") == true)
                r = try await officer.json(.POST, "/api/v1/ideas", idea.merging(["submittedOn": "2026-12-01"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "submittedOn")
                r = try await officer.json(.POST, "/api/v1/ideas", idea.merging(["orgId": w.unionB.id!]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "orgId")
                r = try await officer.json(.POST, "/api/v1/ideas", idea)
                #expect(r.status == .created, "\(r.text)")
                let first = try #require(r.jsonObject["id"] as? Int)
                let second = try #require(try await officer.json(.POST, "/api/v1/ideas", idea.merging(["card": p.cards[1], "title": "废边角料分类回收"]) { $1 }).jsonObject["id"] as? Int)
                _ = try await officer.json(.POST, "/api/v1/ideas", idea.merging(["title": "冷却水循环使用"]) { $1 })
                r = try await officer.json(.POST, "/api/v1/ideas/\(first)/decision", ["grade": "A", "adopted": true, "decidedOn": "2026-03-01"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "decidedOn")
                r = try await officer.json(.POST, "/api/v1/ideas/\(second)/decision", ["grade": "D", "adopted": false, "decidedOn": "2026-05-01", "savings": "100"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "savings")
                r = try await officer.json(.POST, "/api/v1/ideas/\(first)/decision", ["grade": "A", "adopted": true, "decidedOn": "2026-05-01", "savings": "56000", "reward": "600"])
                #expect(r.status == .ok && r.jsonObject["grade"] as? String == "A", "\(r.text)")
                _ = try await officer.json(.POST, "/api/v1/ideas/\(second)/decision", ["grade": "D", "adopted": false, "decidedOn": "2026-05-01", "reward": "20"])
                let stats = try await staff.get("/api/v1/activities/stats?year=2026").jsonObject
                #expect(stats["ideas"] as? Int == 3 && stats["proposers"] as? Int == 2 && stats["members"] as? Int == 4, "\(stats)")
                #expect(stats["ideasAdopted"] as? Int == 1 && stats["ideasExcellent"] as? Int == 1 && stats["savings"] as? Int == 56_000_00 && stats["rewards"] as? Int == 620_00)
                let summary = try await A.summary(staff)
                #expect(summary.contains { $0.contains("开展“金点子”合理化建议征集活动，收到建议3条，职工参与率50%，采纳1条，其中A级1条，创造经济效益5.6万元，发放奖励620元。") }, "\(summary)")
                let web = try await Client.session(app, w.users["officer"]!)
                let page = try await web.get("/ideas?year=2026")
                #expect(page.status == .ok && page.text.contains("改进冲压模具定位装置") && page.text.contains("已采纳") && page.text.contains("待评定"))
                let refused = try await web.post("/ideas/\(second)/decision", ["form": "decision", "grade": "B", "decidedOn": "2026-03-01"])
                #expect(refused.status == .unprocessableEntity && refused.text.contains("评定日期不能早于提出日期"))
            }
        }

        @Test("service centres: the kind's standard checked (area, books, keeper, equipment), visits within its open days, by count or by card; figures and summary")
        func serviceCentres() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let p = try await A.people(app, w)
                let officer = try await Client.api(app, w.users["officer"]!)
                let nursing: [String: Any] = [
                    "orgId": w.unionA.id!, "kind": "nursing", "name": "甲公司爱心妈妈小屋", "openedOn": "2025-03-08", "area": 8, "equipment": "冰箱,沙发或座椅",
                ]
                var r = try await officer.json(.POST, "/api/v1/service-centres", nursing.merging(["equipment": "冰箱,按摩椅"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "equipment" && r.errorBody?.message.contains("按摩椅") == true)
                r = try await officer.json(.POST, "/api/v1/service-centres", nursing.merging(["kind": "健身房"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "kind")
                r = try await officer.json(.POST, "/api/v1/service-centres", nursing.merging(["closedOn": "2025-01-01"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "closedOn")
                r = try await officer.json(.POST, "/api/v1/service-centres", nursing)
                #expect(r.status == .created, "\(r.text)")
                let missing = r.jsonObject["missing"] as? [String] ?? []
                #expect(missing.first == "面积不足10㎡" && missing.contains("无专人管理") && missing.contains("洗手池"), "\(missing)")
                let room = try #require(r.jsonObject["id"] as? Int)
                r = try await officer.json(.POST, "/api/v1/service-centres", ["orgId": w.unionA.id!, "kind": "library", "name": "甲公司职工书屋", "openedOn": "2024-04-23", "books": 3200, "equipment": "数字阅读平台,标准标牌,借阅登记"])
                let library = try #require(r.jsonObject["id"] as? Int)
                #expect((r.jsonObject["missing"] as? [String])?.isEmpty == true, "up to standard: \(r.text)")
                r = try await officer.json(.POST, "/api/v1/service-centres/\(room)/visits", ["on": "2025-03-01", "visits": 3])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "on", "before it opened")
                r = try await officer.json(.POST, "/api/v1/service-centres/\(room)/visits", ["on": "2026-05-01", "card": p.cards[0], "visits": 3])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "visits")
                r = try await officer.json(.POST, "/api/v1/service-centres/\(room)/visits", ["on": "2026-05-01", "card": p.b.cardNumber])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "card")
                r = try await officer.json(.POST, "/api/v1/service-centres/\(room)/visits", ["on": "2026-05-01", "card": p.cards[0]])
                #expect(r.status == .created && r.jsonObject["visits"] as? Int == 1)
                _ = try await officer.json(.POST, "/api/v1/service-centres/\(library)/visits", ["on": "2026-05-02", "visits": 40, "volunteers": 2, "booksLent": 25])
                _ = try await officer.json(.POST, "/api/v1/service-centres/\(library)/visits", ["on": "2025-12-30", "visits": 30])
                r = try await officer.json(.POST, "/api/v1/activities", ["orgId": w.unionA.id!, "kind": "sports", "title": "读书分享会", "startsOn": "2026-04-23", "centreId": library])
                #expect(r.status == .created, "\(r.text)")
                r = try await officer.json(.POST, "/api/v1/activities", ["orgId": w.unionA.id!, "kind": "sports", "title": "读书会", "startsOn": "2024-01-01", "centreId": library])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "centreId", "not open that day")
                r = try await officer.json(.PUT, "/api/v1/service-centres/\(library)", ["orgId": w.unionA.id!, "kind": "library", "name": "甲公司职工书屋", "openedOn": "2024-04-23", "closedOn": "2026-05-01", "books": 3200])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "closedOn" && r.errorBody?.message.contains("2026-05-02") == true, "\(r.text)")
                let stats = try await officer.get("/api/v1/activities/stats?year=2026").jsonObject
                #expect(stats["centreVisits"] as? Int == 41 && stats["volunteers"] as? Int == 2 && stats["booksLent"] as? Int == 25 && stats["centreEvents"] as? Int == 1, "\(stats)")
                let summary = try await A.summary(try await Client.api(app, w.users["staff"]!))
                #expect(summary.contains { $0.contains("截至2026年11月18日，建有职工书屋1个、母婴室1个，全年接待职工41人次，志愿者服务2人次，借阅图书25册，在阵地举办活动1次。") }, "\(summary)")
                let web = try await Client.session(app, w.users["officer"]!)
                let list = try await web.get("/service-centres")
                #expect(list.text.contains("缺：面积不足10㎡") && list.text.contains("达标"))
                let choose = try await web.get("/service-centres/new")
                #expect(choose.text.contains("kind=nursing") && !choose.text.contains("centre-form"), "the kind first")
                let form = try await web.get("/service-centres/new?kind=nursing")
                #expect(form.text.contains("标准不少于10㎡") && form.text.contains("洗手池") && !form.text.contains("藏书"))
            }
        }

        @Test("campaigns: channels and materials only on a campaign, the events under it within its days; figures and summary")
        func campaigns() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                var r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "sports", "title": "运动会", "startsOn": "2026-05-01", "channels": "板报"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "channels")
                r = try await staff.json(
                    .POST, "/api/v1/activities",
                    ["orgId": w.root.id!, "kind": "lawCampaign", "title": "普法宣传月", "startsOn": "2026-11-01", "endsOn": "2026-11-30", "channels": "板报,微信公众号,抖音"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "channels" && r.errorBody?.message.contains("抖音") == true)
                r = try await staff.json(
                    .POST, "/api/v1/activities",
                    ["orgId": w.root.id!, "kind": "lawCampaign", "title": "普法宣传月", "startsOn": "2026-11-01", "endsOn": "2026-11-30", "channels": "微信公众号,板报", "materials": 2000])
                let campaign = try Self.id(r)
                #expect(r.jsonObject["sessions"] as? [Any] == nil || (r.jsonObject["sessions"] as? [Any])?.isEmpty == true, "a campaign has no sessions")
                #expect((r.jsonObject["activity"] as? [String: Any])?["channels"] as? [String] == ["板报", "微信公众号"], "in the local order")
                r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "publicity", "title": "普法讲座", "startsOn": "2026-10-30", "campaignId": campaign])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "campaignId" && r.errorBody?.message.contains("2026-11-01至2026-11-30") == true)
                r = try await staff.json(.POST, "/api/v1/activities", ["orgId": w.root.id!, "kind": "publicity", "title": "普法讲座", "startsOn": "2026-11-10", "campaignId": campaign])
                #expect(r.status == .created)
                let stats = try await staff.get("/api/v1/activities/stats?year=2026").jsonObject
                #expect(stats["campaigns"] as? Int == 1 && stats["materials"] as? Int == 2000 && stats["campaignEvents"] as? Int == 1, "\(stats)")
                let summary = try await A.summary(staff)
                #expect(summary.contains("1、全年开展主题宣传活动1项，通过板报、微信公众号等渠道宣传，发放宣传资料2000份，组织相关活动1次。"), "\(summary)")
                let web = try await Client.session(app, w.users["staff"]!)
                let page = try await web.get("/activities/\(campaign)")
                #expect(page.text.contains("普法讲座") && page.text.contains("登记其中的活动") && !page.text.contains("登记出勤"))
            }
        }
    }
}
