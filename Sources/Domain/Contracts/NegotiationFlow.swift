/// The steps of a negotiation (集体合同规定 Arts. 19–37, DOMAIN.md §7):
///
///     requested ─reply(agreed)→ talking ─round…→ talking ─draft→ drafted ─vote(passed)→ approved ─sign→ signed
///        └─reply(refused)→ refused                   ↑                    │
///                                                     └──── vote(failed) ─┘
///
/// A round of talks and the draft need the negotiators seated as the rules ask (equal numbers, at least three a
/// side, one chief each); the vote needs two thirds of the delegates (or staff) present and more than half of all of
/// them approving, and the result recorded must be the one the figures give. Every date is checked: not after
/// today, not before the step it follows.
public enum NegotiationAction: Sendable, Equatable {
    case reply(on: CalendarDate, answer: ReplyAnswer, note: String?)
    case round(on: CalendarDate, minutes: String)
    case draft(on: CalendarDate)
    case vote(Vote)
    case sign(on: CalendarDate, terms: ContractTerms)

    /// The meeting that voted on the draft.
    public struct Vote: Sendable, Equatable {
        public var on: CalendarDate
        public var body: VoteBody
        /// 应到: all delegates (or all staff).
        public var delegates: Int
        public var attending: Int
        public var approving: Int
        public var result: VoteResult

        public init(on: CalendarDate, body: VoteBody, delegates: Int, attending: Int, approving: Int, result: VoteResult) {
            self.on = on
            self.body = body
            self.delegates = delegates
            self.attending = attending
            self.approving = approving
            self.result = result
        }
    }

    public enum Code: String, Choice {
        case reply, round, draft, vote, sign

        public var label: String {
            switch self {
            case .reply: "登记书面回应"
            case .round: "登记协商会议"
            case .draft: "形成合同草案"
            case .vote: "登记职代会（职工大会）审议表决"
            case .sign: "双方首席代表签字"
            }
        }
    }

    public var code: Code {
        switch self {
        case .reply: .reply
        case .round: .round
        case .draft: .draft
        case .vote: .vote
        case .sign: .sign
        }
    }

    public var date: CalendarDate {
        switch self {
        case .reply(let d, _, _), .round(let d, _), .draft(let d), .sign(let d, _): d
        case .vote(let v): v.on
        }
    }
}

/// Why a step was refused: the negotiation is not in a state that allows it (409), or an input is wrong (422).
public enum ContractFlowError: Error, Equatable, Sendable {
    case wrongState(String)
    case field(FieldError)
}

public enum NegotiationFlow {
    /// The state and dates after `action`, or why it is refused.
    public static func apply(
        _ action: NegotiationAction, to state: NegotiationState, dates: NegotiationDates, today: CalendarDate, rules: ContractRules
    ) throws(ContractFlowError) -> (NegotiationState, NegotiationDates) {
        let on = action.date
        try check(on, today: today, notBefore: dates.latest)
        var d = dates
        func require(_ allowed: NegotiationState, _ message: String) throws(ContractFlowError) {
            guard state == allowed else { throw .wrongState("当前状态为“\(state.label)”，\(message)") }
        }
        switch action {
        case .reply(_, let answer, _):
            try require(.requested, "不需要再登记回应")
            d.replied = on
            return (answer == .agreed ? .talking : .refused, d)
        case .round:
            try require(.talking, "不能再登记协商会议")
            try seated(d.seats, on: on, rules: rules)
            d.rounds += 1
            d.lastRound = on
            return (.talking, d)
        case .draft:
            try require(.talking, "不能形成草案")
            guard d.rounds > 0 else { throw .wrongState("尚未登记协商会议，不能形成合同草案") }
            try seated(d.seats, on: on, rules: rules)
            d.drafted = on
            return (.drafted, d)
        case .vote(let v):
            try require(.drafted, "没有待审议的草案")
            do throws(FieldError) { try checkVote(v) } catch { throw .field(error) }
            d.voted = on
            return (v.result == .passed ? .approved : .talking, d)
        case .sign:
            try require(.approved, "草案须经职代会或全体职工讨论通过后才能签字")
            try seated(d.seats, on: on, rules: rules)
            d.signed = on
            return (.signed, d)
        }
    }

    /// The steps a negotiation in `state` may take next (what the page offers).
    public static func codes(for state: NegotiationState) -> [NegotiationAction.Code] {
        switch state {
        case .requested: [.reply]
        case .talking: [.round, .draft]
        case .drafted: [.vote]
        case .approved: [.sign]
        case .signed, .refused: []
        }
    }

    /// The negotiators seated on `day`: at least the minimum a side, the same number each side, one chief each.
    public static func seated(_ seats: [NegotiatorSeat], on day: CalendarDate, rules: ContractRules) throws(ContractFlowError) {
        let present = seats.filter { $0.sits(on: day) }
        let workers = present.filter { $0.side == .workers }
        let employer = present.filter { $0.side == .employer }
        guard workers.count >= rules.minNegotiators, employer.count >= rules.minNegotiators else {
            throw .wrongState("协商代表每方不少于\(rules.minNegotiators)人（\(day.iso)在任：职工方\(workers.count)人、企业方\(employer.count)人），请先补足协商代表")
        }
        guard workers.count == employer.count else {
            throw .wrongState("双方协商代表人数应当对等（\(day.iso)在任：职工方\(workers.count)人、企业方\(employer.count)人）")
        }
        for (side, list) in [(NegotiatorSide.workers, workers), (.employer, employer)] where list.filter(\.chief).count != 1 {
            throw .wrongState("\(side.label)应有且只有一名首席代表（现有\(list.filter(\.chief).count)名）")
        }
    }

