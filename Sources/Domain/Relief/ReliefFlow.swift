/// A relief application's states: drafted and submitted by the union, reviewed by the federation (a second
/// approver above a threshold), optionally reported to the upper union for its decision, then paid.
public enum ApplicationState: String, Choice {
    case draft, submitted, returned, firstApproved, approved, rejected, reported, upperApproved, upperRejected, paid

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "已提交待审核"
        case .returned: "退回补充材料"
        case .firstApproved: "初审通过待复核"
        case .approved: "审核通过"
        case .rejected: "未通过"
        case .reported: "已上报待批复"
        case .upperApproved: "上级已批准"
        case .upperRejected: "上级未批准"
        case .paid: "已发放"
        }
    }

    /// Counted as "approved" in statistics: approved at this level, and not turned down above.
    public var isApproved: Bool { [.approved, .reported, .upperApproved, .paid].contains(self) }
    public var isRejected: Bool { self == .rejected || self == .upperRejected }
}

/// One step a user takes on an application.
public enum ReliefAction: Sendable, Equatable {
    case submit
    case approve(amount: Int, reason: String?)
    case secondApprove
    case reject(reason: String)
    case returnForCompletion(reason: String)
    case report
    case upperApprove(amount: Int)
    case upperReject(reason: String)
    case pay
    /// A payment reversed by a correcting entry: the application can be paid again.
    case reversePayment

    public var name: String {
        switch self {
        case .submit: "submit"
        case .approve: "approve"
        case .secondApprove: "secondApprove"
        case .reject: "reject"
        case .returnForCompletion: "return"
        case .report: "report"
        case .upperApprove: "upperApprove"
        case .upperReject: "upperReject"
        case .pay: "pay"
        case .reversePayment: "reversePayment"
        }
    }

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
        case .pay: "发放"
        case .reversePayment: "冲正发放"
        }
    }

    /// The label of a stored step by its name; `create` is the application's first step, not an action.
    public static func label(ofStep name: String) -> String? {
        if name == "create" { return "新建" }
        let all: [ReliefAction] = [
            .submit, .approve(amount: 0, reason: nil), .secondApprove, .reject(reason: ""), .returnForCompletion(reason: ""), .report,
            .upperApprove(amount: 0), .upperReject(reason: ""), .pay, .reversePayment,
        ]
        return all.first { $0.name == name }?.label
    }
}

/// Why a step was refused: the wrong state (409), the wrong person (403), or bad input (422).
public enum ReliefFlowError: Error, Equatable, Sendable {
    case wrongState(String)
    case notAllowed(String)
    case invalid(FieldError)
}

/// The transition rules, one place: which step is allowed from which state and by whom (maker-checker).
public enum ReliefFlow {
    public struct Context: Sendable {
        public var actor: Int
        public var createdBy: Int
        public var firstApprovedBy: Int?
        /// The round's standard amount for this case (by tier or school level), in fen, if it sets one.
        public var standardAmount: Int?
        /// Approved amounts above this need a second approver (fen).
        public var secondApprovalAbove: Int
        /// The round needs the upper union's decision before payment.
        public var reportsUpward: Bool

        public init(
            actor: Int, createdBy: Int, firstApprovedBy: Int? = nil, standardAmount: Int? = nil, secondApprovalAbove: Int,
            reportsUpward: Bool
        ) {
            self.actor = actor
            self.createdBy = createdBy
            self.firstApprovedBy = firstApprovedBy
            self.standardAmount = standardAmount
            self.secondApprovalAbove = secondApprovalAbove
            self.reportsUpward = reportsUpward
        }
    }

    public static func apply(_ action: ReliefAction, to state: ApplicationState, _ c: Context) throws(ReliefFlowError) -> ApplicationState {
        func wrong() -> ReliefFlowError {
            .wrongState("当前状态为“\(state.label)”，不能\(action.label)")
        }
        func checker() throws(ReliefFlowError) {
            if c.actor == c.createdBy { throw .notAllowed("不能审核自己创建的申请（经办与审核须由不同人员）") }
        }
        func reason(_ text: String, _ field: String, _ label: String) throws(ReliefFlowError) {
            if Text.clean(text).isEmpty { throw .invalid(FieldError(field: field, message: "\(label)必须填写原因")) }
        }
        switch action {
        case .submit:
            guard state == .draft || state == .returned else { throw wrong() }
            return .submitted
        case .approve(let amount, let why):
            guard state == .submitted else { throw wrong() }
            try checker()
            guard amount > 0 else { throw .invalid(FieldError(field: "amount", message: "核定金额必须大于0")) }
            if let standard = c.standardAmount, amount > standard, Text.clean(why ?? "").isEmpty {
                throw .invalid(
                    FieldError(field: "reason", message: "核定金额\(Money.yuan(amount))元超过本轮标准\(Money.yuan(standard))元，须填写理由"))
            }
            return amount > c.secondApprovalAbove ? .firstApproved : .approved
        case .secondApprove:
            guard state == .firstApproved else { throw wrong() }
            try checker()
            if c.actor == c.firstApprovedBy { throw .notAllowed("复核须由初审以外的另一人完成") }
            return .approved
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
        case .upperApprove(let amount):
            guard state == .reported else { throw wrong() }
            guard amount > 0 else { throw .invalid(FieldError(field: "amount", message: "上级批准金额必须大于0")) }
            return .upperApproved
        case .upperReject(let why):
            guard state == .reported else { throw wrong() }
            try reason(why, "reason", "上级不批准")
            return .upperRejected
        case .pay:
            let payable: ApplicationState = c.reportsUpward ? .upperApproved : .approved
            guard state == payable else {
                throw .wrongState(
                    state == .paid
                        ? "该申请已发放，不能重复发放"
                        : "当前状态为“\(state.label)”，须\(c.reportsUpward ? "上级批准" : "审核通过")后才能发放")
            }
            return .paid
        case .reversePayment:
            guard state == .paid else { throw wrong() }
            return c.reportsUpward ? .upperApproved : .approved
        }
    }
}
