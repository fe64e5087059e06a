/// The steps of a petition and when each may be taken (DOMAIN.md §5):
///
///     received ─accept→ accepted ─start→ inProgress ─reply→ replied ─close→ closed
///        ├─notAccept→ notAccepted          (extend: once, before the limit)   │
///        └─transferOut→ transferredOut                     replied/closed ─reopen→ reviewing | rechecking ─reply→ replied
///
/// `replyToTransferrer` (the answer owed to a transferring body) and `report` (上报 of a 重大紧急 matter) record a
/// date without changing the state. Every date is checked: not after today, not before receipt, not before the
/// step it follows.
public enum PetitionAction: Sendable, Equatable {
    case accept(on: CalendarDate)
    case notAccept(on: CalendarDate, reason: String)
    case transferOut(on: CalendarDate, to: String)
    case start(on: CalendarDate)
    case extend(on: CalendarDate, days: Int, reason: String, approver: String)
    case reply(on: CalendarDate, summary: String, reference: String?)
    case replyToTransferrer(on: CalendarDate)
    case close(on: CalendarDate, satisfaction: Satisfaction)
    case reopen(on: CalendarDate)
    case report(on: CalendarDate, to: String)

    /// The codes forms and the API name the actions by.
    public enum Code: String, Choice {
        case accept, notAccept, transferOut, start, extend, reply, replyToTransferrer, close, reopen, report

        public var label: String {
            switch self {
            case .accept: "受理"
            case .notAccept: "不予受理"
            case .transferOut: "转出"
            case .start: "开始办理"
            case .extend: "延长办理期限"
            case .reply: "书面答复"
            case .replyToTransferrer: "回复转办机关"
            case .close: "回访办结"
            case .reopen: "申请复查/复核"
            case .report: "上报重大紧急事项"
            }
        }
    }

    public var code: Code {
        switch self {
        case .accept: .accept
        case .notAccept: .notAccept
        case .transferOut: .transferOut
        case .start: .start
        case .extend: .extend
        case .reply: .reply
        case .replyToTransferrer: .replyToTransferrer
        case .close: .close
        case .reopen: .reopen
        case .report: .report
        }
    }

    public var date: CalendarDate {
        switch self {
        case .accept(let d), .notAccept(let d, _), .transferOut(let d, _), .start(let d), .extend(let d, _, _, _), .reply(let d, _, _),
            .replyToTransferrer(let d), .close(let d, _), .reopen(let d), .report(let d, _):
            d
        }
    }
}

/// Why a step was refused: the petition is not in a state that allows it (409), or an input is wrong (422).
public enum PetitionFlowError: Error, Equatable, Sendable {
    case wrongState(String)
    case field(FieldError)
}

public enum PetitionFlow {
    /// The state and dates after `action`, or why it is refused.
    public static func apply(
        _ action: PetitionAction, to state: PetitionState, dates: PetitionDates, today: CalendarDate, rules: PetitionRules = PetitionRules()
    ) throws(PetitionFlowError) -> (PetitionState, PetitionDates) {
        let on = action.date
        try check(on, notAfter: today, notBefore: dates.received, earlier: "收件日期")
        var d = dates
        func require(_ allowed: [PetitionState], _ message: String) throws(PetitionFlowError) {
            guard allowed.contains(state) else { throw .wrongState("当前状态为“\(state.label)”，\(message)") }
        }
        switch action {
        case .accept:
            try require([.received], "不能再受理")
            d.accepted = on
            return (.accepted, d)
        case .notAccept:
            try require([.received], "不能改为不予受理")
            d.notified = on
            return (.notAccepted, d)
        case .transferOut:
            try require([.received], "不能再转出")
            d.notified = on
            return (.transferredOut, d)
        case .start:
            try require([.accepted], "不需要再开始办理")
            try check(on, notBefore: d.accepted, earlier: "受理日期")
            return (.inProgress, d)
        case .extend(_, let days, let reason, let approver):
            try require([.accepted, .inProgress], "不能延期")
            do throws(FieldError) {
                try PetitionDeadlines.checkExtension(d, days: days, reason: reason, approver: approver, on: on, rules: rules)
            } catch { throw .field(error) }
            d.extensionDays = days
            return (state, d)
        case .reply:
            try require(PetitionState.allCases.filter(\.awaitsAnswer), "不能答复")
            switch state {
            case .reviewing:
                try check(on, notBefore: d.reviewRequested, earlier: "复查申请日期")
                d.reviewAnswered = on
            case .rechecking:
                try check(on, notBefore: d.recheckRequested, earlier: "复核申请日期")
                d.recheckAnswered = on
            default:
                try check(on, notBefore: d.accepted, earlier: "受理日期")
                d.answered = on
            }
            return (.replied, d)
        case .replyToTransferrer:
            guard d.transferReplyDue != nil else { throw .wrongState("该件不是上级转办件，无需回复转办机关") }
            guard d.transferRepliedOn == nil else { throw .wrongState("已于\(d.transferRepliedOn?.iso ?? "")回复转办机关") }
            try require(PetitionState.allCases.filter { $0 != .received }, "请先受理、不予受理或转出")
            d.transferRepliedOn = on
            return (state, d)
        case .close:
            guard state != .closed else { throw .wrongState("该件已办结") }
            guard state == .replied else { throw .wrongState("当前状态为“\(state.label)”，尚未书面答复，不能办结") }
            let answer = d.recheckAnswered ?? d.reviewAnswered ?? d.answered
            try check(on, notBefore: answer, earlier: "答复日期")
            return (.closed, d)
        case .reopen:
            try require([.replied, .closed], "不能申请复查或复核")
            let kind: PetitionDeadlineKind
            do throws(FieldError) { kind = try PetitionDeadlines.checkReopening(d, on: on, rules: rules) } catch { throw .field(error) }
            if kind == .reviewAnswer {
                d.reviewRequested = on
                return (.reviewing, d)
            }
            d.recheckRequested = on
            return (.rechecking, d)
        case .report:
            return (state, d)
        }
    }

    /// The steps a petition in `state` may take next (what the page offers); `report` while a 重大紧急 matter is
    /// unreported.
    public static func codes(for state: PetitionState, dates d: PetitionDates, unreported: Bool) -> [PetitionAction.Code] {
        var out: [PetitionAction.Code]
        switch state {
        case .received: out = [.accept, .notAccept, .transferOut]
        case .accepted: out = [.start, .extend, .reply]
        case .inProgress: out = [.extend, .reply]
        case .reviewing, .rechecking: out = [.reply]
        case .replied: out = d.recheckRequested == nil ? [.close, .reopen] : [.close]
        case .closed: out = d.recheckRequested == nil ? [.reopen] : []
        case .notAccepted, .transferredOut: out = []
        }
        if d.extensionDays != nil { out.removeAll { $0 == .extend } }
        if d.transferReplyDue != nil, d.transferRepliedOn == nil, state != .received { out.append(.replyToTransferrer) }
        if unreported { out.append(.report) }
        return out
    }

    /// A step's date: not after today, and not before the event it follows.
    static func check(_ on: CalendarDate, notAfter today: CalendarDate? = nil, notBefore earliest: CalendarDate?, earlier: String)
        throws(PetitionFlowError)
    {
        if let today, on > today { throw .field(FieldError(field: "date", message: "日期不能晚于今天")) }
        if let earliest, on < earliest {
            throw .field(FieldError(field: "date", message: "日期不能早于\(earlier)（\(earliest.iso)）"))
        }
    }
}
