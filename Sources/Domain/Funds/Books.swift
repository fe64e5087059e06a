/// A union's own books (经费收支): income and spending by the categories of the 基层工会经费收支管理办法, a yearly budget
/// per spending category, the welfare caps of the province, approval above a threshold.
public enum BookSide: String, Choice {
    case income, expense

    public var label: String {
        switch self {
        case .income: "收入"
        case .expense: "支出"
        }
    }
}

/// A line of the chart of accounts (科目): its code, name and side.
public struct BookCategory: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var side: BookSide

    public init(_ code: String, _ label: String, _ side: BookSide) {
        self.code = code
        self.label = label
        self.side = side
    }

    /// 基层工会经费收支管理办法 (总工办发〔2017〕32号): income, and spending by its six heads.
    public static let defaults: [BookCategory] = [
        .init("returnedDues", "拨缴经费收入（返还）", .income), .init("memberDues", "会费收入", .income), .init("subsidy", "上级补助收入", .income),
        .init("administrative", "行政补助收入", .income), .init("otherIncome", "其他收入", .income),
        .init("activities", "职工活动支出", .expense), .init("rights", "维权支出", .expense), .init("business", "业务支出", .expense),
        .init("capital", "资本性支出", .expense), .init("undertakings", "事业支出", .expense), .init("otherExpense", "其他支出", .expense),
    ]
}

/// How a member's welfare is given: in kind, or as cash or shopping cards (which the rules forbid for gifts).
public enum WelfareForm: String, Choice {
    case inKind, cash, card

    public var label: String {
        switch self {
        case .inKind: "实物"
        case .cash: "现金"
        case .card: "购物卡"
        }
    }
}

/// A member-welfare item with its cap per person (会员福利标准, DOMAIN §8.6): per year (festival gifts) or per occasion
/// (a birthday, a wedding, a stay in hospital); in kind only where cash and cards are forbidden; an entry over the cap
/// is refused, or — where `overWithReason` — recorded with its reason, audited.
public struct WelfareCap: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
    public var perPerson: Int
    public var perYear: Bool
    public var inKindOnly: Bool
    public var overWithReason: Bool

    public init(_ code: String, _ label: String, perPerson: Int, perYear: Bool = false, inKindOnly: Bool = false, overWithReason: Bool = false) {
        self.code = code
        self.label = label
        self.perPerson = perPerson
        self.perYear = perYear
        self.inKindOnly = inKindOnly
        self.overWithReason = overWithReason
    }

    /// `每人每年不超过1500元`, `每人每次不超过300元`.
    public var standard: String { "每人每\(perYear ? "年" : "次")不超过\(Money.phrase(perPerson))" }

    /// Anhui's 2018 standards (DOMAIN §8.6), as the default province.
    public static let defaults: [WelfareCap] = [
        .init("festival", "节日慰问", perPerson: 1_500_00, perYear: true, inKindOnly: true), .init("birthday", "生日慰问", perPerson: 300_00, inKindOnly: true),
        .init("wedding", "结婚慰问", perPerson: 600_00), .init("birth", "生育慰问", perPerson: 600_00), .init("hospital", "住院慰问", perPerson: 1_000_00),
        .init("death", "会员去世慰问", perPerson: 2_000_00), .init("relativeDeath", "直系亲属去世慰问", perPerson: 1_000_00),
        .init("retirement", "退休纪念", perPerson: 1_000_00, inKindOnly: true),
    ]
}

/// An entry of a union's books, checked against the chart, the welfare caps and the budget (`BookChecks`).
public struct BookEntryFields: Sendable, Equatable {
    public var orgId: Int
    public var side: BookSide
    public var category: String
    public var amount: Int
    public var on: CalendarDate
    public var description: String
    public var welfare: String?
    public var people: Int?
    public var form: WelfareForm?
    /// Why an entry over the budget (or over a cap that allows it) is still made.
    public var overReason: String?

