/// A relief application's states: drafted and submitted by the union, reviewed by the federation (a second
/// approver above a threshold or beyond the round's budget), optionally reported to the upper union for its decision
/// (recorded by one person, confirmed by another above the threshold), then paid; a payment is reversed by one person
/// at or below the threshold, else requested by one and confirmed by another.
public enum ReliefState: String, Choice {
    case draft, submitted, returned, firstApproved, approved, rejected, reported, upperRecorded, upperApproved, upperRejected, paid,
        reversalRequested, withdrawn

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "已提交待审核"
        case .returned: "退回补充材料"
        case .firstApproved: "初审通过待复核"
        case .approved: "审核通过"
        case .rejected: "未通过"
        case .reported: "已上报待批复"
        case .upperRecorded: "上级批复已登记待复核"
        case .upperApproved: "上级已批准"
        case .upperRejected: "上级未批准"
        case .paid: "已发放"
        case .reversalRequested: "冲正待复核"
        case .withdrawn: "已撤回"
        }
    }

    /// A draft, or an application returned for completion: the applicant may still change it or withdraw it.
    public var isEditable: Bool { self == .draft || self == .returned }

    /// Counted as "approved" in statistics: approved at this level, and not turned down above.
    public var isApproved: Bool { [.approved, .reported, .upperRecorded, .upperApproved, .paid, .reversalRequested].contains(self) }
    /// Every state counted as approved.
    public static let countedApproved = allCases.filter(\.isApproved)
    public var isRejected: Bool { self == .rejected || self == .upperRejected }
    /// An amount set by one person waits for a second.
    public var awaitsSecondApproval: Bool { [.firstApproved, .upperRecorded, .reversalRequested].contains(self) }
    /// The money has gone out (a reversal asked for has not yet been confirmed).
    public var isPaidOut: Bool { self == .paid || self == .reversalRequested }
    /// Holds part of its round's budget: approved (or on the way to it) and not rejected.
    public var holdsBudget: Bool { self == .firstApproved || isApproved }
}

/// One step a user takes on an application.
public enum ReliefAction: Sendable, Equatable {
    case submit
    case approve(amount: Int, reason: String?)
    /// Confirms what another person set: a first approval, a recorded upper decision or a requested reversal. The
    /// reason is required when the amount takes the round beyond its budget.
    case secondApprove(reason: String?)
    case reject(reason: String)
    case returnForCompletion(reason: String)
    case report
    case upperApprove(amount: Int, reason: String?)
    case upperReject(reason: String)
    /// The second person does not confirm a recorded upper decision or a requested reversal: it goes back.
    case decline(reason: String)
    case pay
    /// A payment reversed by a correcting entry (at once at or below the threshold, else once a second person
    /// confirms): the application can then be paid again.
    case reversePayment(reason: String)
    /// The applicant takes back a draft or a returned application (a new one for the member may then be made).
    case withdraw(reason: String)

    /// The stable code of a step, as stored in its history and the audit log and posted by the forms.
    public enum Code: String, Choice {
        case submit, approve, secondApprove, reject
        case returnForCompletion = "return"
        case report, upperApprove, upperReject, decline, pay, reversePayment, withdraw

        public var label: String {
            switch self {
            case .submit: "提交"
            case .approve: "审核通过"
            case .secondApprove: "复核通过"
            case .reject: "不予通过"
            case .returnForCompletion: "退回补充"
            case .report: "上报"
            case .upperApprove: "登记上级批准"
            case .upperReject: "登记上级不批准"
            case .decline: "复核不同意"
            case .pay: "发放"
            case .reversePayment: "冲正发放"
            case .withdraw: "撤回申请"
            }
        }

        /// Submitting is the applicant's step, paying and reversing the payer's, every other the federation's review.
        public var permission: Permission {
            switch self {
            case .submit, .withdraw: .reliefApply
            case .reversePayment, .pay: .reliefPay
            default: .reliefReview
            }
        }
    }

    public var code: Code {
        switch self {
        case .submit: .submit
        case .approve: .approve
        case .secondApprove: .secondApprove
        case .reject: .reject
        case .returnForCompletion: .returnForCompletion
        case .report: .report
        case .upperApprove: .upperApprove
        case .upperReject: .upperReject
        case .decline: .decline
        case .pay: .pay
        case .reversePayment: .reversePayment
        case .withdraw: .withdraw
        }
    }

    public var name: String { code.rawValue }
    public var label: String { code.label }

