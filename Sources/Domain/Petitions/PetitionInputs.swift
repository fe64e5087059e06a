/// The checked contents of the petitions module's forms and API bodies. Each `validate` reports every failing field
/// at once; checks that need the database (handlers in the federation, member and employer in scope) are the App's.

/// A petitioner's contact number: a mobile number, or a landline with its area code (hotline callers often give one).
public enum ContactPhone {
    public static func parse(_ text: String, field: String) throws(FieldError) -> String {
        let s = Text.compact(text)
        if let mobile = try? PhoneNumber(s, field: field) { return mobile.value }
        let digits = s.filter { $0 != "-" }
        guard s.first == "0", (10...12).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else {
            throw FieldError(field: field, message: "联系电话应为11位手机号码，或带区号的固定电话（如 0757-12345678）")
        }
        return s
    }

    /// `138****1234`, `0757****5678`.
    public static func masked(_ s: String) -> String { Masking.phone(s) }
}

/// 信访登记: what is recorded when a petition arrives.
public struct PetitionFields: Sendable, Equatable {
    public var source: PetitionSource
    /// 上级转办: the transferring body, its reference number and the date it wants an answer by.
    public var transferBody: String?
    public var transferRef: String?
    public var transferReplyDue: CalendarDate?
    public var receivedOn: CalendarDate
    public var petitionerName: String
    public var petitionerPhone: String?
    public var petitionerIdNumber: IDNumber?
    public var memberId: Int?
    /// How many people the petition is for (a group petition from `PetitionRules.groupSize`).
    public var workers: Int
    public var employerId: Int?
    /// An employer not in the register, by name.
    public var employerName: String?
    public var category: PetitionCategory
    /// 重大紧急: must be reported upward promptly (a missing report is 缓报).
    public var urgent: Bool
    public var summary: String
    public var requests: String?
    public var handlerA: Int
    public var handlerB: Int
    /// The cadre has seen the possible duplicates and records it anyway.
    public var confirmDuplicate: Bool
    /// The receiving org (受理单位) when not the caller's own (API; the web form records at the caller's org).
    public var orgId: Int?

    public static let inputFields: [InputField] = [
        .choice("source", PetitionSource.self, required: true), .init("transferBody"), .init("transferRef"),
        .init("transferReplyDue", .date), .init("receivedOn", .date, required: true), .init("petitionerName", required: true),
        .init("petitionerPhone"), .init("petitionerIdNumber"), .init("memberId", .id), .init("workers", .integer),
        .init("employerId", .id), .init("employerName"), .choice("category", PetitionCategory.self, required: true),
        .init("urgent", .flag), .init("summary", required: true), .init("requests"), .init("handlerA", .id, required: true),
        .init("handlerB", .id, required: true), .init("confirmDuplicate", .flag), .init("orgId", .id),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> PetitionFields {
        var e = FieldErrors()
        let source = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["source"], PetitionSource.self, field: "source", name: "来源")
        }
        let received = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["receivedOn"], field: "receivedOn", label: "收件日期", notAfter: today)
        }
        var body: String?
        var due: CalendarDate?
        if source == .transferred {
            body = e.collect { () throws(FieldError) in try Input.name(f["transferBody"], field: "transferBody", label: "转办机关", max: 40) }
            due = e.collect { () throws(FieldError) -> CalendarDate in
                let d = try Input.requiredDate(f["transferReplyDue"], field: "transferReplyDue", label: "转办要求回复日期")
                if let received, d < received { throw FieldError(field: "transferReplyDue", message: "转办要求回复日期不能早于收件日期") }
                return d
            }
        }
        let ref = e.collect { () throws(FieldError) in try Input.text(f["transferRef"], field: "transferRef", label: "转办文号", max: 40) }
        let name = e.collect { () throws(FieldError) in try Input.name(f["petitionerName"], field: "petitionerName", label: "信访人姓名") }
        let phone = e.collect { () throws(FieldError) -> String? in
            guard let t = Input.optional(f["petitionerPhone"]) else { return nil }
            return try ContactPhone.parse(t, field: "petitionerPhone")
        }
        let idNumber = e.collect { () throws(FieldError) -> IDNumber? in
            guard let t = Input.optional(f["petitionerIdNumber"]) else { return nil }
            return try IDNumber(t, field: "petitionerIdNumber")
        }
        let member = e.collect { () throws(FieldError) in try Input.id(f["memberId"], field: "memberId", label: "会员") }
        let workers = e.collect { () throws(FieldError) in
            try Input.int(f["workers"], field: "workers", label: "涉及人数", range: 1...100_000) ?? 1
        }
        let employer = e.collect { () throws(FieldError) in try Input.id(f["employerId"], field: "employerId", label: "涉及单位") }
        let employerName = e.collect { () throws(FieldError) in
            try Input.text(f["employerName"], field: "employerName", label: "涉及单位名称", max: 60)
        }
        let category = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["category"], PetitionCategory.self, field: "category", name: "问题类别")
        }
        let summary = e.collect { () throws(FieldError) in try Input.requiredText(f["summary"], field: "summary", label: "反映问题", max: 2000)
        }
        let requests = e.collect { () throws(FieldError) in try Input.text(f["requests"], field: "requests", label: "诉求", max: 2000) }
        let (a, b) = handlers(f, &e)
        let org = e.collect { () throws(FieldError) in try Input.id(f["orgId"], field: "orgId", label: "受理单位") }
        guard e.isEmpty, let source, let received, let name, let phone, let idNumber, let member, let workers, let employer,
            let employerName, let category, let summary, let requests, let a, let b, let ref, let org
        else { throw e }
        return PetitionFields(
            source: source, transferBody: body, transferRef: ref, transferReplyDue: due, receivedOn: received, petitionerName: name,
            petitionerPhone: phone, petitionerIdNumber: idNumber, memberId: member, workers: workers, employerId: employer,
            employerName: employerName, category: category, urgent: Input.flag(f["urgent"]), summary: summary, requests: requests,
            handlerA: a, handlerB: b, confirmDuplicate: Input.flag(f["confirmDuplicate"]), orgId: org)
    }

    /// The A and B handlers (`handlerA`, `handlerB`): both required, and not the same person.
    static func handlers(_ f: FormFields, _ e: inout FieldErrors) -> (Int?, Int?) {
        let a = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["handlerA"], field: "handlerA", label: "A角承办人") else {
                throw FieldError(field: "handlerA", message: "请选择A角（主办）承办人")
            }
            return id
        }
        let b = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["handlerB"], field: "handlerB", label: "B角承办人") else {
                throw FieldError(field: "handlerB", message: "请选择B角（替补）承办人")
            }
            if id == a { throw FieldError(field: "handlerB", message: "B角承办人不能与A角是同一人") }
            return id
        }
        return (a, b)
    }
}