    public static let inputFields: [InputField] = [
        .init("orgId", .id, required: true), .choice("side", BookSide.self, required: true), .init("category", required: true),
        .init("amount", .money, required: true), .init("on", .date, required: true), .init("description", required: true), .init("welfare"),
        .init("people", .integer), .choice("form", WelfareForm.self), .init("overReason"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate, rules: FundsRules) throws(FieldErrors) -> BookEntryFields {
        var e = FieldErrors()
        let org = e.collect { () throws(FieldError) in try Input.requiredID(f["orgId"], field: "orgId", label: "工会") }
        let side = e.collect { () throws(FieldError) in try Input.requiredChoice(f["side"], BookSide.self, field: "side", name: "收支") }
        let category = e.collect { () throws(FieldError) -> String in
            let code = try Input.required(f["category"], field: "category", name: "科目")
            guard let c = rules.bookCategories.first(where: { $0.code == code || $0.label == code }) else {
                throw FieldError(field: "category", message: "科目“\(code.prefix(30))”不在科目表中")
            }
            if let side, c.side != side { throw FieldError(field: "category", message: "“\(c.label)”是\(c.side.label)科目，不能记为\(side.label)") }
            return c.code
        }
        let amount = e.collect { () throws(FieldError) -> Int in
            guard let a = try Input.money(f["amount"], field: "amount", label: "金额"), a > 0 else {
                throw FieldError(field: "amount", message: "金额应大于0；更正已记的账请冲销")
            }
            return a
        }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["on"], field: "on", label: "日期", notAfter: today) }
        let description = e.collect { () throws(FieldError) in try Input.requiredText(f["description"], field: "description", label: "摘要", max: 200) }
        let over = e.collect { () throws(FieldError) in try Input.text(f["overReason"], field: "overReason", label: "超标准（预算）原因", max: 200) }
        var welfare: String?
        var people: Int?
        var form: WelfareForm?
        if let code = Input.optional(f["welfare"]) {
            if let cap = rules.welfareCaps.first(where: { $0.code == code || $0.label == code }) {
                welfare = cap.code
                if side == .income { e.append(FieldError(field: "welfare", message: "会员福利只能记为支出")) }
                people = e.collect { () throws(FieldError) -> Int in
                    guard let n = try Input.int(f["people"], field: "people", label: "慰问人数", range: 1...100_000) else {
                        throw FieldError(field: "people", message: "请填写慰问人数（按人数核对标准）")
                    }
                    return n
                }
                form = e.collect { () throws(FieldError) -> WelfareForm in
                    let chosen = try Input.choice(f["form"], WelfareForm.self, field: "form", name: "发放形式") ?? .inKind
                    if cap.inKindOnly, chosen != .inKind {
                        throw FieldError(field: "form", message: "\(cap.label)不得发放现金、购物卡等，只能发放实物")
                    }
                    return chosen
                }
            } else {
                e.append(FieldError(field: "welfare", message: "福利项目“\(code.prefix(30))”不在本省标准中，应为：" + rules.welfareCaps.map(\.label).joined(separator: "、")))
            }
        }
        guard e.isEmpty, let org, let side, let category, let amount, let on, let description, let over else { throw e }
        return BookEntryFields(
            orgId: org, side: side, category: category, amount: amount, on: on, description: description, welfare: welfare, people: people,
            form: form, overReason: over)
    }

    public init(
        orgId: Int, side: BookSide, category: String, amount: Int, on: CalendarDate, description: String, welfare: String? = nil, people: Int? = nil,
        form: WelfareForm? = nil, overReason: String? = nil
    ) {
        self.orgId = orgId
        self.side = side
        self.category = category
        self.amount = amount
        self.on = on
        self.description = description
        self.welfare = welfare
        self.people = people
        self.form = form
        self.overReason = overReason
    }
}

/// The checks an entry makes against what is already on the books: the welfare cap (per occasion, or per year with
/// what each person already had) and the year's budget of its category.
public enum BookChecks {
    /// What was over, recorded with the entry when its reason was given.
    public struct Over: Sendable, Equatable {
        public var cap: Bool
        public var budget: Bool
    }

