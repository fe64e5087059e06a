import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

extension AppTests {
    /// Issue 13: no single cadre moves money alone, the round's budget holds, and a fund's balance check holds under
    /// concurrent payments on both databases.
    @Suite("Money rules") struct MoneyRuleTests {
        @Test("the upper level's decision: 1亿 from one person is only recorded; a second person confirms before it can be paid")
        func upperDecision() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w, reportsUpward: true)
                let base = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[1])
                #expect(try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "500"]).status == .ok)
                #expect(try await s.staff.json(.POST, base + "/steps", ["action": "report"]).status == .ok)
                let officer = try await Client.api(app, w.users["officer"]!)
                #expect(try await officer.json(.POST, base + "/steps", ["action": "upperApprove", "amount": "10000万"]).status == .forbidden)
                let noReason = try await s.staff.json(.POST, base + "/steps", ["action": "upperApprove", "amount": "10000万"])
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.errorBody?.field == "reason")
                let recorded = try await s.staff.json(
                    .POST, base + "/steps", ["action": "upperApprove", "amount": "10000万", "reason": "市总工会批复"])
                #expect(recorded.jsonObject["state"] as? String == "upperRecorded", "\(recorded.text)")
                let early = try await s.staff.json(.POST, base + "/payments", ["token": "tok-upper-0001", "overdraftReason": "x"])
                #expect(early.status == .conflict)
                // The recorder cannot confirm their own record; another reviewer can decline or confirm it.
                #expect(try await s.staff.json(.POST, base + "/steps", ["action": "secondApprove"]).status == .forbidden)
                let reviewer = try await Client.api(app, try await World.user(app, "reviewer", role: .federationStaff, org: w.root))
                let declined = try await reviewer.json(.POST, base + "/steps", ["action": "decline", "reason": "与批复文件金额不符"])
                #expect(declined.jsonObject["state"] as? String == "reported")
                #expect(declined.jsonObject["upperApproved"] == nil || declined.jsonObject["upperApproved"] is NSNull)
                _ = try await s.staff.json(.POST, base + "/steps", ["action": "upperApprove", "amount": "1,500", "reason": "批复〔2026〕3号"])
                let confirmed = try await reviewer.json(.POST, base + "/steps", ["action": "secondApprove"])
                #expect(confirmed.jsonObject["state"] as? String == "upperApproved", "\(confirmed.text)")
                let a = try #require(try await ReliefApplication.query(on: app.db).first())
                #expect(a.upperApproved == 150_000 && a.upperRecordedBy == w.users["staff"]!.id && a.upperConfirmedBy != nil)
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "relief.decline").count() == 1)
            }
        }

        @Test("the round's budget: an approval beyond it waits for a second person, who must give the audited reason")
        func budget() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w, budget: "800", fundAmount: "5,000")
                let first = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[1])
                let second = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[2])
                #expect(try await s.staff.json(.POST, first + "/steps", ["action": "approve", "amount": "500"]).jsonObject["state"] as? String == "approved")
                // 300 of the 800 are left: 500 more goes beyond the budget.
                let over = try await s.staff.json(.POST, second + "/steps", ["action": "approve", "amount": "500"])
                #expect(over.jsonObject["state"] as? String == "firstApproved", "\(over.text)")
                let admin = try await Client.api(app, w.users["admin"]!)
                let noReason = try await admin.json(.POST, second + "/steps", ["action": "secondApprove"])
                #expect(noReason.status == .unprocessableEntity)
                #expect(noReason.errorBody?.message.contains("超出本轮预算余额300.00元") == true, "\(noReason.text)")
                let ok = try await admin.json(.POST, second + "/steps", ["action": "secondApprove", "reason": "追加1户，主席办公会同意"])
                #expect(ok.jsonObject["state"] as? String == "approved", "\(ok.text)")
                let a = try #require(try await ReliefApplication.query(on: app.db).filter(\.$state == "approved").sort(\.$id, .descending).first())
                #expect(a.budgetReason == "追加1户，主席办公会同意" && a.approved == 50_000)
                let audit = try #require(
                    try await AuditEntry.query(on: app.db).filter(\.$action == "relief.secondApprove").sort(\.$id, .descending).first())
                #expect(audit.after?.contains("追加1户") == true && audit.userID == w.users["admin"]!.id)
            }
        }

        @Test("a reversal above the threshold: asked by one (not the payer), confirmed by another, with the asker's reason")
        func reversal() async throws {
            try await withApp { app, _ in
                let w = try await World.make(app)
                let s = try await ReliefSetup.make(app, w, fundAmount: "5,000")
                let base = try await Fixtures.submittedApplication(app, w, s, idNumber: Fixtures.ids[1])
                let admin = try await Client.api(app, w.users["admin"]!)
                let reviewer = try await Client.api(app, try await World.user(app, "reviewer", role: .federationStaff, org: w.root))
                _ = try await admin.json(.POST, base + "/steps", ["action": "approve", "amount": "1,200", "reason": "两名子女就学"])
                let second = try await reviewer.json(.POST, base + "/steps", ["action": "secondApprove", "reason": "同意"])
                #expect(second.jsonObject["state"] as? String == "approved")
                let a0 = try #require(try await ReliefApplication.query(on: app.db).first())
                #expect(a0.budgetReason == nil, "a remark within the budget is no budget reason")
                #expect(try await s.staff.json(.POST, base + "/payments", ["token": "tok-rev-000001", "paidOn": "2026-11-18"]).status == .created)
                #expect(try await s.staff.json(.POST, base + "/reversal", ["reason": "重复发放"]).status == .forbidden)
                let asked = try await admin.json(.POST, base + "/reversal", ["reason": "账号错误，银行退回"])
                #expect(asked.jsonObject["state"] as? String == "reversalRequested", "\(asked.text)")
                #expect(try await FundLedger.balance(s.fundID, on: app.db) == 500_000 - 120_000, "asked, not yet done")
                #expect(try await admin.json(.POST, base + "/steps", ["action": "secondApprove"]).status == .forbidden)
                #expect(try await s.staff.json(.POST, base + "/steps", ["action": "secondApprove"]).status == .forbidden)
                let done = try await reviewer.json(.POST, base + "/steps", ["action": "secondApprove"])
                #expect(done.jsonObject["state"] as? String == "approved", "\(done.text)")
                #expect(try await FundLedger.balance(s.fundID, on: app.db) == 500_000)
                let entry = try #require(try await FundEntry.query(on: app.db).filter(\.$kind == "reversal").first())
                #expect(entry.note == "冲正：账号错误，银行退回" && entry.amount == 120_000)
                let a = try #require(try await ReliefApplication.query(on: app.db).first())
                #expect(a.reversalRequestedBy == nil && a.reversalReason == nil)
            }
        }

        @Test("concurrent payments of different applications cannot overdraw a fund: the balance check holds under its lock")
        func drainFund() async throws {
            try await withFileApp { app, _ in
                let w = try await World.make(app)
                // 1,000 yuan in the fund, eight approved applications of 400: two can be paid, never three.
                let s = try await ReliefSetup.make(app, w)
                var bases: [String] = []
                for i in 0..<8 {
                    let id = try IDNumber.compose(region: "440606", birth: CalendarDate(year: 1980 + i, month: 3, day: 1)!, sequence: i)
                    let base = try await Fixtures.submittedApplication(app, w, s, idNumber: id.value)
                    #expect(try await s.staff.json(.POST, base + "/steps", ["action": "approve", "amount": "400"]).status == .ok)
                    bases.append(base)
                }
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for (i, base) in bases.enumerated() {
                        let payer = s.staff
                        group.addTask {
                            try await payer.json(.POST, base + "/payments", ["token": "tok-drain-\(i)", "paidOn": "2026-11-18"]).status.code
                        }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 201 }.count == 2, "\(statuses)")
                #expect(statuses.filter { $0 == 409 }.count == 6, "\(statuses)")
                #expect(try await FundLedger.balance(s.fundID, on: app.db) == 20_000)
                #expect(try await FundEntry.query(on: app.db).filter(\.$overdraft == true).count() == 0)
                #expect(try await Disbursement.query(on: app.db).count() == 2)
            }
        }
    }
}
