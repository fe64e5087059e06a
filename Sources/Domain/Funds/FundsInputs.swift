extension Input {
    /// A month (`2026-10`, `2026年10月`) not after `latest`; empty gives nil.
    public static func month(_ s: String?, field: String, label: String, notAfter latest: Month? = nil) throws(FieldError) -> Month? {
        guard let t = optional(s) else { return nil }
        guard let m = Month(parsing: t), CalendarDate.acceptedYears.contains(m.year) else {
            throw FieldError(field: field, message: "\(label)“\(t.prefix(40))”不是有效月份，应为 2026-10 这样的格式")
        }
        if let latest, m > latest { throw FieldError(field: field, message: "\(label)不能晚于\(latest.chinese)") }
        return m
    }

    public static func requiredMonth(_ s: String?, field: String, label: String, notAfter latest: Month? = nil) throws(FieldError) -> Month {
        guard let m = try month(s, field: field, label: label, notAfter: latest) else { throw FieldError(field: field, message: "\(label)不能为空") }
        return m
    }

    static func requiredID(_ s: String?, field: String, label: String) throws(FieldError) -> Int {
        guard let id = try id(s, field: field, label: label) else { throw FieldError(field: field, message: "请选择\(label)") }
        return id
    }
}

/// A payment of dues received (经费收缴): an employer's month, its payroll base and the amount, how and when it came.
/// The amount defaults to what the base owes; the stream (工会经费 or 筹备金) follows whether the employer had a union.
public struct ReceiptFields: Sendable, Equatable {
    public var employerId: Int
    public var month: Month
    public var base: Int
    public var amount: Int
    public var channel: DuesChannel
    public var receivedOn: CalendarDate
    public var note: String?

    public init(employerId: Int, month: Month, base: Int, amount: Int, channel: DuesChannel, receivedOn: CalendarDate, note: String?) {
        self.employerId = employerId
        self.month = month
        self.base = base
        self.amount = amount
        self.channel = channel
        self.receivedOn = receivedOn
        self.note = note
    }

    public static let inputFields: [InputField] = [
        .init("employerId", .id, required: true), .init("month", required: true), .init("base", .money, required: true), .init("amount", .money),
        .choice("channel", DuesChannel.self, required: true), .init("receivedOn", .date, required: true), .init("note"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate, rules: FundsRules) throws(FieldErrors) -> ReceiptFields {
        var e = FieldErrors()
        let employer = e.collect { () throws(FieldError) in try Input.requiredID(f["employerId"], field: "employerId", label: "缴费单位") }
        let month = e.collect { () throws(FieldError) in
            try Input.requiredMonth(f["month"], field: "month", label: "所属期", notAfter: Month(today))
        }
        let base = e.collect { () throws(FieldError) -> Int in
            guard let b = try Input.money(f["base"], field: "base", label: "计缴工资总额") else {
                throw FieldError(field: "base", message: "计缴工资总额不能为空")
            }
            return b
        }
        let amount = e.collect { () throws(FieldError) in try Input.money(f["amount"], field: "amount", label: "实缴金额") }
        let channel = e.collect { () throws(FieldError) in try Input.requiredChoice(f["channel"], DuesChannel.self, field: "channel", name: "缴费方式") }
        let received = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["receivedOn"], field: "receivedOn", label: "到账日期", notAfter: today)
        }
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "备注", max: 200) }
        if let month, let received, received < month.first {
            e.append(FieldError(field: "receivedOn", message: "到账日期不能早于所属期（\(month.chinese)）"))
        }
        if let amount, amount == 0 {
            e.append(FieldError(field: "amount", message: "实缴金额应大于0；未缴的月份列入欠缴，不必登记"))
        }
        guard e.isEmpty, let employer, let month, let base, let amount, let channel, let received, let note else { throw e }
        return ReceiptFields(
            employerId: employer, month: month, base: base, amount: amount ?? rules.assessed(base: base), channel: channel, receivedOn: received,
            note: note)
    }
}

/// An employer registered as a payer (缴费登记) from a month, with the monthly payroll its dues are assessed on; a new
/// registration replaces the previous one from its month (the history stays), `endsWith` stops it (closed, moved away).
public struct PayerFields: Sendable, Equatable {
    public var employerId: Int
    public var since: Month
    public var base: Int
    public var channel: DuesChannel
    public var endsWith: Month?

