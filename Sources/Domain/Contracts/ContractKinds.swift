/// Closed lists of collective bargaining (DOMAIN.md §7), with the labels cadres know.

/// 集体合同的种类: the comprehensive contract or one of the special-topic ones (劳动合同法 Art. 52).
public enum ContractKind: String, Choice {
    case comprehensive, wage, women, safety

    public var label: String {
        switch self {
        case .comprehensive: "综合集体合同"
        case .wage: "工资专项集体合同"
        case .women: "女职工权益保护专项集体合同"
        case .safety: "劳动安全卫生专项集体合同"
        }
    }

    /// `工资专项`, as a list's column says it.
    public var short: String {
        switch self {
        case .comprehensive: "综合"
        case .wage: "工资专项"
        case .women: "女职工专项"
        case .safety: "安全卫生专项"
        }
    }
}

/// Who a contract binds on the employers' side: one employer, or the employers of a sector or of an area below the
/// county (行业性、区域性, 劳动合同法 Art. 53 — the township federation's main channel).
public enum ContractLevel: String, Choice {
    case enterprise, sectoral, regional

    public var label: String {
        switch self {
        case .enterprise: "企业"
        case .sectoral: "行业性"
        case .regional: "区域性"
        }
    }

    /// Covers many employers, each listed with its headcount.
    public var coversMany: Bool { self != .enterprise }
}

/// Who made the written request (要约) to bargain.
public enum Requester: String, Choice {
    case union, employer, staff

    public var label: String {
        switch self {
        case .union: "工会（职工方）"
        case .employer: "企业方"
        case .staff: "五分之一以上职工提议，由工会提出"
        }
    }
}

/// Where a negotiation stands. It ends at `signed` (its contract carries on) or `refused` (the other side declined in
/// writing; a new request may follow).
public enum NegotiationState: String, Choice {
    case requested, talking, drafted, approved, signed, refused

    public var label: String {
        switch self {
        case .requested: "已发出要约，待回应"
        case .talking: "协商中"
        case .drafted: "草案已形成，待审议"
        case .approved: "草案已通过，待签字"
        case .signed: "已签订"
        case .refused: "对方拒绝协商"
        }
    }

    public var isOpen: Bool { ![.signed, .refused].contains(self) }
}

/// 回应: the other side agrees to bargain, or declines (only with a proper reason, 集体合同规定 Art. 32).
public enum ReplyAnswer: String, Choice {
    case agreed, refused

    public var label: String {
        switch self {
        case .agreed: "同意协商"
        case .refused: "拒绝协商"
        }
    }
}

/// The body that votes on the draft: the workers' congress, or all staff where there are fewer than 100.
public enum VoteBody: String, Choice {
    case congress, allStaff

    public var label: String {
        switch self {
        case .congress: "职工代表大会"
        case .allStaff: "全体职工大会"
        }
    }

    /// `代表` or `职工`, in the vote's figures.
    public var member: String { self == .congress ? "代表" : "职工" }
}

/// 表决结果 as the meeting declared it; the figures must bear it out.
public enum VoteResult: String, Choice {
    case passed, failed

    public var label: String {
        switch self {
        case .passed: "通过"
        case .failed: "未通过"
        }
    }
}

/// 协商代表的一方.
public enum NegotiatorSide: String, Choice {
    case workers, employer

    public var label: String {
        switch self {
        case .workers: "职工方"
        case .employer: "企业方"
        }
    }
}

/// Where a contract stands: signed and waiting to be filed, under the labour authority's review, objected to (to be
/// renegotiated and filed again), in force, or ended early. A contract in force past its end date reads 已到期, and
/// one replaced by its renewal 已续签 (`superseded_on`); both are dates, not states, so a past day reads right.
public enum ContractState: String, Choice {
    case signed, submitted, objected, inForce, terminated

    public var label: String {
        switch self {
        case .signed: "已签订，待报送审查"
        case .submitted: "审查中"
        case .objected: "审查有异议，待修改重报"
        case .inForce: "已生效"
        case .terminated: "已终止"
        }
    }
}

/// The materials the labour authority's review asks for (报送审查材料), checked off when the contract is filed.
public enum FilingItem: String, Choice {
    case registrationForm, text, resolution, negotiators, license, coveredList

    public var label: String {
        switch self {
        case .registrationForm: "集体合同审查登记表"
        case .text: "集体合同文本"
        case .resolution: "职代会（职工大会）审议通过的决议"
        case .negotiators: "双方协商代表名单及首席代表身份证明"
        case .license: "企业营业执照复印件"
        case .coveredList: "覆盖企业名单"
        }
    }

    /// What a contract of `level` must file: the covered employers' list only where it covers many.
    public static func required(for level: ContractLevel) -> [FilingItem] {
        allCases.filter { $0 != .coveredList || level.coversMany }
    }

    /// The item an uploaded document is for (`slot`): one the pack of a contract of `level` asks for.
    public static func slot(_ text: String?, level: ContractLevel) throws(FieldError) -> FilingItem {
        let item = try Input.requiredChoice(text, FilingItem.self, field: "slot", name: "材料")
        guard required(for: level).contains(item) else {
            throw FieldError(field: "slot", message: "\(level.label)集体合同不需报送“\(item.label)”")
        }
        return item
    }
}
