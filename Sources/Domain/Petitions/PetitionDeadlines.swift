/// The statutory time limits of a petition (信访工作条例 2022, DOMAIN.md §5), as configuration with the legal
/// defaults: acceptance notice within 15 days of receipt (Art. 23); handling within 60 days of acceptance, one
/// extension of at most 30 days with a reason and an approver (Art. 34); 复查 and 复核 requested within 30 days of the
/// written answer they contest and answered within 30 days (Arts. 35–36); after 复核 the matter is closed for good.
/// Days are calendar days counted from the day after the event, so the limit's last day is `event + days`.
public struct PetitionRules: Codable, Sendable, Equatable {
    public var acceptanceDays = 15
    public var handlingDays = 60
    public var maxExtensionDays = 30
    public var reviewRequestDays = 30
    public var reviewAnswerDays = 30
    /// A deadline this close (days) shows as due soon.
    public var dueSoonDays = 3
    /// Petitioners from this many count as a group petition (not in the 条例: local practice, configurable).
    public var groupSize = 5
    /// A mediation without agreement this many days after the application may go to arbitration (调解仲裁法 Art. 14).
    public var mediationDays = 15

    public init() {}

    /// A configuration file names only what differs from the law's defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read(_ key: CodingKeys, _ value: inout Int) throws {
            if let v = try c.decodeIfPresent(Int.self, forKey: key) { value = v }
        }
        try read(.acceptanceDays, &acceptanceDays)
        try read(.handlingDays, &handlingDays)
        try read(.maxExtensionDays, &maxExtensionDays)
        try read(.reviewRequestDays, &reviewRequestDays)
        try read(.reviewAnswerDays, &reviewAnswerDays)
        try read(.dueSoonDays, &dueSoonDays)
        try read(.groupSize, &groupSize)
        try read(.mediationDays, &mediationDays)
    }
}

/// The stage a deadline belongs to.
public enum PetitionDeadlineKind: String, Sendable, Codable, CaseIterable {
    case acceptance, handling, transferReply, reviewAnswer, recheckAnswer

    public var label: String {
        switch self {
        case .acceptance: "受理告知"
        case .handling: "办理答复"
        case .transferReply: "向转办机关回复"
        case .reviewAnswer: "复查答复"
        case .recheckAnswer: "复核答复"
        }
    }
}

/// One deadline of a petition and where it stands on a given day.
/// Where a deadline stands on a day: not yet near, due soon, overdue; or done in time or late.
public enum DeadlineState: String, Sendable, Equatable {
    case open, dueSoon, overdue, met, missed
}

public struct PetitionDeadline: Sendable, Equatable {
    public typealias State = DeadlineState

    public var kind: PetitionDeadlineKind
    public var due: CalendarDate
    /// The day the step was done, if it was.
    public var doneOn: CalendarDate?
    public var state: State
    /// Days left (negative: days late); nil once done.
    public var daysLeft: Int?
}

/// The dated facts of one petition that its deadlines follow from.
public struct PetitionDates: Sendable, Equatable {
    public var received: CalendarDate
    public var accepted: CalendarDate?
    /// The written notice of not accepting or transferring out, which also meets the acceptance limit.
    public var notified: CalendarDate?
    /// The reply date a transferring body set (上级转办), if any.
    public var transferReplyDue: CalendarDate?
    public var transferRepliedOn: CalendarDate?
    /// Days granted by the one approved extension.
    public var extensionDays: Int?
    public var answered: CalendarDate?
    public var reviewRequested: CalendarDate?
    public var reviewAnswered: CalendarDate?
    public var recheckRequested: CalendarDate?
    public var recheckAnswered: CalendarDate?

    public init(received: CalendarDate) { self.received = received }
}

