import Domain
import Fluent
import Foundation
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
                #expect(texts.contains("1、截至2026年12月31日，共有基层工会组织3个，会员3人。"), "\(texts)")
                #expect(texts.contains("1、有3个基层工会任期届满尚未换届，须抓紧办理。"), "\(texts)")
                #expect(!texts.contains { $0.contains("帮扶") && $0.contains("人（") }, "no relief data, no relief sentence")
                // The web view links each figure to the records behind it.
                let web = try await Client.session(app, w.users["staff"]!)
                let page = try await web.get("/reports/summary?year=2026")
                #expect(
                    page.text.contains("href=\"/petitions/register?from=2026-01-01&amp;to=2026-12-31&amp;source=transferred\""),
                    "\(page.text.prefix(3000))")
                let register = try await web.get("/petitions/register?from=2026-01-01&to=2026-12-31&source=transferred")
                #expect(register.text.contains("<span id=\"petition-total\">3</span>"))
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
                    empty.paragraphs.flatMap(\.figures).allSatisfy { ["org.unions", "members.total"].contains($0.indicator) },
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
    }
}