    public static let inputFields: [InputField] = [
        .init("employerId", .id, required: true), .init("since", required: true), .init("base", .money, required: true),
        .choice("channel", DuesChannel.self, required: true), .init("endsWith"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> PayerFields {
        var e = FieldErrors()
        let employer = e.collect { () throws(FieldError) in try Input.requiredID(f["employerId"], field: "employerId", label: "缴费单位") }
        let since = e.collect { () throws(FieldError) in
            try Input.requiredMonth(f["since"], field: "since", label: "起缴月份", notAfter: Month(today).next)
        }
        let base = e.collect { () throws(FieldError) -> Int in
            guard let b = try Input.money(f["base"], field: "base", label: "月工资总额") else {
                throw FieldError(field: "base", message: "月工资总额不能为空")
            }
            return b
        }
        let channel = e.collect { () throws(FieldError) in try Input.requiredChoice(f["channel"], DuesChannel.self, field: "channel", name: "缴费方式") }
        let ends = e.collect { () throws(FieldError) in try Input.month(f["endsWith"], field: "endsWith", label: "停缴月份") }
        if let since, let ends = ends ?? nil, ends < since {
            e.append(FieldError(field: "endsWith", message: "停缴月份不能早于起缴月份"))
        }
        guard e.isEmpty, let employer, let since, let base, let channel, let ends else { throw e }
        return PayerFields(employerId: employer, since: since, base: base, channel: channel, endsWith: ends)
    }
}

/// The return formalities an employer's union has completed (返还手续), as of a day.
public struct FormalityFields: Sendable, Equatable {
    public var employerId: Int
    public var done: [String]
    public var on: CalendarDate

    public static let inputFields: [InputField] = [
        .init("employerId", .id, required: true), .init("done", .list([])), .init("on", .date, required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate, rules: FundsRules) throws(FieldErrors) -> FormalityFields {
        var e = FieldErrors()
        let employer = e.collect { () throws(FieldError) in try Input.requiredID(f["employerId"], field: "employerId", label: "单位") }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["on"], field: "on", label: "日期", notAfter: today) }
        let done = f.list("done").map(Text.clean).filter { !$0.isEmpty }
        let unknown = done.filter { !rules.formalities.contains($0) }
        if !unknown.isEmpty {
            e.append(FieldError(field: "done", message: "“\(unknown[0].prefix(30))”不是返还手续的一项，应为：" + rules.formalities.joined(separator: "、")))
        }
        guard e.isEmpty, let employer, let on else { throw e }
        return FormalityFields(employerId: employer, done: rules.formalities.filter(done.contains), on: on)
    }
}

/// A receipt taken back (冲销): money records are never changed, a reversal is a second entry with its reason.
public struct ReversalFields: Sendable, Equatable {
    public var on: CalendarDate
    public var reason: String

    public init(on: CalendarDate, reason: String) {
        self.on = on
        self.reason = reason
    }

    public static let inputFields: [InputField] = [.init("on", .date, required: true), .init("reason", required: true)]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ReversalFields {
        var e = FieldErrors()
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["on"], field: "on", label: "冲销日期", notAfter: today) }
        let reason = e.collect { () throws(FieldError) in try Input.requiredText(f["reason"], field: "reason", label: "冲销原因", max: 200) }
        guard e.isEmpty, let on, let reason else { throw e }
        return ReversalFields(on: on, reason: reason)
    }
}

/// A return batch drawn up (返还批次): the dues received in the months from … to … by employers whose unions have
/// completed the formalities and not yet returned.
public struct ReturnBatchFields: Sendable, Equatable {
    public var from: Month
    public var to: Month
    public var on: CalendarDate

    public init(from: Month, to: Month, on: CalendarDate) {
        self.from = from
        self.to = to
        self.on = on
    }

    public static let inputFields: [InputField] = [.init("from", required: true), .init("to", required: true), .init("on", .date, required: true)]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ReturnBatchFields {
        var e = FieldErrors()
        let from = e.collect { () throws(FieldError) in try Input.requiredMonth(f["from"], field: "from", label: "起始所属期", notAfter: Month(today)) }
        let to = e.collect { () throws(FieldError) in try Input.requiredMonth(f["to"], field: "to", label: "截止所属期", notAfter: Month(today)) }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["on"], field: "on", label: "制表日期", notAfter: today) }
        if let from, let to, to < from { e.append(FieldError(field: "to", message: "截止所属期不能早于起始所属期")) }
        guard e.isEmpty, let from, let to, let on else { throw e }
        return ReturnBatchFields(from: from, to: to, on: on)
    }
}

