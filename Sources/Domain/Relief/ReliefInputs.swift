/// The checked contents of the relief module's forms. Each `validate` reports every failing field at once.

/// 帮扶申请材料 (DOMAIN.md §8.2): the documents checklist of an application.
public enum ReliefDocument: String, Choice {
    case applicationForm, idCopies, incomeProof, bankCard, causeEvidence, authorisation, admission, hospitalRecords

    public var label: String {
        switch self {
        case .applicationForm: "申请审批表"
        case .idCopies: "家庭成员身份证、户口簿复印件"
        case .incomeProof: "近12个月收入证明"
        case .bankCard: "本人银行卡复印件"
        case .causeEvidence: "致困原因证明（低保证、诊断、残疾证等）"
        case .authorisation: "家庭经济状况核对授权书"
        case .admission: "录取通知书及学费凭证"
        case .hospitalRecords: "住院病历及费用清单"
        }
    }

    /// What each kind needs before it can be submitted.
    public static func required(for kind: ReliefKind) -> [ReliefDocument] {
        switch kind {
        case .scholarship: [.applicationForm, .idCopies, .admission]
        case .medical: [.applicationForm, .hospitalRecords]
        case .daily, .emergency: [.applicationForm, .idCopies, .incomeProof, .causeEvidence, .authorisation]
        case .festival, .injury, .training: [.applicationForm]
        }
    }
}

public struct HardshipFileFields: Sendable, Equatable {
    /// The head of household: a member, or (when nil) a worker filed without membership, named by `head`.
    public var memberId: Int?
    public var headName: String?
    public var headIdNumber: IDNumber?
    public var status: HardshipFileStatus
    public var tier: HardshipTier
    public var mainCause: HardshipCause
    public var otherCauses: [HardshipCause]
    public var region: String
    public var income: HouseholdIncome
    public var health: String?
    public var disability: String?
    public var housing: String?
    public var workStatus: WorkStatus?
    public var bankAccount: String?
    public var openedOn: CalendarDate
    public var verifiedOn: CalendarDate

    /// What a hardship-file form or body may give (money in yuan).
    public static let inputFields: [InputField] = [
        .init("memberId", .id), .init("headName"), .init("headIdNumber"), .choice("status", HardshipFileStatus.self),
        .choice("tier", HardshipTier.self, required: true), .choice("mainCause", HardshipCause.self, required: true),
        .list("otherCauses", HardshipCause.self), .init("region", required: true),
    ] + HouseholdIncome.inputFields + [
        .init("health"), .init("disability"), .init("housing"), .choice("workStatus", WorkStatus.self), .init("bankAccount"),
        .init("openedOn", .date), .init("verifiedOn", .date),
    ]
    /// An edit keeps the head: a non-member head's name and ID number are given only when the file is opened.
    public static let editFields = inputFields.filter { !["headName", "headIdNumber"].contains($0.name) }

