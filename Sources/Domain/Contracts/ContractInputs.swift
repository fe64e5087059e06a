/// The checked contents of the contracts module's forms and API bodies. Each `validate` reports every failing field
/// at once; checks that need the database (the employer in scope, its headcount) are the App's.

/// A wage rise as typed (`15`, `15.5`, `15%`), kept in hundredths of a percent (basis points, `1500`).
public enum WageRise {
    public static func parse(_ text: String?, field: String, label: String) throws(FieldError) -> Int? {
        guard var t = Input.optional(text) else { return nil }
        if t.hasSuffix("%") || t.hasSuffix("％") { t.removeLast() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), (0...100).contains(whole), parts[0].allSatisfy(\.isASCIIDigit)
        else { throw FieldError(field: field, message: "\(label)应为0到100之间的百分数，如 15 或 12.5") }
        var hundredths = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit), let f = Int(fraction) else {
                throw FieldError(field: field, message: "\(label)最多保留两位小数")
            }
            hundredths = fraction.count == 1 ? f * 10 : f
        }
        let bp = whole * 100 + hundredths
        guard bp <= 10_000 else { throw FieldError(field: field, message: "\(label)不能超过100%") }
        return bp
    }

    /// `15%`, `12.5%`.
    public static func text(_ bp: Int) -> String {
        let whole = bp / 100, rest = bp % 100
        if rest == 0 { return "\(whole)%" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : "\(whole).\(rest < 10 ? "0" : "")\(rest)%"
    }
}

/// What a signed contract sets: its term (at most `maxTermYears`), the workers it covers (of them women), and for a
/// wage agreement the rise and the lowest wage agreed.
public struct ContractTerms: Sendable, Equatable {
    public var title: String?
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var workers: Int
    public var womenWorkers: Int?
    /// Basis points (`1500` = 15%).
    public var wageRise: Int?
    /// Fen a month.
    public var minimumWage: Int?

    public static let inputFields: [InputField] = [
        .init("title"), .init("startsOn", .date, required: true), .init("endsOn", .date, required: true),
        .init("workers", .integer, required: true), .init("womenWorkers", .integer), .init("wageRise"), .init("minimumWage", .money),
    ]

    public static func validate(_ f: FormFields, kind: ContractKind?, rules: ContractRules, into e: inout FieldErrors) -> ContractTerms? {
        let title = e.collect { () throws(FieldError) in try Input.text(f["title"], field: "title", label: "合同名称", max: 80) }
        let starts = e.collect { () throws(FieldError) in try Input.requiredDate(f["startsOn"], field: "startsOn", label: "期限起始日") }
        let ends = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.requiredDate(f["endsOn"], field: "endsOn", label: "期限截止日")
            guard let starts else { return d }
            if d <= starts { throw FieldError(field: "endsOn", message: "期限截止日应晚于起始日（\(starts.iso)）") }
            if d > starts.adding(years: rules.maxTermYears).adding(days: -1) {
                throw FieldError(field: "endsOn", message: "集体合同期限为1至\(rules.maxTermYears)年，截止日不能晚于\(starts.adding(years: rules.maxTermYears).adding(days: -1).iso)")
            }
            return d
        }
        let workers = e.collect { () throws(FieldError) -> Int in
            guard let n = try Input.int(f["workers"], field: "workers", label: "覆盖职工人数", range: 1...1_000_000) else {
                throw FieldError(field: "workers", message: "覆盖职工人数不能为空")
            }
            return n
        }
        let women = e.collect { () throws(FieldError) -> Int? in
            let n = try Input.int(f["womenWorkers"], field: "womenWorkers", label: "其中女职工人数", range: 0...1_000_000)
            if let n, let workers, n > workers { throw FieldError(field: "womenWorkers", message: "其中女职工人数不能多于覆盖职工人数") }
            return n
        }
        let rise = e.collect { () throws(FieldError) -> Int? in
            let r = try WageRise.parse(f["wageRise"], field: "wageRise", label: "工资增幅")
            if r != nil, let kind, ![.wage, .comprehensive].contains(kind) {
                throw FieldError(field: "wageRise", message: "\(kind.label)不约定工资增幅")
            }
            return r
        }
        let minimum = e.collect { () throws(FieldError) in try Input.money(f["minimumWage"], field: "minimumWage", label: "最低工资标准") }
        guard let title, let starts, let ends, let workers, let women, let rise, let minimum else { return nil }
        return ContractTerms(
            title: title, startsOn: starts, endsOn: ends, workers: workers, womenWorkers: women, wageRise: rise, minimumWage: minimum)
    }
}

