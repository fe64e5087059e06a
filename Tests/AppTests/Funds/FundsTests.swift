import Domain
import Fluent
import NIOCore
import Office
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Union funds") struct FundsTests {
        /// Two employers with credit codes: 甲 with a union, 乙 without; and 丙 in the other federation.
        struct Setup {
            var w: World
            var a: Employer
            var b: Employer
            var c: Employer
            var staff: Client
        }

        static func setup(_ app: Application) async throws -> Setup {
            let w = try await World.make(app)
            var made: [Employer] = []
            for (name, code, org, union) in [
                ("甲电子有限公司", "91440101MA5AAAAA1X", w.root, Optional(w.unionA)), ("乙商贸有限公司", "91440101MA5BBBBB2X", w.root, nil),
                ("邻镇丙公司", "91440101MA5CCCCC3X", w.other, Optional(w.unionC)),
            ] {
                let e = try await Fixtures.employer(app, name, headcount: 60, org: org, union: union)
                e.creditCode = code
                try await e.update(on: app.db)
                made.append(e)
            }
            return Setup(w: w, a: made[0], b: made[1], c: made[2], staff: try await Client.api(app, w.users["staff"]!))
        }

        static func importList(_ api: Client, _ app: Application, _ text: String) async throws -> [String: Any] {
            let r = try await api.send(.POST, "/api/v1/funds/import", headers: ["Content-Type": "text/csv"], body: ByteBuffer(string: text))
            #expect(r.status == .accepted, "\(r.text)")
            try await ImportJobs.drain(app)
            let job = try await api.get(try #require(r.headers.first(name: .location)))
            return try #require(job.jsonObject["report"] as? [String: Any], "\(job.text)")
        }

        static let taxList = """
            税务代收工会经费明细
            纳税人识别号,纳税人名称,费款所属期,计费依据,实缴金额,入库日期
            91440101MA5AAAAA1X,甲电子有限公司,2026-09-01至2026-09-30,300000,6000,2026-10-12
            91440101MA5AAAAA1X,甲电子有限公司,2026-10-01至2026-10-31,300000,6000,2026-11-10
            91440101MA5BBBBB2X,乙商贸有限公司,2026年10月,,1000,2026-11-11
            """

        @Test("the tax bureau's list: matched by credit code, all or nothing, the same list twice changes nothing; 筹备金 where there is no union")
        func taxImport() async throws {
            try await withApp { app, _ in
                let s = try await Self.setup(app)
                let bad = Self.taxList + """

                    91440101MA5CCCCC3X,邻镇丙公司,2026-10,100000,2000,2026-11-10
                    91440101MA5ZZZZZ9X,未登记公司,2026-10,100000,2000,2026-11-10
                    91440101MA5AAAAA1X,甲电子有限公司,2026-10-01至2026-10-31,300000,6000,2026-11-10
                    91440101MA5BBBBB2X,乙商贸有限公司,2027-01,50000,1000,2026-11-11
                    """
                var r = try await Self.importList(s.staff, app, bad)
                #expect(r["invalid"] as? Int == 4 && r["duplicates"] as? Int == 1 && r["inserted"] as? Int == 0, "\(r)")
                let errors = try #require(r["errors"] as? [[String: Any]])
                #expect(errors.filter { ($0["message"] as? String)?.contains("单位名录中没有统一社会信用代码") == true }.count == 2, "another federation's and an unknown code")
                #expect(errors.contains { $0["column"] as? String == "所属期" && ($0["message"] as? String)?.contains("不能晚于") == true })
                #expect(try await DuesReceipt.query(on: app.db).count() == 0, "all or nothing")
                r = try await Self.importList(s.staff, app, Self.taxList)
                #expect(r["inserted"] as? Int == 3 && r["invalid"] as? Int == 0, "\(r)")
                r = try await Self.importList(s.staff, app, Self.taxList)
                #expect(r["inserted"] as? Int == 0 && r["existing"] as? Int == 3, "the same list again: \(r)")
                #expect(try await DuesReceipt.query(on: app.db).count() == 3)
                let b = try #require(try await DuesReceipt.query(on: app.db).filter(\.$employer.$id == s.b.id!).first())
                #expect(b.stream == "preparatory" && b.base == 50_000_00 && b.channel == "tax", "no union: 筹备金; the base from 2%")
                let wrong = try await s.staff.send(
                    .POST, "/api/v1/funds/import", headers: ["Content-Type": "text/csv"], body: ByteBuffer(string: "单位,金额\n甲电子有限公司,6000\n"))
                try await ImportJobs.drain(app)
                let job = try await s.staff.get(try #require(wrong.headers.first(name: .location)))
                #expect(job.jsonObject["status"] as? String == "failed" && job.text.contains("统一社会信用代码"), "a list without its columns: \(job.text)")
            }
        }

        @Test("对账: each month's tax list against the bank; a difference is open until explained, and opens again when it changes")
        func reconciliation() async throws {
            try await withApp { app, _ in
                let s = try await Self.setup(app)
                _ = try await Self.importList(s.staff, app, Self.taxList)
                func states() async throws -> [String: String] {
                    let r = try await s.staff.get("/api/v1/funds/reconciliation")
                    return Dictionary(uniqueKeysWithValues: r.jsonArray.compactMap { l in (l["month"] as? String).map { ($0, "\(l["state"] ?? "")") } })
                }
                #expect(try await states() == ["2026-09": "open", "2026-10": "open"], "nothing reached the bank yet")
                var r = try await s.staff.json(.POST, "/api/v1/funds/reconciliation/transfers", ["month": "2026-09", "amount": "6000", "receivedOn": "2026-10-25"])
                #expect(r.status == .created, "\(r.text)")
                r = try await s.staff.json(.POST, "/api/v1/funds/reconciliation/transfers", ["month": "2026-10", "amount": "6500", "receivedOn": "2026-11-16"])
                #expect(try await states() == ["2026-09": "matched", "2026-10": "open"])
                r = try await s.staff.json(.POST, "/api/v1/funds/reconciliation/notes", ["month": "2026-09", "note": "一致"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "month", "a matched month needs no explanation")
                r = try await s.staff.json(.POST, "/api/v1/funds/reconciliation/notes", ["month": "2026-10", "note": "乙商贸退费500元"])
                #expect(r.status == .created)
                #expect(try await states()["2026-10"] == "explained")
                r = try await s.staff.json(.POST, "/api/v1/funds/reconciliation/transfers", ["month": "2026-10", "amount": "200", "receivedOn": "2026-11-18"])
                #expect(try await states()["2026-10"] == "open", "the difference changed: explained no more")
                for (body, field) in [
                    (["month": "2026-12", "amount": "1", "receivedOn": "2026-11-18"], "month"), (["month": "2026-10", "amount": "0", "receivedOn": "2026-11-18"], "amount"),
                    (["month": "2026-10", "amount": "1", "receivedOn": "2026-09-30"], "receivedOn"),
                ] {
                    r = try await s.staff.json(.POST, "/api/v1/funds/reconciliation/transfers", body)
                    #expect(r.status == .unprocessableEntity && r.errorBody?.field == field, "\(body)")
                }
                let page = try await Client.session(app, s.w.users["staff"]!).get("/funds/reconciliation")
                #expect(page.status == .ok && page.text.contains("待核对") && page.text.contains("2026年10月"))
            }
        }

        @Test("receipts, arrears with their age, a reversal, and the period's figures unchanged by what is entered later")
        func receiptsAndArrears() async throws {
            try await withApp { app, clock in
                let s = try await Self.setup(app)
                let api = s.staff
                var r = try await api.json(.POST, "/api/v1/funds/payers", ["employerId": s.a.id!, "since": "2026-01", "base": "300000", "channel": "direct"])
                #expect(r.status == .created, "\(r.text)")
                for (month, day) in [("2026-01", "2026-02-10"), ("2026-02", "2026-03-12"), ("2026-04", "2026-06-30")] {
                    r = try await api.json(
                        .POST, "/api/v1/funds/receipts", ["employerId": s.a.id!, "month": month, "base": "300000", "channel": "direct", "receivedOn": day])
                    #expect(r.status == .created && r.jsonObject["amount"] as? Int == 6_000_00, "\(r.text)")
                }
                let arrears = try await api.get("/api/v1/funds/arrears")
                let a = try #require(arrears.jsonArray.first)
                let months = (a["lines"] as? [[String: Any]])?.compactMap { $0["month"] as? String }
                #expect(months == ["2026-03", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"], "on 18 November: \(arrears.text)")
                #expect((a["lines"] as? [[String: Any]])?.first?["age"] as? String == "over180" && a["owed"] as? Int == 7 * 6_000_00)
                let h1 = try await api.get("/api/v1/funds/stats?year=2026&half=1")
                #expect(h1.jsonObject["received"] as? Int == 18_000_00 && h1.jsonObject["payingEmployers"] as? Int == 1, "\(h1.text)")
                #expect(h1.jsonObject["arrears"] as? Int == 2 * 6_000_00, "on 30 June March and May were owed (April's arrived that day)")
                // A duplicate entered and taken back: the reversal counts on its own day, the original stays.
                r = try await api.json(
                    .POST, "/api/v1/funds/receipts", ["employerId": s.a.id!, "month": "2026-03", "base": "300000", "channel": "direct", "receivedOn": "2026-11-18"])
                let dup = try #require(r.jsonObject["id"] as? Int)
                r = try await api.json(.POST, "/api/v1/funds/receipts/\(dup)/reverse", ["on": "2026-11-18", "reason": "重复登记"])
                #expect(r.status == .created && r.jsonObject["amount"] as? Int == -6_000_00, "\(r.text)")
                r = try await api.json(.POST, "/api/v1/funds/receipts/\(dup)/reverse", ["on": "2026-11-18", "reason": "再冲一次"])
                #expect(r.status == .conflict)
                #expect(try await DuesReceipt.query(on: app.db).count() == 5)
                let year = try await api.get("/api/v1/funds/stats?year=2026")
                #expect(year.jsonObject["received"] as? Int == 18_000_00)
                // Later entries dated later leave the first half as it was.
                clock.advance(86_400)
                let again = try await api.get("/api/v1/funds/stats?year=2026&half=1")
                #expect(again.jsonObject["received"] as? Int == 18_000_00 && again.jsonObject["arrears"] as? Int == 2 * 6_000_00)
                // Money records are append-only at the database too.
                await #expect(throws: (any Error).self) { try await app.db.sql.raw("UPDATE dues_receipts SET amount = 1").run() }
            }
        }

        @Test("the arrears read each employer's months as one packed row: amounts by month, reversals negative, odd pieces left out")
        func packedMonths() throws {
            let months = DuesArrearsList.monthAmounts("2026-01:600000,2026-02:-500,2026-13:1,x,2026-03:,2026-04:7:8,,2026-05:12")
            let jan = try #require(Month(parsing: "2026-01"))
            #expect(months == [jan: 600_000, jan.adding(1): -500, jan.adding(4): 12])
            #expect(DuesArrearsList.monthAmounts("").isEmpty)
        }

        @Test("the period's receipts read once give what each figure's own set counts and sums (the demo: two years, the township and a union)")
        func receiptTotals() async throws {
            try await withApp { app, _ in
                _ = try #require(try await DemoTownship.loadIfEmpty(app))
                let root = try #require(try await Organization.query(on: app.db).filter(\.$name == "示例镇总工会").first())
                let union = try #require(
                    try await Organization.query(on: app.db).filter(\.$level == OrgLevel.union.rawValue).sort(\.$id).first())
                let db = app.db
                for org in [root, union] {
                    let scope = Scope(orgID: try org.requireID(), path: org.path)
                    for year in [2025, 2026] {
                        let (from, to, asOf) = (CalendarDate(clamping: year, 1, 1), CalendarDate(clamping: year, 12, 31), CalendarDate(clamping: year, 11, 18))
                        let t = try await FundsStats.receiptTotals(in: scope, from: from, to: to, asOf: asOf, on: db)
                        func sum(_ filter: SQLQueryString) async throws -> Int {
                            try await Registers.sum(FundsStats.receipts(in: scope, from: from, to: to, filter: filter), "amount", on: db)
                        }
                        let paying = try await Registers.count(FundsStats.paying(in: scope, from: from, to: to), on: db)
                        let complete = try await Registers.count(FundsStats.paying(in: scope, from: from, to: to, asOf: asOf, complete: true), on: db)
                        let (received, tax, preparatory) = (
                            try await sum(""), try await sum(" AND \(FundsStats.taxCollected("r"))"), try await sum(" AND \(FundsStats.preparatory("r"))")
                        )
                        #expect(t.paying == paying && t.complete == complete, "\(org.name) \(year)")
                        #expect(t.received == received && t.tax == tax && t.preparatory == preparatory, "\(org.name) \(year)")
                        if org.id == root.id && year == 2026 {
                            // Not a comparison of zeros: the township's year has each kind of receipt.
                            #expect(paying > complete && complete > 0 && received > tax && tax > 0 && preparatory > 0, "\(t)")
                        }
                    }
                }
            }
        }

        @Test("bad input: each refused with its field named, nothing saved")
        func badInput() async throws {
            try await withApp { app, _ in
                let s = try await Self.setup(app)
                let good: [String: Any] = ["employerId": s.a.id!, "month": "2026-10", "base": "300000", "channel": "tax", "receivedOn": "2026-11-10"]
                let cases: [(String, [String: Any], String)] = [
                    ("a negative base", good.merging(["base": "-300000"]) { $1 }, "base"),
                    ("a month in the future", good.merging(["month": "2026-12"]) { $1 }, "month"),
                    ("an employer outside the subtree", good.merging(["employerId": s.c.id!]) { $1 }, "employerId"),
                    ("received before its month", good.merging(["receivedOn": "2026-09-30"]) { $1 }, "receivedOn"),
                    ("received in the future", good.merging(["receivedOn": "2026-11-20"]) { $1 }, "receivedOn"),
                    ("a zero amount", good.merging(["amount": "0"]) { $1 }, "amount"),
                    ("a third decimal", good.merging(["amount": "1.234"]) { $1 }, "amount"),
                    ("no channel", good.merging(["channel": ""]) { $1 }, "channel"),
                ]
                for (what, body, field) in cases {
                    let r = try await s.staff.json(.POST, "/api/v1/funds/receipts", body)
                    #expect(r.status == .unprocessableEntity && r.errorBody?.field == field, "\(what): \(r.text)")
                    #expect(r.errorBody?.message.isEmpty == false)
                }
                var r = try await s.staff.json(.POST, "/api/v1/funds/payers", ["employerId": s.a.id!, "since": "2026-05", "base": "1", "channel": "tax", "endsWith": "2026-03"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "endsWith")
                r = try await s.staff.json(.POST, "/api/v1/funds/formalities", ["employerId": s.a.id!, "on": "2026-11-01", "done": ["盖章"]])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "done")
                r = try await s.staff.json(.POST, "/api/v1/funds/returns", ["from": "2026-09", "to": "2026-03", "on": "2026-11-01"])
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "to")
                let counts = [
                    try await DuesReceipt.query(on: app.db).count(), try await DuesPayer.query(on: app.db).count(),
                    try await ReturnFormality.query(on: app.db).count(), try await ReturnBatch.query(on: app.db).count(),
                ]
                #expect(counts == [0, 0, 0, 0], "nothing half-saved")
                let officer = try await Client.api(app, s.w.users["officer"]!)
                r = try await officer.json(.POST, "/api/v1/funds/receipts", good)
                #expect(r.status == .forbidden, "a union's officer does not record the federation's receipts")
            }
        }

        @Test("returns: only complete formalities and dues (never 筹备金), each receipt once, paid on a second person's approval")
        func returns() async throws {
            try await withApp { app, _ in
                let s = try await Self.setup(app)
                _ = try await Self.importList(s.staff, app, Self.taxList)
                var r = try await s.staff.json(.POST, "/api/v1/funds/returns", ["from": "2026-09", "to": "2026-10", "on": "2026-11-15"])
                #expect(r.status == .conflict && r.errorBody?.field == "from", "no formalities yet: \(r.text)")
                r = try await s.staff.json(.POST, "/api/v1/funds/formalities", ["employerId": s.a.id!, "on": "2026-11-01", "done": FundsRules().formalities])
                #expect(r.status == .created && r.jsonObject["complete"] as? Bool == true, "\(r.text)")
                r = try await s.staff.json(.POST, "/api/v1/funds/formalities", ["employerId": s.b.id!, "on": "2026-11-01", "done": FundsRules().formalities])
                #expect(r.jsonObject["complete"] as? Bool == false, "without a union the formalities are never complete")
                r = try await s.staff.json(.POST, "/api/v1/funds/returns", ["from": "2026-09", "to": "2026-10", "on": "2026-11-15"])
                #expect(r.status == .created, "\(r.text)")
                let batch = try #require(r.jsonObject["id"] as? Int)
                let lines = try #require(r.jsonObject["lines"] as? [[String: Any]])
                #expect(lines.count == 1 && lines.first?["amount"] as? Int == 7_200_00 && r.jsonObject["total"] as? Int == 7_200_00, "60% of 12,000: \(r.text)")
                r = try await s.staff.json(.POST, "/api/v1/funds/returns", ["from": "2026-09", "to": "2026-10", "on": "2026-11-16"])
                #expect(r.status == .conflict, "nothing left to return")
                let pay: [String: Any] = ["status": "returned", "on": "2026-11-18", "note": "回单123"]
                r = try await s.staff.json(.POST, "/api/v1/funds/returns/\(batch)/pay", pay)
                #expect(r.status == .forbidden && r.errorBody?.message.contains("双人复核") == true, "the maker cannot approve: \(r.text)")
                let checker = try await Client.api(app, try await World.user(app, "checker", role: .federationStaff, org: s.w.root))
                r = try await checker.json(.POST, "/api/v1/funds/returns/\(batch)/pay", pay.merging(["on": "2026-11-14"]) { $1 })
                #expect(r.status == .unprocessableEntity && r.errorBody?.field == "on", "paid before it was drawn up")
                r = try await checker.json(.POST, "/api/v1/funds/returns/\(batch)/pay", pay)
                #expect(r.status == .ok && r.jsonObject["status"] as? String == "returned", "\(r.text)")
                r = try await checker.json(.POST, "/api/v1/funds/returns/\(batch)/pay", pay)
                #expect(r.status == .conflict)
                let returned = try #require(try await DuesReceipt.query(on: app.db).filter(\.$employer.$id == s.a.id!).first())
                r = try await s.staff.json(.POST, "/api/v1/funds/receipts/\(returned.id!)/reverse", ["on": "2026-11-18", "reason": "退费"])
                #expect(r.status == .conflict, "a returned receipt is not taken back")
                let stats = try await s.staff.get("/api/v1/funds/stats?year=2026")
                #expect(stats.jsonObject["returned"] as? Int == 7_200_00 && stats.jsonObject["returnsComplete"] as? Int == 1)
                #expect(stats.jsonObject["payingEmployers"] as? Int == 2 && stats.jsonObject["preparatory"] as? Int == 1_000_00)
                let stranger = try await Client.api(app, s.w.users["staff2"]!)
                #expect(try await stranger.get("/api/v1/funds/returns/\(batch)").status == .notFound)
            }
        }

        @Test("the pages: overview figures linked to their records, a refusal beside its field, reversal asked first, exports with numbers as numbers")
        func pages() async throws {
            try await withApp { app, _ in
                let s = try await Self.setup(app)
                _ = try await Self.importList(s.staff, app, Self.taxList)
                let web = try await Client.session(app, s.w.users["staff"]!)
                var r = try await web.get("/funds")
                #expect(r.status == .ok && r.text.contains("缴交工会经费的企业") && r.text.contains("/indicators/funds.payingEmployers?year=2026"))
                r = try await web.post("/funds/receipts", ["employerId": String(s.a.id!), "month": "2026-11", "base": "-1", "channel": "direct", "receivedOn": "2026-11-18"])
                #expect(r.status == .unprocessableEntity && r.text.contains("id=\"base-error\"") && r.text.contains("不能为负数"))
                r = try await web.post("/funds/receipts", ["employerId": String(s.a.id!), "month": "2026-11", "base": "300000", "channel": "direct", "receivedOn": "2026-11-18"])
                #expect(r.status == .seeOther)
                let id = try #require(try await DuesReceipt.query(on: app.db).filter(\.$channel == "direct").first()?.id)
                r = try await web.post("/funds/receipts/\(id)/reverse", ["form": "reverse", "on": "2026-11-18", "reason": ""])
                #expect(r.status == .unprocessableEntity && r.text.contains("id=\"reverse-reason-error\""))
                r = try await web.post("/funds/receipts/\(id)/reverse", ["form": "reverse", "on": "2026-11-18", "reason": "金额有误"])
                #expect(r.status == .ok && r.text.contains("确认冲销"), "asked first")
                #expect(try await DuesReceipt.query(on: app.db).filter(\.$reversesID == id).count() == 0)
                r = try await web.post("/funds/receipts/\(id)/reverse", ["form": "reverse", "on": "2026-11-18", "reason": "金额有误", "confirmed": "1"])
                #expect(r.status == .seeOther)
                r = try await web.get("/funds/employers/\(s.a.id!)")
                #expect(r.status == .ok && r.text.contains("尚未完善") && r.text.contains("工会法人资格证书"))
                r = try await web.post("/funds/employers/\(s.a.id!)/payers", ["form": "payer", "since": "2026-01", "base": "300000", "channel": "tax"])
                #expect(r.status == .seeOther)
                let export = try await web.get("/funds/arrears.xlsx")
                let rows = try export.workbookCells()
                #expect(rows.first?.first?.text == "单位名称" && rows.count > 1 && rows.dropFirst().allSatisfy { $0[0].text == "甲电子有限公司" })
                #expect(rows.dropFirst().first?[4] == Cell(.number, "6000.00"), "欠缴 as a number: \(rows)")
                let records = try await web.get("/indicators/funds.received?year=2026")
                #expect(records.status == .ok && records.text.contains("乙商贸有限公司"))
            }
        }
    }
}
