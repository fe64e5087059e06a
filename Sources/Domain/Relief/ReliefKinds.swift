/// Closed lists of the hardship-assistance module (DOMAIN.md §8), with the labels cadres know.

/// 困难类别. The last three are the pre-2018 categories that old forms and imports still carry.
public enum HardshipTier: String, Choice {
    case deep, relative, accidental
    case legacySubsistence, legacyNearSubsistence, legacyAccidental

    public var label: String {
        switch self {
        case .deep: "深度困难"
        case .relative: "相对困难"
        case .accidental: "意外致困"
        case .legacySubsistence: "低保户（旧类别）"
        case .legacyNearSubsistence: "低保边缘户（旧类别）"
        case .legacyAccidental: "意外致困户（旧类别）"
        }
    }

    /// Current categories, offered for new archives; legacy ones are kept on import only.
    public static var current: [HardshipTier] { [.deep, .relative, .accidental] }
}

/// 致困原因: one main cause and up to three secondary ones.
public enum HardshipCause: String, Choice {
    case illness, disability, schooling, unemployment, employerHardship, accident, workInjury, singleParent, lowIncome, other

    public var label: String {
        switch self {
        case .illness: "因病"
        case .disability: "因残"
        case .schooling: "因学"
        case .unemployment: "下岗失业"
        case .employerHardship: "企业停产半停产"
        case .accident: "意外灾害"
        case .workInjury: "工伤"
        case .singleParent: "单亲家庭"
        case .lowIncome: "收入低"
        case .other: "其他"
        }
    }
}

/// A hardship file's lifecycle: temporary relief, then the formal archive, ending in exit (脱困) or cancellation.
public enum HardshipFileStatus: String, Choice {
    case temporary, formal, exited, cancelled

    public var label: String {
        switch self {
        case .temporary: "临时救助"
        case .formal: "正式建档"
        case .exited: "已脱困"
        case .cancelled: "已注销"
        }
    }

    public var isOpen: Bool { self == .temporary || self == .formal }

    /// Allowed moves: temporary → formal; either open state → exited or cancelled; closed files stay closed.
    public func canMove(to next: HardshipFileStatus) -> Bool {
        switch (self, next) {
        case (.temporary, .formal), (.temporary, .cancelled), (.temporary, .exited), (.formal, .exited), (.formal, .cancelled): true
        default: false
        }
    }
}

/// 工作状况 of the head of household, as on the standard archive forms.
public enum WorkStatus: String, Choice {
    case working, laidOff, unemployed, retired, sickLeave, earlyRetired, migrant

    public var label: String {
        switch self {
        case .working: "在岗"
        case .laidOff: "下岗"
        case .unemployed: "失业"
        case .retired: "退休"
        case .sickLeave: "病休"
        case .earlyRetired: "内退"
        case .migrant: "农民工"
        }
    }
}

/// 帮扶类型 (glossary: ReliefKind).
public enum ReliefKind: String, Choice {
    case festival, scholarship, medical, injury, training, emergency, daily

    public var label: String {
        switch self {
        case .festival: "送温暖/节日慰问"
        case .scholarship: "金秋助学"
        case .medical: "医疗互助"
        case .injury: "工伤慰问"
        case .training: "培训补贴"
        case .emergency: "临时救助"
        case .daily: "日常帮扶"
        }
    }
}

/// 金秋助学 levels: higher education (vocational college to PhD) and senior high / secondary vocational.
public enum SchoolLevel: String, Choice {
    case college, seniorHigh

    public var label: String {
        switch self {
        case .college: "高等教育（大专至博士）"
        case .seniorHigh: "高中/中职"
        }
    }
}

/// The 金秋助学 exclusions of DOMAIN.md §8.4: any one makes a student ineligible.
public enum ScholarshipExclusion: String, Choice {
    case militaryAcademy, freeTeacherTraining, targetedStudent, highFeePrivate, sinoForeign, selfFundedAbroad, fundedElsewhere

    public var label: String {
        switch self {
        case .militaryAcademy: "就读军事院校"
        case .freeTeacherTraining: "免费师范生"
        case .targetedStudent: "定向培养生"
        case .highFeePrivate: "高收费民办学校"
        case .sinoForeign: "中外合作办学项目"
        case .selfFundedAbroad: "自费出国留学"
        case .fundedElsewhere: "已获其他助学资助"
        }
    }
}

/// How a Disbursement is made.
public enum PaymentMethod: String, Choice {
    case bankTransfer, cash, inKind

    public var label: String {
        switch self {
        case .bankTransfer: "银行转账"
        case .cash: "现金"
        case .inKind: "实物"
        }
    }
}

/// Money into a fund's ledger; payments are the only money out.
public enum FundSource: String, Choice {
    case allocation, ownFunds, donation

    public var label: String {
        switch self {
        case .allocation: "上级下拨"
        case .ownFunds: "本级经费"
        case .donation: "社会捐助"
        }
    }
}

/// A fund's ledger line: money in (with its FundSource), a payment out, or the reversal of a payment.
public enum FundEntryKind: String, Choice {
    case moneyIn = "in"
    case payment, reversal

    public var label: String {
        switch self {
        case .moneyIn: "入账"
        case .payment: "发放"
        case .reversal: "冲正"
        }
    }
}

/// A disbursement (glossary): a payment of an application or the reversal of one.
public enum DisbursementKind: String, Choice {
    case payment, reversal

    public var label: String {
        switch self {
        case .payment: "发放"
        case .reversal: "冲正"
        }
    }

    /// Its line in the fund's ledger.
    public var ledgerKind: FundEntryKind { self == .payment ? .payment : .reversal }
}
