import Foundation
import Testing

@testable import Domain

@Suite("Petition workflow and inputs") struct PetitionFlowTests {
    /// A date literal of the test (a typo fails the test run loudly).
    func d(_ s: String) -> CalendarDate { CalendarDate(parsing: s)! }

    func apply(_ a: PetitionAction, _ s: PetitionState, _ dates: PetitionDates, today: String = "2026-11-18") throws
        -> (PetitionState, PetitionDates)
    {
        try PetitionFlow.apply(a, to: s, dates: dates, today: d(today))
    }

    @Test("received → accepted → inProgress → replied → closed, dates recorded; 复查 then 复核 reopen it; nothing after 复核")
    func happyPath() throws {
        var (s, dates) = (PetitionState.received, PetitionDates(received: d("2026-09-01")))
        (s, dates) = try apply(.accept(on: d("2026-09-03")), s, dates)
        #expect(s == .accepted && dates.accepted == (d("2026-09-03")))
        (s, dates) = try apply(.start(on: d("2026-09-04")), s, dates)
        (s, dates) = try apply(.extend(on: d("2026-10-01"), days: 20, reason: "涉及多家单位", approver: "主席"), s, dates)
        #expect(s == .inProgress && dates.extensionDays == 20)
        (s, dates) = try apply(.reply(on: d("2026-10-20"), summary: "已协调补发", reference: "示工复〔2026〕3号"), s, dates)
        #expect(s == .replied && dates.answered == (d("2026-10-20")))
        (s, dates) = try apply(.close(on: d("2026-10-25"), satisfaction: .dissatisfied), s, dates)
        #expect(s == .closed)
        (s, dates) = try apply(.reopen(on: d("2026-10-30")), s, dates)
        #expect(s == .reviewing && dates.reviewRequested == (d("2026-10-30")))
        (s, dates) = try apply(.reply(on: d("2026-11-10"), summary: "维持", reference: nil), s, dates)
        #expect(s == .replied && dates.reviewAnswered == (d("2026-11-10")) && dates.answered == (d("2026-10-20")))
        (s, dates) = try apply(.reopen(on: d("2026-11-12")), s, dates)
        #expect(s == .rechecking)
        (s, dates) = try apply(.reply(on: d("2026-11-15"), summary: "维持", reference: nil), s, dates)
        #expect(dates.recheckAnswered == (d("2026-11-15")))
        #expect(PetitionFlow.codes(for: s, dates: dates, unreported: false) == [.close])
        #expect(throws: PetitionFlowError.self) { try apply(.reopen(on: d("2026-11-16")), s, dates) }
    }