    /// The amount the step sets, if it sets one.
    public var amount: Int? {
        switch self {
        case .approve(let value, _), .upperApprove(let value, _): value
        default: nil
        }
    }

    public var permission: Permission { code.permission }

    /// The label of a stored step by its code; `create` is the application's first step, not an action.
    public static func label(ofStep name: String) -> String? {
        switch name {
        case "create": "新建"
        case "edit": "修改申请"
        case "reversal": "冲正已执行"
        default: Code(rawValue: name)?.label
        }
    }
}

/// Why a step was refused: the wrong state (409), the wrong person (403), or bad input (422).
public enum ReliefFlowError: Error, Equatable, Sendable {
    case wrongState(String)
    case notAllowed(String)
    case invalid(FieldError)
}

/// The transition rules, one place: which step is allowed from which state and by whom. Every step that sets an
/// amount (approval, the upper level's decision, reversal) passes the same money rules (`checkAmount`).
public enum ReliefFlow {
    public struct Context: Sendable {
        public var actor: Int
        public var createdBy: Int
        /// Who set what now waits for a second person: the first approver, the recorder of the upper decision, or the
        /// person who asked for a reversal.
        public var pendingBy: Int?
        /// The amount that waits (for the budget check when it is confirmed).
        public var pendingAmount: Int?
        /// Who recorded the payment a reversal would undo.
        public var paidBy: Int?
        /// The amount paid, which a reversal takes back.
        public var paidAmount: Int?
        /// The round's standard amount for this case (by tier or school level), in fen, if it sets one.
        public var standardAmount: Int?
        /// Amounts above this need a second approver (fen).
        public var secondApprovalAbove: Int
        /// What the round's budget still allows this application (its budget less what the round's other applications
        /// hold), in fen; nil when the round has no budget.
        public var budgetLeft: Int?
        /// The round needs the upper union's decision before payment.
        public var reportsUpward: Bool

        public init(
            actor: Int, createdBy: Int, pendingBy: Int? = nil, pendingAmount: Int? = nil, paidBy: Int? = nil, paidAmount: Int? = nil,
            standardAmount: Int? = nil, secondApprovalAbove: Int, budgetLeft: Int? = nil, reportsUpward: Bool
        ) {
            self.actor = actor
            self.createdBy = createdBy
            self.pendingBy = pendingBy
            self.pendingAmount = pendingAmount
            self.paidBy = paidBy
            self.paidAmount = paidAmount
            self.standardAmount = standardAmount
            self.secondApprovalAbove = secondApprovalAbove
            self.budgetLeft = budgetLeft
            self.reportsUpward = reportsUpward
        }
    }

    /// The money rules, the same for every step that sets an amount: nobody checks what they made, the amount is
    /// positive, above the round's standard only with a reason, and above the threshold or beyond the budget only with
    /// a second person. Returns whether a second person must confirm.
    public static func checkAmount(_ amount: Int, reason: String?, label: String, _ c: Context) throws(ReliefFlowError) -> Bool {
        if c.actor == c.createdBy { throw .notAllowed("不能审核自己创建的申请（经办与审核须由不同人员）") }
        guard amount > 0 else { throw .invalid(FieldError(field: "amount", message: "\(label)必须大于0")) }
        if let standard = c.standardAmount, amount > standard, Text.clean(reason ?? "").isEmpty {
            throw .invalid(
                FieldError(field: "reason", message: "\(label)\(Money.yuan(amount))元超过本轮标准\(Money.yuan(standard))元，须填写理由"))
        }
        return amount > c.secondApprovalAbove || exceedsBudget(amount, c)
    }

    /// The amount would take the round beyond its budget.
    public static func exceedsBudget(_ amount: Int, _ c: Context) -> Bool {
        c.budgetLeft.map { amount > $0 } ?? false
    }

    /// The steps this person may take now, in the order a page offers them: the flow's own answer for each (a step it
    /// refuses for the state or the person is left out; one it would only ask more of, such as a reason, stays in) and
    /// the step's permission. Pages offer exactly these buttons.
    public static func allowedActions(_ state: ReliefState, _ c: Context, may: (Permission) -> Bool) -> [ReliefAction.Code] {
        let amount = c.pendingAmount ?? c.standardAmount ?? 1
        return ReliefAction.Code.allCases.filter { code in
            guard may(code.permission) else { return false }
            let probe: ReliefAction =
                switch code {
                case .submit: .submit
                case .approve: .approve(amount: amount, reason: "·")
                case .secondApprove: .secondApprove(reason: "·")
                case .reject: .reject(reason: "·")
                case .returnForCompletion: .returnForCompletion(reason: "·")
                case .report: .report
                case .upperApprove: .upperApprove(amount: amount, reason: "·")
                case .upperReject: .upperReject(reason: "·")
                case .decline: .decline(reason: "·")
                case .pay: .pay
                case .reversePayment: .reversePayment(reason: "·")
                case .withdraw: .withdraw(reason: "·")
                }
            do throws(ReliefFlowError) {
                _ = try apply(probe, to: state, c)
                return true
            } catch {
                if case .invalid = error { return true }
                return false
            }
        }
    }