    public static func validate(_ f: FormFields, today: CalendarDate, editing: Bool = false) throws(FieldErrors) -> HardshipFileFields {
        var e = FieldErrors()
        // A member head, or (new files only) a non-member worker named by name and ID number.
        let member = e.collect { () throws(FieldError) in try Input.id(f["memberId"], field: "memberId", label: "户主") }
        var headName: String?
        var headID: IDNumber?
        if !editing, case .some(nil) = member {
            if Input.optional(f["headName"]) == nil, Input.optional(f["headIdNumber"]) == nil {
                e.append(FieldError(field: "memberId", message: "户主不能为空：请填写会员，或非会员职工的姓名和身份证号"))
            } else {
                headName = e.collect { () throws(FieldError) in try Input.name(f["headName"], field: "headName", label: "户主姓名") }
                headID = e.collect { () throws(FieldError) in try IDNumber(f["headIdNumber"] ?? "", field: "headIdNumber") }
            }
        }
        let status = e.collect { () throws(FieldError) -> HardshipFileStatus in
            let s = try Input.choice(f["status"], HardshipFileStatus.self, field: "status", name: "档案状态") ?? .formal
            if !editing, !s.isOpen { throw FieldError(field: "status", message: "新建档案的状态应为临时救助或正式建档") }
            return s
        }
        let tier = e.collect { () throws(FieldError) -> HardshipTier in
            guard let t = try Input.choice(f["tier"], HardshipTier.self, field: "tier", name: "困难类别") else {
                throw FieldError(field: "tier", message: "困难类别不能为空")
            }
            return t
        }
        let main = e.collect { () throws(FieldError) -> HardshipCause in
            guard let c = try Input.choice(f["mainCause"], HardshipCause.self, field: "mainCause", name: "主要致困原因") else {
                throw FieldError(field: "mainCause", message: "主要致困原因不能为空")
            }
            return c
        }
        let others = e.collect { () throws(FieldError) -> [HardshipCause] in
            var out: [HardshipCause] = []
            for s in f.list("otherCauses") { out.append(try HardshipCause.parse(s, field: "otherCauses", name: "次要致困原因")) }
            if out.count > 3 { throw FieldError(field: "otherCauses", message: "次要致困原因最多选三项") }
            if let main = try? Input.choice(f["mainCause"], HardshipCause.self, field: "mainCause", name: ""), out.contains(main) {
                throw FieldError(field: "otherCauses", message: "次要致困原因不能与主要原因相同")
            }
            return Array(Set(out)).sorted { $0.rawValue < $1.rawValue }
        }
        let region = e.collect { () throws(FieldError) -> String in
            guard let r = Input.optional(f["region"]).map(Text.compact), r.count == 6, r.allSatisfy(\.isASCIIDigit) else {
                throw FieldError(field: "region", message: "所在地区应为6位行政区划代码（如 440606）")
            }
            return r
        }
        let income = HouseholdIncome.collect(f, &e)
        let health = e.collect { () throws(FieldError) in try Input.text(f["health"], field: "health", label: "健康状况", max: 50) }
        let disability = e.collect { () throws(FieldError) in try Input.text(f["disability"], field: "disability", label: "残疾情况", max: 50) }
        let housing = e.collect { () throws(FieldError) in try Input.text(f["housing"], field: "housing", label: "住房情况", max: 50) }
        let work = e.collect { () throws(FieldError) in
            try Input.choice(f["workStatus"], WorkStatus.self, field: "workStatus", name: "工作状况")
        }
        let bank = e.collect { () throws(FieldError) -> String? in
            guard let b = Input.optional(f["bankAccount"]).map(Text.compact) else { return nil }
            guard (12...30).contains(b.count), b.allSatisfy(\.isASCIIDigit) else {
                throw FieldError(field: "bankAccount", message: "银行账号应为12到30位数字")
            }
            return b
        }
        let opened = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["openedOn"] ?? today.iso, field: "openedOn", label: "建档日期", notAfter: today)
        }
        let verified = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.requiredDate(
                f["verifiedOn"] ?? f["openedOn"] ?? today.iso, field: "verifiedOn", label: "最近核查日期", notAfter: today)
            return d
        }
        guard e.isEmpty, let member, let status, let tier, let main, let others, let region, let income, let health, let disability,
            let housing, let work, let bank, let opened, let verified
        else { throw e }
        return HardshipFileFields(
            memberId: member, headName: headName, headIdNumber: headID, status: status, tier: tier, mainCause: main, otherCauses: others,
            region: region,
            income: income,
            health: health, disability: disability, housing: housing, workStatus: work, bankAccount: bank, openedOn: opened,
            verifiedOn: verified)
    }
}

public struct FamilyMemberFields: Sendable, Equatable {
    public var name: String
    public var idNumber: IDNumber
    public var relation: String
    public var annualIncome: Int
    public var status: String?

