import Foundation
import Testing

@testable import Domain

@Suite("Collective bargaining: negotiation and contract flows, deadlines, inputs") struct ContractFlowTests {
    func d(_ s: String) -> CalendarDate { CalendarDate(parsing: s)! }
    let rules = ContractRules()

    func seats(_ n: Int = 3, joined: String = "2026-08-05") -> [NegotiatorSeat] {
        NegotiatorSide.allCases.flatMap { side in
            (0..<n).map { NegotiatorSeat(name: "\(side.rawValue)\($0)", side: side, chief: $0 == 0, joined: d(joined)) }
        }
    }

    func terms(_ starts: String = "2026-11-01", _ ends: String = "2027-10-31") -> ContractTerms {
        ContractTerms(title: nil, startsOn: d(starts), endsOn: d(ends), workers: 240, womenWorkers: nil, wageRise: 1500, minimumWage: nil)
    }

    func vote(_ delegates: Int, _ attending: Int, _ approving: Int, _ result: VoteResult, on: String = "2026-10-20") -> NegotiationAction {
        .vote(.init(on: d(on), body: .congress, delegates: delegates, attending: attending, approving: approving, result: result))
    }

    @Test("要约 → 回应 → 协商 → 草案 → 表决未通过退回 → 再协商 → 通过 → 签字; each date recorded")
    func negotiationPath() throws {
        var dates = NegotiationDates(requested: d("2026-08-01"))
        dates.seats = seats()
        var s = NegotiationState.requested
        let today = d("2026-11-18")
        (s, dates) = try NegotiationFlow.apply(.reply(on: d("2026-08-10"), answer: .agreed, note: nil), to: s, dates: dates, today: today, rules: rules)
        #expect(s == .talking && dates.replied == d("2026-08-10"))
        (s, dates) = try NegotiationFlow.apply(.round(on: d("2026-09-01"), minutes: "交换方案"), to: s, dates: dates, today: today, rules: rules)
        (s, dates) = try NegotiationFlow.apply(.draft(on: d("2026-10-01")), to: s, dates: dates, today: today, rules: rules)
        #expect(s == .drafted)
        (s, dates) = try NegotiationFlow.apply(vote(45, 38, 19, .failed, on: "2026-10-10"), to: s, dates: dates, today: today, rules: rules)
        #expect(s == .talking, "a failed vote returns to talks")
        (s, dates) = try NegotiationFlow.apply(.round(on: d("2026-10-15"), minutes: "调整方案"), to: s, dates: dates, today: today, rules: rules)
        #expect(dates.rounds == 2)
        (s, dates) = try NegotiationFlow.apply(.draft(on: d("2026-10-16")), to: s, dates: dates, today: today, rules: rules)
        (s, dates) = try NegotiationFlow.apply(vote(45, 40, 36, .passed), to: s, dates: dates, today: today, rules: rules)
        #expect(s == .approved)
        (s, dates) = try NegotiationFlow.apply(.sign(on: d("2026-10-25"), terms: terms()), to: s, dates: dates, today: today, rules: rules)
        #expect(s == .signed && dates.signed == d("2026-10-25"))
        #expect(NegotiationFlow.codes(for: s).isEmpty)
    }

