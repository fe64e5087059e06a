import Testing

@testable import Domain

@Suite("Money in fen") struct MoneyTests {
    @Test(
        "what cadres type parses exactly into fen",
        arguments: [
            ("1234", 123_400), ("1,234.50", 123_450), ("1234.5元", 123_450), ("１２３４", 123_400), ("1.2万", 1_200_000),
            ("3万元", 3_000_000), ("¥ 0.01", 1), ("￥1,000,000", 100_000_000), ("1.09万", 1_090_000), ("12.2万元", 12_200_000),
            ("0.123456万", 123_456), ("5000.00", 500_000),
        ])
    func parses(_ text: String, _ fen: Int) throws {
        #expect(try Money.parse(text, field: "amount", label: "金额") == fen)
    }

    @Test(
        "malformed, fractional fen, negative or huge amounts are refused with the field named",
        arguments: ["", "abc", "12,34", "1.234", "-5", "1..2", "1.2.3", "0.1234567万", "2亿", "1e5", "99999999999999", "1,2345"])
    func refuses(_ text: String) {
        #expect {
            try Money.parse(text, field: "amount", label: "金额")
        } throws: { error in
            guard let e = error as? FieldError else { return false }
            return e.field == "amount" && e.message.hasPrefix("金额")
        }
    }

    @Test("printing: 1,234.50 on forms; 5000元, 1.09万元, 12.2万元 in summaries")
    func printing() {
        #expect(Money.yuan(123_450) == "1,234.50")
        #expect(Money.yuan(5) == "0.05")
        #expect(Money.yuan(-100_000_000) == "-1,000,000.00")
        #expect(Money.phrase(500_000) == "5000元")
        #expect(Money.phrase(1_090_000) == "1.09万元")
        #expect(Money.phrase(12_200_000) == "12.2万元")
        #expect(Money.phrase(7_500_000) == "7.5万元")
        #expect(Money.phrase(123_450) == "1234.5元")
        #expect(Money.phrase(1_234_567) == "1.23万元")
    }
}

@Suite("Household income and tiers") struct HouseholdIncomeTests {
    @Test("net income per person a month against 低保: ≤ line deep, < 2× relative, above none; exact at the edges")
    func tiers() {
        // A line of 800 yuan a month; a household of 3: the deep limit is 800 × 3 × 12 = 28,800 yuan a year.
        let line = 80_000
        func household(net yuan: Int) -> HouseholdIncome { HouseholdIncome(wages: yuan * 100, householdSize: 3) }
        #expect(household(net: 28_800).suggestedTier(subsistenceLine: line) == .deep)
        #expect(household(net: 28_801).suggestedTier(subsistenceLine: line) == .relative)
        #expect(household(net: 57_599).suggestedTier(subsistenceLine: line) == .relative)
        #expect(household(net: 57_600).suggestedTier(subsistenceLine: line) == nil)
        // Unavoidable costs come off before dividing: 40,000 of wages less 15,000 of medical costs.
        let ill = HouseholdIncome(wages: 4_000_000, unavoidableCosts: 1_500_000, householdSize: 3)
        #expect(ill.annualNet == 2_500_000)
        #expect(ill.monthlyPerPerson == 69_444)
        #expect(ill.suggestedTier(subsistenceLine: line) == .deep)
        #expect(HouseholdIncome(wages: 0, unavoidableCosts: 100, householdSize: 1).monthlyPerPerson == -9)
        #expect(HouseholdIncome(wages: 100, householdSize: 0).suggestedTier(subsistenceLine: line) == nil)
    }

    @Test("低保 lines by region and year fall back to the prefecture, the province and earlier years")
    func lines() {
        var l = SubsistenceLines()
        l.set(region: "441900", year: 2025, fen: 118_000)
        l.set(region: "440000", year: 2026, fen: 95_000)
        #expect(l.line(region: "441900", year: 2025) == 118_000)
        #expect(l.line(region: "441900", year: 2026) == 95_000)  // the province's 2026 figure before an older local one
        #expect(l.line(region: "441902", year: 2025) == 118_000)
        #expect(l.line(region: "450100", year: 2026) == nil)
    }
}

