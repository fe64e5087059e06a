/// Union funds' indicators. Receipts count on the day the money arrived (到账日期); the return formalities and the
/// arrears are counted as of the period's end (or today while it runs).
extension IndicatorCode {
    public static let fundsPayingEmployers = IndicatorCode("funds.payingEmployers")
    public static let fundsReturnsComplete = IndicatorCode("funds.returnsComplete")
    public static let fundsReturnsIncomplete = IndicatorCode("funds.returnsIncomplete")
    public static let fundsReturnsRate = IndicatorCode("funds.returnsRate")
    public static let fundsReceived = IndicatorCode("funds.received")
    public static let fundsMonthlyAverage = IndicatorCode("funds.monthlyAverage")
    public static let fundsPreparatory = IndicatorCode("funds.preparatory")
    public static let fundsTaxCollected = IndicatorCode("funds.taxCollected")
    public static let fundsArrears = IndicatorCode("funds.arrears")
    public static let fundsArrearsEmployers = IndicatorCode("funds.arrearsEmployers")
    public static let fundsReturned = IndicatorCode("funds.returned")
    public static let booksIncome = IndicatorCode("books.income")
    public static let booksExpense = IndicatorCode("books.expense")
    public static let booksBudgetExecution = IndicatorCode("books.budgetExecution")
    public static let booksOverStandard = IndicatorCode("books.overStandard")
}

extension Indicators {
    public static let funds: [IndicatorDefinition] = [
        .init(.fundsPayingEmployers, module: "funds", name: "缴交工会经费的企业", unit: "间", numerator: "期内有工会经费或筹备金到账的单位"),
        .init(
            .fundsReturnsComplete, module: "funds", name: "已完善返还手续的缴费企业", unit: "间",
            numerator: "期内缴费、期末工会已办齐全部返还手续的单位"),
        .init(
            .fundsReturnsIncomplete, module: "funds", name: "尚未完善返还手续的缴费企业", unit: "间",
            numerator: "期内缴费、期末返还手续未办齐（或未建会）的单位", direction: .lowerIsBetter),
        .init(
            .fundsReturnsRate, module: "funds", name: "返还手续完善率", kind: .rate, unit: "%", numerator: "已完善返还手续的缴费企业",
            denominator: "缴交工会经费的企业", gap: "尚未完善返还手续的缴费企业", gapUnit: "间"),
        .init(.fundsReceived, module: "funds", name: "收到工会经费", kind: .money, unit: "元", numerator: "期内到账的工会经费和筹备金（冲销按冲销日扣除）"),
        .init(.fundsMonthlyAverage, module: "funds", name: "月均缴费", kind: .money, unit: "元", numerator: "期内到账金额 ÷ 期内已结束的月数"),
        .init(.fundsPreparatory, module: "funds", name: "收到工会筹备金", kind: .money, unit: "元", numerator: "期内到账的筹备金（未建会单位）"),
        .init(.fundsTaxCollected, module: "funds", name: "税务代收工会经费", kind: .money, unit: "元", numerator: "期内到账的税务代收经费"),
        .init(
            .fundsArrears, module: "funds", name: "欠缴工会经费", kind: .money, unit: "元", numerator: "期末已过缴费期限、按登记工资总额核定而未足额到账的金额",
            direction: .lowerIsBetter),
        .init(.fundsArrearsEmployers, module: "funds", name: "欠缴单位", unit: "间", numerator: "期末有欠缴月份的登记缴费单位", direction: .lowerIsBetter),
        .init(.fundsReturned, module: "funds", name: "返还基层工会经费", kind: .money, unit: "元", numerator: "期内拨付的返还批次金额"),
        .init(.booksIncome, module: "funds", name: "工会经费收入", kind: .money, unit: "元", numerator: "期内入账的各工会经费收入（冲销扣除）"),
        .init(.booksExpense, module: "funds", name: "工会经费支出", kind: .money, unit: "元", numerator: "期内入账的各工会经费支出（冲销扣除，待审批不计）"),
        .init(
            .booksBudgetExecution, module: "funds", name: "经费预算执行率", kind: .rate, unit: "%", numerator: "期内入账的经费支出",
            denominator: "期初所在年度的支出预算"),
        .init(
            .booksOverStandard, module: "funds", name: "超标准、超预算支出", unit: "笔", numerator: "期内写明原因、经审批超出福利标准或年度预算的支出",
            direction: .lowerIsBetter),
    ]
}

