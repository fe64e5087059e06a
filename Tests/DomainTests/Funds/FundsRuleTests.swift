import Testing

@testable import Domain

@Suite("Union funds rules") struct FundsRuleTests {
    let rules = FundsRules()

    @Test("2% of the payroll to the fen, due on the 15th of the next month; member dues without the wage's tail under 10 yuan")
    func assessment() {
        #expect(rules.assessed(base: 568_000_00) == 11_360_00)
        #expect(rules.assessed(base: 12_345) == 247, "246.9 fen rounds to 247")
        #expect(rules.dueDate(Month(2026, 10)) == CalendarDate(clamping: 2026, 11, 15))
        #expect(rules.dueDate(Month(2026, 12)) == CalendarDate(clamping: 2027, 1, 15))
        #expect(rules.memberDues(wage: 3_456_00) == 17_25, "3,450 yuan × 0.5%")
        #expect(rules.memberDues(wage: 9_99) == 0)
        #expect(rules.returnShare(ownership: "私营") == 60)
        var split = FundsRules()
        split.returnPercentByOwnership = ["私营": 70]
        #expect(split.returnShare(ownership: "私营") == 70 && split.returnShare(ownership: nil) == 60)
    }

    @Test("late fees: none unless the province levies them; 5‰ a day, capped at the arrears")
    func lateFees() {
        #expect(rules.lateFee(arrears: 10_000_00, days: 30) == 0)
        var levied = FundsRules()
        levied.lateFees = true
        #expect(levied.lateFee(arrears: 10_000_00, days: 30) == 1_500_00, "10,000 × 0.5% × 30")
        #expect(levied.lateFee(arrears: 10_000_00, days: 400) == 10_000_00, "capped at the principal")
        levied.lateFeeCappedAtPrincipal = false
        #expect(levied.lateFee(arrears: 10_000_00, days: 400) == 20_000_00)
        #expect(levied.lateFee(arrears: Int.max, days: Int.max) > 0, "no overflow")
    }

    @Test("a month is read as the tax system and cadres write it", arguments: [
        ("2026-10", Month(2026, 10)), ("2026-1", Month(2026, 1)), ("2026年10月", Month(2026, 10)), ("202610", Month(2026, 10)),
        ("2026/10", Month(2026, 10)), ("2026-10-01至2026-10-31", Month(2026, 10)), ("2026-10-01", Month(2026, 10)), ("２０２６－１０", Month(2026, 10)),
    ] as [(String, Month)])
    func months(text: String, month: Month) {
        #expect(Month(parsing: text) == month)
    }

    @Test("what is not a month is refused", arguments: ["2026-13", "2026-0", "10", "2026", "二〇二六年十月", "", "2026-10-10-10", "12345-01"])
    func notMonths(text: String) {
        #expect(Month(parsing: text) == nil)
    }

    @Test("a stored month is read exactly as stored, and nothing else by that fast path")
    func isoMonths() {
        #expect(Month(iso: "2026-10") == Month(2026, 10))
        #expect(Month(iso: "0001-01") == Month(1, 1) && Month(iso: "0000-01") == nil, "the representable years")
        for text in ["2026-1", "2026-13", "2026-00", "2026/10", "202610", "２０２６-10", "2026-1a", "20a6-10", "2026-10 ", ""] {
            #expect(Month(iso: text) == nil, "\(text)")
        }
        for m in [Month(2026, 1), Month(1999, 12), Month(2030, 6)] { #expect(Month(iso: m.iso) == m && Month(parsing: m.iso) == m) }
    }

    @Test("arrears: the months registered and due, less what arrived, aged from their due date; a new registration replaces the base from its month")
    func arrears() {
        let terms = [
            PayerTerm(since: Month(2026, 1), endsWith: nil, base: 100_000_00), PayerTerm(since: Month(2026, 7), endsWith: Month(2026, 9), base: 200_000_00),
        ]
        let asOf = CalendarDate(clamping: 2026, 12, 5)
        let got: [Month: Int] = [Month(2026, 1): 2_000_00, Month(2026, 2): 1_500_00, Month(2026, 7): 4_000_00]
        let lines = Arrears.lines(terms: terms, received: got, asOf: asOf, rules: rules)
        #expect(lines.map(\.month) == [Month(2026, 2), Month(2026, 3), Month(2026, 4), Month(2026, 5), Month(2026, 6), Month(2026, 8), Month(2026, 9)])
        #expect(lines.first?.owed == 500_00, "February part paid")
        #expect(lines.last?.assessed == 4_000_00, "the second registration's base")
        #expect(lines.first?.age == .over180 && lines.last?.age == .upTo90 && lines.last?.daysOverdue == 51)
        #expect(!lines.contains { $0.month >= Month(2026, 10) }, "stopped after September; October's dues are due on 15 November but the registration ended")
        let early = Arrears.lines(terms: [PayerTerm(since: Month(2026, 10), endsWith: nil, base: 100_000_00)], received: [:], asOf: CalendarDate(clamping: 2026, 11, 15), rules: rules)
        #expect(early.isEmpty, "October's dues are not late on their due day")
        let late = Arrears.lines(terms: [PayerTerm(since: Month(2026, 10), endsWith: nil, base: 100_000_00)], received: [:], asOf: CalendarDate(clamping: 2026, 11, 16), rules: rules)
        #expect(late.map(\.daysOverdue) == [1])
    }

    @Test("a receipt: every bad field named at once, the amount from the base when left out")
    func receiptInput() throws {
        let today = CalendarDate(clamping: 2026, 12, 5)
        let good = FormFields(["employerId": "3", "month": "2026-10", "base": "568000", "channel": "tax", "receivedOn": "2026-11-12"])
        let r = try ReceiptFields.validate(good, today: today, rules: rules)
        #expect(r.amount == 11_360_00 && r.month == Month(2026, 10))
        var bad = good
        bad["base"] = "-5"
        bad["month"] = "2027-01"
        bad["receivedOn"] = "2026-12-06"
        bad["channel"] = "cash"
        do {
            _ = try ReceiptFields.validate(bad, today: today, rules: rules)
            Issue.record("accepted")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["base", "month", "receivedOn", "channel"])
            #expect(error.errors.first { $0.field == "base" }?.message.contains("不能为负数") == true)
            #expect(error.errors.first { $0.field == "month" }?.message.contains("不能晚于2026年12月") == true)
        }
        bad = good
        bad["receivedOn"] = "2026-09-30"
        #expect(throws: FieldErrors.self) { try ReceiptFields.validate(bad, today: today, rules: rules) }
    }