/// Which employers a contract or negotiation is for: one employer, or a sector or area named as its employers' side.
public struct BargainingParties: Sendable, Equatable {
    public var kind: ContractKind
    public var level: ContractLevel
    public var employerId: Int?
    /// 企业方: the employers' side of a sectoral or regional agreement (石材行业企业方), or the employer's own name.
    public var counterpart: String?
    /// The union that bargains (the caller's own org when left out).
    public var orgId: Int?

    static let inputFields: [InputField] = [
        .choice("kind", ContractKind.self, required: true), .choice("level", ContractLevel.self, required: true),
        .init("employerId", .id), .init("counterpart"), .init("orgId", .id),
    ]

    static func validate(_ f: FormFields, into e: inout FieldErrors) -> BargainingParties? {
        let kind = e.collect { () throws(FieldError) in try Input.requiredChoice(f["kind"], ContractKind.self, field: "kind", name: "合同种类") }
        let level = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["level"], ContractLevel.self, field: "level", name: "层级")
        }
        let employer = e.collect { () throws(FieldError) -> Int? in
            let id = try Input.id(f["employerId"], field: "employerId", label: "企业")
            if level == .enterprise, id == nil { throw FieldError(field: "employerId", message: "企业集体协商请选择企业") }
            return level == .enterprise ? id : nil
        }
        let counterpart = e.collect { () throws(FieldError) -> String? in
            let t = try Input.text(f["counterpart"], field: "counterpart", label: "企业方", max: 60)
            if let level, level.coversMany, t == nil {
                throw FieldError(field: "counterpart", message: "\(level.label)集体协商请填写企业方（如“石材行业企业方代表”）")
            }
            return t
        }
        let org = e.collect { () throws(FieldError) in try Input.id(f["orgId"], field: "orgId", label: "协商工会") }
        guard let kind, let level, let employer, let counterpart, let org else { return nil }
        return BargainingParties(kind: kind, level: level, employerId: employer, counterpart: counterpart, orgId: org)
    }
}

/// 发出要约 (or receiving one): a negotiation begins with a written request.
public struct NegotiationFields: Sendable, Equatable {
    public var parties: BargainingParties
    public var requestedBy: Requester
    public var requestedOn: CalendarDate
    public var request: String
    /// The contract in force that this negotiation is to renew.
    public var renewsId: Int?

    public static let inputFields: [InputField] =
        BargainingParties.inputFields + [
            .choice("requestedBy", Requester.self, required: true), .init("requestedOn", .date, required: true),
            .init("request", required: true), .init("renewsId", .id),
        ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> NegotiationFields {
        var e = FieldErrors()
        let parties = BargainingParties.validate(f, into: &e)
        let by = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["requestedBy"], Requester.self, field: "requestedBy", name: "要约方")
        }
        let on = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["requestedOn"], field: "requestedOn", label: "要约日期", notAfter: today)
        }
        let request = e.collect { () throws(FieldError) in
            try Input.requiredText(f["request"], field: "request", label: "要约内容", max: 2000)
        }
        let renews = e.collect { () throws(FieldError) in try Input.id(f["renewsId"], field: "renewsId", label: "续签的合同") }
        guard e.isEmpty, let parties, let by, let on, let request, let renews else { throw e }
        return NegotiationFields(parties: parties, requestedBy: by, requestedOn: on, request: request, renewsId: renews)
    }
}

/// A negotiator seated on a day: side, name, position, whether chief (首席代表).
public struct NegotiatorFields: Sendable, Equatable {
    public var side: NegotiatorSide
    public var name: String
    public var position: String?
    public var chief: Bool
    public var joinedOn: CalendarDate

    public static let inputFields: [InputField] = [
        .choice("side", NegotiatorSide.self, required: true), .init("name", required: true), .init("position"), .init("chief", .flag),
        .init("joinedOn", .date, required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> NegotiatorFields {
        var e = FieldErrors()
        let side = e.collect { () throws(FieldError) in try Input.requiredChoice(f["side"], NegotiatorSide.self, field: "side", name: "代表方") }
        let name = e.collect { () throws(FieldError) in try Input.name(f["name"], field: "name", label: "代表姓名") }
        let position = e.collect { () throws(FieldError) in try Input.text(f["position"], field: "position", label: "职务", max: 40) }
        let joined = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["joinedOn"], field: "joinedOn", label: "产生日期", notAfter: today)
        }
        guard e.isEmpty, let side, let name, let position, let joined else { throw e }
        return NegotiatorFields(side: side, name: name, position: position, chief: Input.flag(f["chief"]), joinedOn: joined)
    }
}

/// A negotiator leaving (离任): the day, and why; the seat must be refilled within `vacancyDays`.
public struct NegotiatorLeave: Sendable, Equatable {
    public var leftOn: CalendarDate
    public var reason: String