    @Test("refused: a future date, a date before receipt, closing without a reply, a second extension, one beyond 30 days")
    func refusals() throws {
        let received = PetitionDates(received: d("2026-10-10"))
        #expect(throws: PetitionFlowError.field(FieldError(field: "date", message: "日期不能晚于今天"))) {
            try apply(.accept(on: d("2026-11-19")), .received, received)
        }
        #expect(throws: PetitionFlowError.field(FieldError(field: "date", message: "日期不能早于收件日期（2026-10-10）"))) {
            try apply(.accept(on: d("2026-10-09")), .received, received)
        }
        var (s, dates) = try apply(.accept(on: d("2026-10-12")), .received, received)
        #expect(throws: PetitionFlowError.field(FieldError(field: "date", message: "日期不能早于受理日期（2026-10-12）"))) {
            try apply(.reply(on: d("2026-10-11"), summary: "x", reference: nil), s, dates)
        }
        #expect(throws: PetitionFlowError.wrongState("当前状态为“已受理”，尚未书面答复，不能办结")) {
            try apply(.close(on: d("2026-10-20"), satisfaction: .satisfied), s, dates)
        }
        #expect(throws: PetitionFlowError.self) {
            try apply(.extend(on: d("2026-10-20"), days: 31, reason: "复杂", approver: "主席"), s, dates)
        }
        (s, dates) = try apply(.extend(on: d("2026-10-20"), days: 30, reason: "复杂", approver: "主席"), s, dates)
        #expect(throws: PetitionFlowError.field(FieldError(field: "extension", message: "办理期限只能延长一次"))) {
            try apply(.extend(on: d("2026-10-21"), days: 5, reason: "复杂", approver: "主席"), s, dates)
        }
        #expect(throws: PetitionFlowError.wrongState("当前状态为“已受理”，不能再受理")) {
            try apply(.accept(on: d("2026-10-21")), s, dates)
        }
        // Only a transferred petition owes the transferring body a reply.
        #expect(throws: PetitionFlowError.wrongState("该件不是上级转办件，无需回复转办机关")) {
            try apply(.replyToTransferrer(on: d("2026-10-21")), s, dates)
        }
    }

    @Test("not accepting or transferring out meets the acceptance limit and ends the petition")
    func notAccepted() throws {
        var dates = PetitionDates(received: d("2026-10-01"))
        dates.transferReplyDue = d("2026-10-31")
        let (s, after) = try apply(.notAccept(on: d("2026-10-20"), reason: "不属于工会职责"), .received, dates)
        #expect(s == .notAccepted)
        let all = PetitionDeadlines.all(after, today: d("2026-10-21"))
        #expect(all.first { $0.kind == .acceptance }?.state == .missed)  // 19 days after receipt
        #expect(all.allSatisfy { $0.kind != .handling })
        #expect(PetitionFlow.codes(for: s, dates: after, unreported: false) == [.replyToTransferrer])
        let (s2, replied) = try apply(.replyToTransferrer(on: d("2026-10-21")), s, after)
        #expect(s2 == .notAccepted && replied.transferRepliedOn == (d("2026-10-21")))
    }

    @Test("every step the page offers is one the workflow accepts in that state")
    func codesAgree() throws {
        let today = d("2026-11-18")
        var dates = PetitionDates(received: d("2026-11-01"))
        dates.transferReplyDue = d("2026-12-01")
        var states: [(PetitionState, PetitionDates)] = [(.received, dates)]
        var accepted = dates
        accepted.accepted = d("2026-11-02")
        states += [(.accepted, accepted), (.inProgress, accepted)]
        var replied = accepted
        replied.answered = d("2026-11-10")
        states += [(.replied, replied), (.closed, replied)]
        var reviewing = replied
        reviewing.reviewRequested = d("2026-11-12")
        states.append((.reviewing, reviewing))
        for (state, dates) in states {
            for code in PetitionFlow.codes(for: state, dates: dates, unreported: true) {
                let action: PetitionAction =
                    switch code {
                    case .accept: .accept(on: today)
                    case .notAccept: .notAccept(on: today, reason: "r")
                    case .transferOut: .transferOut(on: today, to: "区总工会")
                    case .start: .start(on: today)
                    case .extend: .extend(on: today, days: 10, reason: "r", approver: "a")
                    case .reply: .reply(on: today, summary: "s", reference: nil)
                    case .replyToTransferrer: .replyToTransferrer(on: today)
                    case .close: .close(on: today, satisfaction: .satisfied)
                    case .reopen: .reopen(on: today)
                    case .report: .report(on: today, to: "镇党委")
                    }
                #expect(throws: Never.self, "\(state) \(code)") { try apply(action, state, dates) }
            }
        }
    }

    @Test("intake: every failing field reported; transferred needs the body and its reply date; B is not A; phones mobile or landline")
    func intake() throws {
        let today = d("2026-11-18")
        var f = FormFields([
            "source": "上级转办", "receivedOn": "2026-11-19", "petitionerName": "李四", "category": "欠薪", "summary": "拖欠工资", "handlerA": "3",
            "handlerB": "3", "petitionerPhone": "12345",
        ])
        do {
            _ = try PetitionFields.validate(f, today: today)
            Issue.record("accepted bad intake")
        } catch {
            let fields = Set(error.errors.map(\.field))
            #expect(fields == ["receivedOn", "transferBody", "transferReplyDue", "handlerB", "petitionerPhone"], "\(error.errors)")
            #expect(error.errors.first { $0.field == "handlerB" }?.message == "B角承办人不能与A角是同一人")
            #expect(error.errors.first { $0.field == "receivedOn" }?.message == "收件日期不能晚于今天")
        }
        f["receivedOn"] = "2026-11-18"
        f["transferBody"] = "市总工会"
        f["transferReplyDue"] = "2026-12-18"
        f["handlerB"] = "4"
        f["petitionerPhone"] = "0757-22223333"
        f["workers"] = "12"
        f["urgent"] = "on"
        let ok = try PetitionFields.validate(f, today: today)
        #expect(ok.source == .transferred && ok.category == .wages && ok.workers == 12 && ok.urgent)
        #expect(ok.petitionerPhone == "075722223333")
        #expect(try ContactPhone.parse("+86 138 0013 8000", field: "p") == "13800138000")
        #expect(throws: FieldError.self) { try ContactPhone.parse("757-2222", field: "p") }
    }

    @Test("steps from forms: each action names what it lacks")
    func actionParsing() throws {
        let today = d("2026-11-18")
        func errors(_ values: [String: String]) -> [String] {
            do {
                _ = try PetitionAction.parse(FormFields(values), today: today)
                return []
            } catch { return error.errors.map(\.field) }
        }
        #expect(errors(["action": "notAccept", "date": "2026-11-18"]) == ["reason"])
        #expect(errors(["action": "close", "date": "2026-11-18"]) == ["satisfaction"])
        #expect(errors(["action": "reply", "date": "2026-11-18"]) == ["summary"])
        #expect(errors(["action": "extend", "date": "2026-11-18"]) == ["days"])
        #expect(errors(["action": "fly", "date": "x"]) == ["action", "date"])
        let reply = try PetitionAction.parse(
            FormFields(["action": "reply", "date": "2026-11-18", "summary": "已答复", "reference": "示工复1号"]), today: today)
        #expect(reply == .reply(on: today, summary: "已答复", reference: "示工复1号"))
    }

    @Test("mediation outcome and recoveries: dates in order, counts consistent")
    func mediationAndRecovery() throws {
        let today = d("2026-11-18")
        do {
            _ = try MediationOutcomeFields.validate(
                FormFields(["outcome": "noAgreement", "decidedOn": "2026-11-01", "performed": "on"]), appliedOn: d("2026-11-05"),
                today: today)
            Issue.record("accepted a decision before the application")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["decidedOn", "performed"])
        }
        let agreed = try MediationOutcomeFields.validate(
            FormFields(["outcome": "agreement", "decidedOn": "2026-11-12", "agreedAmount": "3.6万", "performed": "on"]),
            appliedOn: d("2026-11-05"), today: today)
        #expect(agreed.agreedAmount == 3_600_000 && agreed.performed)
        do {
            _ = try RecoveryFields.validate(
                FormFields(["kind": "wages", "workers": "3", "migrantWorkers": "4", "amount": "0", "date": "2026-11-18"]), today: today)
            Issue.record("accepted more migrant workers than workers")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["migrantWorkers", "amount"])
        }
    }

    @Test("a rules file names only what differs from the law's defaults")
    func rulesDecoding() throws {
        let rules = try JSONDecoder().decode(PetitionRules.self, from: Data(#"{"groupSize": 10, "dueSoonDays": 5}"#.utf8))
        #expect(rules.groupSize == 10 && rules.dueSoonDays == 5 && rules.handlingDays == 60 && rules.mediationDays == 15)
    }
}