    public static let inputFields: [InputField] = [
        .init("name", required: true), .init("idNumber", required: true), .init("relation", required: true), .init("annualIncome", .money),
        .init("status"),
    ]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> FamilyMemberFields {
        var e = FieldErrors()
        let name = e.collect { () throws(FieldError) in try Input.name(f["name"], field: "name", label: "姓名") }
        let id = e.collect { () throws(FieldError) in try IDNumber(f["idNumber"] ?? "") }
        let relation = e.collect { () throws(FieldError) -> String in
            guard let r = try Input.text(f["relation"], field: "relation", label: "与户主关系", max: 10) else {
                throw FieldError(field: "relation", message: "与户主关系不能为空")
            }
            return r
        }
        let income = e.collect { () throws(FieldError) in try Input.money(f["annualIncome"], field: "annualIncome", label: "年收入") ?? 0 }
        let status = e.collect { () throws(FieldError) in try Input.text(f["status"], field: "status", label: "就业/就学状况", max: 20) }
        guard e.isEmpty, let name, let id, let relation, let income, let status else { throw e }
        return FamilyMemberFields(name: name, idNumber: id, relation: relation, annualIncome: income, status: status)
    }
}

public struct RoundFields: Sendable, Equatable {
    public var name: String
    public var kind: ReliefKind
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var fundId: Int
    public var budget: Int
    /// Standard amounts in fen by tier code, school level code, or `default`.
    public var standards: [String: Int]
    public var reportsUpward: Bool
    public var secondApprovalAbove: Int?

    /// The keys a round may set a standard for, with their labels.
    public static var standardKeys: [(key: String, label: String)] {
        HardshipTier.current.map { ($0.rawValue, $0.label) } + SchoolLevel.allCases.map { ($0.rawValue, $0.label) } + [("default", "统一标准")]
    }

    public static var inputFields: [InputField] {
        [
            .init("name", required: true), .choice("kind", ReliefKind.self, required: true), .init("startsOn", .date, required: true),
            .init("endsOn", .date, required: true), .init("fundId", .id, required: true), .init("budget", .money),
            .init("reportsUpward", .flag), .init("secondApprovalAbove", .money),
        ] + standardKeys.map { InputField("standard_" + $0.key, .money) }
    }

    public static func validate(_ f: FormFields) throws(FieldErrors) -> RoundFields {
        var e = FieldErrors()
        let name = e.collect { () throws(FieldError) -> String in
            guard let n = try Input.text(f["name"], field: "name", label: "名称", max: 40) else {
                throw FieldError(field: "name", message: "名称不能为空（如“2026年春节送温暖”）")
            }
            return n
        }
        let kind = e.collect { () throws(FieldError) -> ReliefKind in
            guard let k = try Input.choice(f["kind"], ReliefKind.self, field: "kind", name: "帮扶类型") else {
                throw FieldError(field: "kind", message: "帮扶类型不能为空")
            }
            return k
        }
        let starts = e.collect { () throws(FieldError) in try Input.requiredDate(f["startsOn"], field: "startsOn", label: "开始日期") }
        let ends = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.requiredDate(f["endsOn"], field: "endsOn", label: "结束日期")
            if let s = try? Input.date(f["startsOn"], field: "", label: ""), d < s {
                throw FieldError(field: "endsOn", message: "结束日期不能早于开始日期")
            }
            return d
        }
        let fund = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["fundId"], field: "fundId", label: "资金来源") else {
                throw FieldError(field: "fundId", message: "请选择资金来源")
            }
            return id
        }
        let budget = e.collect { () throws(FieldError) in try Input.money(f["budget"], field: "budget", label: "预算") ?? 0 }
        var standards: [String: Int] = [:]
        for (key, label) in standardKeys {
            let field = "standard_" + key
            if let v = e.collect({ () throws(FieldError) in try Input.money(f[field], field: field, label: "\(label)标准") }), let v {
                standards[key] = v
            }
        }
        let second = e.collect { () throws(FieldError) in
            try Input.money(f["secondApprovalAbove"], field: "secondApprovalAbove", label: "复核金额线")
        }
        guard e.isEmpty, let name, let kind, let starts, let ends, let fund, let budget, let second else { throw e }
        return RoundFields(
            name: name, kind: kind, startsOn: starts, endsOn: ends, fundId: fund, budget: budget, standards: standards,
            reportsUpward: Input.flag(f["reportsUpward"]), secondApprovalAbove: second)
    }
}