/// A return batch paid (已直拨 / 已回拨 / 已拨集中户), approved by someone other than its maker.
public struct ReturnPaymentFields: Sendable, Equatable {
    public var status: ReturnStatus
    public var on: CalendarDate
    public var note: String?

    public init(status: ReturnStatus, on: CalendarDate, note: String?) {
        self.status = status
        self.on = on
        self.note = note
    }

    public static let inputFields: [InputField] = [
        .init("status", .choice(ReturnStatus.paid.map(\.rawValue)), required: true), .init("on", .date, required: true), .init("note"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate, made: CalendarDate) throws(FieldErrors) -> ReturnPaymentFields {
        var e = FieldErrors()
        let status = e.collect { () throws(FieldError) -> ReturnStatus in
            let s = try Input.requiredChoice(f["status"], ReturnStatus.self, field: "status", name: "返还方式")
            guard s != .pending else { throw FieldError(field: "status", message: "请选择拨付方式：已直拨、已回拨或已拨集中户") }
            return s
        }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["on"], field: "on", label: "拨付日期", notAfter: today) }
        let note = e.collect { () throws(FieldError) in try Input.text(f["note"], field: "note", label: "备注", max: 200) }
        if let on, on < made { e.append(FieldError(field: "on", message: "拨付日期不能早于制表日期（\(made.iso)）")) }
        guard e.isEmpty, let status, let on, let note else { throw e }
        return ReturnPaymentFields(status: status, on: on, note: note)
    }
}

/// Money the tax bureau transferred to the federation's account (银行到账) for a month's collection.
public struct TransferFields: Sendable, Equatable {
    public var month: Month
    public var amount: Int
    public var receivedOn: CalendarDate
    public var reference: String?

    public static let inputFields: [InputField] = [
        .init("month", required: true), .init("amount", .money, required: true), .init("receivedOn", .date, required: true), .init("reference"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> TransferFields {
        var e = FieldErrors()
        let month = e.collect { () throws(FieldError) in try Input.requiredMonth(f["month"], field: "month", label: "所属期", notAfter: Month(today)) }
        let amount = e.collect { () throws(FieldError) -> Int in
            guard let a = try Input.money(f["amount"], field: "amount", label: "到账金额"), a > 0 else {
                throw FieldError(field: "amount", message: "到账金额应大于0")
            }
            return a
        }
        let received = e.collect { () throws(FieldError) in try Input.requiredDate(f["receivedOn"], field: "receivedOn", label: "到账日期", notAfter: today) }
        let reference = e.collect { () throws(FieldError) in try Input.text(f["reference"], field: "reference", label: "银行回单号", max: 60) }
        if let month, let received, received < month.first {
            e.append(FieldError(field: "receivedOn", message: "到账日期不能早于所属期（\(month.chinese)）"))
        }
        guard e.isEmpty, let month, let amount, let received, let reference else { throw e }
        return TransferFields(month: month, amount: amount, receivedOn: received, reference: reference)
    }
}

/// The explanation of a month's difference between the tax bureau's list and the bank (对账说明).
public struct ReconciliationNoteFields: Sendable, Equatable {
    public var month: Month
    public var note: String

    public static let inputFields: [InputField] = [.init("month", required: true), .init("note", required: true)]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ReconciliationNoteFields {
        var e = FieldErrors()
        let month = e.collect { () throws(FieldError) in try Input.requiredMonth(f["month"], field: "month", label: "所属期", notAfter: Month(today)) }
        let note = e.collect { () throws(FieldError) in try Input.requiredText(f["note"], field: "note", label: "差异说明", max: 300) }
        guard e.isEmpty, let month, let note else { throw e }
        return ReconciliationNoteFields(month: month, note: note)
    }
}

/// A month's reconciliation of what the tax bureau reported against what reached the bank.
public struct ReconciliationLine: Sendable, Equatable {
    public var month: Month
    public var reported: Int
    public var banked: Int
    /// The difference an explanation was given for (nil: none).
    public var explained: Int?

    public init(month: Month, reported: Int, banked: Int, explained: Int?) {
        self.month = month
        self.reported = reported
        self.banked = banked
        self.explained = explained
    }

    public var difference: Int { banked - reported }

    public enum State: String, Sendable {
        case matched, explained, open

        public var label: String {
            switch self {
            case .matched: "一致"
            case .explained: "已说明"
            case .open: "待核对"
            }
        }
    }

    /// Matched when equal; explained when the explanation was for this very difference; otherwise an exception.
    public var state: State { difference == 0 ? .matched : explained == difference ? .explained : .open }
}
