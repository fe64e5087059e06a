import Domain
import Fluent
import Foundation
import NIOCore
import Office
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppTests {
    @Suite("Hardship assistance") struct ReliefTests {
        @Test("draft → submitted → approved → paid over the API; no step skipped; one payment per token; reversal; the ledger balances")
        func workflow() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let m = try await Fixtures.member(app, name: "王小红", id: Fixtures.ids[1], union: w.unionA)
                let officer = try await Client.api(app, w.users["officer"]!)
                let created = try await officer.json(
                    .POST, "/api/v1/relief/applications",
                    ["roundId": s.roundID, "memberId": m.id!, "festivalTarget": true, "documents": ["applicationForm"]])
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.jsonObject["id"] as? Int)
                #expect(created.jsonObject["requested"] as? Int == 50_000)
                let base = "/api/v1/relief/applications/\(id)"
                // Paying or approving before the steps before them: refused with the reason.
                let early = try await s.staff.json(.POST, base + "/payments", ["token": "tok-early-0001", "method": "cash"])
                #expect(early.status == .conflict)
                #expect(early.errorBody?.message.contains("审核通过后才能发放") == true)
                #expect(try await officer.json(.POST, base + "/payments", ["token": "tok-officer-01"]).status == .forbidden)
                #expect(try await officer.json(.POST, base + "/steps", ["action": "submit"]).status == .ok)
                #expect(try await officer.json(.POST, base + "/steps", ["action": "approve", "amount": "500"]).status == .forbidden)
                // Above the round's standard without a reason, then with one.
                let noReason = try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "800"])
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.errorBody?.field == "reason")
                let approved = try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "800", "reason": "家有重病患者"])
                #expect(approved.jsonObject["state"] as? String == "approved")
                // A retry with the same token is the same payment; another token is a second payment and is refused.
                let paid = try await s.staff.json(
                    .POST, base + "/payments", ["token": "tok-pay-000001", "method": "bankTransfer", "paidOn": "2026-11-18"])
                #expect(paid.status == .created, "\(paid.text)")
                let again = try await s.staff.json(
                    .POST, base + "/payments", ["token": "tok-pay-000001", "method": "bankTransfer", "paidOn": "2026-11-18"])
                #expect(again.jsonObject["id"] as? Int == paid.jsonObject["id"] as? Int)
                let twice = try await s.staff.json(.POST, base + "/payments", ["token": "tok-pay-000002"])
                #expect(twice.status == .conflict)
                #expect(twice.errorBody?.message == "该申请已发放，不能重复发放")
                #expect(try await Disbursement.query(on: app.db).count() == 1)
                #expect(try await FundLedger.balance(s.fundID, on: app.db) == 100_000 - 80_000)
                // A correction is a reversing entry, made by someone other than the payer; the application can then be paid
                // again.
                let admin = try await Client.api(app, w.users["admin"]!)
                #expect(try await admin.json(.POST, base + "/reversal", [:]).status == .unprocessableEntity)
                let byPayer = try await s.staff.json(.POST, base + "/reversal", ["reason": "账号有误，退回"])
                #expect(byPayer.status == .forbidden)
                #expect(byPayer.errorBody?.message == "冲正须由登记发放以外的另一人办理")
                let reversed = try await admin.json(.POST, base + "/reversal", ["reason": "账号有误，退回"])
                #expect(reversed.jsonObject["state"] as? String == "approved", "\(reversed.text)")
                #expect(try await FundLedger.balance(s.fundID, on: app.db) == 100_000)
                let repaid = try await s.staff.json(.POST, base + "/payments", ["token": "tok-pay-000003", "paidOn": "2026-11-18"])
                #expect(repaid.status == .created, "\(repaid.text)")
                let detail = try await s.staff.get(base).jsonObject
                #expect((detail["payments"] as? [[String: Any]])?.map { $0["amount"] as? Int } == [80_000, -80_000, 80_000])
                #expect(
                    (detail["steps"] as? [[String: Any]])?.compactMap { $0["action"] as? String } == [
                        "create", "submit", "approve", "pay", "reversePayment", "pay",
                    ])
                let ledger = try await s.staff.get("/api/v1/relief/funds/\(s.fundID)/entries").jsonObject
                #expect(
                    (ledger["items"] as? [[String: Any]])?.compactMap { $0["balanceAfter"] as? Int } == [100_000, 20_000, 100_000, 20_000])
                // The figures the work summary will quote.
                let stats = try await s.staff.get("/api/v1/relief/stats?year=2026").jsonObject
                #expect(stats["people"] as? Int == 1 && stats["visits"] as? Int == 1 && stats["money"] as? Int == 80_000)
                #expect(stats["applicationsMade"] as? Int == 1 && stats["applicationsApproved"] as? Int == 1)
                // Per subtree: the member's union counts it, the other union does not; a node outside the scope is 404.
                #expect(try await s.staff.get("/api/v1/relief/stats?year=2026&orgId=\(w.unionA.id!)").jsonObject["people"] as? Int == 1)
                #expect(try await s.staff.get("/api/v1/relief/stats?year=2026&orgId=\(w.unionB.id!)").jsonObject["people"] as? Int == 0)
                #expect(try await s.staff.get("/api/v1/relief/stats?year=2026&orgId=\(w.other.id!)").status == .notFound)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "relief.pay").count() == 2)
                // Ledgers and payments are append-only in the database itself.
                await #expect(throws: (any Error).self) { try await app.db.sql.raw("UPDATE fund_entries SET amount = 0").run() }
                await #expect(throws: (any Error).self) { try await app.db.sql.raw("DELETE FROM disbursements").run() }
            }
        }

        @Test("maker-checker: nobody approves their own application; above the threshold a second, different approver")
        func makerChecker() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let reviewer = try await World.user(app, "reviewer", role: .federationStaff, org: w.root)
                let m = try await Fixtures.member(app, id: Fixtures.ids[2], union: w.unionB)
                let created = try await s.staff.json(
                    .POST, "/api/v1/relief/applications",
                    ["roundId": s.roundID, "memberId": m.id!, "festivalTarget": "1", "documents": "applicationForm"])
                let base = "/api/v1/relief/applications/\(try #require(created.jsonObject["id"] as? Int))"
                #expect(try await s.staff.json(.POST, base + "/steps", ["action": "submit"]).status == .ok)
                let own = try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "500"])
                #expect(own.status == .forbidden)
                #expect(own.errorBody?.message.contains("不能审核自己创建的申请") == true)
                let admin = try await Client.api(app, w.users["admin"]!)
                let first = try await admin.json(.POST, base + "/steps", ["action": "approve", "amount": "1,200", "reason": "两名子女就学"])
                #expect(first.jsonObject["state"] as? String == "firstApproved")
                #expect(try await admin.json(.POST, base + "/steps", ["action": "secondApprove"]).status == .forbidden)
                #expect(try await s.staff.json(.POST, base + "/steps", ["action": "secondApprove"]).status == .forbidden)
                #expect(try await s.staff.json(.POST, base + "/payments", ["token": "tok-first-0001"]).status == .conflict)
                let second = try await Client.api(app, reviewer).json(.POST, base + "/steps", ["action": "secondApprove"])
                #expect(second.jsonObject["state"] as? String == "approved")
                // Another federation's staff cannot even see it.
                #expect(try await Client.api(app, w.users["staff2"]!).get(base).status == .notFound)
            }
        }

        @Test("ten concurrent payments of one application (retries, two tabs): exactly one payment and one audit row")
        func concurrentPayments() async throws {
            try await withFileApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let m = try await Fixtures.member(app, id: Fixtures.ids[3], union: w.unionA)
                let officer = try await Client.api(app, w.users["officer"]!)
                let created = try await officer.json(
                    .POST, "/api/v1/relief/applications",
                    ["roundId": s.roundID, "memberId": m.id!, "workInjury": true, "documents": ["applicationForm"]])
                let base = "/api/v1/relief/applications/\(try #require(created.jsonObject["id"] as? Int))"
                _ = try await officer.json(.POST, base + "/steps", ["action": "submit"])
                _ = try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "500"])
                let results = try await withThrowingTaskGroup(of: (UInt, Int?).self) { group in
                    for i in 0..<10 {
                        group.addTask {
                            // Six retries of one submit (same token) and four other tabs (their own tokens).
                            let token = i < 6 ? "tok-double-click" : "tok-other-tab-\(i)"
                            let r = try await s.staff.json(.POST, base + "/payments", ["token": token, "method": "cash"])
                            return (r.status.code, r.jsonObject["id"] as? Int)
                        }
                    }
                    var all: [(UInt, Int?)] = []
                    for try await r in group { all.append(r) }
                    return all
                }
                #expect(results.allSatisfy { $0.0 == 201 || $0.0 == 409 }, "\(results)")
                #expect(Set(results.compactMap(\.1)).count == 1, "\(results)")
                #expect(try await Disbursement.query(on: app.db).count() == 1)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "relief.pay").count() == 1)
                #expect(try await FundLedger.balance(s.fundID, on: app.db) == 50_000)
            }
        }

        @Test("hardship files: one open file per household and per person; the income test suggests the tier; closing frees the family")
        func files() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let officer = try await Client.api(app, w.users["officer"]!)
                let m1 = try await Fixtures.member(app, name: "李建国", id: Fixtures.ids[1], union: w.unionA)
                let m2 = try await Fixtures.member(app, name: "赵敏", id: Fixtures.ids[2], union: w.unionA1)
                func file(_ m: Member) async throws -> TestingHTTPResponse {
                    try await officer.json(
                        .POST, "/api/v1/relief/files",
                        [
                            "memberId": m.id!, "tier": "deep", "mainCause": "illness", "otherCauses": ["schooling", "disability"],
                            "region": "440606", "householdSize": 3, "wages": "4万", "unavoidableCosts": "0",
                            "bankAccount": "6222 0212 3456 7890 123",
                        ])
                }
                let f1 = try await file(m1)
                #expect(f1.status == .created, "\(f1.text)")
                let body = f1.jsonObject
                // 40,000 yuan ÷ 3 people ÷ 12 = 1,111.11 a month, under the configured 1,330: deep hardship.
                #expect(body["monthlyPerPerson"] as? Int == 111_111)
                #expect(body["suggestedTier"] as? String == "deep")
                #expect(body["bankAccount"] as? String == "***************0123")
                let again = try await file(m1)
                #expect(again.status == .conflict)
                #expect(again.errorBody?.message.contains("一户只能建一个档案") == true)
                let id1 = try #require(body["id"] as? Int)
                let child = ["name": "李小明", "idNumber": Fixtures.ids[4], "relation": "子女", "annualIncome": "0"]
                #expect(try await officer.json(.POST, "/api/v1/relief/files/\(id1)/family", child).status == .created)
                let f2 = try await file(m2)
                let id2 = try #require(f2.jsonObject["id"] as? Int)
                let twice = try await officer.json(.POST, "/api/v1/relief/files/\(id2)/family", child)
                #expect(twice.status == .conflict)
                #expect(twice.errorBody?.field == "idNumber")
                // A head of household cannot be listed in another open file.
                let head = try await officer.json(
                    .POST, "/api/v1/relief/files/\(id2)/family", ["name": "李建国", "idNumber": Fixtures.ids[1], "relation": "其他"])
                #expect(head.status == .conflict)
                // Exit (脱困) needs a reason; afterwards the child may be listed elsewhere.
                #expect(
                    try await officer.json(.POST, "/api/v1/relief/files/\(id1)/status", ["status": "exited"]).status == .unprocessableEntity
                )
                let exited = try await officer.json(
                    .POST, "/api/v1/relief/files/\(id1)/status", ["status": "exited", "date": "2026-11-18", "reason": "子女就业，收入连续6个月高于低保"])
                #expect(exited.jsonObject["status"] as? String == "exited")
                #expect(
                    try await officer.json(.POST, "/api/v1/relief/files/\(id1)/status", ["status": "formal", "reason": "x"]).status
                        == .conflict)
                #expect(try await officer.json(.POST, "/api/v1/relief/files/\(id2)/family", child).status == .created)
                // The bank account is revealed only through the audited reveal, and only to staff.
                let page = try await Client.session(app, w.users["staff"]!).post("/relief/files/\(id2)/reveal", [:])
                #expect(page.text.contains("6222021234567890123"))
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "hardship.reveal").count() == 1)
                #expect(try await Client.session(app, w.users["officer"]!).post("/relief/files/\(id2)/reveal", [:]).status == .forbidden)
                // Alerts: a file never assisted is listed.
                let never = try await officer.get("/api/v1/relief/files?alert=neverAssisted").jsonObject
                #expect(never["total"] as? Int == 1)
            }
        }

        @Test("eligibility is checked when applying: 金秋助学 needs a level and a qualifying parent; exclusions are named")
        func eligibility() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w, kind: "scholarship", standard: "3000")
                let m = try await Fixtures.member(app, id: Fixtures.ids[1], union: w.unionA)
                let officer = try await Client.api(app, w.users["officer"]!)
                let apply = ["roundId": s.roundID, "memberId": m.id!, "schoolLevel": "college"] as [String: Any]
                let notArchived = try await officer.json(.POST, "/api/v1/relief/applications", apply)
                #expect(notArchived.status == .unprocessableEntity)
                #expect(notArchived.errorBody?.message.contains("金秋助学须为建档困难职工") == true)
                _ = try await officer.json(
                    .POST, "/api/v1/relief/files",
                    [
                        "memberId": m.id!, "tier": "relative", "mainCause": "schooling", "region": "440606", "householdSize": 4,
                        "wages": "60000",
                    ])
                var excluded = apply
                excluded["exclusions"] = ["highFeePrivate"]
                let refused = try await officer.json(.POST, "/api/v1/relief/applications", excluded)
                #expect(refused.errorBody?.message.contains("高收费民办学校") == true)
                let ok = try await officer.json(.POST, "/api/v1/relief/applications", apply)
                #expect(ok.status == .created, "\(ok.text)")
                #expect(ok.jsonObject["requested"] as? Int == 300_000)
                // Submitting needs the documents of the kind.
                let id = try #require(ok.jsonObject["id"] as? Int)
                let submit = try await officer.json(.POST, "/api/v1/relief/applications/\(id)/steps", ["action": "submit"])
                #expect(submit.status == .unprocessableEntity)
                #expect(submit.errorBody?.message.contains("录取通知书") == true)
                let dup = try await officer.json(.POST, "/api/v1/relief/applications", apply)
                #expect(dup.status == .conflict)
            }
        }

        @Test("a fund cannot go below zero without an explicit, audited overdraft; a household filed in another union applies there")
        func overdraftAndHousehold() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w, standard: "800")
                let staff = s.staff
                func approved(_ id: String, union: Organization) async throws -> String {
                    let m = try await Fixtures.member(app, id: id, union: union)
                    let r = try await staff.json(
                        .POST, "/api/v1/relief/applications",
                        ["roundId": s.roundID, "memberId": m.id!, "workInjury": true, "documents": ["applicationForm"]])
                    let base = "/api/v1/relief/applications/\(try #require(r.jsonObject["id"] as? Int))"
                    #expect(try await staff.json(.POST, base + "/steps", ["action": "submit"]).status == .ok)
                    let admin = try await Client.api(app, w.users["admin"]!)
                    #expect(try await admin.json(.POST, base + "/steps", ["action": "approve", "amount": "800"]).status == .ok)
                    return base
                }
                // 1,000 yuan in the fund: the first 800 is paid, the second would take it to -600.
                _ = try await staff.json(
                    .POST, try await approved(Fixtures.ids[1], union: w.unionA) + "/payments", ["token": "tok-over-00001"])
                let second = try await approved(Fixtures.ids[2], union: w.unionB)
                let refused = try await staff.json(.POST, second + "/payments", ["token": "tok-over-00002"])
                #expect(refused.status == .conflict)
                #expect(refused.errorBody?.message.contains("资金余额不足：当前余额200.00元") == true)
                #expect(
                    try await staff.json(.POST, second + "/payments", ["token": "tok-over-00003", "overdraft": true]).status
                        == .unprocessableEntity)
                let forced = try await staff.json(
                    .POST, second + "/payments", ["token": "tok-over-00004", "overdraft": true, "overdraftReason": "上级资金未到账，先行垫付"])
                #expect(forced.status == .created)
                #expect(try await FundLedger.balance(s.fundID, on: app.db) == -60_000)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "fund.overdraft").count() == 1)
                // A member whose household file is kept by another union applies through that union.
                let m = try await Fixtures.member(app, id: Fixtures.ids[3], union: w.unionA)
                _ = try await staff.json(
                    .POST, "/api/v1/relief/files",
                    ["memberId": m.id!, "tier": "relative", "mainCause": "illness", "region": "440606", "householdSize": 2])
                try await MemberQuery.change(
                    m.requireID(),
                    MembershipChange(change: .transfer(toUnion: w.unionB.requireID()), date: CalendarDate(year: 2026, month: 11, day: 1)!, reason: "调动"),
                    in: w.scope(of: w.root), actor: .system, at: app.clock.now(), on: app.db)
                let elsewhere = try await staff.json(
                    .POST, "/api/v1/relief/applications", ["roundId": s.roundID, "memberId": m.id!, "workInjury": true])
                #expect(elsewhere.status == .conflict)
                #expect(elsewhere.errorBody?.message.contains("已在其他工会建有困难职工档案") == true)
            }
        }

        @Test(
            "medical aid: only the enrolled claim; the payout follows the scheme from the hospital dates; the bank list opens as a workbook"
        )
        func medicalAndBankList() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w, kind: "medical")
                let m = try await Fixtures.member(app, name: "孙丽", id: Fixtures.ids[1], union: w.unionA)
                let officer = try await Client.api(app, w.users["officer"]!)
                let claim =
                    [
                        "roundId": s.roundID, "memberId": m.id!, "admittedOn": "2026-10-01", "dischargedOn": "2026-10-13",
                        "documents": ["applicationForm", "hospitalRecords"],
                    ] as [String: Any]
                let notEnrolled = try await officer.json(.POST, "/api/v1/relief/applications", claim)
                #expect(notEnrolled.errorBody?.message.contains("未参加本年度职工医疗互助") == true)
                let enrol = try await officer.json(.POST, "/api/v1/relief/medical-enrolments", ["memberId": m.id!, "year": 2026])
                #expect(enrol.status == .created)
                #expect(
                    try await officer.json(.POST, "/api/v1/relief/medical-enrolments", ["memberId": m.id!, "year": 2026]).status
                        == .conflict)
                let made = try await officer.json(.POST, "/api/v1/relief/applications", claim)
                // 12 days in hospital, paid from day 4 at 40 yuan a day: 9 × 40 = 360 yuan.
                #expect(made.jsonObject["requested"] as? Int == 36_000, "\(made.text)")
                let backwards = try await officer.json(
                    .POST, "/api/v1/relief/applications",
                    ["roundId": s.roundID, "memberId": m.id!, "admittedOn": "2026-10-13", "dischargedOn": "2026-10-01"])
                #expect(backwards.errorBody?.field == "dischargedOn")
                let base = "/api/v1/relief/applications/\(try #require(made.jsonObject["id"] as? Int))"
                _ = try await officer.json(.POST, base + "/steps", ["action": "submit"])
                _ = try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "360"])
                // The bank list: full ID numbers for staff, masked for a leader; both open as workbooks.
                let url = "/relief/rounds/\(s.roundID)/payments.xlsx"
                func rows(_ r: TestingHTTPResponse) throws -> [[String]] { try r.workbookRows() }
                let full = try rows(try await Client.session(app, w.users["staff"]!).post(url, [:]))
                #expect(full.first == ["序号", "姓名", "身份证号", "银行账号", "金额（元）", "所在工会", "状态", "备注"])
                #expect(full.count == 2 && full[1][1] == "孙丽" && full[1][2] == Fixtures.ids[1] && full[1][4] == "360.00")
                #expect(full[1][7] == "缺少银行账号，须补录后再交银行", "a member without a hardship file has no account on record")
                let roundPage = try await Client.session(app, w.users["staff"]!).get("/relief/rounds/\(s.roundID)")
                #expect(roundPage.text.contains("id=\"missing-accounts\"") && roundPage.text.contains("有1人没有银行账号"))
                let masked = try rows(try await Client.session(app, w.users["leader"]!).get(url))
                #expect(masked[1][2] == m.idNumberMasked)
            }
        }

        @Test("money typed as cadres type it is exact; anything else is refused naming the field; nothing half-saved")
        func money() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let url = "/api/v1/relief/funds/\(s.fundID)/entries"
                for (typed, fen) in [("1,234.50", 123_450), ("1.2万", 1_200_000), ("１２３４", 123_400), ("99.9元", 9_990)] {
                    let r = try await s.staff.json(.POST, url, ["source": "donation", "amount": typed])
                    #expect(r.jsonObject["amount"] as? Int == fen, "\(typed)")
                }
                for typed in ["12.345", "-5", "1e3", "壹佰", ""] {
                    let r = try await s.staff.json(.POST, url, ["source": "donation", "amount": typed])
                    #expect(r.status == .unprocessableEntity, "\(typed)")
                    #expect(r.errorBody?.field == "amount")
                }
                #expect(try await FundEntry.query(on: app.db).count() == 5)
            }
        }

        @Test("pages: overview, files, application with its forms; a refused step keeps what was typed; notice and bank list")
        func pages() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w)
                let m = try await Fixtures.member(app, name: "欧阳春花", id: Fixtures.ids[1], union: w.unionA)
                let officer = try await Client.api(app, w.users["officer"]!)
                let created = try await officer.json(
                    .POST, "/api/v1/relief/applications",
                    ["roundId": s.roundID, "memberId": m.id!, "festivalTarget": true, "documents": ["applicationForm"]])
                let id = try #require(created.jsonObject["id"] as? Int)
                _ = try await officer.json(.POST, "/api/v1/relief/applications/\(id)/steps", ["action": "submit"])
                let staff = try await Client.session(app, w.users["staff"]!)
                for path in [
                    "/relief", "/relief/files", "/relief/applications", "/relief/funds", "/relief/funds/\(s.fundID)", "/relief/medical",
                    "/relief/rounds/new", "/relief/files/new", "/relief/applications/new", "/relief/rounds/\(s.roundID)",
                ] {
                    let r = try await staff.get(path)
                    #expect(r.status == .ok, "\(path): \(r.status)")
                }
                // The list's filter offers the rounds by name, the chosen one selected.
                let filtered = try await staff.get("/relief/applications?roundId=\(s.roundID)")
                #expect(filtered.text.contains("<option value=\"\(s.roundID)\" selected>2026年"), "\(filtered.text.prefix(2_000))")
                let page = try await staff.get("/relief/applications/\(id)")
                #expect(page.text.contains("id=\"review-form\""))
                let refused = try await staff.post(
                    "/relief/applications/\(id)/step", ["action": "approve", "amount": "八百", "reason": "情况属实"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("核定金额") && refused.text.contains("value=\"八百\"") && refused.text.contains("情况属实"))
                let ok = try await staff.post("/relief/applications/\(id)/step", ["action": "approve", "amount": "500"])
                #expect(ok.status == .seeOther)
                // The public notice shows the masked name and amount, never the ID number.
                let notice = try await staff.get("/relief/rounds/\(s.roundID)/notice")
                #expect(notice.text.contains("欧阳**") && notice.text.contains("500.00"))
                #expect(!notice.text.contains("欧阳春花") && !notice.text.contains(m.idNumberMasked))
                // Before payment it names the proposed recipients, with who issues it, the period and how to object.
                #expect(notice.text.contains("拟帮扶对象公示") && notice.text.contains("公示期自2026年11月18日至2026年11月22日，共5天"))
                #expect(notice.text.contains("向测试镇总工会实名反映") && notice.text.contains("测试镇总工会（盖章）"))
                let result = try await staff.get("/relief/rounds/\(s.roundID)/notice?stage=result&from=2026-11-20&days=7&contact=0757-1234567")
                #expect(result.text.contains("帮扶结果公示") && !result.text.contains("欧阳**"), "nothing is paid yet")
                #expect(result.text.contains("至2026年11月26日，共7天") && result.text.contains("联系电话：0757-1234567"))
                let tooLong = try await staff.get("/relief/rounds/\(s.roundID)/notice?days=99")
                #expect(tooLong.status == .unprocessableEntity && tooLong.text.contains("公示天数应为1到30之间的整数"))
                // The bank list: masked as a link, for anyone; full only by staff's form post (and audited).
                let reader = try await Client.session(app, w.users["leader"]!)
                let masked = try await reader.get("/relief/rounds/\(s.roundID)/payments.xlsx")
                #expect(masked.status == .ok)
                #expect(try await reader.post("/relief/rounds/\(s.roundID)/payments.xlsx", [:]).status == .forbidden)
                #expect(try await staff.get("/relief/rounds/\(s.roundID)/payments.xlsx").workbookRows().allSatisfy { !$0.contains(Fixtures.ids[0]) })
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "relief.export").count() == 0)
                #expect(try await staff.post("/relief/rounds/\(s.roundID)/payments.xlsx", [:]).status == .ok)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "relief.export").count() == 1)
                // The web form: a member by card number, checkboxes as documents[]; refused input is shown again.
                let web = try await Fixtures.member(app, name: "何静", id: Fixtures.ids[3], union: w.unionB)
                let form = [
                    "roundId": String(s.roundID), "member": web.cardNumber, "documents[]": "applicationForm", "festivalTarget": "on",
                ]
                let made = try await staff.post("/relief/applications", form)
                #expect(made.status == .seeOther, "\(made.text.prefix(300))")
                let saved = try await ReliefApplication.query(on: app.db).filter(\.$member.$id == web.id!).first()
                #expect(saved.map { ReliefApplications.decodeList($0.documents) } == ["applicationForm"])
                var unknown = form
                unknown["member"] = "GH99999999"
                let missing = try await staff.post("/relief/applications", unknown)
                #expect(missing.status == .unprocessableEntity && missing.text.contains("GH99999999") && missing.text.contains("找不到会员"))
                // Leaders read but cannot act.
                let leader = try await Client.session(app, w.users["leader"]!)
                #expect(!(try await leader.get("/relief/applications/\(id)")).text.contains("pay-form"))
                #expect(try await leader.post("/relief/applications/\(id)/pay", ["token": "tok-leader-001"]).status == .forbidden)
            }
        }
    }
}