@Suite("Relief workflow") struct ReliefFlowTests {
    let ctx = ReliefFlow.Context(actor: 2, createdBy: 1, standardAmount: 100_000, secondApprovalAbove: 300_000, reportsUpward: false)

    @Test("the steps offered are the flow's: not the maker's check, not the payer's reversal, not a second approval of one's own")
    func allowedActions() {
        func allowed(_ state: ReliefState, actor: Int, pendingBy: Int? = nil, paidBy: Int? = nil, paid: Int? = nil, upward: Bool = false,
                     may: Set<Permission> = [.reliefApply, .reliefReview, .reliefPay]) -> [ReliefAction.Code] {
            let c = ReliefFlow.Context(
                actor: actor, createdBy: 1, pendingBy: pendingBy, pendingAmount: pendingBy.map { _ in 400_000 }, paidBy: paidBy, paidAmount: paid,
                standardAmount: 100_000, secondApprovalAbove: 300_000, reportsUpward: upward)
            return ReliefFlow.allowedActions(state, c, may: { may.contains($0) })
        }
        #expect(allowed(.draft, actor: 1) == [.submit, .withdraw])
        #expect(allowed(.returned, actor: 1) == [.submit, .withdraw], "a returned application goes back to its applicant")
        #expect(allowed(.submitted, actor: 1, may: [.reliefApply]).isEmpty, "once submitted it is not withdrawn")
        #expect(allowed(.withdrawn, actor: 1).isEmpty, "a withdrawn application is closed")
        #expect(allowed(.draft, actor: 1, may: [.reliefRead]).isEmpty)
        #expect(allowed(.submitted, actor: 1).isEmpty, "the maker reviews nothing of their own")
        #expect(allowed(.submitted, actor: 2) == [.approve, .reject, .returnForCompletion])
        #expect(allowed(.firstApproved, actor: 2, pendingBy: 2) == [.reject, .returnForCompletion], "no second approval of one's own")
        #expect(allowed(.firstApproved, actor: 3, pendingBy: 2) == [.secondApprove, .reject, .returnForCompletion])
        #expect(allowed(.approved, actor: 2) == [.pay])
        #expect(allowed(.approved, actor: 2, upward: true) == [.report])
        #expect(allowed(.reported, actor: 1, upward: true) == [.upperReject], "the maker cannot set the upper amount")
        #expect(allowed(.reported, actor: 2, upward: true) == [.upperApprove, .upperReject])
        #expect(allowed(.upperRecorded, actor: 3, pendingBy: 2, upward: true) == [.secondApprove, .decline])
        #expect(allowed(.paid, actor: 2, paidBy: 2, paid: 50_000).isEmpty, "the payer does not reverse their own payment")
        #expect(allowed(.paid, actor: 3, paidBy: 2, paid: 50_000) == [.reversePayment])
        #expect(allowed(.reversalRequested, actor: 2, pendingBy: 3, paidBy: 2, paid: 500_000) == [.decline])
        #expect(allowed(.reversalRequested, actor: 4, pendingBy: 3, paidBy: 2, paid: 500_000) == [.secondApprove, .decline])
        #expect(allowed(.rejected, actor: 2).isEmpty && allowed(.upperRejected, actor: 2, upward: true).isEmpty)
        #expect(ReliefAction.Code(rawValue: "return") == .returnForCompletion && ReliefAction.returnForCompletion(reason: "x").name == "return")
    }

