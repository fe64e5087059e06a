/// 会籍状态. `retired` keeps membership without dues or vote (保留会籍).
public enum MemberStatus: String, Choice {
    case active, transferred, retired, deceased, left
    /// Leaving the active roll (退休、去世、退会) is recorded with its reason.
    public var needsReason: Bool { self == .retired || self == .deceased || self == .left }

    public var label: String {
        switch self {
        case .active: "在会"
        case .transferred: "转出"
        case .retired: "退休保留"
        case .deceased: "去世"
        case .left: "退会"
        }
    }

    /// Counted in the union's membership (在册会员).
    public var isMember: Bool { self == .active || self == .retired }

    /// Status changes a user may record directly; `transferred` comes only from a transfer.
    public func canChange(to next: MemberStatus) -> Bool {
        switch (self, next) {
        case (.active, .retired), (.active, .deceased), (.active, .left): true
        case (.retired, .deceased), (.retired, .left), (.retired, .active): true
        case (.left, .active): true
        default: false
        }
    }
}

public enum Education: String, Choice {
    case primary, juniorHigh, seniorHigh, vocational, college, bachelor, master, doctor
    public var label: String {
        switch self {
        case .primary: "小学"
        case .juniorHigh: "初中"
        case .seniorHigh: "高中"
        case .vocational: "中专"
        case .college: "大专"
        case .bachelor: "本科"
        case .master: "硕士研究生"
        case .doctor: "博士研究生"
        }
    }
}

public enum PoliticalStatus: String, Choice {
    case masses, league, party, probationary, democratic
    public var label: String {
        switch self {
        case .masses: "群众"
        case .league: "共青团员"
        case .party: "中共党员"
        case .probationary: "中共预备党员"
        case .democratic: "民主党派"
        }
    }
}

/// 工会干部 posts.
public enum CadrePost: String, Choice {
    case chair, viceChair, member, organizer, auditChair, womenChair
    public var label: String {
        switch self {
        case .chair: "主席"
        case .viceChair: "副主席"
        case .member: "委员"
        case .organizer: "组织员"
        case .auditChair: "经审委主任"
        case .womenChair: "女职委主任"
        }
    }
}
