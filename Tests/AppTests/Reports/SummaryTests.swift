import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Work summary") struct SummaryTests {
        @Test(
            "drafted from the records: petitions and members phrased with their figures, each linked; Word, Markdown and JSON; bad periods refused"
        )
        func federation() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                // Three transferred by the city federation and two received directly, all answered in time.
                for i in 0..<5 {
                    var extra: [String: Any] = [
                        "receivedOn": "2026-0\(i + 3)-10", "petitionerName": "信访人\(["甲", "乙", "丙", "丁", "戊"][i])", "employerName": "单位\(i)",
                    ]
                    if i < 3 {
                        extra.merge(["source": "transferred", "transferBody": "市总工会", "transferReplyDue": "2026-0\(i + 4)-30"]) { $1 }
                    }
                    let id = try #require(try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, extra)).jsonObject["id"] as? Int)
                    _ = try await staff.json(.POST, "/api/v1/petitions/\(id)/steps", ["action": "accept", "date": "2026-0\(i + 3)-12"])
                    _ = try await staff.json(
                        .POST, "/api/v1/petitions/\(id)/steps", ["action": "reply", "date": "2026-0\(i + 3)-28", "summary": "已答复"])
                    if i < 3 {
                        _ = try await staff.json(
                            .POST, "/api/v1/petitions/\(id)/steps", ["action": "replyToTransferrer", "date": "2026-0\(i + 3)-29"])
                    }
                }
                for (i, id) in Fixtures.ids.prefix(3).enumerated() {
                    try await Fixtures.member(app, name: "会员\(i)", id: id, union: i == 0 ? w.unionA : w.unionB)
                }
                let r = try await staff.get("/api/v1/reports/summary?year=2026")
                #expect(r.status == .ok, "\(r.text)")
                let s = try JSONDecoder().decode(WorkSummary.self, from: Data(r.text.utf8))
                #expect(s.title == "测试镇总工会2026年工作总结")
                let texts = s.paragraphs.map(\.text)
                #expect(texts.contains("1、全年共收到信访事件5宗，其中市总工会转办3宗，镇总工会接访2宗，全部及时处理和回复。"), "\(texts)")
                // The year runs: its unions and members are counted, and said, as of today.
                #expect(texts.contains("1、截至2026年11月18日，共有基层工会组织3个，会员3人。"), "\(texts)")
                #expect(texts.contains("1、有3个基层工会任期届满尚未换届，须抓紧办理。"), "\(texts)")
                #expect(!texts.contains { $0.contains("帮扶") && $0.contains("人（") }, "no relief data, no relief sentence")
                // The web view links each figure to the records behind it.
                let web = try await Client.session(app, w.users["staff"]!)
                let page = try await web.get("/reports/summary?year=2026")
                let link = "/indicators/petitions.transferred?orgId=\(w.root.id!)&year=2026"
                #expect(page.text.contains("href=\"\(link.replacingOccurrences(of: "&", with: "&amp;"))\""), "\(page.text.prefix(3000))")
                let records = try await web.get(link)
                #expect(records.text.contains("<span id=\"record-total\">3</span>"), "\(records.text)")
                #expect(records.text.contains("信访人甲") && !records.text.contains("信访人丁"))
                // Downloads.
                let docx = try await web.get("/reports/summary/docx?year=2026")
                #expect(
                    docx.status == .ok && docx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document"
                )
                #expect(docx.body.readableBytes > 2000 && docx.body.getString(at: 0, length: 2) == "PK")
                let md = try await web.get("/reports/summary/md?year=2026&half=1")
                #expect(md.text.hasPrefix("# 测试镇总工会2026年上半年工作总结") && md.text.contains("## 一、主要工作及成效"))
                #expect(try await web.get("/reports/summary/exe?year=2026").status == .notFound)
                // A grassroots union speaks of its own members; an empty period says nothing it cannot back.
                let union = try JSONDecoder().decode(
                    WorkSummary.self, from: Data(try await staff.get("/api/v1/reports/summary?year=2026&orgId=\(w.unionA.id!)").text.utf8))
                #expect(union.paragraphs.map(\.text).contains { $0.contains("本会现有会员1人") })
                let empty = try JSONDecoder().decode(
                    WorkSummary.self, from: Data(try await staff.get("/api/v1/reports/summary?year=2024").text.utf8))
                #expect(empty.sections.map(\.title) == ["一、主要工作及成效"], "an old period: no problems or plans")
                #expect(
                    empty.paragraphs.flatMap(\.figures).allSatisfy { [IndicatorCode.orgUnions, .membersTotal, .womenShare].contains($0.indicator) },
                    "\(empty.paragraphs.map(\.text))")
                // Bad input.
                let bad = try await staff.get("/api/v1/reports/summary?year=2026&half=3")
                #expect(bad.status == .unprocessableEntity && bad.errorBody?.field == "half")
                let range = try await staff.get("/api/v1/reports/summary?from=2026-05-01")
                #expect(range.status == .unprocessableEntity && range.errorBody?.field == "to")
                let format = try await staff.get("/api/v1/reports/summary?format=pdf")
                #expect(format.status == .unprocessableEntity && format.errorBody?.field == "format")
                let other = try await Client.api(app, w.users["staff2"]!)
                #expect(try await other.get("/api/v1/reports/summary?orgId=\(w.root.id!)").status == .notFound)
                #expect(try await web.get("/reports/summary?year=abc").status == .unprocessableEntity)
            }
        }

        @Test("indicators: values per subtree and period from every module's source; drill-down to the records and a rate's gap")
        func indicators() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                // Three employers of 8+ people, one with a union: coverage 1/3, the gap the other two.
                let employers: [(String, Int, Int?)] = [("甲公司", 30, w.unionA.id), ("丁公司", 12, nil), ("戊公司", 9, nil), ("小店", 3, nil)]
                for (name, headcount, union) in employers {
                    try await Fixtures.employer(app, name, headcount: headcount, org: w.root, union: [w.unionA].first { $0.id == union })
                }
                try await Fixtures.member(app, name: "会员甲", id: Fixtures.ids[0], union: w.unionA)
                let list = try await staff.get("/api/v1/indicators?year=2026")
                #expect(list.status == .ok, "\(list.text)")
                let items = try #require(try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])
                func item(_ code: String) -> [String: Any]? {
                    items.first { ($0["definition"] as? [String: Any])?["code"] as? String == code }
                }
                let coverage = item("org.coverage8")?["value"] as? [String: Any]
                #expect(coverage?["numerator"] as? Int == 1 && coverage?["denominator"] as? Int == 3 && coverage?["value"] as? Int == 33)
                #expect(item("org.coverage8")?["text"] as? String == "33%")
                #expect((item("members.rate")?["value"] as? [String: Any])?["denominator"] as? Int == 30)
                #expect((item("members.total")?["value"] as? [String: Any])?["value"] as? Int == 1)
                let gap = try await staff.get("/api/v1/indicators/org.coverage8/records?year=2026&gap=true")
                let rows = (gap.jsonObject["rows"] as? [[String: Any]])?.compactMap { ($0["cells"] as? [String])?.first }
                #expect(rows == ["丁公司", "戊公司"], "\(gap.text)")
                let unionised = try await staff.get("/api/v1/indicators/org.coverage8/records?year=2026")
                #expect((unionised.jsonObject["rows"] as? [[String: Any]])?.count == 1)
                #expect(try await staff.get("/api/v1/indicators/no.such/records").status == .notFound)
                // A union's subtree sees only its own; another federation cannot ask about this one.
                let b = try await staff.get("/api/v1/indicators/org.coverage8/records?year=2026&gap=true&orgId=\(w.unionB.id!)")
                #expect(b.jsonObject["total"] as? Int == 0)
                let other = try await Client.api(app, w.users["staff2"]!)
                #expect(try await other.get("/api/v1/indicators?orgId=\(w.root.id!)").status == .notFound)
                let web = try await Client.session(app, w.users["leader"]!)
                let page = try await web.get("/indicators/org.coverage8?year=2026&gap=1")
                #expect(page.status == .ok && page.text.contains("尚未建立工会的8人以上企业"))
                #expect(page.text.contains("<span id=\"record-total\">2</span>"))
                #expect(try await web.get("/indicators?year=2026").text.contains("8人以上企业工会组建率"))
                let sheet = try await web.get("/indicators/export.xlsx?year=2026").workbookRows()
                #expect(sheet.first == ["指标", "2026年", "2025年", "单位", "分子", "分母", "口径"], "\(sheet.first ?? [])")
                let coverageRow = sheet.first { $0.first == "8人以上企业工会组建率" } ?? []
                // A rate is the fraction a spreadsheet shows as a percentage, not the text “33%”.
                #expect(Array(coverageRow.prefix(6)) == ["8人以上企业工会组建率", "0.33", "0.33", "%", "1", "3"], "\(coverageRow)")
            }
        }

        @Test(
            "yearly targets: set per indicator, progress with the records that make the gap, unmet ones in 存在的问题, next year's in the plans")
        func targets() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                for (name, headcount, union) in [("甲公司", 30, w.unionA), ("丁公司", 12, nil), ("戊公司", 9, nil)] as [(String, Int, Organization?)] {
                    try await Fixtures.employer(app, name, headcount: headcount, org: w.root, union: union)
                }
                let staff = try await Client.api(app, w.users["staff"]!)
                let set = try await staff.json(.PUT, "/api/v1/targets", ["indicator": "org.coverage8", "year": 2026, "value": "100%"])
                #expect(set.status == .ok, "\(set.text)")
                let line = try #require(set.jsonArray.first)
                let progress = try #require(line["progress"] as? [String: Any])
                #expect(progress["met"] as? Bool == false && progress["gap"] as? Int == 67 && progress["recordsShort"] as? Int == 2)
                #expect(line["actual"] as? String == "33%" && line["gapText"] as? String == "尚差67个百分点")
                #expect(
                    try await staff.json(.PUT, "/api/v1/targets", ["indicator": "org.coverage8", "year": 2027, "value": 100]).status == .ok)
                let unknown = try await staff.json(.PUT, "/api/v1/targets", ["indicator": "weather", "year": 2026, "value": 1])
                #expect(unknown.status == .unprocessableEntity && unknown.errorBody?.field == "indicator")
                let tooHigh = try await staff.json(.PUT, "/api/v1/targets", ["indicator": "org.coverage8", "year": 2026, "value": 120])
                #expect(tooHigh.status == .unprocessableEntity && tooHigh.errorBody?.field == "value")
                let leader = try await Client.api(app, w.users["leader"]!)
                #expect(
                    try await leader.json(.PUT, "/api/v1/targets", ["indicator": "org.coverage8", "year": 2026, "value": 90]).status
                        == .forbidden)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "target.set").count() == 2)

                let s = try JSONDecoder().decode(
                    WorkSummary.self, from: Data(try await staff.get("/api/v1/reports/summary?year=2026").text.utf8))
                let texts = s.paragraphs.map(\.text)
                #expect(texts.contains("1、8人以上企业工会组建率为33%，未达到100%的目标，尚差67个百分点，尚有2家尚未建立工会的8人以上企业。"), "\(texts)")
                #expect(texts.contains("1、确保8人以上企业工会组建率达到100%。"), "\(texts)")
                let web = try await Client.session(app, w.users["staff"]!)
                let page = try await web.get("/targets?year=2026")
                #expect(
                    page.text.contains("尚差67个百分点")
                        && page.text.contains("/indicators/org.coverage8?orgId=\(w.root.id!)&amp;year=2026&amp;gap=1"))
                // Each target can be changed: its link fills the form with it, and saving replaces it.
                #expect(page.text.contains("indicator=org.coverage8&amp;value=100"))
                let edit = try await web.get("/targets?orgId=\(w.root.id!)&year=2026&indicator=org.coverage8&value=100&note=")
                #expect(edit.text.contains("value=\"100\""))
                #expect(try await web.post("/targets", ["indicator": "org.coverage8", "year": "2026", "value": "90"]).status == .seeOther)
                #expect(try await staff.get("/api/v1/targets?year=2026").jsonArray.map { $0["target"] as? String } == ["90%"])
                let bad = try await web.post("/targets", ["indicator": "org.coverage8", "year": "2026", "value": "abc"])
                #expect(bad.status == .unprocessableEntity && bad.text.contains("目标值（%）应为0到100之间的整数"))
                let id = try #require(line["id"] as? Int)
                #expect(try await staff.send(.DELETE, "/api/v1/targets/\(id)").status == .noContent)
                #expect(try await staff.get("/api/v1/targets?year=2026").jsonArray.isEmpty)
            }
        }

        @Test("the dashboard: key figures beside last year, targets, alerts and a server-drawn SVG chart per monthly series")
        func dashboard() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                for (i, month) in ["03", "03", "07"].enumerated() {
                    let body = petitionBody(w, ["receivedOn": "2026-\(month)-10", "petitionerName": "信访人\(i)", "employerName": "单位\(i)"])
                    #expect(try await staff.json(.POST, "/api/v1/petitions", body).status == .created)
                }
                _ = try await staff.json(.PUT, "/api/v1/targets", ["indicator": "members.new", "year": 2026, "value": 5])
                let web = try await Client.session(app, w.users["leader"]!)
                let page = try await web.get("/dashboard?year=2026")
                #expect(page.status == .ok)
                #expect(page.text.contains("收到信访事件") && page.text.contains(">3宗</a>"))
                #expect(page.text.contains("新发展会员") && page.text.contains("<span class=\"badge bad\">尚差"))
                let charts = page.text.components(separatedBy: "<svg ").count - 1
                #expect(charts == app.trendSources.count + 1, "one chart per module's monthly series, and members by union")
                #expect(page.text.contains("<title>3月：2</title>") && page.text.contains("<title>7月：1</title>"))
                #expect(page.text.contains("换届已超期"))
                #expect(try await web.get("/dashboard?year=1900").status == .unprocessableEntity)
            }
        }

        @Test("edits survive regeneration, a changed figure under an edit blocks finalising until checked, and a snapshot never changes")
        func editsAndSnapshots() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                _ = try await staff.json(.POST, "/api/v1/petitions", petitionBody(w, ["receivedOn": "2026-10-10"]))
                let first = try JSONDecoder().decode(
                    WorkSummary.self, from: Data(try await staff.get("/api/v1/reports/summary?year=2026").text.utf8))
                let received = try #require(first.paragraphs.first { $0.key == "petitions.received" })
                let path = "/api/v1/reports/summary/paragraphs"
                let edit = try await staff.json(.PUT, path, ["year": 2026, "key": "petitions.received", "text": "1、全年收到信访1宗，当即受理。"])
                #expect(edit.status == .ok, "\(edit.text)")
                let edited = try JSONDecoder().decode(EditedSummary.self, from: Data(edit.text.utf8))
                #expect(edited.edited == ["petitions.received"] && edited.conflicts.isEmpty)
                let added = try await staff.json(.PUT, path, ["year": 2026, "afterKey": "petitions.received", "text": "开展普法宣传进企业活动。"])
                #expect(added.status == .ok)
                #expect(try await staff.json(.PUT, path, ["year": 2026, "key": "nope", "text": "x"]).errorBody?.field == "key")
                #expect(
                    try await staff.json(
                        .PUT, path, ["year": 2026, "key": "petitions.received", "text": String(repeating: "长", count: 2001)]
                    ).status == .unprocessableEntity)
                let leader = try await Client.api(app, w.users["leader"]!)
                #expect(try await leader.json(.PUT, path, ["year": 2026, "key": "petitions.received", "text": "x"]).status == .forbidden)
                // Regenerated after a new record: the edit stays, the moved figure is a conflict, finalising waits.
                _ = try await staff.json(
                    .POST, "/api/v1/petitions",
                    petitionBody(w, ["receivedOn": "2026-10-11", "petitionerName": "另一人", "employerName": "另一单位"]))
                let regenerated = try await staff.get("/api/v1/reports/summary?year=2026&format=md").text
                #expect(regenerated.contains("1、全年收到信访1宗，当即受理。") && regenerated.contains("开展普法宣传进企业活动。"))
                let blocked = try await staff.json(.POST, "/api/v1/reports/summary/finalize", ["year": 2026])
                #expect(blocked.status == .conflict && blocked.errorBody?.message.contains("请先逐段核对") == true, "\(blocked.text)")
                let kept = try await staff.json(.PUT, path, ["year": 2026, "key": "petitions.received", "text": "1、全年收到信访2宗，均已受理。"])
                #expect(try JSONDecoder().decode(EditedSummary.self, from: Data(kept.text.utf8)).conflicts.isEmpty)
                let final = try await staff.json(.POST, "/api/v1/reports/summary/finalize", ["year": 2026])
                #expect(final.status == .created, "\(final.text)")
                let snapshotID = try #require(final.jsonObject["id"] as? Int)
                let frozen = try await staff.get("/api/v1/reports/snapshots/\(snapshotID)").text
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "summary.finalize").count() == 1)
                // Later records change the draft, never the snapshot; the database refuses to alter it.
                _ = try await staff.json(.PUT, path, ["year": 2026, "key": "petitions.received", "text": ""])
                func canonical(_ text: String) throws -> Data {
                    try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(text.utf8)), options: .sortedKeys)
                }
                #expect(try canonical(try await staff.get("/api/v1/reports/snapshots/\(snapshotID)").text) == (try canonical(frozen)))
                #expect(frozen.contains("全年收到信访2宗，均已受理") && !received.text.isEmpty)
                await #expect(throws: (any Error).self) {
                    try await (app.db as! any SQLDatabase).raw("UPDATE summary_snapshots SET title = 'x'").run()
                }
                let web = try await Client.session(app, w.users["staff"]!)
                let page = try await web.get("/reports/summary?year=2026")
                #expect(page.text.contains("<summary>修改</summary>") && page.text.contains("已定稿版本"))
                #expect(
                    !(try await Client.session(app, w.users["leader"]!).get("/reports/summary?year=2026")).text.contains(
                        "<summary>修改</summary>"))
                let snapshotPage = try await web.get("/reports/snapshots/\(snapshotID)")
                #expect(snapshotPage.status == .ok && snapshotPage.text.contains("定稿后的文字和数字不再随记录变化"))
                #expect(try await web.get("/reports/snapshots/\(snapshotID)/docx").body.getString(at: 0, length: 2) == "PK")
                let other = try await Client.api(app, w.users["staff2"]!)
                #expect(try await other.get("/api/v1/reports/snapshots/\(snapshotID)").status == .notFound)
            }
        }
    }
}
