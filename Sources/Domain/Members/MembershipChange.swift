/// A change of a member's standing (会籍变更): a new status, or a transfer to another union (会籍接转), with the date it
/// took effect (default today, never later) and the reason. Every failing field is reported at once.
public struct MembershipChange: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case status(MemberStatus)
        case transfer(toUnion: Int)
    }

    public var change: Change
    public var date: CalendarDate
    public var reason: String?

    public init(change: Change, date: CalendarDate, reason: String?) {
        (self.change, self.date, self.reason) = (change, date, reason)
    }

    /// 变更会籍状态: `status`, `date`, `reason`.
    public static func status(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> MembershipChange {
        var e = FieldErrors()
        let status = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["status"], MemberStatus.self, field: "status", name: "会籍状态")
        }
        let (date, reason) = dateAndReason(f, today: today, &e)
        if let status, status.needsReason, reason == nil, e.errors.allSatisfy({ $0.field != "reason" }) {
            e.append(FieldError(field: "reason", message: "会籍变为“\(status.label)”须写明原因（如退休审批、死亡证明、本人退会申请）"))
        }
        guard e.isEmpty, let status, let date else { throw e }
        return MembershipChange(change: .status(status), date: date, reason: reason)
    }

    /// 会籍接转: `unionId`, `date`, `reason`.
    public static func transfer(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> MembershipChange {
        var e = FieldErrors()
        let union = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["unionId"], field: "unionId", label: "转入工会") else {
                throw FieldError(field: "unionId", message: "请选择转入工会")
            }
            return id
        }
        let (date, reason) = dateAndReason(f, today: today, &e)
        guard e.isEmpty, let union, let date else { throw e }
        return MembershipChange(change: .transfer(toUnion: union), date: date, reason: reason)
    }

    private static func dateAndReason(_ f: FormFields, today: CalendarDate, _ e: inout FieldErrors) -> (CalendarDate?, String?) {
        let date = e.collect { () throws(FieldError) -> CalendarDate in
            guard let d = try Input.date(f["date"], field: "date", label: "变更日期") else { return today }
            if d > today { throw FieldError(field: "date", message: "变更日期不能晚于今天") }
            return d
        }
        let reason = e.collect { () throws(FieldError) in try Input.text(f["reason"], field: "reason", label: "原因", max: 200) }
        return (date, reason ?? nil)
    }
}

extension MembershipChange {
    public static let statusFields: [InputField] = [
        .choice("status", MemberStatus.self, required: true), .init("date", .date), .init("reason"),
    ]
    public static let transferFields: [InputField] = [.init("unionId", .id, required: true), .init("date", .date), .init("reason")]
}