public struct ApplicationFields: Sendable, Equatable {
    public var roundId: Int
    /// A member, or (when nil) the household of `fileId` without a member head.
    public var memberId: Int?
    public var fileId: Int?
    public var requested: Int?
    public var standardKey: String?
    public var documents: [ReliefDocument]
    public var note: String?
    public var schoolLevel: SchoolLevel?
    public var exclusions: [ScholarshipExclusion]
    public var workInjury: Bool
    public var festivalTarget: Bool
    public var suddenCause: Bool
    /// 医疗互助 claims: days in hospital and the cost covered by medical insurance (fen).
    public var hospitalDays: Int?
    public var coveredCost: Int?
    /// 申请日期 (default today); the reason for entering it after its round ended (补录).
    public var appliedOn: CalendarDate?
    public var lateReason: String?

    public static let inputFields: [InputField] = [
        .init("roundId", .id, required: true), .init("memberId", .id), .init("fileId", .id), .init("requested", .money),
        .init("standardKey"), .list("documents", ReliefDocument.self), .init("note"), .choice("schoolLevel", SchoolLevel.self),
        .list("exclusions", ScholarshipExclusion.self), .init("workInjury", .flag), .init("festivalTarget", .flag),
        .init("suddenCause", .flag), .init("admittedOn", .date), .init("dischargedOn", .date), .init("hospitalDays", .integer),
        .init("coveredCost", .money), .init("appliedOn", .date), .init("lateReason"),
    ]

    /// What a change to a draft keeps: its round, its applicant and the day it was applied.
    public struct Fixed: Sendable, Equatable {
        public var roundId: Int
        public var memberId: Int?
        public var fileId: Int?
        public var appliedOn: CalendarDate?
        public var lateReason: String?

        public init(roundId: Int, memberId: Int?, fileId: Int?, appliedOn: CalendarDate?, lateReason: String?) {
            (self.roundId, self.memberId, self.fileId, self.appliedOn, self.lateReason) = (roundId, memberId, fileId, appliedOn, lateReason)
        }
    }

    /// The fields a change to a draft or returned application reads (`validateEdit`).
    public static let editFields = inputFields.filter { !["roundId", "memberId", "fileId", "appliedOn", "lateReason"].contains($0.name) }

    public static func validate(_ f: FormFields) throws(FieldErrors) -> ApplicationFields {
        try parse(f, fixed: nil)
    }

    /// A change to a draft or an application returned for completion: everything but what `Fixed` keeps.
    public static func validateEdit(_ f: FormFields, keeping fixed: Fixed) throws(FieldErrors) -> ApplicationFields {
        try parse(f, fixed: fixed)
    }

