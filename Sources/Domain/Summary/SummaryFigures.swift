/// The figures each module hands the summary composer for one org subtree and period. Modules fill them from their
/// statistics; the composer only phrases them. A module with nothing in the period hands nil and gets no section.

/// Organisation building (组织建设): unions, members, coverage of employers, re-elections.
public struct OrganizationFigures: Sendable, Equatable, Codable {
    /// Counts at the end of the period.
    public var unions = 0
    public var members = 0
    public var newMembers = 0
    /// Employers with at least 8 / 25 employees, and of those how many have a union (组建率).
    public var employers8 = 0
    public var employers8WithUnion = 0
    public var employers25 = 0
    public var employers25WithUnion = 0
    /// Re-elections held in the period, and unions now past their term.
    public var reElectionsHeld = 0
    public var reElectionsOverdue = 0

    public init() {}
}

/// Hardship assistance (困难帮扶).
public struct ReliefFigures: Sendable, Equatable, Codable {
    public struct Kind: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var people: Int
        public var visits: Int
        public var money: Int

        public init(code: String, label: String, people: Int, visits: Int, money: Int) {
            self.code = code
            self.label = label
            self.people = people
            self.visits = visits
            self.money = money
        }
    }

    public var people = 0
    public var households = 0
    public var visits = 0
    public var money = 0
    public var byKind: [Kind] = []
    public var applicationsMade = 0
    public var applicationsApproved = 0
    public var applicationsReported = 0
    public var filesOpened = 0
    public var filesExited = 0
    public var filesOpen = 0
    public var filesOverdueRecheck = 0

    public init() {}

    public var isEmpty: Bool { people == 0 && applicationsMade == 0 && filesOpened == 0 }
}

/// Petitions and rights (信访维权).
public struct PetitionFigures: Sendable, Equatable, Codable {
    public var received = 0
    public var transferred = 0
    public var direct = 0
    /// The body that transferred most of them (`市总工会`), for the sentence.
    public var transferBody: String?
    public var acceptanceDue = 0
    public var acceptanceOnTime = 0
    public var handlingDue = 0
    public var handlingOnTime = 0
    public var overdue = 0
    public var groupPetitions = 0
    public var groupPeople = 0
    public var mediations = 0
    public var mediationsDecided = 0
    public var mediationAgreements = 0
    public var mediationAmount = 0
    public var wagesWorkers = 0
    public var wagesMigrants = 0
    public var wagesAmount = 0
    public var injuryWorkers = 0
    public var injuryMigrants = 0
    public var injuryAmount = 0

    public init() {}

    public var isEmpty: Bool { received == 0 && mediations == 0 && wagesWorkers == 0 && injuryWorkers == 0 }
}

/// A problem the summary states (存在的问题): a target not met, or work past its deadline.
public enum ProblemItem: Sendable, Equatable, Codable {
    /// `indicator` at `actual` against a target of `target` (whole percent with unit `%`, counts, or fen with unit
    /// `元`), with how many records make the gap and what they are (`家尚未建立工会的8人以上企业`; empty: the gap in
    /// the indicator's own unit).
    case targetGap(indicator: String, label: String, target: Int, actual: Int, unit: String, gap: Int, gapNoun: String)
    /// `count` items of a kind past their deadline (“2宗信访件超过办理期限”).
    case overdue(indicator: String?, count: Int, unit: String, noun: String)
}

/// A plan the summary announces (下一步工作打算): a target for the next period, or work falling due in it.
public enum PlanItem: Sendable, Equatable, Codable {
    case target(indicator: String, label: String, target: Int, unit: String)
    case due(indicator: String?, count: Int, unit: String, noun: String, by: CalendarDate)
}