extension AppTests.ReliefTests {
    @Test(
        "archives kept in Excel import: legacy categories kept, causes as written, heads found by ID number; bad rows named; all or nothing"
    )
    func hardshipImport() async throws {
        try await withApp { app, _ in
            let w = try await World.make(app)
            w.root.regionCode = "440606"
            try await w.root.update(on: app.db)
            let a = try await Fixtures.member(app, name: "周红", id: Fixtures.ids[1], union: w.unionA)
            let b = try await Fixtures.member(app, name: "吴刚", id: Fixtures.ids[2], union: w.unionB)
            _ = try await Fixtures.member(app, name: "郑华", id: Fixtures.ids[3], union: w.unionC)
            let csv = """
                示例镇困难职工档案花名册
                序号,户主姓名,身份证号码,困难类型,致困原因,家庭人口,家庭年收入,建档时间,银行卡号
                1,周红,\(Fixtures.ids[1]),低保户,患病,3,"2.4万",2019.3.1,6222021234567890123
                2,吴刚,\(Fixtures.ids[2].lowercased()),相对困难,子女上学,4,60000,2024/9/1,
                3,郑华,\(Fixtures.ids[3]),深度困难,因病,2,10000,2024-01-01,
                4,周红,\(Fixtures.ids[1]),深度困难,因病,3,1000,2024-01-01,
                5,张冒名,\(Fixtures.ids[2]),深度困难,因病,3,1000,2024-01-01,
                6,钱多,\(Fixtures.ids[4]),特别困难,因病,3,1000,2024-01-01,
                """
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("ud-hardship-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try csv.write(to: file, atomically: true, encoding: .utf8)
            func run(dryRun: Bool) async throws -> ImportReport {
                try await HardshipImport(file: file, dryRun: dryRun, scope: w.scope(of: w.root), actor: .system).run(app: app, on: app.db)
            }
            let preview = try await run(dryRun: true)
            #expect(preview.headerRow == 2 && preview.total == 6 && preview.valid == 2 && preview.invalid == 4, "\(preview)")
            let byRow = Dictionary(grouping: preview.errors, by: \.row)
            #expect(byRow[5]?.first?.message.contains("不是您管辖范围内的会员") == true)  // 郑华 belongs to another federation
            #expect(byRow[6]?.first?.message == "与第3行是同一户主")
            #expect(byRow[7]?.first?.message.contains("户主姓名与会员登记的姓名（吴刚）不一致") == true)
            #expect(byRow[8]?.first?.column == "困难类别")
            #expect(try await HardshipFile.query(on: app.db).count() == 0)
            let done = try await run(dryRun: false)
            #expect(done.inserted == 2)
            let files = try await HardshipFile.query(on: app.db).sort(\.$id).all()
            #expect(files.map(\.tier) == ["legacySubsistence", "relative"])
            #expect(files.map(\.mainCause) == ["illness", "schooling"])
            #expect(files[0].$member.id == a.id && files[1].$member.id == b.id)
            #expect(files[0].wages == 2_400_000 && files[0].openedOn == "2019-03-01" && files[0].bankMasked == "***************0123")
            #expect(files[1].openedOn == "2024-09-01" && files[1].region == "440606")
            // Imported again, every head now has an open file: nothing is written twice.
            let again = try await run(dryRun: false)
            #expect(again.inserted == 0 && again.existing == 2)
            #expect(try await HardshipFile.query(on: app.db).count() == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "hardship.import").count() == 1)
            // The same file through the web: upload, background check, commit.
            let page = try await Client.session(app, w.users["staff"]!).get("/relief/files/import")
            #expect(page.status == .ok && page.text.contains("低保户"))
            #expect(try await Client.session(app, w.users["leader"]!).get("/relief/files/import").status == .forbidden)
        }
    }
}

extension AppTests.ReliefTests {
    @Test("a worker without membership is filed by the federation and helped through the file; one file per person still holds")
    func nonMemberHousehold() async throws {
        try await withApp { app, _ in
            let w = try await World.make(app)
            let s = try await ReliefSetup.make(app, w)
            let member = try await Fixtures.member(app, id: Fixtures.ids[1], union: w.unionA)
            let worker =
                [
                    "headName": "陈大壮", "headIdNumber": Fixtures.ids[2], "tier": "deep", "mainCause": "unemployment", "region": "440606",
                    "householdSize": 2, "wages": "8000",
                ] as [String: Any]
            let created = try await s.staff.json(.POST, "/api/v1/relief/files", worker)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.jsonObject["memberId"] == nil || created.jsonObject["memberId"] is NSNull)
            #expect(created.jsonObject["headIdNumber"] as? String == Masking.idNumber(Fixtures.ids[2]))
            let fileID = try #require(created.jsonObject["id"] as? Int)
            #expect(try await s.staff.json(.POST, "/api/v1/relief/files", worker).status == .conflict)
            var asMember = worker
            asMember["headIdNumber"] = Fixtures.ids[1]
            let refused = try await s.staff.json(.POST, "/api/v1/relief/files", asMember)
            #expect(refused.status == .unprocessableEntity && refused.errorBody?.field == "headIdNumber")
            // The same person cannot be listed as family elsewhere while the file is open.
            let memberFile = try await s.staff.json(
                .POST, "/api/v1/relief/files",
                ["memberId": member.id!, "tier": "relative", "mainCause": "illness", "region": "440606", "householdSize": 2])
            let other = try #require(memberFile.jsonObject["id"] as? Int)
            let listed = try await s.staff.json(
                .POST, "/api/v1/relief/files/\(other)/family", ["name": "陈大壮", "idNumber": Fixtures.ids[2], "relation": "其他"])
            #expect(listed.status == .conflict)
            // The household applies through its file; paid, it counts as one person and one household.
            let applied = try await s.staff.json(
                .POST, "/api/v1/relief/applications", ["roundId": s.roundID, "fileId": fileID, "documents": ["applicationForm"]])
            #expect(applied.status == .created, "\(applied.text)")
            #expect(applied.jsonObject["applicant"] as? String == "陈大壮" && applied.jsonObject["requested"] as? Int == 50_000)
            let base = "/api/v1/relief/applications/\(try #require(applied.jsonObject["id"] as? Int))"
            #expect(
                try await s.staff.json(.POST, "/api/v1/relief/applications", ["roundId": s.roundID, "fileId": fileID]).status == .conflict)
            _ = try await s.staff.json(.POST, base + "/steps", ["action": "submit"])
            _ = try await Client.api(app, w.users["admin"]!).json(.POST, base + "/steps", ["action": "approve", "amount": "500"])
            #expect(try await s.staff.json(.POST, base + "/payments", ["token": "tok-nonmember-1"]).status == .created)
            let stats = try await s.staff.get("/api/v1/relief/stats?year=2026").jsonObject
            #expect(stats["people"] as? Int == 1 && stats["households"] as? Int == 1 && stats["money"] as? Int == 50_000)
            // Paid: in the result notice, no longer among the proposed.
            let web = try await Client.session(app, w.users["staff"]!)
            #expect(try await web.get("/relief/rounds/\(s.roundID)/notice?stage=result").text.contains("陈**"))
            // The reviewer's page names the applicant and the household's tier, size and income per person.
            let page = try await web.get(base.replacingOccurrences(of: "/api/v1", with: "")).text
            #expect(page.contains("帮扶申请 · 陈大壮") && page.contains("id=\"household\"") && page.contains("人均月收入"))
            #expect(!(try await web.get("/relief/rounds/\(s.roundID)/notice")).text.contains("陈**"))
        }
    }
}

