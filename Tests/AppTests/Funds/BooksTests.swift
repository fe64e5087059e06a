import Domain
import Fluent
import NIOCore
import Office
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Union books") struct BooksTests {
        @Test("welfare against the province's standard: per person per year, in kind only; the refusal names the standard")
        func welfareCaps() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let officer = try await Client.api(app, w.users["officer"]!)
                let gift: [String: Any] = [
                    "orgId": w.unionA.id!, "side": "expense", "category": "activities", "amount": "16000", "on": "2026-01-20", "description": "春节慰问品",
                    "welfare": "festival", "people": 10, "form": "inKind",
                ]
                var r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift)
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "amount", "\(r.text)")
                #expect(r.errorBody?.message.contains("超过节日慰问标准：每人每年不超过1500元") == true)
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["amount": "10000", "form": "card"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "form" && r.errorBody?.message.contains("不得发放现金、购物卡") == true)
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["amount": "4000"]) { $1 })
                #expect(r.status == .created && r.jsonObject["standing"] as? String == "counted", "\(r.text)")
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["amount": "12000", "on": "2026-09-20", "description": "中秋慰问品"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("本年已人均400元") == true, "the year's gifts count together: \(r.text)")
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["amount": "10000", "on": "2026-09-20", "description": "中秋慰问品"]) { $1 })
                #expect(r.status == .created && r.jsonObject["standing"] as? String == "pending", "5000元 or more waits for approval: \(r.text)")
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["amount": "2000", "on": "2026-10-01", "description": "国庆慰问品"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("本年已人均1400元") == true, "waiting entries count against the standard")
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["amount": "4000", "on": "2025-09-20", "description": "去年中秋"]) { $1 })
                #expect(r.status == .created, "another year starts again")
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["welfare": "birthday", "amount": "3500", "people": 10]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.message.contains("每人每次不超过300元") == true)
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", gift.merging(["side": "income", "category": "subsidy"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "welfare")
                let other = try await Client.api(app, try await World.user(app, "officerB", role: .unionOfficer, org: w.unionB))
                r = try await other.json(.POST, "/api/v1/funds/books/entries", gift.merging(["amount": "1000"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "orgId", "another union's books")
                #expect(try await BookEntry.query(on: app.db).count() == 3, "only the three within the standard")
            }
        }

        @Test("the budget: spending over it needs its reason and a second person; above the threshold too; reversal; the year's lines and 收支表")
        func budgetAndApproval() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let officer = try await Client.api(app, w.users["officer"]!)
                let checker = try await Client.api(app, try await World.user(app, "checkerA", role: .unionOfficer, org: w.unionA))
                var r = try await officer.json(.POST, "/api/v1/funds/books/budgets", ["orgId": w.unionA.id!, "year": 2026, "category": "activities", "amount": "10000"])
                #expect(r.status == .created, "\(r.text)")
                r = try await officer.json(.POST, "/api/v1/funds/books/budgets", ["orgId": w.unionA.id!, "year": 2026, "category": "subsidy", "amount": "1"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "category", "a budget is of spending")
                let spend: [String: Any] = ["orgId": w.unionA.id!, "side": "expense", "category": "activities", "amount": "4000", "on": "2026-05-01", "description": "职工运动会"]
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", spend)
                #expect(r.status == .created && r.jsonObject["standing"] as? String == "counted")
                let first = try #require(r.jsonObject["id"] as? Int)
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", spend.merging(["amount": "7000", "description": "文艺晚会"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "overReason" && r.errorBody?.message.contains("超出本年度预算") == true, "\(r.text)")
                r = try await officer.json(.POST, "/api/v1/funds/books/entries", spend.merging(["amount": "7000", "description": "文艺晚会", "overReason": "工会委员会同意追加"]) { $1 })
                #expect(r.status == .created && r.jsonObject["standing"] as? String == "pending" && r.jsonObject["overBudget"] as? Bool == true)
                let over = try #require(r.jsonObject["id"] as? Int)
                r = try await officer.json(.POST, "/api/v1/funds/books/entries/\(over)/decision", ["approved": true])
                #expect(r.status == .forbidden && r.errorBody?.message.contains("双人复核") == true, "not by its maker")
                r = try await checker.json(.POST, "/api/v1/funds/books/entries/\(over)/decision", ["approved": false])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "note", "a refusal says why")
                var books = try await officer.get("/api/v1/funds/books?orgId=\(w.unionA.id!)&year=2026")
                var line = try #require((books.jsonObject["lines"] as? [[String: Any]])?.first { $0["category"] as? String == "activities" })
                #expect(line["actual"] as? Int == 4_000_00 && line["pending"] as? Int == 7_000_00, "pending does not count: \(line)")
                r = try await checker.json(.POST, "/api/v1/funds/books/entries/\(over)/decision", ["approved": true, "note": "同意"])
                #expect(r.status == .ok && r.jsonObject["standing"] as? String == "counted")
                r = try await checker.json(.POST, "/api/v1/funds/books/entries/\(over)/decision", ["approved": true])
                #expect(r.status == .conflict)
                r = try await officer.json(
                    .POST, "/api/v1/funds/books/entries", ["orgId": w.unionA.id!, "side": "expense", "category": "capital", "amount": "6000", "on": "2026-06-01", "description": "购置健身器材"])
                #expect(r.jsonObject["standing"] as? String == "pending", "5000元 or more waits for approval")
                let pending = try #require(r.jsonObject["id"] as? Int)
                r = try await officer.json(.POST, "/api/v1/funds/books/entries/\(pending)/reverse", ["on": "2026-06-02", "reason": "撤回"])
                #expect(r.status == .conflict, "what never counted is not reversed")
                r = try await officer.json(.POST, "/api/v1/funds/books/entries/\(first)/reverse", ["on": "2026-05-02", "reason": "重复记账"])
                #expect(r.status == .created && r.jsonObject["amount"] as? Int == -4_000_00)
                books = try await officer.get("/api/v1/funds/books?orgId=\(w.unionA.id!)&year=2026")
                line = try #require((books.jsonObject["lines"] as? [[String: Any]])?.first { $0["category"] as? String == "activities" })
                #expect(line["actual"] as? Int == 7_000_00 && line["budget"] as? Int == 10_000_00)
                await #expect(throws: (any Error).self) { try await app.db.sql.raw("DELETE FROM book_entries").run() }
                // An invoice, the page and the 收支表.
                var h = HTTPHeaders()
                h.contentType = HTTPMediaType(type: "image", subType: "png")
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
                r = try await officer.send(.POST, "/api/v1/funds/books/entries/\(over)/files?name=发票.png", headers: h, body: ByteBuffer(bytes: png))
                #expect(r.status == .created, "\(r.text)")
                let web = try await Client.session(app, w.users["officer"]!)
                let page = try await web.get("/funds/books/entries/\(over)")
                #expect(page.status == .ok && page.text.contains("发票.png") && page.text.contains("工会委员会同意追加"))
                let cells = try await web.get("/funds/books/export.xlsx?orgId=\(w.unionA.id!)&year=2026").workbookCells()
                let activities = try #require(cells.first { $0.count > 3 && $0[1].text == "职工活动支出" })
                #expect(activities[2] == Cell(.number, "10000.00") && activities[3] == Cell(.number, "7000.00"), "\(activities)")
                let stranger = try await Client.api(app, try await World.user(app, "officerB2", role: .unionOfficer, org: w.unionB))
                #expect(try await stranger.get("/api/v1/funds/books?orgId=\(w.unionA.id!)&year=2026").status == .notFound)
                let stats = try await officer.get("/api/v1/funds/stats?year=2026&orgId=\(w.unionA.id!)")
                #expect(stats.jsonObject["booksExpense"] as? Int == 7_000_00 && stats.jsonObject["budget"] as? Int == 10_000_00)
            }
        }
    }
}

extension AppTests.BooksTests {
    @Test("member dues month by month where a union collects them; the rule's example from the configured rate")
    func memberDues() async throws {
        try await withApp { app, _ in
            let w = try await World.make(app)
            let officer = try await Client.api(app, w.users["officer"]!)
            let web = try await Client.session(app, w.users["officer"]!)
            #expect(!(try await web.get("/funds/books?year=2026").text.contains("id=\"member-dues\"")), "no dues collected, no table")
            for month in ["2026-01-20", "2026-02-20", "2026-04-20"] {
                let r = try await officer.json(
                    .POST, "/api/v1/funds/books/entries",
                    ["orgId": w.unionA.id!, "side": "income", "category": "memberDues", "amount": "300", "on": month, "description": "会员会费"])
                #expect(r.status == .created)
            }
            let page = try await web.get("/funds/books?year=2026")
            let table = String(page.text.split(separator: "id=\"member-dues\"").last ?? "")
            #expect(table.contains("2026年3月") && table.contains("badge warn\">未收") && table.contains("2026年11月"))
            #expect(page.text.contains("月工资3456元交17.25元"))
        }
    }
}