    public static let inputFields: [InputField] = [.init("leftOn", .date, required: true), .init("reason", required: true)]

    public static func validate(_ f: FormFields, joined: CalendarDate, today: CalendarDate) throws(FieldErrors) -> NegotiatorLeave {
        var e = FieldErrors()
        let left = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.requiredDate(f["leftOn"], field: "leftOn", label: "离任日期", notAfter: today)
            if d < joined { throw FieldError(field: "leftOn", message: "离任日期不能早于产生日期（\(joined.iso)）") }
            return d
        }
        let reason = e.collect { () throws(FieldError) in try Input.requiredText(f["reason"], field: "reason", label: "离任原因", max: 200) }
        guard e.isEmpty, let left, let reason else { throw e }
        return NegotiatorLeave(leftOn: left, reason: reason)
    }
}

extension NegotiationAction {
    public static let inputFields: [InputField] =
        [
            .choice("action", Code.self, required: true), .init("date", .date, required: true), .choice("answer", ReplyAnswer.self),
            .init("note"), .init("minutes"), .choice("body", VoteBody.self), .init("delegates", .integer), .init("attending", .integer),
            .init("approving", .integer), .choice("result", VoteResult.self),
        ] + ContractTerms.inputFields.map { InputField($0.name, $0.kind) }

    /// A step from a form or an API body: `action` plus the fields that action needs. `kind` is the negotiation's.
    public static func parse(_ f: FormFields, kind: ContractKind, rules: ContractRules) throws(FieldErrors) -> NegotiationAction {
        var e = FieldErrors()
        let code = e.collect { () throws(FieldError) in try Input.requiredChoice(f["action"], Code.self, field: "action", name: "操作") }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["date"], field: "date", label: "日期") }
        guard let code, let on else { throw e }
        func count(_ key: String, _ label: String) -> Int? {
            e.collect { () throws(FieldError) -> Int in
                guard let n = try Input.int(f[key], field: key, label: label, range: 0...1_000_000) else {
                    throw FieldError(field: key, message: "\(label)不能为空")
                }
                return n
            }
        }
        let action: NegotiationAction?
        switch code {
        case .reply:
            let answer = e.collect { () throws(FieldError) in
                try Input.requiredChoice(f["answer"], ReplyAnswer.self, field: "answer", name: "回应")
            }
            let note = e.collect { () throws(FieldError) -> String? in
                let t = try Input.text(f["note"], field: "note", label: "回应说明", max: 500)
                if answer == .refused, t == nil { throw FieldError(field: "note", message: "拒绝协商须写明正当理由") }
                return t
            }
            action = answer.flatMap { a in note.map { .reply(on: on, answer: a, note: $0) } }
        case .round:
            action = e.collect { () throws(FieldError) in
                try Input.requiredText(f["minutes"], field: "minutes", label: "会议纪要", max: 4000)
            }.map { .round(on: on, minutes: $0) }
        case .draft: action = .draft(on: on)
        case .vote:
            let body = e.collect { () throws(FieldError) in try Input.requiredChoice(f["body"], VoteBody.self, field: "body", name: "审议机构") }
            let delegates = e.collect { () throws(FieldError) -> Int in
                guard let n = try Input.int(f["delegates"], field: "delegates", label: "应到人数", range: 1...1_000_000) else {
                    throw FieldError(field: "delegates", message: "应到人数不能为空")
                }
                return n
            }
            let attending = count("attending", "实到人数")
            let approving = count("approving", "赞成票")
            let result = e.collect { () throws(FieldError) in
                try Input.requiredChoice(f["result"], VoteResult.self, field: "result", name: "表决结果")
            }
            if let body, let delegates, let attending, let approving, let result {
                action = .vote(Vote(on: on, body: body, delegates: delegates, attending: attending, approving: approving, result: result))
            } else {
                action = nil
            }
        case .sign: action = ContractTerms.validate(f, kind: kind, rules: rules, into: &e).map { .sign(on: on, terms: $0) }
        }
        guard e.isEmpty, let action else { throw e }
        return action
    }
}

extension ContractAction {
    public static let inputFields: [InputField] = [
        .choice("action", Code.self, required: true), .init("date", .date, required: true), .init("note"), .init("channel"),
        .list("pack", FilingItem.self),
    ]

