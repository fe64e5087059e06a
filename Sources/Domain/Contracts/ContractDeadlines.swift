/// The deadlines of a negotiation and of its contract, each with where it stands on a day (DOMAIN.md §7).

public enum ContractDeadlineKind: String, Sendable, Codable, CaseIterable {
    case reply, vacancy, filing, review, publication, renewal

    public var label: String {
        switch self {
        case .reply: "书面回应要约"
        case .vacancy: "协商代表空缺补足"
        case .filing: "报送劳动保障部门审查"
        case .review: "审查期满（无异议即生效）"
        case .publication: "向全体职工公布"
        case .renewal: "期满续签"
        }
    }
}

public struct ContractDeadline: Sendable, Equatable {
    public typealias State = DeadlineState

    public var kind: ContractDeadlineKind
    public var due: CalendarDate
    public var doneOn: CalendarDate?
    public var state: State
    /// Days left (negative: days late); nil once done.
    public var daysLeft: Int?
    /// What it concerns when one record has several of a kind (the negotiator whose seat fell vacant).
    public var note: String?

    /// Where a deadline stands on `today`: done in time or late, or open, due from `soonFrom`, or overdue.
    static func on(
        _ today: CalendarDate, _ kind: ContractDeadlineKind, due: CalendarDate, done: CalendarDate?, soonFrom: CalendarDate,
        note: String? = nil
    ) -> ContractDeadline {
        if let done {
            return ContractDeadline(kind: kind, due: due, doneOn: done, state: done <= due ? .met : .missed, daysLeft: nil, note: note)
        }
        let left = due.dayNumber - today.dayNumber
        let state: State = left < 0 ? .overdue : today >= soonFrom ? .dueSoon : .open
        return ContractDeadline(kind: kind, due: due, doneOn: nil, state: state, daysLeft: left, note: note)
    }
}

/// One negotiator's seat: when they joined and, if they did, when they left.
public struct NegotiatorSeat: Sendable, Equatable {
    public var name: String
    public var side: NegotiatorSide
    public var chief: Bool
    public var joined: CalendarDate
    public var left: CalendarDate?

    public init(name: String, side: NegotiatorSide, chief: Bool, joined: CalendarDate, left: CalendarDate? = nil) {
        self.name = name
        self.side = side
        self.chief = chief
        self.joined = joined
        self.left = left
    }

    public func sits(on day: CalendarDate) -> Bool { joined <= day && (left.map { day < $0 } ?? true) }
}

/// The dated facts of a negotiation that its deadlines and checks follow from.
public struct NegotiationDates: Sendable, Equatable {
    public var requested: CalendarDate
    public var replied: CalendarDate?
    public var drafted: CalendarDate?
    public var voted: CalendarDate?
    public var signed: CalendarDate?
    /// The latest talks round.
    public var lastRound: CalendarDate?
    public var rounds = 0
    public var seats: [NegotiatorSeat] = []

    public init(requested: CalendarDate) { self.requested = requested }

    /// The latest dated step so far: a later step may not be dated before it.
    public var latest: CalendarDate { [replied, lastRound, drafted, voted, signed].compactMap { $0 }.max() ?? requested }
}

/// The dated facts of a contract.
public struct ContractDates: Sendable, Equatable {
    public var kind: ContractKind
    public var signed: CalendarDate
    public var starts: CalendarDate
    public var ends: CalendarDate
    /// The first filing, which the filing deadline asks for.
    public var filed: CalendarDate?
    /// The latest filing again after an objection.
    public var refiled: CalendarDate?
    public var objected: CalendarDate?
    public var effective: CalendarDate?
    public var published: CalendarDate?
    public var terminated: CalendarDate?
    public var superseded: CalendarDate?

    public init(kind: ContractKind, signed: CalendarDate, starts: CalendarDate, ends: CalendarDate) {
        self.kind = kind
        self.signed = signed
        self.starts = starts
        self.ends = ends
    }

    /// The filing the review runs from.
    public var lastFiled: CalendarDate? { refiled ?? filed }

    /// In force on `day`: taken effect by then, within its term, neither ended early nor replaced by its renewal.
    public func inForce(on day: CalendarDate) -> Bool {
        guard let effective, effective <= day, day <= ends else { return false }
        if let terminated, terminated <= day { return false }
        if let superseded, superseded <= day { return false }
        return true
    }

    /// `已到期` or `已续签` after its term or replacement, otherwise the stored state's label.
    public func label(_ state: ContractState, today: CalendarDate) -> String {
        if let superseded, superseded <= today { return "已续签（被新合同替代）" }
        if state == .inForce, ends < today { return "已到期" }
        return state.label
    }
}

public enum ContractDeadlines {
    /// A negotiation's deadlines: the written reply, and each vacant seat refilled by a newcomer on the same side.
    /// A vacancy left open when the negotiation ended no longer counts.
    public static func negotiation(_ d: NegotiationDates, state: NegotiationState, rules: ContractRules, today: CalendarDate)
        -> [ContractDeadline]
    {
        func soon(_ due: CalendarDate) -> CalendarDate { due.adding(days: -rules.dueSoonDays) }
        let reply = d.requested.adding(days: rules.replyDays)
        var out = [ContractDeadline.on(today, .reply, due: reply, done: d.replied, soonFrom: soon(reply))]
        for seat in d.seats {
            guard let left = seat.left else { continue }
            let refilled = d.seats.filter { $0 != seat && $0.side == seat.side && $0.joined >= left }.map(\.joined).min()
            if refilled == nil, !state.isOpen { continue }
            let due = left.adding(days: rules.vacancyDays)
            out.append(.on(today, .vacancy, due: due, done: refilled, soonFrom: soon(due), note: "\(seat.side.label)\(seat.name)"))
        }
        return out
    }

    /// A contract's deadlines: filing after signing, the review after filing, publication after taking effect, and
    /// renewal before the term ends (due soon from `renewalMonths` before). A terminated contract has none open.
    public static func contract(_ d: ContractDates, state: ContractState, rules: ContractRules, today: CalendarDate) -> [ContractDeadline] {
        func soon(_ due: CalendarDate) -> CalendarDate { due.adding(days: -rules.dueSoonDays) }
        var out: [ContractDeadline] = []
        let filing = d.signed.adding(days: rules.filingDays(for: d.kind))
        out.append(.on(today, .filing, due: filing, done: d.filed, soonFrom: soon(filing)))
        if let filed = d.lastFiled {
            let review = filed.adding(days: rules.reviewDays)
            let objected = d.objected.flatMap { $0 >= filed ? $0 : nil }
            out.append(.on(today, .review, due: review, done: d.effective ?? objected, soonFrom: review))
        }
        if let effective = d.effective {
            let publish = effective.adding(days: rules.publishDays)
            out.append(.on(today, .publication, due: publish, done: d.published, soonFrom: soon(publish)))
            out.append(.on(today, .renewal, due: d.ends, done: d.superseded, soonFrom: d.ends.adding(months: -rules.renewalMonths)))
        }
        if state == .terminated { out.removeAll { $0.doneOn == nil } }
        return out
    }
}
