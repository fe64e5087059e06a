/// Closed lists of the petitions and rights module (DOMAIN.md §5–6), with the labels cadres know.

/// 来源: how a petition reached the union (信访工作条例 Art. 17), or transferred by a higher body (转办).
public enum PetitionSource: String, Choice {
    case visit, letter, hotline, online, transferred

    public var label: String {
        switch self {
        case .visit: "来访"
        case .letter: "来信"
        case .hotline: "电话/12351热线"
        case .online: "网上"
        case .transferred: "上级转办"
        }
    }
}

/// 问题类别 of a petition.
public enum PetitionCategory: String, Choice {
    case wages, contract, socialInsurance, workInjury, safety, membership, democracy, other

    public var label: String {
        switch self {
        case .wages: "欠薪"
        case .contract: "劳动合同"
        case .socialInsurance: "社会保险"
        case .workInjury: "工伤"
        case .safety: "劳动条件与安全"
        case .membership: "工会组织与会籍"
        case .democracy: "民主管理"
        case .other: "其他"
        }
    }
}

/// Where a petition stands. `notAccepted` and `transferredOut` end it at intake; `closed` ends it after the
/// follow-up visit unless a 复查 or 复核 reopens it.
public enum PetitionState: String, Choice {
    case received, accepted, notAccepted, transferredOut, inProgress, replied, closed, reviewing, rechecking

    public var label: String {
        switch self {
        case .received: "已登记待受理"
        case .accepted: "已受理"
        case .notAccepted: "不予受理"
        case .transferredOut: "已转出"
        case .inProgress: "办理中"
        case .replied: "已答复"
        case .closed: "已办结"
        case .reviewing: "复查中"
        case .rechecking: "复核中"
        }
    }

    /// Still being handled: it sits on a handler's work queue.
    public var isOpen: Bool { [.received, .accepted, .inProgress, .reviewing, .rechecking].contains(self) }

    /// States in which an answer is being prepared (the handling, 复查 or 复核 answer).
    public var awaitsAnswer: Bool { [.accepted, .inProgress, .reviewing, .rechecking].contains(self) }
}

/// 回访满意度.
public enum Satisfaction: String, Choice {
    case satisfied, basicallySatisfied, dissatisfied, unreachable

    public var label: String {
        switch self {
        case .satisfied: "满意"
        case .basicallySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .unreachable: "无法联系"
        }
    }
}

/// A contact recorded on a petition's timeline.
public enum ContactKind: String, Choice {
    case call, visit, meeting, letter, other

    public var label: String {
        switch self {
        case .call: "电话"
        case .visit: "走访"
        case .meeting: "协调会"
        case .letter: "函件"
        case .other: "其他"
        }
    }
}

/// What came of a labour-dispute mediation (劳动争议调解仲裁法 Arts. 14–15).
public enum MediationOutcome: String, Choice {
    case pending, agreement, noAgreement, withdrawn

    public var label: String {
        switch self {
        case .pending: "调解中"
        case .agreement: "达成调解协议"
        case .noAgreement: "调解不成（引导仲裁）"
        case .withdrawn: "申请人撤回"
        }
    }
}

/// What a rights case obtained for workers: wages recovered (工资清欠) or work-injury compensation (工伤赔偿).
public enum RecoveryKind: String, Choice {
    case wages, injury

    public var label: String {
        switch self {
        case .wages: "追回欠薪"
        case .injury: "工伤赔偿"
        }
    }
}