    /// A step; filing (and filing again) needs every material of the pack for the contract's `level` (`pack`).
    public static func parse(_ f: FormFields, level: ContractLevel) throws(FieldErrors) -> ContractAction {
        var e = FieldErrors()
        let code = e.collect { () throws(FieldError) in try Input.requiredChoice(f["action"], Code.self, field: "action", name: "操作") }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["date"], field: "date", label: "日期") }
        guard let code, let on else { throw e }
        func text(_ key: String, _ label: String) -> String? {
            e.collect { () throws(FieldError) in try Input.requiredText(f[key], field: key, label: label, max: 1000) }
        }
        if code == .submit || code == .resubmit {
            let given = Set(f.list("pack").compactMap(FilingItem.init(rawValue:)))
            let missing = FilingItem.required(for: level).filter { !given.contains($0) }
            if !missing.isEmpty {
                e.append(FieldError(field: "pack", message: "报送材料不齐，还缺：" + missing.map(\.label).joined(separator: "、")))
            }
        }
        let action: ContractAction? =
            switch code {
            case .submit: .submit(on: on)
            case .object: text("note", "审查意见").map { .object(on: on, note: $0) }
            case .resubmit: text("note", "修改情况").map { .resubmit(on: on, note: $0) }
            case .takeEffect: .takeEffect(on: on)
            case .publish: text("channel", "公布方式").map { .publish(on: on, channel: $0) }
            case .check: text("note", "检查情况").map { .check(on: on, note: $0) }
            case .end: text("note", "终止原因").map { .end(on: on, reason: $0) }
            }
        guard e.isEmpty, let action else { throw e }
        return action
    }
}

/// 登记已有集体合同: a contract signed before UnionDesk (or elsewhere), with the dates it has reached.
public struct ContractRecordFields: Sendable, Equatable {
    public var parties: BargainingParties
    public var terms: ContractTerms
    public var signedOn: CalendarDate
    public var filedOn: CalendarDate?
    public var effectiveOn: CalendarDate?
    public var publishedOn: CalendarDate?

    public static let inputFields: [InputField] =
        BargainingParties.inputFields + ContractTerms.inputFields + [
            .init("signedOn", .date, required: true), .init("filedOn", .date), .init("effectiveOn", .date), .init("publishedOn", .date),
        ]

    public static func validate(_ f: FormFields, today: CalendarDate, rules: ContractRules) throws(FieldErrors) -> ContractRecordFields {
        var e = FieldErrors()
        let parties = BargainingParties.validate(f, into: &e)
        let terms = ContractTerms.validate(f, kind: parties?.kind, rules: rules, into: &e)
        let signed = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["signedOn"], field: "signedOn", label: "签订日期", notAfter: today)
        }
        /// Each later date: not after today, not before the one it follows, and only once that one is given.
        func later(_ key: String, _ label: String, after previous: CalendarDate??, _ previousLabel: String) -> CalendarDate?? {
            e.collect { () throws(FieldError) -> CalendarDate? in
                guard let d = try Input.date(f[key], field: key, label: label) else { return nil }
                if d > today { throw FieldError(field: key, message: "\(label)不能晚于今天") }
                guard case .some(.some(let p)) = previous else {
                    throw FieldError(field: key, message: "请先填写\(previousLabel)")
                }
                if d < p { throw FieldError(field: key, message: "\(label)不能早于\(previousLabel)（\(p.iso)）") }
                return d
            }
        }
        let filed = later("filedOn", "报送审查日期", after: signed.map { .some($0) }, "签订日期")
        let effective = later("effectiveOn", "生效日期", after: filed, "报送审查日期")
        let published = later("publishedOn", "公布日期", after: effective, "生效日期")
        guard e.isEmpty, let parties, let terms, let signed, let filed, let effective, let published else { throw e }
        return ContractRecordFields(
            parties: parties, terms: terms, signedOn: signed, filedOn: filed, effectiveOn: effective, publishedOn: published)
    }

    /// The state the dates reach.
    public var state: ContractState { effectiveOn != nil ? .inForce : filedOn != nil ? .submitted : .signed }
}

/// An employer a sectoral or regional contract covers, with its headcount then (the employer's own when left out).
public struct CoveredEmployerFields: Sendable, Equatable {
    public var employerId: Int
    public var headcount: Int?

    public static let inputFields: [InputField] = [.init("employerId", .id, required: true), .init("headcount", .integer)]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> CoveredEmployerFields {
        var e = FieldErrors()
        let employer = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["employerId"], field: "employerId", label: "覆盖企业") else {
                throw FieldError(field: "employerId", message: "请选择覆盖企业")
            }
            return id
        }
        let headcount = e.collect { () throws(FieldError) in
            try Input.int(f["headcount"], field: "headcount", label: "职工人数", range: 0...1_000_000)
        }
        guard e.isEmpty, let employer, let headcount else { throw e }
        return CoveredEmployerFields(employerId: employer, headcount: headcount)
    }
}
