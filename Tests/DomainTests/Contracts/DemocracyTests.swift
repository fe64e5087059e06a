import Foundation
import Testing

@testable import Domain

@Suite("Democratic management: congress make-up, sessions, proposals, weekly reports, women's organisations") struct DemocracyTests {
    func d(_ s: String) -> CalendarDate { CalendarDate(parsing: s)! }
    let rules = ContractRules()

    @Test("weekdays, Mondays and working days")
    func calendar() {
        #expect(d("2026-11-30").weekday == 1 && d("2026-12-06").weekday == 7 && d("1970-01-01").weekday == 4)
        #expect(d("2026-12-04").monday == d("2026-11-30") && d("2026-11-30").monday == d("2026-11-30"))
        #expect(d("2026-12-04").adding(workingDays: 7) == d("2026-12-15"), "Friday + 7 working days skips two weekends")
        #expect(d("1969-12-28").weekday == 7, "before the epoch too")
    }

    @Test("a congress of 100+ staff needs ≥5% and ≥30 seats; fewer than 100 meet as all staff; terms 3–5 years")
    func congressFields() {
        func fields(_ f: [String: String]) -> [String] {
            let base = ["kind": "workers", "level": "enterprise", "employerId": "4", "termStart": "2026-03-01", "termYears": "3", "staff": "800", "seats": "40"]
            do {
                _ = try CongressFields.validate(FormFields(base.merging(f) { $1 }), today: d("2026-11-18"), rules: rules)
                return []
            } catch { return error.errors.map(\.field) }
        }
        #expect(fields([:]).isEmpty)
        #expect(fields(["seats": "35"]) == ["seats"], "5% of 800 is 40")
        #expect(fields(["staff": "300", "seats": "29"]) == ["seats"], "at least 30")
        #expect(fields(["staff": "60", "seats": ""]).isEmpty, "an all-staff meeting needs no seats")
        #expect(fields(["termYears": "6"]) == ["termYears"])
        #expect(fields(["womenStaff": "900"]) == ["womenStaff"])
        #expect(fields(["employerId": ""]) == ["employerId"])
        #expect(fields(["employerId": "", "kind": "teachers"]).isEmpty, "a school's 教代会 is its union's own")
        #expect(fields(["level": "sectoral", "employerId": ""]) == ["name"])
        #expect(fields(["termStart": "2027-01-01"]) == ["termStart"])
    }

    @Test("delegates: no more than the seats, managers within 20% (30% for a sector), women in proportion, teachers ≥60% for 教代会")
    func makeup() {
        var m = CongressMakeup(kind: .teachers, level: .enterprise, staff: 800, womenStaff: 400, seats: 40, delegates: 39, women: 12, managers: 8, teachers: 20)
        #expect(throws: FieldError(field: "category", message: "中层及以上管理人员代表已达名额的20%（8人），不能再增加")) { try m.admits(.manager, rules) }
        #expect(throws: Never.self) { try m.admits(.frontline, rules) }
        m.delegates = 40
        #expect(throws: FieldError.self) { try m.admits(.frontline, rules) }
        let checks = m.checks(rules)
        #expect(checks.filter { !$0.holds }.map(\.rule).count == 2, "women 30% against 50% of staff; teachers 50% < 60%: \(checks)")
        m.level = .sectoral
        #expect(throws: Never.self) { try CongressMakeup(kind: .workers, level: .sectoral, staff: 800, womenStaff: 0, seats: 40, delegates: 30, managers: 11).admits(.manager, rules) }
        #expect(CongressMakeup(kind: .workers, level: .enterprise, staff: 60, womenStaff: 20, seats: 60).checks(rules).isEmpty)
        #expect(throws: FieldError.self) { try CongressMakeup(kind: .workers, level: .enterprise, staff: 60, womenStaff: 20, seats: 60).admits(.frontline, rules) }
    }

