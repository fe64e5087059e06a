/// Democratic management (民主管理, DOMAIN.md §10, §13.2): workers' congresses with their terms, delegates, sessions
/// and resolutions; proposals; open affairs (厂务公开); the weekly bargaining report; women workers' committees.

extension CalendarDate {
    /// 1 Monday … 7 Sunday.
    public var weekday: Int { ((dayNumber + 3) % 7 + 7) % 7 + 1 }

    /// The Monday of this date's week.
    public var monday: CalendarDate { adding(days: 1 - weekday) }

    /// The day `n` working days (Monday to Friday) after this one.
    public func adding(workingDays n: Int) -> CalendarDate {
        var d = self
        var left = max(0, n)
        while left > 0 {
            d = d.adding(days: 1)
            if d.weekday <= 5 { left -= 1 }
        }
        return d
    }
}

/// 职代会, 教代会, 会员代表大会, or one sitting serving as both (双代会, “两会合一”).
public enum CongressKind: String, Choice {
    case workers, teachers, members, dual

    public var label: String {
        switch self {
        case .workers: "职工代表大会"
        case .teachers: "教职工代表大会"
        case .members: "会员代表大会"
        case .dual: "职工代表大会暨会员代表大会（双代会）"
        }
    }

    public var short: String {
        switch self {
        case .workers: "职代会"
        case .teachers: "教代会"
        case .members: "会代会"
        case .dual: "双代会"
        }
    }
}

/// 代表类别: front-line workers, professional and technical staff, middle and senior managers.
public enum DelegateCategory: String, Choice {
    case frontline, technical, manager, other

    public var label: String {
        switch self {
        case .frontline: "一线职工"
        case .technical: "专业技术人员"
        case .manager: "中层及以上管理人员"
        case .other: "其他"
        }
    }
}

/// One check of a congress's make-up and whether it holds.
public struct CompositionCheck: Sendable, Equatable {
    public var rule: String
    public var actual: String
    public var holds: Bool
}

/// A congress's delegates as counted for the composition checks.
public struct CongressMakeup: Sendable, Equatable {
    public var kind: CongressKind
    public var level: ContractLevel
    public var staff: Int
    public var womenStaff: Int
    public var seats: Int
    public var delegates: Int
    public var women: Int
    public var managers: Int
    public var teachers: Int

    public init(
        kind: CongressKind, level: ContractLevel, staff: Int, womenStaff: Int, seats: Int, delegates: Int = 0, women: Int = 0, managers: Int = 0,
        teachers: Int = 0
    ) {
        self.kind = kind
        self.level = level
        self.staff = staff
        self.womenStaff = womenStaff
        self.seats = seats
        self.delegates = delegates
        self.women = women
        self.managers = managers
        self.teachers = teachers
    }

    /// Fewer than `congressFrom` staff meet as all staff: no delegates are elected.
    public func allStaff(_ rules: ContractRules) -> Bool { level == .enterprise && staff < rules.congressFrom }

    /// The checks the page lists (none for an all-staff meeting).
    public func checks(_ rules: ContractRules) -> [CompositionCheck] {
        guard !allStaff(rules) else { return [] }
        func pct(_ n: Int, _ of: Int) -> String { of == 0 ? "—" : "\(n * 100 / of)%" }
        var out = [
            CompositionCheck(
                rule: "代表名额不少于职工人数的\(rules.delegateSharePercent)%且不少于\(rules.minDelegates)人（至少\(rules.minimumSeats(staff: staff))人）",
                actual: "名额\(seats)人", holds: seats >= rules.minimumSeats(staff: staff) || level != .enterprise && seats >= rules.minDelegates),
            CompositionCheck(rule: "代表按名额选齐", actual: "已选\(delegates)人", holds: delegates == seats),
            CompositionCheck(
                rule: "中层及以上管理人员不超过代表总数的\(level == .enterprise ? rules.managerSharePercent : rules.sectoralManagerSharePercent)%",
                actual: "\(managers)人（\(pct(managers, delegates))）", holds: managers <= rules.managerCap(seats: max(delegates, 1), level: level)),
        ]
        if womenStaff > 0 {
            let expected = staff == 0 ? 0 : womenStaff * 100 / staff
            out.append(
                CompositionCheck(
                    rule: "女代表比例与女职工比例相适应（女职工占\(expected)%）", actual: "\(women)人（\(pct(women, delegates))）",
                    holds: delegates > 0 && women * 100 / delegates + rules.womenShortfallPercent >= expected))
        }
        if kind == .teachers {
            out.append(
                CompositionCheck(
                    rule: "教师代表不少于\(rules.teacherSharePercent)%", actual: "\(teachers)人（\(pct(teachers, delegates))）",
                    holds: delegates > 0 && teachers * 100 >= delegates * rules.teacherSharePercent))
        }
        return out
    }

    /// Whether one more delegate of `category` may be elected: seats left, and the managers' cap not passed.
    public func admits(_ category: DelegateCategory, _ rules: ContractRules) throws(FieldError) {
        if allStaff(rules) { throw FieldError(field: "name", message: "职工人数不足\(rules.congressFrom)人，召开全体职工大会，不选举代表") }
        guard delegates < seats else { throw FieldError(field: "name", message: "代表已选满名额（\(seats)人）") }
        let cap = rules.managerCap(seats: seats, level: level)
        if category == .manager, managers >= cap {
            throw FieldError(
                field: "category",
                message: "中层及以上管理人员代表已达名额的\(level == .enterprise ? rules.managerSharePercent : rules.sectoralManagerSharePercent)%（\(cap)人），不能再增加")
        }
    }
}

/// 提案 states: submitted, then registered (立案) or returned with its reason; registered proposals are answered in
/// writing, the proposer says whether satisfied, and the handling is reported to the next session.
public enum ProposalState: String, Choice {
    case submitted, registered, returned, answered

    public var label: String {
        switch self {
        case .submitted: "已提交，待审查"
        case .registered: "已立案，办理中"
        case .returned: "不予立案（已退回）"
        case .answered: "已答复"
        }
    }
}

/// The proposer's view of the answer.
public enum ProposalSatisfaction: String, Choice {
    case satisfied, basically, dissatisfied

    public var label: String {
        switch self {
        case .satisfied: "满意"
        case .basically: "基本满意"
        case .dissatisfied: "不满意"
        }
    }

    public var counts: Bool { self != .dissatisfied }
}

/// 厂务公开 channels.
public enum DisclosureChannel: String, Choice {
    case board, congress, documents, chat, meeting, other

    public var label: String {
        switch self {
        case .board: "厂务公开栏"
        case .congress: "职工代表大会"
        case .documents: "内部文件、材料"
        case .chat: "QQ群、微信群"
        case .meeting: "职工大会、座谈会"
        case .other: "其他"
        }
    }
}

/// A union's women workers' organisation: a committee, or the women's member of the union committee where there
/// are few women members (工会法 Art. 11).
public enum WomenOrganisation: String, Choice {
    case committee, member

    public var label: String {
        switch self {
        case .committee: "女职工委员会"
        case .member: "工会委员会女职工委员（未单设女职委）"
        }
    }
}