    private static func parse(_ f: FormFields, fixed: Fixed?) throws(FieldErrors) -> ApplicationFields {
        var e = FieldErrors()
        func id(_ key: String, _ label: String) -> Int? {
            e.collect { () throws(FieldError) -> Int in
                guard let v = try Input.id(f[key], field: key, label: label) else { throw FieldError(field: key, message: "请选择\(label)") }
                return v
            }
        }
        let round = fixed.map(\.roundId) ?? id("roundId", "帮扶批次")
        let member: Int?? =
            fixed.map { .some($0.memberId) }
            ?? e.collect { () throws(FieldError) in try Input.id(f["memberId"], field: "memberId", label: "申请会员") }
        let file: Int?? =
            fixed.map { .some($0.fileId) } ?? e.collect { () throws(FieldError) in try Input.id(f["fileId"], field: "fileId", label: "困难职工档案") }
        if case .some(nil) = member, case .some(nil) = file {
            e.append(FieldError(field: "memberId", message: "请选择申请会员（或从困难职工档案页为该户申请）"))
        }
        let requested = e.collect { () throws(FieldError) -> Int? in
            let v = try Input.money(f["requested"], field: "requested", label: "申请金额")
            if let v, v <= 0 { throw FieldError(field: "requested", message: "申请金额必须大于0") }
            return v
        }
        let key = Input.optional(f["standardKey"])
        if let key, !RoundFields.standardKeys.contains(where: { $0.key == key }) {
            e.append(FieldError(field: "standardKey", message: "适用标准无效"))
        }
        let documents = e.collect { () throws(FieldError) -> [ReliefDocument] in
            var out: [ReliefDocument] = []
            for s in f.list("documents") { out.append(try ReliefDocument.parse(s, field: "documents", name: "申请材料")) }
            return out
        }
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "情况说明", max: 500) }
        let level = e.collect { () throws(FieldError) in
            try Input.choice(f["schoolLevel"], SchoolLevel.self, field: "schoolLevel", name: "就读层次")
        }
        let exclusions = e.collect { () throws(FieldError) -> [ScholarshipExclusion] in
            var out: [ScholarshipExclusion] = []
            for s in f.list("exclusions") { out.append(try ScholarshipExclusion.parse(s, field: "exclusions", name: "排除情形")) }
            return out
        }
        // A claim gives its admission and discharge dates (the stay in days), or the days directly.
        let days = e.collect { () throws(FieldError) -> Int? in
            let admitted = try Input.date(f["admittedOn"], field: "admittedOn", label: "入院日期")
            let discharged = try Input.date(f["dischargedOn"], field: "dischargedOn", label: "出院日期")
            if let admitted, let discharged {
                guard admitted <= discharged else { throw FieldError(field: "dischargedOn", message: "出院日期不能早于入院日期") }
                return discharged.dayNumber - admitted.dayNumber
            }
            if (admitted == nil) != (discharged == nil) {
                throw FieldError(field: admitted == nil ? "admittedOn" : "dischargedOn", message: "请同时填写入院日期和出院日期")
            }
            return try Input.int(f["hospitalDays"], field: "hospitalDays", label: "住院天数", range: 0...366)
        }
        let cost = e.collect { () throws(FieldError) in try Input.money(f["coveredCost"], field: "coveredCost", label: "医保范围内费用") }
        let applied: CalendarDate?? =
            fixed.map { .some($0.appliedOn) }
            ?? e.collect { () throws(FieldError) in try Input.date(f["appliedOn"], field: "appliedOn", label: "申请日期") }
        let late: String?? =
            fixed.map { .some($0.lateReason) }
            ?? e.collect { () throws(FieldError) in try Input.text(f["lateReason"], field: "lateReason", label: "补录原因", max: 200) }
        guard e.isEmpty, let round, let member, let file, let requested, let documents, let note, let level, let exclusions, let days,
            let cost, let applied, let late
        else { throw e }
        return ApplicationFields(
            roundId: round, memberId: member, fileId: file, requested: requested, standardKey: key, documents: documents, note: note,
            schoolLevel: level, exclusions: exclusions, workInjury: Input.flag(f["workInjury"]),
            festivalTarget: Input.flag(f["festivalTarget"]), suddenCause: Input.flag(f["suddenCause"]), hospitalDays: days,
            coveredCost: cost, appliedOn: applied, lateReason: late)
    }
}

public struct PaymentFields: Sendable, Equatable {
    public var method: PaymentMethod
    public var paidOn: CalendarDate
    /// The form's or client's submit token: the same token twice is the same payment.
    public var token: String
    public var overdraftReason: String?

