import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    /// A federation that starts with UnionDesk late in 2026 enters 2025 through the API (补录), then writes the
    /// summaries of 2025, of its halves and of 2026 so far: each figure is what the records imply for that period, the
    /// same the day after and after later records, and equal to the indicator it names.
    @Suite("A past year entered late") struct PastYearTests {
        /// What the records below imply, period by period.
        struct Expected: Equatable {
            var unions: Int, newUnions: Int, members: Int, newMembers: Int
            var employers8: Int, employers8WithUnion: Int, reElectionsHeld: Int, reElectionsOverdue: Int
            var reliefPeople: Int, reliefMoney: Int, applications: Int
        }

        @Test("2025 entered in November 2026: year, halves and the current year figure by figure, whenever produced")
        func pastYear() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let admin = try await Client.api(app, w.users["admin"]!)
                let root = String(w.root.id!)

                // Unions: one old, one founded in 2025's second half, one founded in 2026, and one re-elected in
                // April 2025 and dissolved in October (the world's three were founded in 2020, elected in 2023 for
                // three years: overdue since May 2026).
                func org(_ body: [String: Any]) async throws -> Int {
                    var b = body
                    (b["level"], b["parentId"], b["unionType"]) = ("union", root, "enterprise")
                    let r = try await staff.json(.POST, "/api/v1/organizations", b)
                    #expect(r.status == .created, "\(r.text)")
                    return try #require(r.jsonObject["id"] as? Int)
                }
                let old = try await org(["name": "旧厂工会", "foundedOn": "2024-03-01", "electedOn": "2024-03-01", "termYears": "5"])
                let new = try await org(["name": "新厂工会", "foundedOn": "2025-08-10", "electedOn": "2025-08-10"])
                let later = try await org(["name": "后建工会", "foundedOn": "2026-03-01"])
                let gone = try await org(["name": "撤销工会", "foundedOn": "2020-01-01", "electedOn": "2022-01-01", "termYears": "3"])
                let reElected = try await staff.json(
                    .PUT, "/api/v1/organizations/\(gone)",
                    ["name": "撤销工会", "level": "union", "unionType": "enterprise", "parentId": root, "foundedOn": "2020-01-01",
                     "electedOn": "2025-04-10", "termYears": "3"])
                #expect(reElected.status == .ok, "\(reElected.text)")

                // Members: joined in 2025 (two), joined 2024 and left in July 2025, joined in 2026, and one of 2020.
                func member(_ i: Int, _ union: Int, _ joined: String) async throws -> Int {
                    let r = try await staff.json(
                        .POST, "/api/v1/members", ["name": "会员\(i)", "idNumber": Fixtures.ids[i], "unionId": union, "joinDate": joined])
                    #expect(r.status == .created, "\(r.text)")
                    return try #require(r.jsonObject["id"] as? Int)
                }
                _ = try await member(0, old, "2025-05-01")
                _ = try await member(1, new, "2025-09-01")
                let leaver = try await member(2, old, "2024-01-01")
                let left = try await staff.json(
                    .POST, "/api/v1/members/\(leaver)/status", ["status": "left", "date": "2025-07-01", "reason": "离职"])
                #expect(left.status == .ok, "\(left.text)")
                _ = try await member(3, new, "2026-02-01")
                let veteran = try await Fixtures.member(app, name: "老会员", id: Fixtures.ids[4], union: w.unionA)

                // A union with a member cannot be dissolved; the empty one is, on 31 October 2025.
                var end: [String: Any] = [
                    "name": "撤销工会", "level": "union", "unionType": "enterprise", "parentId": root, "foundedOn": "2020-01-01",
                    "electedOn": "2025-04-10", "termYears": "3", "status": "dissolved", "endedOn": "2025-10-31",
                ]
                let dissolved = try await staff.json(.PUT, "/api/v1/organizations/\(gone)", end)
                #expect(dissolved.status == .ok, "\(dissolved.text)")
                end["name"] = "旧厂工会"
                (end["foundedOn"], end["electedOn"], end["termYears"]) = ("2024-03-01", "2024-03-01", "5")
                let refused = try await staff.json(.PUT, "/api/v1/organizations/\(old)", end)
                #expect(refused.status == .unprocessableEntity && refused.text.contains("在册会员"), "\(refused.text)")
                end["name"] = "撤销工会"
                end["status"] = "active"
                let restored = try await staff.json(.PUT, "/api/v1/organizations/\(gone)", end)
                #expect(restored.status == .unprocessableEntity && restored.text.contains("不能恢复"), "\(restored.text)")

                // Employers: 30 people falling to 6 in September 2025; 12 people covered by the new union from its
                // founding; 20 people registered in 2026. A change dated before the last one recorded is refused.
                func employer(_ body: [String: Any]) async throws -> Int {
                    var b = body
                    b["orgId"] = root
                    let r = try await staff.json(.POST, "/api/v1/employers", b)
                    #expect(r.status == .created, "\(r.text)")
                    return try #require(r.jsonObject["id"] as? Int)
                }
                let shrinking = try await employer(["name": "缩减厂", "headcount": 30, "changedOn": "2025-01-01"])
                let covered = try await employer(["name": "建会厂", "headcount": 12, "changedOn": "2025-01-01"])
                _ = try await employer(["name": "新登记厂", "headcount": 20, "changedOn": "2026-02-01"])
                let shrank = try await staff.json(
                    .PUT, "/api/v1/employers/\(shrinking)", ["name": "缩减厂", "headcount": 6, "orgId": root, "changedOn": "2025-09-01"])
                #expect(shrank.status == .ok, "\(shrank.text)")
                let backdated = try await staff.json(
                    .PUT, "/api/v1/employers/\(shrinking)", ["name": "缩减厂", "headcount": 7, "orgId": root, "changedOn": "2025-06-01"])
                #expect(backdated.status == .unprocessableEntity && backdated.text.contains("2025-09-01"), "\(backdated.text)")
                let unionised = try await staff.json(
                    .PUT, "/api/v1/employers/\(covered)", ["name": "建会厂", "headcount": 12, "orgId": root, "unionId": new, "changedOn": "2025-08-10"])
                #expect(unionised.status == .ok, "\(unionised.text)")

                // Relief: a round of January–February 2025, long ended. Only federation staff enter it late, with a
                // reason; dates outside the round, in the future or before the step before are refused.
                let fund = try #require(try await staff.json(.POST, "/api/v1/relief/funds", ["name": "帮扶资金"]).jsonObject["id"] as? Int)
                _ = try await staff.json(
                    .POST, "/api/v1/relief/funds/\(fund)/entries", ["source": "allocation", "amount": "2,000", "onDate": "2025-01-02"])
                let round = try #require(
                    try await staff.json(
                        .POST, "/api/v1/relief/rounds",
                        ["name": "2025年春节送温暖", "kind": "festival", "startsOn": "2025-01-01", "endsOn": "2025-02-28", "fundId": fund,
                         "budget": "1万", "standard_default": "500", "secondApprovalAbove": "1000"]
                    ).jsonObject["id"] as? Int)
                let apply: [String: Any] = [
                    "roundId": round, "memberId": veteran.id!, "festivalTarget": true, "documents": ["applicationForm"], "appliedOn": "2025-01-20",
                ]
                let officer = try await Client.api(app, w.users["officer"]!)
                let byOfficer = try await officer.json(.POST, "/api/v1/relief/applications", apply.merging(["lateReason": "补录"]) { $1 })
                #expect(byOfficer.status == .conflict && byOfficer.text.contains("总工会工作人员"), "\(byOfficer.text)")
                let noReason = try await staff.json(.POST, "/api/v1/relief/applications", apply)
                #expect(noReason.status == .unprocessableEntity && noReason.text.contains("lateReason"), "\(noReason.text)")
                for day in ["2024-12-30", "2025-03-01", "2026-12-01"] {
                    let r = try await staff.json(
                        .POST, "/api/v1/relief/applications", apply.merging(["appliedOn": day, "lateReason": "补录"]) { $1 })
                    #expect(r.status == .unprocessableEntity && r.text.contains("appliedOn"), "\(day): \(r.text)")
                }
                let created = try await staff.json(
                    .POST, "/api/v1/relief/applications", apply.merging(["lateReason": "系统启用前纸质台账补录"]) { $1 })
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.jsonObject["id"] as? Int)
                let base = "/api/v1/relief/applications/\(id)"
                #expect(try await staff.json(.POST, base + "/steps", ["action": "submit", "date": "2025-01-21"]).status == .ok)
                let early = try await admin.json(.POST, base + "/steps", ["action": "approve", "amount": "500", "date": "2025-01-19"])
                #expect(early.status == .unprocessableEntity && early.text.contains("2025-01-21"), "\(early.text)")
                let future = try await admin.json(.POST, base + "/steps", ["action": "approve", "amount": "500", "date": "2026-12-01"])
                #expect(future.status == .unprocessableEntity, "\(future.text)")
                #expect(try await admin.json(.POST, base + "/steps", ["action": "approve", "amount": "500", "date": "2025-01-25"]).status == .ok)
                let paid = try await staff.json(.POST, base + "/payments", ["token": "late-2025-0001", "paidOn": "2025-02-01"])
                #expect(paid.status == .created, "\(paid.text)")
                let record = try #require(try await ReliefApplication.find(id, on: app.db))
                #expect(record.appliedOn == "2025-01-20" && record.lateReason == "系统启用前纸质台账补录")
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == ReliefAudit.lateEntry.auditCode).count() == 1)

                // A petition of 2025 answered in time, its reply to the transferring body late: no "all in time" claim.
                let petition = try await Fixtures.petition(
                    staff, w, ["receivedOn": "2025-03-03", "source": "transferred", "transferBody": "市总工会", "transferReplyDue": "2025-04-10"])
                for step in [
                    ["action": "accept", "date": "2025-03-05"], ["action": "reply", "date": "2025-03-20", "summary": "已答复"],
                    ["action": "replyToTransferrer", "date": "2025-04-20"],
                ] {
                    let r = try await staff.json(.POST, "/api/v1/petitions/\(petition)/steps", step)
                    #expect(r.status == .ok, "\(r.text)")
                }

                let expected: [(String, Expected)] = [
                    (
                        "year=2025",
                        Expected(
                            unions: 5, newUnions: 1, members: 3, newMembers: 2, employers8: 1, employers8WithUnion: 1, reElectionsHeld: 1,
                            reElectionsOverdue: 0, reliefPeople: 1, reliefMoney: 50_000, applications: 1)
                    ),
                    (
                        "year=2025&half=1",
                        Expected(
                            unions: 5, newUnions: 0, members: 3, newMembers: 1, employers8: 2, employers8WithUnion: 0, reElectionsHeld: 1,
                            reElectionsOverdue: 0, reliefPeople: 1, reliefMoney: 50_000, applications: 1)
                    ),
                    (
                        "year=2025&half=2",
                        Expected(
                            unions: 5, newUnions: 1, members: 3, newMembers: 1, employers8: 1, employers8WithUnion: 1, reElectionsHeld: 0,
                            reElectionsOverdue: 0, reliefPeople: 0, reliefMoney: 0, applications: 0)
                    ),
                    (
                        "year=2026",
                        Expected(
                            unions: 6, newUnions: 1, members: 4, newMembers: 1, employers8: 2, employers8WithUnion: 1, reElectionsHeld: 0,
                            reElectionsOverdue: 3, reliefPeople: 0, reliefMoney: 0, applications: 0)
                    ),
                ]
                var first: [String: [Figure]] = [:]
                for (query, want) in expected {
                    let (summary, values) = try await produce(staff, query)
                    #expect(try figures(values) == want, "\(query)")
                    try checkEachFigure(summary, values, query)
                    first[query] = summary.paragraphs.flatMap(\.figures)
                    if query.hasPrefix("year=2025") {
                        #expect(!summary.paragraphs.contains { $0.text.contains("全部及时处理和回复") }, "\(query)")
                    }
                    if query == "year=2025" {
                        #expect(summary.paragraphs.contains { $0.text.hasPrefix("1、截至2025年12月31日，共有基层工会组织5个（其中全年新建工会1个），会员3人") })
                    }
                    if query == "year=2026" {
                        #expect(summary.paragraphs.contains { $0.text.hasPrefix("1、截至2026年11月18日，共有基层工会组织6个") })
                    }
                }

                // A month later, after records dated in 2026 (a union ended, a member joined, an employer grew), the
                // figures of 2025 are what they were.
                clock.advance(30 * 86_400)
                let ended = try await staff.json(
                    .PUT, "/api/v1/organizations/\(later)",
                    ["name": "后建工会", "level": "union", "unionType": "enterprise", "parentId": root, "foundedOn": "2026-03-01",
                     "status": "dissolved", "endedOn": "2026-12-10"])
                #expect(ended.status == .ok, "\(ended.text)")
                let newcomer = try IDNumber.compose(region: "110105", birth: CalendarDate(clamping: 1990, 1, 1), sequence: 12).value
                let joined = try await staff.json(
                    .POST, "/api/v1/members", ["name": "新会员", "idNumber": newcomer, "unionId": w.unionB.id!, "joinDate": "2026-12-01"])
                #expect(joined.status == .created, "\(joined.text)")
                let grew = try await staff.json(
                    .PUT, "/api/v1/employers/\(shrinking)", ["name": "缩减厂", "headcount": 40, "orgId": root, "changedOn": "2026-12-05"])
                #expect(grew.status == .ok, "\(grew.text)")
                for (query, _) in expected where query.hasPrefix("year=2025") {
                    let (summary, _) = try await produce(staff, query)
                    #expect(summary.paragraphs.flatMap(\.figures) == first[query], "\(query) changed after later records")
                }
            }
        }

        @Test("the demo's summaries of this year, last year and their halves: each figure is the value of the indicator it names")
        func demoFigures() async throws {
            try await withApp { app, _ in
                _ = try await DemoTownship.loadIfEmpty(app)
                let root = try #require(try await Organization.query(on: app.db).filter(\.$parent.$id == nil).first())
                let staff = try await Client.api(app, try await World.user(app, "tester", role: .federationStaff, org: root))
                for query in ["year=2026", "year=2025", "year=2025&half=1", "year=2026&half=1"] {
                    let (summary, values) = try await produce(staff, query)
                    #expect(summary.paragraphs.flatMap(\.figures).count > 20, "\(query)")
                    try checkEachFigure(summary, values, query)
                }
            }
        }

        @Test("a merger moves the members on the roll and the employers to the union merged into, on the day it took effect")
        func merger() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let stays = try await Fixtures.member(app, name: "甲", id: Fixtures.ids[0], union: w.unionB)
                let retired = try await Fixtures.member(app, name: "乙", id: Fixtures.ids[1], union: w.unionB)
                _ = try await staff.json(.POST, "/api/v1/members/\(retired.id!)/status", ["status": "retired", "date": "2024-01-01"])
                let hosted = try await Fixtures.employer(app, "乙公司", headcount: 40, org: w.root, union: w.unionB, since: "2024-01-01")
                let body: [String: Any] = [
                    "name": "乙公司工会", "level": "union", "unionType": "enterprise", "parentId": w.root.id!, "foundedOn": "2020-01-01",
                    "electedOn": "2023-05-01", "termYears": "3", "status": "merged", "endedOn": "2025-06-30",
                ]
                let noTarget = try await staff.json(.PUT, "/api/v1/organizations/\(w.unionB.id!)", body)
                #expect(noTarget.status == .unprocessableEntity && noTarget.text.contains("mergedIntoId"), "\(noTarget.text)")
                let merged = try await staff.json(
                    .PUT, "/api/v1/organizations/\(w.unionB.id!)", body.merging(["mergedIntoId": w.unionA.id!]) { $1 })
                #expect(merged.status == .ok, "\(merged.text)")
                for m in [stays, retired] {
                    #expect(try await Member.find(m.id, on: app.db)?.$union.id == w.unionA.id)
                    let moved = try await MemberEvent.query(on: app.db).filter(\.$member.$id == m.id!).filter(\.$kind == "transfer").first()
                    #expect(moved?.onDate == "2025-06-30" && moved?.fromUnionID == w.unionB.id)
                }
                #expect(try await Employer.find(hosted.id, on: app.db)?.$union.id == w.unionA.id)
                let a = Scope(orgID: w.unionA.id!, path: w.unionA.path)
                // Before the merger the members were the other union's; from that day, this one's.
                #expect(try await Registers.count(Registers.members(in: a, on: CalendarDate(clamping: 2025, 6, 29)), on: app.db) == 0)
                #expect(try await Registers.count(Registers.members(in: a, on: CalendarDate(clamping: 2025, 6, 30)), on: app.db) == 2)
                // And the other way: found through their events although their union is now another (M0025's candidates).
                let b = Scope(orgID: w.unionB.id!, path: w.unionB.path)
                #expect(try await Registers.count(Registers.members(in: b, on: CalendarDate(clamping: 2025, 6, 29)), on: app.db) == 2)
                #expect(try await Registers.count(Registers.members(in: b, on: CalendarDate(clamping: 2025, 6, 30)), on: app.db) == 0)
                let root = w.scope(of: w.root)
                #expect(try await Registers.count(Registers.unions(in: root, on: CalendarDate(clamping: 2025, 6, 29)), on: app.db) == 3)
                #expect(try await Registers.count(Registers.unions(in: root, on: CalendarDate(clamping: 2025, 6, 30)), on: app.db) == 2)
                #expect(
                    try await Registers.count(
                        Registers.employers(in: a, on: CalendarDate(clamping: 2025, 6, 30), atLeast: 8, covered: true), on: app.db) == 1)
            }
        }

        @Test("members are counted per union, all and women; one computation counts a subtree's day once and answers a statement once; the largest unions, ties by name")
        func memberCounts() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                for (i, u) in [w.unionA, w.unionB, w.unionA1].enumerated() {
                    try await Fixtures.member(app, name: "会员\(i)", id: Fixtures.ids[i], union: u)
                }
                let root = w.scope(of: w.root)
                let day = CalendarDate(clamping: 2026, 11, 19)
                let counts = try await Registers.memberCounts(in: root, on: day, on: app.db)
                for u in [w.unionA, w.unionB, w.unionA1] {
                    let women = try await Member.query(on: app.db).filter(\.$union.$id == u.id!).filter(\.$gender == "female").count()
                    #expect(counts[u.id!] == MemberCount(all: 1, women: women), "\(u.name)")
                }
                #expect(counts.values.map(\.women).reduce(0, +) > 0, "the fixture has a woman (its first ID number)")
                // Ties of one member each, by name: 乙 (U+4E59) before 甲, and 甲公司一车间分工会 before 甲公司工会.
                #expect(try await Dashboard.largestUnions(counts, limit: 2, on: app.db).map(\.name) == ["乙公司工会", "甲公司一车间分工会"])

                // Within one computation a second count of the same subtree and day is the first's, even after a change;
                // the next computation counts afresh.
                let withoutUnion = Registers.employers(in: root, on: app.clock.today(in: app.config.timeZone), atLeast: 8, covered: false)
                let (first, nested, other, employers) = try await FigureMemo.around {
                    let first = try await Registers.memberTotal(in: root, on: day, on: app.db)
                    let employers = try await Registers.count(withoutUnion, on: app.db)
                    try await Fixtures.member(app, name: "会员3", id: Fixtures.ids[3], union: w.unionA)
                    try await Fixtures.employer(app, "新登记公司", headcount: 30, org: w.root)
                    let nested = try await FigureMemo.around { try await Registers.memberTotal(in: root, on: day, on: app.db) }
                    let other = try await Registers.memberTotal(in: w.scope(of: w.unionA), on: day, on: app.db)
                    #expect(try await Registers.count(withoutUnion, on: app.db) == employers, "the same statement is answered once")
                    return (first, nested, other, employers)
                }
                #expect(first == 3 && nested == 3, "a nested computation shares the first count")
                #expect(other == 3, "another subtree is counted afresh: 甲公司工会 and its 一车间")
                #expect(try await Registers.count(withoutUnion, on: app.db) == employers + 1, "outside a computation every count is fresh")
                let after = try await Registers.memberCounts(in: root, on: day, on: app.db)
                #expect(after.values.map(\.all).reduce(0, +) == 4)
                let largest = try await Dashboard.largestUnions(after, limit: 2, on: app.db)
                #expect(largest.map(\.name) == ["甲公司工会", "乙公司工会"] && largest.map(\.members) == [2, 1])
            }
        }

        /// The summary and the indicators of one period, as the API gives them.
        func produce(_ c: Client, _ query: String) async throws -> (WorkSummary, [String: IndicatorValue]) {
            let s = try await c.get("/api/v1/reports/summary?" + query)
            #expect(s.status == .ok, "\(s.text)")
            let summary = try JSONDecoder().decode(WorkSummary.self, from: Data(s.text.utf8))
            struct Item: Decodable {
                struct Definition: Decodable { var code: String }
                var definition: Definition
                var value: IndicatorValue
            }
            let list = try await c.get("/api/v1/indicators?" + query)
            let items = try JSONDecoder().decode([Item].self, from: Data(list.text.utf8))
            return (summary, Dictionary(uniqueKeysWithValues: items.map { ($0.definition.code, $0.value) }))
        }

        func figures(_ v: [String: IndicatorValue]) throws -> Expected {
            func n(_ code: String) -> Int { v[code]?.numerator ?? -1 }
            return Expected(
                unions: n("org.unions"), newUnions: n("org.unionsFounded"), members: n("members.total"), newMembers: n("members.new"),
                employers8: v["org.coverage8"]?.denominator ?? -1, employers8WithUnion: n("org.coverage8"),
                reElectionsHeld: n("org.reElectionsHeld"), reElectionsOverdue: n("org.reElectionsOverdue"), reliefPeople: n("relief.people"),
                reliefMoney: n("relief.money"), applications: n("relief.applications"))
        }

        /// Every figure of the summary is the value, the numerator or the denominator of the indicator it names.
        func checkEachFigure(_ s: WorkSummary, _ values: [String: IndicatorValue], _ query: String) throws {
            for p in s.paragraphs {
                for f in p.figures {
                    guard let code = f.indicator?.rawValue else { continue }
                    let v = try #require(values[code], "\(query): \(code) is not an indicator")
                    #expect([v.value, v.numerator, v.denominator].contains(f.value), "\(query) \(p.key): “\(f.text)” is not \(code) \(v)")
                }
            }
        }
    }
}