/// The figures of union funds (经费收缴) and how the summary says them: “全镇缴交工会经费的企业共有198间，其中已完善返还
/// 手续的168间，尚未完善返还手续的30间，约共收到工会经费1317.31万元，月均缴费达131.73万元”.
public struct FundsFigures: Sendable, Equatable, Codable {
    public var payingEmployers = 0
    public var returnsComplete = 0
    public var received = 0
    /// Months of the period over by its end or today (at least one): the monthly average divides by them.
    public var months = 1
    public var preparatory = 0
    public var taxCollected = 0
    /// As of the period's end.
    public var arrears = 0
    public var arrearsEmployers = 0
    public var returned = 0
    /// The unions' own books: income and spending that counted in the period, and the spending budget of its year.
    public var booksIncome = 0
    public var booksExpense = 0
    public var budget = 0

    public init() {}

    public var returnsIncomplete: Int { payingEmployers - returnsComplete }
    public var monthlyAverage: Int { received / max(1, months) }
    public var isEmpty: Bool { payingEmployers == 0 && received == 0 && arrears == 0 && booksIncome == 0 && booksExpense == 0 }
}

public struct FundsSummary: SummaryTopic {
    public static let topic = "工会经费收缴"
    public var now: FundsFigures
    public var before: FundsFigures?

    public init(now: FundsFigures, before: FundsFigures?) {
        self.now = now
        self.before = before
    }

    public func subsection(_ input: SummaryInput) -> Subsection? {
        let f = now
        guard !f.isEmpty else { return nil }
        var points: [Paragraph] = []
        if f.payingEmployers > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)缴交工会经费的企业共有")
            s.count(f.payingEmployers, "间", .fundsPayingEmployers)
            s.text("，其中已完善返还手续的")
            s.count(f.returnsComplete, "间", .fundsReturnsComplete)
            if f.returnsIncomplete > 0 {
                s.text("，尚未完善返还手续的")
                s.count(f.returnsIncomplete, "间", .fundsReturnsIncomplete)
            }
            s.text("，约共收到工会经费")
            s.money(f.received, .fundsReceived)
            s.change(f.received, since: before?.received, unit: "元")
            if f.months > 1 {
                s.text("，月均缴费达")
                s.money(f.monthlyAverage, .fundsMonthlyAverage)
            }
            s.text("。")
            var sentences = [s.sentence]
            if f.taxCollected > 0 || f.preparatory > 0 {
                var k = SentenceBuilder()
                k.text("其中")
                if f.taxCollected > 0 {
                    k.text("税务代收")
                    k.money(f.taxCollected, .fundsTaxCollected)
                }
                if f.preparatory > 0 {
                    k.text(f.taxCollected > 0 ? "，收取未建会单位工会筹备金" : "收取未建会单位工会筹备金")
                    k.money(f.preparatory, .fundsPreparatory)
                }
                k.text("。")
                sentences.append(k.sentence)
            }
            points.append(Paragraph(key: "funds.received", sentences: sentences))
        }
        if f.returned > 0 {
            var s = SentenceBuilder()
            s.text("按规定向基层工会返还经费")
            s.money(f.returned, .fundsReturned)
            s.text("。")
            points.append(Paragraph(key: "funds.returned", sentences: [s.sentence]))
        }
        if f.booksExpense > 0 {
            var s = SentenceBuilder()
            s.text("\(input.isFederation ? "各工会" : "本会")\(input.period.spoken)经费收入")
            s.money(f.booksIncome, .booksIncome)
            s.text("，支出")
            s.money(f.booksExpense, .booksExpense)
            if f.budget > 0 {
                s.text("，预算执行率")
                s.percent(f.booksExpense, of: f.budget, .booksBudgetExecution)
            }
            s.text("。")
            points.append(Paragraph(key: "funds.books", sentences: [s.sentence]))
        }
        if f.arrears > 0 {
            var s = SentenceBuilder()
            s.text("截至\(input.asOf.chinese)，尚有")
            s.count(f.arrearsEmployers, "间", .fundsArrearsEmployers)
            s.text("单位欠缴工会经费")
            s.money(f.arrears, .fundsArrears)
            s.text("。")
            points.append(Paragraph(key: "funds.arrears", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "funds", title: "加强工会经费收缴管理", points: points)
    }
}