    @Test("the summary says it in the seed's words, each figure with its indicator")
    func summary() throws {
        var f = FundsFigures()
        f.payingEmployers = 198
        f.returnsComplete = 168
        f.received = 13_173_100_00
        f.months = 10
        f.arrears = 12_000_00
        f.arrearsEmployers = 3
        let period = try ReportPeriod.year(2026)
        let input = SummaryInput(orgName: "示例镇总工会", period: period, date: CalendarDate(clamping: 2026, 10, 31))
        let text = try #require(FundsSummary(now: f, before: nil).subsection(input)).points.flatMap(\.sentences).map(\.text).joined()
        #expect(text.contains("缴交工会经费的企业共有198间，其中已完善返还手续的168间，尚未完善返还手续的30间，约共收到工会经费1317.31万元，月均缴费达131.73万元。"))
        #expect(text.contains("尚有3间单位欠缴工会经费1.2万元"))
        #expect(FundsSummary(now: FundsFigures(), before: nil).subsection(input) == nil, "nothing to say, nothing said")
    }
}

@Suite("Union books rules") struct BookRuleTests {
    let rules = FundsRules()
    let today = CalendarDate(clamping: 2026, 12, 5)

    func entry(_ extra: [String: String]) throws -> BookEntryFields {
        var f = FormFields(["orgId": "4", "side": "expense", "category": "activities", "amount": "3000", "on": "2026-01-20", "description": "春节慰问"])
        for (k, v) in extra { f[k] = v }
        return try BookEntryFields.validate(f, today: today, rules: rules)
    }

    @Test("the chart of accounts: a category of the other side, an unknown welfare item, welfare as income are refused")
    func chart() throws {
        #expect(throws: FieldErrors.self) { try entry(["category": "subsidy"]) }
        #expect(throws: FieldErrors.self) { try entry(["welfare": "购物卡"]) }
        #expect(throws: FieldErrors.self) { try entry(["side": "income", "category": "subsidy", "welfare": "festival", "people": "3"]) }
        #expect(try entry(["category": "职工活动支出"]).category == "activities", "by its name too")
        #expect(try entry(["welfare": "festival", "people": "10"]).form == .inKind, "in kind unless said")
    }

    @Test("standards: per occasion, per year with what each already had, the reason where the rule allows going over")
    func standards() throws {
        let festival = try entry(["welfare": "festival", "people": "10", "amount": "12000"])
        #expect(try BookChecks.check(festival, rules: rules, priorPerPerson: 0, spent: 0, budget: nil) == .init(cap: false, budget: false))
        #expect(throws: FieldErrors.self) { try BookChecks.check(festival, rules: rules, priorPerPerson: 400_00, spent: 0, budget: nil) }
        var lenient = rules
        lenient.welfareCaps = lenient.welfareCaps.map { var c = $0; c.overWithReason = true; return c }
        #expect(throws: FieldErrors.self) { try BookChecks.check(festival, rules: lenient, priorPerPerson: 400_00, spent: 0, budget: nil) }
        var explained = festival
        explained.overReason = "市总工会专项慰问"
        #expect(try BookChecks.check(explained, rules: lenient, priorPerPerson: 400_00, spent: 0, budget: nil).cap)
        let birthday = try entry(["welfare": "birthday", "people": "3", "amount": "901"])
        #expect(throws: FieldErrors.self) { try BookChecks.check(birthday, rules: rules, priorPerPerson: 1_000_00, spent: 0, budget: nil) }
        let exact = try entry(["welfare": "birthday", "people": "3", "amount": "900"])
        #expect(try !BookChecks.check(exact, rules: rules, priorPerPerson: 1_000_00, spent: 0, budget: nil).cap, "per occasion: what came before does not count")
    }

    @Test("the budget: within it passes, over it needs the reason")
    func budget() throws {
        let spend = try entry([:])
        #expect(try !BookChecks.check(spend, rules: rules, priorPerPerson: 0, spent: 7_000_00, budget: 10_000_00).budget)
        do {
            _ = try BookChecks.check(spend, rules: rules, priorPerPerson: 0, spent: 7_000_01, budget: 10_000_00)
            Issue.record("over the budget without a reason")
        } catch {
            #expect(error.errors.map(\.field) == ["overReason"] && error.errors[0].message.contains("预算1万元"))
        }
        var explained = spend
        explained.overReason = "追加"
        #expect(try BookChecks.check(explained, rules: rules, priorPerPerson: 0, spent: 9_000_00, budget: 10_000_00).budget)
        #expect(try !BookChecks.check(spend, rules: rules, priorPerPerson: 0, spent: 99_000_00, budget: nil).budget, "no budget, no check")
    }
}