    public static let inputFields: [InputField] = [
        .choice("method", PaymentMethod.self), .init("paidOn", .date), .init("token", required: true), .init("overdraft", .flag),
        .init("overdraftReason"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> PaymentFields {
        var e = FieldErrors()
        let method = e.collect { () throws(FieldError) in
            try Input.choice(f["method"], PaymentMethod.self, field: "method", name: "发放方式") ?? .bankTransfer
        }
        let paid = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["paidOn"] ?? today.iso, field: "paidOn", label: "发放日期", notAfter: today)
        }
        let token = e.collect { () throws(FieldError) -> String in
            guard let t = Input.optional(f["token"]), (8...100).contains(t.count),
                t.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            else { throw FieldError(field: "token", message: "提交令牌缺失或无效：请刷新页面后重新提交") }
            return t
        }
        let reason =
            Input.flag(f["overdraft"])
            ? e.collect { () throws(FieldError) in try Input.text(f["overdraftReason"], field: "overdraftReason", label: "超支理由", max: 200) } ?? nil
            : nil
        if Input.flag(f["overdraft"]), reason == nil {
            e.append(FieldError(field: "overdraftReason", message: "透支发放必须填写原因"))
        }
        guard e.isEmpty, let method, let paid, let token else { throw e }
        return PaymentFields(method: method, paidOn: paid, token: token, overdraftReason: reason)
    }
}

public struct FundEntryFields: Sendable, Equatable {
    public var source: FundSource
    public var amount: Int
    public var onDate: CalendarDate
    public var note: String?

    public static let inputFields: [InputField] = [
        .choice("source", FundSource.self, required: true), .init("amount", .money, required: true), .init("onDate", .date), .init("note"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> FundEntryFields {
        var e = FieldErrors()
        let source = e.collect { () throws(FieldError) -> FundSource in
            guard let s = try Input.choice(f["source"], FundSource.self, field: "source", name: "资金来源") else {
                throw FieldError(field: "source", message: "请选择资金来源")
            }
            return s
        }
        let amount = e.collect { () throws(FieldError) -> Int in
            guard let a = try Input.money(f["amount"], field: "amount", label: "金额"), a > 0 else {
                throw FieldError(field: "amount", message: "金额必须大于0")
            }
            return a
        }
        let date = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["onDate"] ?? today.iso, field: "onDate", label: "入账日期", notAfter: today)
        }
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "摘要", max: 100) }
        guard e.isEmpty, let source, let amount, let date, let note else { throw e }
        return FundEntryFields(source: source, amount: amount, onDate: date, note: note)
    }
}

/// A new fund account (资金账户) of the caller's federation: its name.
public struct FundFields: Sendable, Equatable {
    public var name: String

    public static let inputFields: [InputField] = [.init("name", required: true)]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> FundFields {
        do throws(FieldError) {
            guard let name = try Input.text(f["name"], field: "name", label: "账户名称", max: 40) else {
                throw FieldError(field: "name", message: "账户名称不能为空")
            }
            return FundFields(name: name)
        } catch { throw FieldErrors([error]) }
    }
}

/// 医疗互助参保: the member (by id, or by the card or ID number typed) and the year, last, this or next.
public struct EnrolmentFields: Sendable, Equatable {
    public var memberId: Int?
    /// What was typed to find the member when no id is given.
    public var member: String?
    public var year: Int

    public static let inputFields: [InputField] = [.init("memberId", .id), .init("member"), .init("year", .integer, required: true)]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> EnrolmentFields {
        var e = FieldErrors()
        let id = e.collect { () throws(FieldError) in try Input.id(f["memberId"], field: "memberId", label: "会员") }
        let member = Input.optional(f["member"])
        if case .some(nil) = id, member == nil { e.append(FieldError(field: "member", message: "请填写会员证号或身份证号")) }
        let year = e.collect { () throws(FieldError) -> Int in
            guard let y = Int(Text.clean(f["year"] ?? "")), ((today.year - 1)...(today.year + 1)).contains(y) else {
                throw FieldError(field: "year", message: "年度应为去年、今年或明年")
            }
            return y
        }
        guard e.isEmpty, let id, let year else { throw e }
        return EnrolmentFields(memberId: id, member: member, year: year)
    }
}