    @Test("a vote recorded as passed must have two thirds present and more than half of all delegates approving")
    func voteChecks() {
        let cases: [(Int, Int, Int, VoteResult, String?)] = [
            (45, 29, 28, .passed, "attending"),  // 29 < 2/3 of 45 (30)
            (45, 30, 28, .passed, nil),  // exactly two thirds
            (45, 40, 22, .passed, "approving"),  // 22 is not more than half of 45
            (45, 46, 40, .passed, "attending"),  // more present than delegates
            (45, 40, 41, .passed, "approving"),  // more votes than present
            (45, 40, 30, .failed, "result"),  // the figures pass it
            (45, 29, 23, .failed, nil),  // no quorum: may be recorded as failed
            (45, 29, 23, .passed, "attending"),
            (45, 40, 23, .passed, nil),  // 23 > 22.5
        ]
        for (delegates, attending, approving, result, field) in cases {
            let v = NegotiationAction.Vote(on: d("2026-10-20"), body: .congress, delegates: delegates, attending: attending, approving: approving, result: result)
            do {
                try NegotiationFlow.checkVote(v)
                #expect(field == nil, "\(delegates)/\(attending)/\(approving) \(result) should be refused on \(field ?? "")")
            } catch {
                #expect(error.field == field, "\(delegates)/\(attending)/\(approving) \(result): \(error.message)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("talks need at least three negotiators a side, equal numbers, one chief each")
    func seating() {
        var dates = NegotiationDates(requested: d("2026-08-01"))
        dates.replied = d("2026-08-03")
        func refused(_ s: [NegotiatorSeat]) -> Bool {
            dates.seats = s
            return (try? NegotiationFlow.apply(.round(on: d("2026-09-01"), minutes: "x"), to: .talking, dates: dates, today: d("2026-11-18"), rules: rules)) == nil
        }
        #expect(!refused(seats()))
        #expect(refused(seats(2)), "two a side")
        #expect(refused(seats() + [NegotiatorSeat(name: "多一人", side: .workers, chief: false, joined: d("2026-08-05"))]), "unequal")
        #expect(refused(seats().map { var s = $0; s.chief = false; return s }), "no chief")
        #expect(refused(seats(joined: "2026-09-02")), "not yet seated on the day")
        var left = seats()
        left[1].left = d("2026-08-20")
        #expect(refused(left), "a seat left empty")
    }

    @Test("dates out of order and in the future are refused with the field named")
    func dates() {
        var dates = NegotiationDates(requested: d("2026-08-01"))
        dates.seats = seats()
        for (action, today) in [
            (NegotiationAction.reply(on: d("2026-07-30"), answer: .agreed, note: nil), "2026-11-18"),
            (.reply(on: d("2026-11-20"), answer: .agreed, note: nil), "2026-11-18"),
        ] {
            #expect(throws: ContractFlowError.self) {
                try NegotiationFlow.apply(action, to: .requested, dates: dates, today: d(today), rules: rules)
            }
        }
        var contract = ContractDates(kind: .wage, signed: d("2026-10-25"), starts: d("2026-11-01"), ends: d("2027-10-31"))
        #expect(throws: ContractFlowError.field(FieldError(field: "date", message: "日期不能早于签订日期（2026-10-25）"))) {
            try ContractFlow.apply(.submit(on: d("2026-10-20")), to: .signed, dates: contract, today: d("2026-11-18"))
        }
        contract.filed = d("2026-10-30")
        #expect(throws: ContractFlowError.self) {
            try ContractFlow.apply(.publish(on: d("2026-11-01"), channel: "公开栏"), to: .submitted, dates: contract, today: d("2026-11-18"))
        }
    }

    @Test("a contract's term is 1–3 years; ends after it starts; women within workers; no wage rise on a safety contract")
    func terms() {
        func errors(_ f: [String: String], kind: ContractKind = .wage) -> [String] {
            var e = FieldErrors()
            let base = ["startsOn": "2026-11-01", "endsOn": "2027-10-31", "workers": "240"]
            _ = ContractTerms.validate(FormFields(base.merging(f) { $1 }), kind: kind, rules: rules, into: &e)
            return e.errors.map(\.field)
        }
        #expect(errors([:]).isEmpty)
        #expect(errors(["endsOn": "2029-11-01"]) == ["endsOn"], "over three years")
        #expect(errors(["endsOn": "2029-10-31"]).isEmpty, "exactly three years")
        #expect(errors(["endsOn": "2026-10-01"]) == ["endsOn"])
        #expect(errors(["womenWorkers": "300"]) == ["womenWorkers"])
        #expect(errors(["wageRise": "5"], kind: .safety) == ["wageRise"])
        #expect(errors(["wageRise": "101"]) == ["wageRise"])
        #expect(errors(["workers": ""]) == ["workers"])
    }