public enum PetitionDeadlines {
    /// Every deadline that applies so far, each with its state on `today`.
    public static func all(_ d: PetitionDates, rules: PetitionRules = PetitionRules(), today: CalendarDate) -> [PetitionDeadline] {
        func deadline(_ kind: PetitionDeadlineKind, _ due: CalendarDate, _ done: CalendarDate?) -> PetitionDeadline {
            if let done {
                return PetitionDeadline(kind: kind, due: due, doneOn: done, state: done <= due ? .met : .missed, daysLeft: nil)
            }
            let left = due.dayNumber - today.dayNumber
            let state: PetitionDeadline.State = left < 0 ? .overdue : left <= rules.dueSoonDays ? .dueSoon : .open
            return PetitionDeadline(kind: kind, due: due, doneOn: nil, state: state, daysLeft: left)
        }
        var out = [deadline(.acceptance, d.received.adding(days: rules.acceptanceDays), d.accepted ?? d.notified)]
        if let due = d.transferReplyDue { out.append(deadline(.transferReply, due, d.transferRepliedOn)) }
        if let accepted = d.accepted {
            let days = rules.handlingDays + min(d.extensionDays ?? 0, rules.maxExtensionDays)
            out.append(deadline(.handling, accepted.adding(days: days), d.answered))
        }
        if let requested = d.reviewRequested {
            out.append(deadline(.reviewAnswer, requested.adding(days: rules.reviewAnswerDays), d.reviewAnswered))
        }
        if let requested = d.recheckRequested {
            out.append(deadline(.recheckAnswer, requested.adding(days: rules.reviewAnswerDays), d.recheckAnswered))
        }
        return out
    }

    /// An extension of the handling limit: once, at most the configured days, with a reason and an approver, asked
    /// for before the limit has passed.
    public static func checkExtension(
        _ d: PetitionDates, days: Int, reason: String?, approver: String?, on date: CalendarDate, rules: PetitionRules = PetitionRules()
    ) throws(FieldError) {
        guard let accepted = d.accepted else { throw FieldError(field: "extension", message: "受理后才能申请延期") }
        guard d.answered == nil else { throw FieldError(field: "extension", message: "已答复的信访件不能延期") }
        guard d.extensionDays == nil else { throw FieldError(field: "extension", message: "办理期限只能延长一次") }
        guard (1...rules.maxExtensionDays).contains(days) else {
            throw FieldError(field: "days", message: "延长天数应为1到\(rules.maxExtensionDays)天")
        }
        guard Input.optional(reason) != nil else { throw FieldError(field: "reason", message: "延期必须写明理由") }
        guard Input.optional(approver) != nil else { throw FieldError(field: "approver", message: "延期须经负责人批准，请填写批准人") }
        if date > accepted.adding(days: rules.handlingDays) {
            throw FieldError(field: "extension", message: "办理期限已过，不能再申请延期")
        }
    }

    /// A 复查 (after the answer) or 复核 (after the 复查 answer) may be requested within the window; after 复核 nothing.
    public static func checkReopening(_ d: PetitionDates, on date: CalendarDate, rules: PetitionRules = PetitionRules()) throws(FieldError)
        -> PetitionDeadlineKind
    {
        if d.recheckRequested != nil { throw FieldError(field: "reopen", message: "已经复核，同一事实和理由的信访不再受理") }
        let (contested, kind): (CalendarDate?, PetitionDeadlineKind) =
            d.reviewRequested == nil ? (d.answered, .reviewAnswer) : (d.reviewAnswered, .recheckAnswer)
        guard let contested else {
            throw FieldError(field: "reopen", message: kind == .reviewAnswer ? "尚未作出书面答复，不能申请复查" : "复查尚未答复，不能申请复核")
        }
        guard date >= contested else { throw FieldError(field: "reopen", message: "申请日期不能早于答复日期") }
        if date > contested.adding(days: rules.reviewRequestDays) {
            throw FieldError(
                field: "reopen", message: "已超过\(rules.reviewRequestDays)日的\(kind == .reviewAnswer ? "复查" : "复核")申请期限（答复日期\(contested.iso)）")
        }
        return kind
    }
}
