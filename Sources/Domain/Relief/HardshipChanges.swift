/// Changes to a hardship file after it is opened: its status (转正式、脱困、注销) and the periodic re-check (复核).

/// 档案状态变更: the new status, the date it took effect (default today, never later) and the reason.
public struct HardshipStatusChange: Sendable, Equatable {
    public var status: HardshipFileStatus
    public var date: CalendarDate
    public var reason: String?

    public static let inputFields: [InputField] = [
        .choice("status", HardshipFileStatus.self, required: true), .init("date", .date), .init("reason"),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> HardshipStatusChange {
        var e = FieldErrors()
        let status = e.collect { () throws(FieldError) -> HardshipFileStatus in
            guard let s = try Input.choice(f["status"], HardshipFileStatus.self, field: "status", name: "档案状态") else {
                throw FieldError(field: "status", message: "请选择新状态")
            }
            return s
        }
        let date = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["date"] ?? today.iso, field: "date", label: "变更日期", notAfter: today)
        }
        let reason = e.collect { () throws(FieldError) in try Input.text(f["reason"], field: "reason", label: "原因", max: 200) }
        guard e.isEmpty, let status, let date, let reason else { throw e }
        return HardshipStatusChange(status: status, date: date, reason: reason)
    }
}

/// 档案复核: the date of the re-check and, when the household's figures are given again, its new income.
public struct HardshipVerification: Sendable, Equatable {
    public var date: CalendarDate
    public var income: HouseholdIncome?

    public static let inputFields: [InputField] =
        [.init("date", .date)] + HouseholdIncome.inputFields.map { InputField($0.name, $0.kind) }

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> HardshipVerification {
        var e = FieldErrors()
        let date = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["date"] ?? today.iso, field: "date", label: "复核日期", notAfter: today)
        }
        let income = Input.optional(f["householdSize"]) == nil ? nil : HouseholdIncome.collect(f, &e)
        guard e.isEmpty, let date else { throw e }
        return HardshipVerification(date: date, income: income)
    }
}