    /// The vote's figures bear out its result: attending and approving within the delegates; passed only with two
    /// thirds present and more than half of all delegates approving (集体合同规定 Art. 36).
    public static func checkVote(_ v: NegotiationAction.Vote) throws(FieldError) {
        let who = v.body.member
        guard v.attending <= v.delegates else {
            throw FieldError(field: "attending", message: "实到人数（\(v.attending)）不能多于应到\(who)人数（\(v.delegates)）")
        }
        guard v.approving <= v.attending else {
            throw FieldError(field: "approving", message: "赞成票（\(v.approving)）不能多于实到人数（\(v.attending)）")
        }
        let quorum = v.attending * 3 >= v.delegates * 2
        let majority = v.approving * 2 > v.delegates
        guard v.result == .passed else {
            if quorum, majority {
                throw FieldError(field: "result", message: "出席已达三分之二且赞成票超过全体\(who)半数，表决结果应为“通过”")
            }
            return
        }
        guard quorum else {
            let need = (v.delegates * 2 + 2) / 3
            throw FieldError(field: "attending", message: "实到\(v.attending)人，未达到应到\(who)\(v.delegates)人的三分之二（至少\(need)人），表决不能记为通过")
        }
        guard majority else {
            throw FieldError(field: "approving", message: "赞成\(v.approving)票，未超过全体\(who)\(v.delegates)人的半数（至少\(v.delegates / 2 + 1)票），表决不能记为通过")
        }
    }

    static func check(_ on: CalendarDate, today: CalendarDate, notBefore earliest: CalendarDate) throws(ContractFlowError) {
        if on > today { throw .field(FieldError(field: "date", message: "日期不能晚于今天")) }
        if on < earliest { throw .field(FieldError(field: "date", message: "日期不能早于上一步的日期（\(earliest.iso)）")) }
    }
}

/// The steps of a signed contract: filed with the labour authority, objected to and filed again, in force (review
/// passed, or 15 days without objection), published to staff, its performance checked, ended early.
public enum ContractAction: Sendable, Equatable {
    case submit(on: CalendarDate)
    case object(on: CalendarDate, note: String)
    case resubmit(on: CalendarDate, note: String)
    case takeEffect(on: CalendarDate)
    case publish(on: CalendarDate, channel: String)
    case check(on: CalendarDate, note: String)
    case end(on: CalendarDate, reason: String)

    public enum Code: String, Choice {
        case submit, object, resubmit, takeEffect, publish, check, end

        public var label: String {
            switch self {
            case .submit: "报送劳动保障部门审查"
            case .object: "登记审查意见（有异议）"
            case .resubmit: "修改后重新报送"
            case .takeEffect: "登记生效"
            case .publish: "向全体职工公布"
            case .check: "登记履约检查"
            case .end: "终止合同"
            }
        }
    }

    public var code: Code {
        switch self {
        case .submit: .submit
        case .object: .object
        case .resubmit: .resubmit
        case .takeEffect: .takeEffect
        case .publish: .publish
        case .check: .check
        case .end: .end
        }
    }

    public var date: CalendarDate {
        switch self {
        case .submit(let d), .object(let d, _), .resubmit(let d, _), .takeEffect(let d), .publish(let d, _), .check(let d, _), .end(let d, _): d
        }
    }
}

public enum ContractFlow {
    /// The state and dates after `action`, or why it is refused.
    public static func apply(_ action: ContractAction, to state: ContractState, dates: ContractDates, today: CalendarDate)
        throws(ContractFlowError) -> (ContractState, ContractDates)
    {
        let on = action.date
        var d = dates
        func require(_ allowed: [ContractState], _ message: String) throws(ContractFlowError) {
            guard allowed.contains(state) else { throw .wrongState("当前状态为“\(state.label)”，\(message)") }
        }
        func after(_ earliest: CalendarDate?, _ what: String) throws(ContractFlowError) {
            if on > today { throw .field(FieldError(field: "date", message: "日期不能晚于今天")) }
            if let earliest, on < earliest { throw .field(FieldError(field: "date", message: "日期不能早于\(what)（\(earliest.iso)）")) }
        }
        switch action {
        case .submit:
            try require([.signed], "不需要再报送")
            try after(d.signed, "签订日期")
            d.filed = on
            return (.submitted, d)
        case .object:
            try require([.submitted], "没有在审查中的报送")
            try after(d.lastFiled, "报送日期")
            d.objected = on
            return (.objected, d)
        case .resubmit:
            try require([.objected], "不需要重新报送")
            try after(d.objected, "审查意见日期")
            d.refiled = on
            return (.submitted, d)
        case .takeEffect:
            try require([.submitted], "不能登记生效")
            try after(d.lastFiled, "报送日期")
            d.effective = on
            return (.inForce, d)
        case .publish:
            try require([.inForce], "生效后才能公布")
            guard d.published == nil else { throw .wrongState("已于\(d.published?.iso ?? "")公布") }
            try after(d.effective, "生效日期")
            d.published = on
            return (state, d)
        case .check:
            try require([.inForce], "生效后才能登记履约检查")
            try after(d.effective, "生效日期")
            return (state, d)
        case .end:
            try require([.signed, .submitted, .objected, .inForce], "不能再终止")
            if let s = d.superseded { throw .wrongState("已于\(s.iso)被续签的新合同替代") }
            try after(d.signed, "签订日期")
            d.terminated = on
            return (.terminated, d)
        }
    }

    public static func codes(for state: ContractState, dates d: ContractDates) -> [ContractAction.Code] {
        guard d.superseded == nil else { return [] }
        switch state {
        case .signed: return [.submit, .end]
        case .submitted: return [.takeEffect, .object, .end]
        case .objected: return [.resubmit, .end]
        case .inForce: return (d.published == nil ? [.publish] : []) + [.check, .end]
        case .terminated: return []
        }
    }
}