    public static func apply(_ action: ReliefAction, to state: ReliefState, _ c: Context) throws(ReliefFlowError) -> ReliefState {
        func wrong() -> ReliefFlowError {
            .wrongState("当前状态为“\(state.label)”，不能\(action.label)")
        }
        func checker() throws(ReliefFlowError) {
            if c.actor == c.createdBy { throw .notAllowed("不能审核自己创建的申请（经办与审核须由不同人员）") }
        }
        func reason(_ text: String, _ field: String, _ label: String) throws(ReliefFlowError) {
            if Text.clean(text).isEmpty { throw .invalid(FieldError(field: field, message: "\(label)必须填写原因")) }
        }
        let paidState: ReliefState = c.reportsUpward ? .upperApproved : .approved
        switch action {
        case .submit:
            guard state.isEditable else { throw wrong() }
            return .submitted
        case .withdraw(let why):
            guard state.isEditable else { throw wrong() }
            try reason(why, "reason", "撤回申请")
            return .withdrawn
        case .approve(let amount, let why):
            guard state == .submitted else { throw wrong() }
            return try checkAmount(amount, reason: why, label: "核定金额", c) ? .firstApproved : .approved
        case .secondApprove(let why):
            guard state.awaitsSecondApproval else { throw wrong() }
            try checker()
            if c.actor == c.pendingBy { throw .notAllowed("复核须由\(state == .reversalRequested ? "申请冲正" : "经办")以外的另一人完成") }
            if state == .reversalRequested {
                if c.actor == c.paidBy { throw .notAllowed("冲正须由登记发放以外的另一人复核") }
                return paidState
            }
            if let amount = c.pendingAmount, exceedsBudget(amount, c), Text.clean(why ?? "").isEmpty {
                let left = max(0, c.budgetLeft ?? 0)
                throw .invalid(
                    FieldError(
                        field: "reason",
                        message: "金额\(Money.yuan(amount))元超出本轮预算余额\(Money.yuan(left))元，复核人须填写超预算原因"))
            }
            return state == .firstApproved ? .approved : .upperApproved
        case .reject(let why):
            guard state == .submitted || state == .firstApproved else { throw wrong() }
            try checker()
            try reason(why, "reason", "不予通过")
            return .rejected
        case .returnForCompletion(let why):
            guard state == .submitted || state == .firstApproved else { throw wrong() }
            try checker()
            try reason(why, "reason", "退回补充")
            return .returned
        case .report:
            guard state == .approved else { throw wrong() }
            guard c.reportsUpward else { throw .wrongState("本轮帮扶不需要上报，审核通过后可直接发放") }
            return .reported
        case .upperApprove(let amount, let why):
            guard state == .reported else { throw wrong() }
            return try checkAmount(amount, reason: why, label: "上级批准金额", c) ? .upperRecorded : .upperApproved
        case .upperReject(let why):
            guard state == .reported else { throw wrong() }
            try reason(why, "reason", "上级不批准")
            return .upperRejected
        case .decline(let why):
            guard state == .upperRecorded || state == .reversalRequested else { throw wrong() }
            try reason(why, "reason", "复核不同意")
            return state == .upperRecorded ? .reported : .paid
        case .pay:
            guard state == paidState else {
                throw .wrongState(
                    state == .paid || state == .reversalRequested
                        ? "该申请已发放，不能重复发放"
                        : "当前状态为“\(state.label)”，须\(c.reportsUpward ? "上级批准" : "审核通过")后才能发放")
            }
            return .paid
        case .reversePayment(let why):
            guard state == .paid else { throw wrong() }
            try reason(why, "reason", "冲正")
            try checker()
            if c.actor == c.paidBy { throw .notAllowed("冲正须由登记发放以外的另一人办理") }
            return (c.paidAmount ?? 0) > c.secondApprovalAbove ? .reversalRequested : paidState
        }
    }
}