/// 调整承办人: new A and B handlers with the reason, which the audit log keeps.
public struct HandlerChange: Sendable, Equatable {
    public var handlerA: Int
    public var handlerB: Int
    public var reason: String

    public static let inputFields: [InputField] = [
        .init("handlerA", .id, required: true), .init("handlerB", .id, required: true), .init("reason", required: true),
    ]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> HandlerChange {
        var e = FieldErrors()
        let (a, b) = PetitionFields.handlers(f, &e)
        let reason = e.collect { () throws(FieldError) in try Input.requiredText(f["reason"], field: "reason", label: "调整原因", max: 200) }
        guard e.isEmpty, let a, let b, let reason else { throw e }
        return HandlerChange(handlerA: a, handlerB: b, reason: reason)
    }
}

extension PetitionAction {
    public static let inputFields: [InputField] = [
        .choice("action", Code.self, required: true), .init("date", .date, required: true), .init("reason"), .init("to"),
        .init("days", .integer), .init("approver"), .init("summary"), .init("reference"), .choice("satisfaction", Satisfaction.self),
    ]

    /// A step from a form or an API body: `action` plus the fields that action needs.
    public static func parse(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> PetitionAction {
        var e = FieldErrors()
        let code = e.collect { () throws(FieldError) in try Input.requiredChoice(f["action"], Code.self, field: "action", name: "操作") }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["date"], field: "date", label: "日期") }
        guard let code, let on else { throw e }
        func text(_ key: String, _ label: String, max: Int = 200) -> String? {
            e.collect { () throws(FieldError) in try Input.requiredText(f[key], field: key, label: label, max: max) }
        }
        let action: PetitionAction?
        switch code {
        case .accept: action = .accept(on: on)
        case .notAccept: action = text("reason", "不予受理理由").map { .notAccept(on: on, reason: $0) }
        case .transferOut: action = text("to", "转往单位", max: 60).map { .transferOut(on: on, to: $0) }
        case .start: action = .start(on: on)
        case .extend:
            let days = e.collect { () throws(FieldError) -> Int in
                guard let n = Int(Text.compact(f["days"] ?? "")) else { throw FieldError(field: "days", message: "请填写延长天数") }
                return n
            }
            // Reason and approver are checked by the deadline rules, which name what is missing; both are kept as typed.
            let reason = e.collect { () throws(FieldError) in try Input.text(f["reason"], field: "reason", label: "延期理由", max: 200) }
            let approver = e.collect { () throws(FieldError) in try Input.text(f["approver"], field: "approver", label: "批准人", max: 30) }
            action = days.map { .extend(on: on, days: $0, reason: (reason ?? nil) ?? "", approver: (approver ?? nil) ?? "") }
        case .reply:
            let summary = text("summary", "答复内容", max: 2000)
            let reference = e.collect { () throws(FieldError) in try Input.text(f["reference"], field: "reference", label: "答复文号", max: 40)
            }
            action = summary.map { .reply(on: on, summary: $0, reference: reference ?? nil) }
        case .replyToTransferrer: action = .replyToTransferrer(on: on)
        case .close:
            action = e.collect { () throws(FieldError) in
                try Input.requiredChoice(f["satisfaction"], Satisfaction.self, field: "satisfaction", name: "回访满意度")
            }.map { .close(on: on, satisfaction: $0) }
        case .reopen: action = .reopen(on: on)
        case .report: action = text("to", "报告对象", max: 60).map { .report(on: on, to: $0) }
        }
        guard e.isEmpty, let action else { throw e }
        return action
    }
}