    @Test("draft → submitted → approved → paid; no step can be skipped")
    func happyPath() throws {
        var s = try ReliefFlow.apply(.submit, to: .draft, ctx)
        #expect(s == .submitted)
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.pay, to: s, ctx) }
        s = try ReliefFlow.apply(.approve(amount: 100_000, reason: nil), to: s, ctx)
        #expect(s == .approved)
        #expect(throws: ReliefFlowError.wrongState("本轮帮扶不需要上报，审核通过后可直接发放")) { try ReliefFlow.apply(.report, to: s, ctx) }
        s = try ReliefFlow.apply(.pay, to: s, ctx)
        #expect(s == .paid)
        #expect(throws: ReliefFlowError.wrongState("该申请已发放，不能重复发放")) { try ReliefFlow.apply(.pay, to: s, ctx) }
        var reverser = ctx
        reverser.paidBy = 4
        reverser.paidAmount = 100_000
        #expect(try ReliefFlow.apply(.reversePayment(reason: "账号错误，银行退回"), to: s, reverser) == .approved)
    }

    @Test("maker-checker: nobody approves their own application; a large amount needs a different second approver")
    func makerChecker() throws {
        var own = ctx
        own.actor = 1
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.approve(amount: 50_000, reason: nil), to: .submitted, own) }
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.reject(reason: "材料不全"), to: .submitted, own) }
        let big = try ReliefFlow.apply(.approve(amount: 500_000, reason: "大病特殊困难"), to: .submitted, ctx)
        #expect(big == .firstApproved)
        var same = ctx
        same.pendingBy = 2
        same.pendingAmount = 500_000
        #expect(throws: ReliefFlowError.notAllowed("复核须由经办以外的另一人完成")) { try ReliefFlow.apply(.secondApprove(reason: nil), to: big, same) }
        var creator = same
        creator.actor = 1
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.secondApprove(reason: nil), to: big, creator) }
        var other = same
        other.actor = 3
        #expect(try ReliefFlow.apply(.secondApprove(reason: nil), to: big, other) == .approved)
    }

    @Test("the upper level's decision passes the same rules: not by the maker, a reason above the standard, a second person above the threshold")
    func upperAmount() throws {
        var c = ctx
        c.reportsUpward = true
        var own = c
        own.actor = 1
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.upperApprove(amount: 80_000, reason: nil), to: .reported, own) }
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.upperApprove(amount: 150_000, reason: nil), to: .reported, c) }
        #expect(try ReliefFlow.apply(.upperApprove(amount: 150_000, reason: "市总批复〔2026〕8号"), to: .reported, c) == .upperApproved)
        // 1亿 from one person is only recorded: a second person must confirm it.
        let recorded = try ReliefFlow.apply(.upperApprove(amount: 10_000_000_000, reason: "批复"), to: .reported, c)
        #expect(recorded == .upperRecorded)
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.pay, to: recorded, c) }
        var recorder = c
        recorder.pendingBy = 2
        recorder.pendingAmount = 10_000_000_000
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.secondApprove(reason: nil), to: recorded, recorder) }
        var checker = recorder
        checker.actor = 3
        #expect(try ReliefFlow.apply(.secondApprove(reason: nil), to: recorded, checker) == .upperApproved)
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.decline(reason: ""), to: recorded, checker) }
        #expect(try ReliefFlow.apply(.decline(reason: "与批复文件不符"), to: recorded, checker) == .reported)
    }

    @Test("the round's budget: beyond what is left needs a second person, who must give the reason")
    func budget() throws {
        var c = ctx
        c.budgetLeft = 60_000
        #expect(try ReliefFlow.apply(.approve(amount: 50_000, reason: nil), to: .submitted, c) == .approved)
        #expect(try ReliefFlow.apply(.approve(amount: 80_000, reason: nil), to: .submitted, c) == .firstApproved)
        var second = c
        second.actor = 3
        second.pendingBy = 2
        second.pendingAmount = 80_000
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.secondApprove(reason: nil), to: .firstApproved, second) }
        #expect(try ReliefFlow.apply(.secondApprove(reason: "追加困难户3户，经主席办公会同意"), to: .firstApproved, second) == .approved)
        // Spent in the meantime: the budget is checked again when the second person confirms.
        var spent = second
        spent.budgetLeft = 0
        spent.pendingAmount = 50_000
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.secondApprove(reason: " "), to: .firstApproved, spent) }
    }

    @Test("a reversal: not by whoever paid; above the threshold asked by one and confirmed by another")
    func reversal() throws {
        var c = ctx
        c.paidBy = 2
        c.paidAmount = 400_000
        #expect(throws: ReliefFlowError.notAllowed("冲正须由登记发放以外的另一人办理")) {
            try ReliefFlow.apply(.reversePayment(reason: "重复发放"), to: .paid, c)
        }
        c.actor = 3
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.reversePayment(reason: ""), to: .paid, c) }
        let asked = try ReliefFlow.apply(.reversePayment(reason: "重复发放"), to: .paid, c)
        #expect(asked == .reversalRequested)
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.pay, to: asked, c) }
        var confirm = c
        confirm.pendingBy = 3
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.secondApprove(reason: nil), to: asked, confirm) }
        confirm.actor = 2  // the payer
        #expect(throws: ReliefFlowError.notAllowed("冲正须由登记发放以外的另一人复核")) {
            try ReliefFlow.apply(.secondApprove(reason: nil), to: asked, confirm)
        }
        confirm.actor = 4
        #expect(try ReliefFlow.apply(.secondApprove(reason: nil), to: asked, confirm) == .approved)
        #expect(try ReliefFlow.apply(.decline(reason: "银行未退回"), to: asked, confirm) == .paid)
    }

    @Test("above the round's standard needs a reason; rejection and return need one; amounts must be positive")
    func reasons() throws {
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.approve(amount: 150_000, reason: " "), to: .submitted, ctx) }
        #expect(try ReliefFlow.apply(.approve(amount: 150_000, reason: "家有两名大病患者"), to: .submitted, ctx) == .approved)
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.approve(amount: 0, reason: nil), to: .submitted, ctx) }
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.reject(reason: ""), to: .submitted, ctx) }
        #expect(try ReliefFlow.apply(.returnForCompletion(reason: "缺收入证明"), to: .submitted, ctx) == .returned)
        #expect(try ReliefFlow.apply(.submit, to: .returned, ctx) == .submitted)
    }

    @Test("a round that reports upward pays only after the upper union approved")
    func upward() throws {
        var c = ctx
        c.reportsUpward = true
        #expect(throws: ReliefFlowError.self) { try ReliefFlow.apply(.pay, to: .approved, c) }
        let reported = try ReliefFlow.apply(.report, to: .approved, c)
        #expect(try ReliefFlow.apply(.upperReject(reason: "超出名额"), to: reported, c) == .upperRejected)
        let up = try ReliefFlow.apply(.upperApprove(amount: 80_000, reason: nil), to: reported, c)
        #expect(try ReliefFlow.apply(.pay, to: up, c) == .paid)
    }
}