    @Test("a session needs two thirds present; a resolution's votes fit the attendance; the proposals' window closes before it")
    func session() {
        func fields(_ f: [String: String], members: Int = 45) -> [String] {
            let base = ["title": "第一届第二次会议", "heldOn": "2026-10-20", "attending": "40"]
            do {
                _ = try SessionFields.validate(FormFields(base.merging(f) { $1 }), termStart: d("2025-03-01"), members: members, today: d("2026-11-18"))
                return []
            } catch { return error.errors.map(\.field) }
        }
        #expect(fields([:]).isEmpty)
        #expect(fields(["attending": "29"]) == ["attending"])
        #expect(fields(["attending": "30"]).isEmpty)
        #expect(fields(["attending": "46"]) == ["attending"])
        #expect(fields(["heldOn": "2025-01-01"]) == ["heldOn"])
        #expect(fields(["proposalsFrom": "2026-10-01", "proposalsTo": "2026-10-25"]) == ["proposalsTo"])
        #expect(fields(["proposalsFrom": "2026-10-10", "proposalsTo": "2026-10-01"]) == ["proposalsTo"])
        #expect((try? ResolutionFields.validate(FormFields(["title": "决议", "approving": "30", "against": "8", "abstaining": "3"]), attending: 40)) == nil)
        #expect((try? ResolutionFields.validate(FormFields(["title": "决议", "approving": "30", "against": "8"]), attending: 40))?.abstaining == 0)
    }

    @Test("a proposal: one proposer and two co-signers besides; registered or returned; answered; rated once; reported")
    func proposals() throws {
        func cosigners(_ text: String) -> [String]? {
            try? ProposalFields.validate(
                FormFields(["sessionId": "1", "title": "案由", "content": "内容", "proposer": "王丽", "cosigners": text, "submittedOn": "2026-03-01"]),
                today: d("2026-11-18"), rules: rules
            ).cosigners
        }
        #expect(cosigners("李华、张敏") == ["张敏", "李华"])
        #expect(cosigners("李华，王丽") == nil, "the proposer does not co-sign their own")
        #expect(cosigners("李华、李华") == nil)
        var (s, dates) = (ProposalState.submitted, ProposalDates(submitted: d("2026-03-01")))
        (s, dates) = try ProposalFlow.apply(.register(on: d("2026-03-10"), department: "总务处"), to: s, dates: dates, rated: false, today: d("2026-11-18"))
        #expect(throws: ContractFlowError.self) {
            try ProposalFlow.apply(.rate(on: d("2026-03-11"), satisfaction: .satisfied), to: s, dates: dates, rated: false, today: d("2026-11-18"))
        }
        #expect(throws: ContractFlowError.self) {
            try ProposalFlow.apply(.reply(on: d("2026-03-09"), answer: "x"), to: s, dates: dates, rated: false, today: d("2026-11-18"))
        }
        (s, dates) = try ProposalFlow.apply(.reply(on: d("2026-03-20"), answer: "已落实"), to: s, dates: dates, rated: false, today: d("2026-11-18"))
        #expect(s == .answered && ProposalFlow.codes(for: s, dates: dates, rated: false) == [.rate, .report])
        #expect(ProposalFlow.codes(for: s, dates: dates, rated: true) == [.report])
        #expect(ProposalFlow.codes(for: .submitted, dates: dates, rated: false) == [.register, .giveBack])
    }

    @Test("a weekly report is for this week or an earlier one; a correction needs its due date; a committee has three members or more")
    func otherInputs() {
        let today = d("2026-12-04")
        #expect((try? ProgressReportFields.validate(FormFields(["progress": "已发要约"]), today: today))?.week == d("2026-11-30"))
        #expect((try? ProgressReportFields.validate(FormFields(["progress": "x", "week": "2026-12-08"]), today: today)) == nil)
        #expect((try? DisclosureCheckFields.validate(FormFields(["employerId": "1", "checkedOn": "2026-11-01", "findings": "未公开"]), today: today)) == nil)
        #expect((try? DisclosureCheckFields.validate(FormFields(["employerId": "1", "checkedOn": "2026-11-01", "findings": "齐全", "passed": "on"]), today: today)) != nil)
        #expect((try? WomenCommitteeFields.validate(FormFields(["form": "committee", "setUpOn": "2026-01-01", "chair": "林秀英", "members": "2"]), today: today)) == nil)
        #expect((try? WomenCommitteeFields.validate(FormFields(["form": "member", "setUpOn": "2026-01-01", "chair": "林秀英"]), today: today))?.members == 1)
    }
}