    @Test("wage rises are read as percent with up to two decimals, kept in basis points")
    func wageRise() throws {
        #expect(try WageRise.parse("15", field: "f", label: "增幅") == 1500)
        #expect(try WageRise.parse("12.5%", field: "f", label: "增幅") == 1250)
        #expect(try WageRise.parse("3.05", field: "f", label: "增幅") == 305)
        #expect(try WageRise.parse("", field: "f", label: "增幅") == nil)
        #expect(try WageRise.parse("１５", field: "f", label: "增幅") == 1500, "full-width digits as typed on a phone")
        for bad in ["-1", "1.234", "abc", "100.5", "1e2", ".5"] {
            #expect(throws: FieldError.self, "\(bad)") { try WageRise.parse(bad, field: "f", label: "增幅") }
        }
        #expect(WageRise.text(1500) == "15%" && WageRise.text(1250) == "12.5%" && WageRise.text(305) == "3.05%")
    }

    @Test("deadlines: reply in 20 days, vacancy refilled in 15, filing in 10 (wage 7 where configured), review 15, publish 10, renewal 3 months ahead")
    func deadlines() {
        var n = NegotiationDates(requested: d("2026-11-01"))
        var s = seats()
        s[1].left = d("2026-10-25")
        n.seats = s
        let open = ContractDeadlines.negotiation(n, state: .talking, rules: rules, today: d("2026-11-18"))
        #expect(open.first { $0.kind == .reply }?.state == .dueSoon)
        let vacancy = open.first { $0.kind == .vacancy }
        #expect(vacancy?.due == d("2026-11-09") && vacancy?.state == .overdue)
        n.seats.append(NegotiatorSeat(name: "补选", side: .workers, chief: false, joined: d("2026-11-05")))
        #expect(ContractDeadlines.negotiation(n, state: .talking, rules: rules, today: d("2026-11-18")).first { $0.kind == .vacancy }?.state == .met)

        var c = ContractDates(kind: .wage, signed: d("2026-10-25"), starts: d("2026-11-01"), ends: d("2027-10-31"))
        var wage7 = rules
        wage7.wageFilingDays = 7
        #expect(ContractDeadlines.contract(c, state: .signed, rules: rules, today: d("2026-11-18")).first?.due == d("2026-11-04"))
        #expect(ContractDeadlines.contract(c, state: .signed, rules: wage7, today: d("2026-11-18")).first?.due == d("2026-11-01"))
        c.filed = d("2026-10-30")
        c.effective = d("2026-11-14")
        let list = ContractDeadlines.contract(c, state: .inForce, rules: rules, today: d("2026-11-18"))
        #expect(list.map(\.kind) == [.filing, .review, .publication, .renewal])
        #expect(list.first { $0.kind == .renewal }?.state == .open)
        #expect(ContractDeadlines.contract(c, state: .inForce, rules: rules, today: d("2027-08-01")).first { $0.kind == .renewal }?.state == .dueSoon)
        #expect(c.inForce(on: d("2026-11-14")) && !c.inForce(on: d("2026-11-13")) && !c.inForce(on: d("2027-11-01")))
        c.superseded = d("2027-10-01")
        #expect(!c.inForce(on: d("2027-10-01")) && c.inForce(on: d("2027-09-30")))
        #expect(c.label(.inForce, today: d("2027-10-02")).hasPrefix("已续签"))
    }