@Suite("Eligibility and medical payouts") struct EligibilityTests {
    @Test("金秋助学: child of an archived or qualifying worker at college or senior high; exclusions named; 农民工 from 2025")
    func scholarship() {
        let archived = EligibilityFacts(fileStatus: .formal, schoolLevel: .college)
        #expect(Eligibility.reasons(kind: .scholarship, facts: archived, year: 2026).isEmpty)
        #expect(
            Eligibility.reasons(kind: .scholarship, facts: EligibilityFacts(suggestedTier: .relative, schoolLevel: .seniorHigh), year: 2026)
                .isEmpty)
        let noLevel = Eligibility.reasons(kind: .scholarship, facts: EligibilityFacts(fileStatus: .formal), year: 2026)
        #expect(noLevel == ["金秋助学须为考入高等教育或高中/中职的子女"])
        let excluded = Eligibility.reasons(
            kind: .scholarship,
            facts: EligibilityFacts(fileStatus: .formal, schoolLevel: .college, exclusions: [.militaryAcademy, .sinoForeign]),
            year: 2026)
        #expect(excluded == ["不属于资助范围：就读军事院校、中外合作办学项目"])
        let migrant = EligibilityFacts(migrantWorker: true, schoolLevel: .college)
        #expect(Eligibility.reasons(kind: .scholarship, facts: migrant, year: 2025).isEmpty)
        #expect(Eligibility.reasons(kind: .scholarship, facts: migrant, year: 2024).count == 1)
        let closed = EligibilityFacts(fileStatus: .exited, schoolLevel: .college)
        #expect(Eligibility.reasons(kind: .scholarship, facts: closed, year: 2026).count == 1)
    }

    @Test("other kinds: daily needs a formal file, medical an enrolment, injury a work injury; members only")
    func others() {
        #expect(Eligibility.reasons(kind: .daily, facts: EligibilityFacts(fileStatus: .temporary), year: 2026).count == 1)
        #expect(Eligibility.reasons(kind: .daily, facts: EligibilityFacts(fileStatus: .formal), year: 2026).isEmpty)
        #expect(Eligibility.reasons(kind: .medical, facts: EligibilityFacts(), year: 2026) == ["未参加本年度职工医疗互助"])
        #expect(Eligibility.reasons(kind: .injury, facts: EligibilityFacts(workInjury: true), year: 2026).isEmpty)
        #expect(Eligibility.reasons(kind: .festival, facts: EligibilityFacts(), year: 2026).count == 1)
        #expect(Eligibility.reasons(kind: .training, facts: EligibilityFacts(activeMember: false), year: 2026) == ["申请人不是在会会员"])
    }

    @Test("medical payouts: Beijing 40 yuan a day from day 4 capped at 7,200; Fuzhou 10% capped at 50,000")
    func payouts() {
        let beijing = MedicalScheme(name: "北京", annualFee: 6_000, rule: .perDay(fen: 4_000, waitingDays: 3), annualCap: 720_000)
        #expect(beijing.payout(hospitalDays: 3, coveredCost: 0, paidThisYear: 0) == 0)
        #expect(beijing.payout(hospitalDays: 10, coveredCost: 0, paidThisYear: 0) == 28_000)
        #expect(beijing.payout(hospitalDays: 400, coveredCost: 0, paidThisYear: 0) == 720_000)
        #expect(beijing.payout(hospitalDays: 10, coveredCost: 0, paidThisYear: 700_000) == 20_000)
        let fuzhou = MedicalScheme(name: "福州", annualFee: 6_000, rule: .ratio(perMille: 100), annualCap: 5_000_000)
        #expect(fuzhou.payout(hospitalDays: 0, coveredCost: 1_234_567, paidThisYear: 0) == 123_456)
        #expect(fuzhou.payout(hospitalDays: 0, coveredCost: 90_000_000, paidThisYear: 1_000_000) == 4_000_000)
    }
}