    /// - Parameters:
    ///   - priorPerPerson: fen each person already had of this welfare item this year (per-year caps), waiting entries too.
    ///   - spent: the category's spending this year so far, waiting entries too; `budget` its budget (nil: none set).
    public static func check(
        _ entry: BookEntryFields, rules: FundsRules, priorPerPerson: Int, spent: Int, budget: Int?
    ) throws(FieldErrors) -> Over {
        var e = FieldErrors()
        var over = Over(cap: false, budget: false)
        if let code = entry.welfare, let cap = rules.welfareCaps.first(where: { $0.code == code }), let people = entry.people, people > 0 {
            let each = (entry.amount + people - 1) / people
            let total = cap.perYear ? priorPerPerson + each : each
            if total > cap.perPerson {
                let had = cap.perYear && priorPerPerson > 0 ? "（本年已人均\(Money.phrase(priorPerPerson))）" : ""
                let message = "人均\(Money.phrase(each))\(had)，超过\(cap.label)标准：\(cap.standard)"
                if !cap.overWithReason {
                    e.append(FieldError(field: "amount", message: message))
                } else if entry.overReason == nil {
                    e.append(FieldError(field: "overReason", message: message + "；确需超标准的请填写原因"))
                } else {
                    over.cap = true
                }
            }
        }
        if entry.side == .expense, let budget, spent + entry.amount > budget {
            if entry.overReason == nil {
                e.append(
                    FieldError(
                        field: "overReason",
                        message: "超出本年度预算：预算\(Money.phrase(budget))，已支出\(Money.phrase(spent))，本笔\(Money.phrase(entry.amount))；确需超支的请填写原因（须经审批）"))
            } else {
                over.budget = true
            }
        }
        if !e.isEmpty { throw e }
        return over
    }
}

/// A year's budget of one spending category (预算); a later one for the same year and category replaces it.
public struct BudgetFields: Sendable, Equatable {
    public var orgId: Int
    public var year: Int
    public var category: String
    public var amount: Int

    public init(orgId: Int, year: Int, category: String, amount: Int) {
        self.orgId = orgId
        self.year = year
        self.category = category
        self.amount = amount
    }

    public static let inputFields: [InputField] = [
        .init("orgId", .id, required: true), .init("year", .integer, required: true), .init("category", required: true),
        .init("amount", .money, required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate, rules: FundsRules) throws(FieldErrors) -> BudgetFields {
        var e = FieldErrors()
        let org = e.collect { () throws(FieldError) in try Input.requiredID(f["orgId"], field: "orgId", label: "工会") }
        let year = e.collect { () throws(FieldError) -> Int in
            guard let y = try Input.int(f["year"], field: "year", label: "年度", range: (today.year - 5)...(today.year + 1)) else {
                throw FieldError(field: "year", message: "年度不能为空")
            }
            return y
        }
        let category = e.collect { () throws(FieldError) -> String in
            let code = try Input.required(f["category"], field: "category", name: "科目")
            guard let c = rules.bookCategories.first(where: { ($0.code == code || $0.label == code) && $0.side == .expense }) else {
                throw FieldError(field: "category", message: "预算按支出科目编制：“\(code.prefix(30))”不是支出科目")
            }
            return c.code
        }
        let amount = e.collect { () throws(FieldError) -> Int in
            guard let a = try Input.money(f["amount"], field: "amount", label: "预算金额") else { throw FieldError(field: "amount", message: "预算金额不能为空") }
            return a
        }
        guard e.isEmpty, let org, let year, let category, let amount else { throw e }
        return BudgetFields(orgId: org, year: year, category: category, amount: amount)
    }
}

/// A second person's decision on an entry waiting for approval.
public struct BookDecisionFields: Sendable, Equatable {
    public var approved: Bool
    public var note: String?

    public static let inputFields: [InputField] = [.init("approved", .flag, required: true), .init("note")]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> BookDecisionFields {
        var e = FieldErrors()
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "审批意见", max: 200) }
        let approved = e.collect { () throws(FieldError) -> Bool in
            guard let v = Input.optional(f["approved"]) else { throw FieldError(field: "approved", message: "请选择同意或不同意") }
            return Input.flag(v)
        }
        if approved == false, (note ?? nil) == nil { e.append(FieldError(field: "note", message: "不同意的请写明理由")) }
        guard e.isEmpty, let approved, let note else { throw e }
        return BookDecisionFields(approved: approved, note: note)
    }
}