extension AppTests.ReliefTests {
    /// The steps an application page shows: its step buttons and hidden step fields, the payment and reversal forms.
    static func offered(_ html: String) -> Set<String> {
        var steps = Set(html.matches(of: /name="action" value="([A-Za-z]+)"/).map { String($0.output.1) })
        if html.contains("id=\"pay-form\"") { steps.insert("pay") }
        if html.contains("id=\"reverse-form\"") { steps.insert("reversePayment") }
        return steps
    }

    @Test("an application page offers exactly the steps the flow allows each person, state by state")
    func pageOffersTheFlow() async throws {
        try await withApp { app, _ in
            let w = try await World.make(app)
            let s = try await ReliefSetup.make(app, w)
            let base = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[1])
            let page = base.replacingOccurrences(of: "/api/v1", with: "")
            var clients: [String: Client] = [:]
            for name in ["officer", "staff", "admin", "leader"] { clients[name] = try await Client.session(app, w.users[name]!) }
            func check(_ expected: [String: Set<String>], _ state: String) async throws {
                for (name, steps) in expected {
                    let html = try await clients[name]!.get(page).text
                    #expect(Self.offered(html) == steps, "\(name) at \(state)")
                }
            }
            try await check(["officer": [], "staff": ["approve", "reject", "return"], "admin": ["approve", "reject", "return"], "leader": []], "submitted")
            // A step the flow refuses comes back on the page with the reason above the steps; a plain view shows none.
            #expect(try await !clients["staff"]!.get(page).text.contains("id=\"form-error\""))
            let refused = try await clients["staff"]!.post(page + "/step", ["action": "report"])
            #expect(refused.status.code >= 400 && refused.text.contains("id=\"form-error\""), "\(refused.status)")
            #expect(try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "500"]).status == .ok)
            try await check(["officer": [], "staff": ["pay"], "admin": ["pay"], "leader": []], "approved")
            let paid = try await s.staff.json(.POST, base + "/payments", ["token": "tok-offers-0001", "method": "cash", "paidOn": "2026-11-18"])
            #expect(paid.status == .created, "\(paid.text)")
            // The payer does not reverse their own payment; the officer who made the application does not either.
            try await check(["officer": [], "staff": [], "admin": ["reversePayment"], "leader": []], "paid")
        }
    }
}