@Suite("Hardship file lifecycle") struct HardshipFileTests {
    @Test("temporary → formal → exited; closed files stay closed")
    func lifecycle() {
        #expect(HardshipFileStatus.temporary.canMove(to: .formal))
        #expect(HardshipFileStatus.formal.canMove(to: .exited))
        #expect(!HardshipFileStatus.exited.canMove(to: .formal))
        #expect(!HardshipFileStatus.cancelled.canMove(to: .temporary))
        #expect(!HardshipFileStatus.formal.canMove(to: .temporary))
    }
}

@Suite("Day arithmetic") struct DayArithmeticTests {
    @Test("adding days across month ends, leap days and years; day numbers round-trip")
    func days() throws {
        func d(_ s: String) throws -> CalendarDate { try #require(CalendarDate(parsing: s)) }
        #expect(try d("2024-02-28").adding(days: 1) == d("2024-02-29"))
        #expect(try d("2023-02-28").adding(days: 1) == d("2023-03-01"))
        #expect(try d("2026-12-31").adding(days: 1) == d("2027-01-01"))
        #expect(try d("2026-03-01").adding(days: -1) == d("2026-02-28"))
        #expect(try d("2026-01-31").adding(days: 60) == d("2026-04-01"))
        #expect(try d("1970-01-01").dayNumber == 0)
        #expect(try d("2000-03-01").dayNumber == 11_017)
        for n in stride(from: -60_000, through: 80_000, by: 97) { #expect(CalendarDate(dayNumber: n).dayNumber == n) }
    }
}