/// A contact on a petition's timeline (电话、走访、协调会、函件), with an optional document reference number.
public struct ContactFields: Sendable, Equatable {
    public var kind: ContactKind
    public var on: CalendarDate
    public var note: String
    public var reference: String?

    public static let inputFields: [InputField] = [
        .choice("kind", ContactKind.self, required: true), .init("date", .date, required: true), .init("note", required: true),
        .init("reference"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ContactFields {
        var e = FieldErrors()
        let kind = e.collect { () throws(FieldError) in try Input.requiredChoice(f["kind"], ContactKind.self, field: "kind", name: "方式") }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["date"], field: "date", label: "日期", notAfter: today) }
        let note = e.collect { () throws(FieldError) in try Input.requiredText(f["note"], field: "note", label: "情况记录", max: 2000) }
        let reference = e.collect { () throws(FieldError) in try Input.text(f["reference"], field: "reference", label: "文号", max: 40) }
        guard e.isEmpty, let kind, let on, let note, let reference else { throw e }
        return ContactFields(kind: kind, on: on, note: note, reference: reference)
    }
}

/// 劳动争议调解 application: parties, claim, mediators (调解仲裁法 Arts. 10–14).
public struct MediationFields: Sendable, Equatable {
    public var petitionId: Int?
    public var applicantName: String
    /// Workers on the applying side.
    public var workers: Int
    public var employerId: Int?
    public var employerName: String?
    public var claim: String
    public var claimAmount: Int?
    public var appliedOn: CalendarDate
    public var mediators: String

    public static let inputFields: [InputField] = [
        .init("petitionId", .id), .init("applicantName", required: true), .init("workers", .integer), .init("employerId", .id),
        .init("employerName"), .init("claim", required: true), .init("claimAmount", .money), .init("appliedOn", .date, required: true),
        .init("mediators", required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> MediationFields {
        var e = FieldErrors()
        let petition = e.collect { () throws(FieldError) in try Input.id(f["petitionId"], field: "petitionId", label: "来源信访件") }
        let name = e.collect { () throws(FieldError) in try Input.name(f["applicantName"], field: "applicantName", label: "申请人", max: 60) }
        let workers = e.collect { () throws(FieldError) in
            try Input.int(f["workers"], field: "workers", label: "涉及职工人数", range: 1...100_000) ?? 1
        }
        let employer = e.collect { () throws(FieldError) in try Input.id(f["employerId"], field: "employerId", label: "被申请单位") }
        let employerName = e.collect { () throws(FieldError) in
            try Input.text(f["employerName"], field: "employerName", label: "被申请单位名称", max: 60)
        }
        if case .some(nil) = employer, case .some(nil) = employerName {
            e.append(FieldError(field: "employerId", message: "请选择被申请单位，或填写单位名称"))
        }
        let claim = e.collect { () throws(FieldError) in try Input.requiredText(f["claim"], field: "claim", label: "调解请求", max: 2000) }
        let amount = e.collect { () throws(FieldError) in try Input.money(f["claimAmount"], field: "claimAmount", label: "请求金额") }
        let applied = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["appliedOn"], field: "appliedOn", label: "申请日期", notAfter: today)
        }
        let mediators = e.collect { () throws(FieldError) in
            try Input.requiredText(f["mediators"], field: "mediators", label: "调解员", max: 100)
        }
        guard e.isEmpty, let petition, let name, let workers, let employer, let employerName, let claim, let amount, let applied,
            let mediators
        else { throw e }
        return MediationFields(
            petitionId: petition, applicantName: name, workers: workers, employerId: employer, employerName: employerName, claim: claim,
            claimAmount: amount, appliedOn: applied, mediators: mediators)
    }
}