    @Test("an objection sends the contract back; re-filing restarts the review; ending clears open deadlines")
    func objection() throws {
        var c = ContractDates(kind: .comprehensive, signed: d("2026-09-01"), starts: d("2026-09-01"), ends: d("2029-08-31"))
        var s = ContractState.signed
        let today = d("2026-11-18")
        (s, c) = try ContractFlow.apply(.submit(on: d("2026-09-05")), to: s, dates: c, today: today)
        (s, c) = try ContractFlow.apply(.object(on: d("2026-09-15"), note: "条款低于最低工资"), to: s, dates: c, today: today)
        #expect(s == .objected)
        #expect(ContractFlow.codes(for: s, dates: c) == [.resubmit, .end])
        (s, c) = try ContractFlow.apply(.resubmit(on: d("2026-10-10"), note: "已修改"), to: s, dates: c, today: today)
        #expect(s == .submitted && c.lastFiled == d("2026-10-10") && c.filed == d("2026-09-05"))
        #expect(ContractDeadlines.contract(c, state: s, rules: rules, today: today).first { $0.kind == .review }?.due == d("2026-10-25"))
        (s, c) = try ContractFlow.apply(.end(on: d("2026-11-01"), reason: "企业关闭"), to: s, dates: c, today: today)
        #expect(s == .terminated && ContractDeadlines.contract(c, state: s, rules: rules, today: today).allSatisfy { $0.doneOn != nil })
    }

    @Test("a registered contract's dates follow each other: filed after signing, in force after filing, published after")
    func recordDates() {
        func fields(_ f: [String: String]) -> [String] {
            let base = [
                "kind": "wage", "level": "enterprise", "employerId": "3", "signedOn": "2026-05-01", "startsOn": "2026-05-01",
                "endsOn": "2027-04-30", "workers": "30",
            ]
            do {
                _ = try ContractRecordFields.validate(FormFields(base.merging(f) { $1 }), today: d("2026-11-18"), rules: rules)
                return []
            } catch { return error.errors.map(\.field) }
        }
        #expect(fields(["filedOn": "2026-05-05", "effectiveOn": "2026-05-20", "publishedOn": "2026-05-25"]).isEmpty)
        #expect(fields(["filedOn": "2026-04-05"]) == ["filedOn"])
        #expect(fields(["effectiveOn": "2026-05-20"]) == ["effectiveOn"], "in force without filing")
        #expect(fields(["filedOn": "2026-05-05", "effectiveOn": "2026-05-01"]) == ["effectiveOn"])
        #expect(fields(["level": "sectoral", "employerId": ""]) == ["counterpart"])
        #expect(fields(["employerId": ""]) == ["employerId"])
        #expect(fields(["signedOn": "2026-12-01"]) == ["signedOn"])
    }

    @Test("the contract text is its kind's template filled from the record; what the record lacks is left blank")
    func contractText() {
        let facts = ContractText.Facts(
            kind: .wage, level: .sectoral, title: "示例镇五金行业工资专项集体合同", union: "示例镇总工会", party: "五金行业企业方代表", covered: ["甲厂", "乙厂"],
            workers: 240, womenWorkers: nil, starts: d("2026-05-01"), ends: d("2027-04-30"), wageRise: 1500, minimumWage: nil, signed: d("2026-04-18"))
        let text = ContractText.compose(facts)
        let all = text.lines.map { line -> String in
            switch line {
            case .chapter(let t), .clause(let t), .signature(let t): t
            }
        }.joined(separator: "\n")
        #expect(all.contains("甲厂、乙厂") && all.contains("覆盖职工240人") && all.contains("15%") && all.contains("2026年5月1日起至2027年4月30日止"))
        #expect(all.contains("最低工资为每月________元"), "no minimum wage recorded: a blank, not a figure")
        #expect(all.contains("第一章　总则") && all.contains("第二章　工资分配"))
        let women = ContractText.compose(ContractText.Facts(
            kind: .women, level: .enterprise, title: "t", union: "甲工会", party: "甲公司", covered: [], workers: 80, womenWorkers: 50, starts: d("2026-05-01"),
            ends: d("2029-04-30"), wageRise: nil, minimumWage: nil, signed: d("2026-04-18")))
        #expect(women.lines.contains { if case .clause(let t) = $0 { t.contains("98天产假") } else { false } })
        #expect(!women.lines.contains { if case .clause(let t) = $0 { t.contains("工资总额") } else { false } })
    }
}