/// A workflow step as a form or the API sends it: the action and the day it was taken (`date`, default today, never
/// later; the flow checks it is not before the step before it).
public struct ReliefStepInput: Sendable, Equatable {
    public var action: ReliefAction
    public var date: CalendarDate

    public static let inputFields: [InputField] = ReliefAction.inputFields + [.init("date", .date)]
    public static let reversalFields: [InputField] = ReliefAction.reversalFields + [.init("date", .date)]

    /// `action`, `amount`, `reason` and `date`.
    public static func parse(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ReliefStepInput {
        let action = try ReliefAction.parse(f)
        return ReliefStepInput(action: action, date: try date(f, today: today))
    }

    /// A reversal of the payment: `reason` and `date`.
    public static func reversal(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ReliefStepInput {
        let action = try ReliefAction.reversal(f)
        return ReliefStepInput(action: action, date: try date(f, today: today))
    }

    private static func date(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> CalendarDate {
        do throws(FieldError) {
            return try Input.requiredDate(Input.optional(f["date"]) ?? today.iso, field: "date", label: "办理日期", notAfter: today)
        } catch { throw FieldErrors([error]) }
    }
}

extension ReliefAction {
    public static let inputFields: [InputField] = [
        .init("action", .choice(Code.allCases.filter { $0 != .pay }.map(\.rawValue)), required: true), .init("amount", .money),
        .init("reason"),
    ]

    /// A reversal of the payment (冲正) with its reason: the step `reversePayment` on its own route.
    public static func reversal(_ f: FormFields) throws(FieldErrors) -> ReliefAction {
        do throws(FieldError) {
            return .reversePayment(reason: try Input.text(f["reason"], field: "reason", label: "意见/原因", max: 200) ?? "")
        } catch { throw FieldErrors([error]) }
    }

    public static let reversalFields: [InputField] = [.init("reason")]

    /// A workflow step from a form or JSON body: `action` plus `amount` (approve, upper approve) and `reason`.
    public static func parse(_ f: FormFields) throws(FieldErrors) -> ReliefAction {
        // Prose keeps its full-width punctuation (“，”): it is checked as text, not cleaned like a code.
        let reason: String
        do throws(FieldError) {
            reason = try Input.text(f["reason"], field: "reason", label: "意见/原因", max: 200) ?? ""
        } catch { throw FieldErrors([error]) }
        func amount(_ label: String) throws(FieldErrors) -> Int {
            do throws(FieldError) {
                guard let a = try Input.money(f["amount"], field: "amount", label: label) else {
                    throw FieldError(field: "amount", message: "\(label)不能为空")
                }
                return a
            } catch { throw FieldErrors([error]) }
        }
        let steps = ReliefAction.Code.allCases.filter { $0 != .pay }
        guard let code = Input.optional(f["action"]).flatMap(ReliefAction.Code.init(rawValue:)), code != .pay else {
            throw FieldErrors([
                FieldError(field: "action", message: "操作无效，应为 " + steps.map(\.rawValue).joined(separator: "、"))
            ])
        }
        let why = reason.isEmpty ? nil : reason
        switch code {
        case .submit: return .submit
        case .approve: return .approve(amount: try amount("核定金额"), reason: why)
        case .secondApprove: return .secondApprove(reason: why)
        case .reject: return .reject(reason: reason)
        case .returnForCompletion: return .returnForCompletion(reason: reason)
        case .report: return .report
        case .upperApprove: return .upperApprove(amount: try amount("上级批准金额"), reason: why)
        case .upperReject: return .upperReject(reason: reason)
        case .decline: return .decline(reason: reason)
        case .reversePayment: return .reversePayment(reason: reason)
        case .withdraw: return .withdraw(reason: reason)
        case .pay: return .pay
        }
    }
}

/// The columns of a hardship-file roster (困难职工档案花名册) as unions keep it in Excel, for migrating archives.
public enum HardshipColumn: String, RosterColumns, Codable {
    case name, idNumber, tier, mainCause, otherCauses, householdSize, annualIncome, unavoidableCosts, region, openedOn, bankAccount, health,
        workStatus

    public static let required: [HardshipColumn] = [.idNumber, .tier]

    public var title: String {
        switch self {
        case .name: "户主姓名"
        case .idNumber: "身份证号"
        case .tier: "困难类别"
        case .mainCause: "主要致困原因"
        case .otherCauses: "次要致困原因"
        case .householdSize: "家庭人口"
        case .annualIncome: "家庭年收入"
        case .unavoidableCosts: "刚性支出"
        case .region: "所在地区"
        case .openedOn: "建档日期"
        case .bankAccount: "银行账号"
        case .health: "健康状况"
        case .workStatus: "工作状况"
        }
    }

    public var synonyms: [String] {
        switch self {
        case .name: ["户主姓名", "姓名", "户主", "职工姓名"]
        case .idNumber: ["身份证号", "身份证号码", "公民身份号码", "证件号码", "户主身份证号"]
        case .tier: ["困难类别", "困难类型", "类别", "档案类别", "困难程度"]
        case .mainCause: ["主要致困原因", "致困原因", "主要原因", "困难原因"]
        case .otherCauses: ["次要致困原因", "次要原因", "其他原因"]
        case .householdSize: ["家庭人口", "家庭人口数", "家庭成员人数", "人口数"]
        case .annualIncome: ["家庭年收入", "家庭年总收入", "年收入", "家庭总收入"]
        case .unavoidableCosts: ["刚性支出", "刚性支出合计", "必需支出"]
        case .region: ["所在地区", "行政区划代码", "地区代码"]
        case .openedOn: ["建档日期", "建档时间", "入档时间"]
        case .bankAccount: ["银行账号", "银行卡号", "账号"]
        case .health: ["健康状况", "身体状况", "病种"]
        case .workStatus: ["工作状况", "就业状况", "在岗状况"]
        }
    }

    public var field: String {
        switch self {
        case .idNumber: "memberId"
        case .annualIncome: "wages"
        default: rawValue
        }
    }
}

extension HardshipTier {
    /// A category as old forms and rosters write it, including the pre-2018 ones (低保户, 低保边缘户, 意外致困户).
    public static func roster(_ text: String) -> HardshipTier? {
        let s = RosterColumn.normalise(text)
        if let t = HardshipTier(rawValue: s) ?? allCases.first(where: { RosterColumn.normalise($0.label) == s }) { return t }
        switch s {
        case "深度困难", "深度困难职工", "特困", "特困职工": return .deep
        case "相对困难", "相对困难职工", "一般困难": return .relative
        case "意外致困", "意外致困职工": return .accidental
        case "低保户", "低保": return .legacySubsistence
        case "低保边缘户", "低保边缘": return .legacyNearSubsistence
        case "意外致困户": return .legacyAccidental
        default: return nil
        }
    }
}

extension HardshipCause {
    /// A cause as rosters write it (患病, 子女上学, 下岗 …).
    public static func roster(_ text: String) -> HardshipCause? {
        let s = RosterColumn.normalise(text)
        if let c = HardshipCause(rawValue: s) ?? allCases.first(where: { $0.label == s }) { return c }
        let words: [(HardshipCause, [String])] = [
            (.illness, ["患病", "疾病", "大病", "重病", "病"]), (.disability, ["残疾", "残"]), (.schooling, ["上学", "就学", "教育", "学"]),
            (.unemployment, ["下岗", "失业"]), (.employerHardship, ["停产", "企业困难", "欠薪"]), (.accident, ["意外", "灾害", "事故"]),
            (.workInjury, ["工伤"]), (.singleParent, ["单亲"]), (.lowIncome, ["收入低", "低收入"]),
        ]
        return words.first { _, ws in ws.contains { s.contains($0) } }?.0
    }
}