/// The outcome of a mediation: an agreement (with its amount and whether it was performed), no agreement (the
/// parties are referred to arbitration), or withdrawal.
public struct MediationOutcomeFields: Sendable, Equatable {
    public var outcome: MediationOutcome
    public var decidedOn: CalendarDate
    public var agreedAmount: Int?
    public var performed: Bool
    public var note: String?

    public static let inputFields: [InputField] = [
        .choice("outcome", MediationOutcome.self, required: true), .init("decidedOn", .date, required: true),
        .init("agreedAmount", .money), .init("performed", .flag), .init("note"),
    ]

    public static func validate(_ f: FormFields, appliedOn: CalendarDate, today: CalendarDate) throws(FieldErrors) -> MediationOutcomeFields
    {
        var e = FieldErrors()
        let outcome = e.collect { () throws(FieldError) -> MediationOutcome in
            let o = try Input.requiredChoice(f["outcome"], MediationOutcome.self, field: "outcome", name: "调解结果")
            if o == .pending { throw FieldError(field: "outcome", message: "请选择调解结果：达成协议、调解不成或撤回") }
            return o
        }
        let decided = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.requiredDate(f["decidedOn"], field: "decidedOn", label: "结案日期", notAfter: today)
            if d < appliedOn { throw FieldError(field: "decidedOn", message: "结案日期不能早于申请日期（\(appliedOn.iso)）") }
            return d
        }
        let amount = e.collect { () throws(FieldError) in try Input.money(f["agreedAmount"], field: "agreedAmount", label: "协议金额") }
        let performed = Input.flag(f["performed"])
        if outcome != .agreement, performed {
            e.append(FieldError(field: "performed", message: "只有达成调解协议才能登记履行"))
        }
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "说明", max: 500) }
        guard e.isEmpty, let outcome, let decided, let amount, let note else { throw e }
        return MediationOutcomeFields(
            outcome: outcome, decidedOn: decided, agreedAmount: outcome == .agreement ? amount : nil, performed: performed, note: note)
    }
}

/// Wages recovered or work-injury compensation obtained for workers in one case (协助农民工取得工资报酬 …).
public struct RecoveryFields: Sendable, Equatable {
    public var kind: RecoveryKind
    public var workers: Int
    public var migrantWorkers: Int
    public var amount: Int
    public var on: CalendarDate
    public var note: String?

    public static let inputFields: [InputField] = [
        .choice("kind", RecoveryKind.self, required: true), .init("workers", .integer, required: true), .init("migrantWorkers", .integer),
        .init("amount", .money, required: true), .init("date", .date, required: true), .init("note"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> RecoveryFields {
        var e = FieldErrors()
        let kind = e.collect { () throws(FieldError) in try Input.requiredChoice(f["kind"], RecoveryKind.self, field: "kind", name: "类型") }
        let workers = e.collect { () throws(FieldError) -> Int in
            guard let n = try Input.int(f["workers"], field: "workers", label: "受助职工人数", range: 1...100_000) else {
                throw FieldError(field: "workers", message: "受助职工人数不能为空")
            }
            return n
        }
        let migrants = e.collect { () throws(FieldError) -> Int in
            let n = try Input.int(f["migrantWorkers"], field: "migrantWorkers", label: "其中农民工人数", range: 0...100_000) ?? 0
            if let workers, n > workers { throw FieldError(field: "migrantWorkers", message: "其中农民工人数不能多于受助职工人数") }
            return n
        }
        let amount = e.collect { () throws(FieldError) -> Int in
            guard let a = try Input.money(f["amount"], field: "amount", label: "金额"), a > 0 else {
                throw FieldError(field: "amount", message: "金额应大于0")
            }
            return a
        }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["date"], field: "date", label: "到位日期", notAfter: today) }
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "说明", max: 500) }
        guard e.isEmpty, let kind, let workers, let migrants, let amount, let on, let note else { throw e }
        return RecoveryFields(kind: kind, workers: workers, migrantWorkers: migrants, amount: amount, on: on, note: note)
    }
}

/// A handler marked away (外出) or back: while away, the B handler takes the A handler's queue.
public struct AwayChange: Sendable, Equatable {
    public var away: Bool

    /// `away` true marks the handler away; false or left out marks them back.
    public static let inputFields: [InputField] = [.init("away", .flag)]

    public static func validate(_ f: FormFields) -> AwayChange { AwayChange(away: Input.flag(f["away"])) }
}
