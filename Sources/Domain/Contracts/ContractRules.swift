/// The time limits and thresholds of collective bargaining (集体合同规定 2004, 劳动合同法 Arts. 51–54, DOMAIN.md §7),
/// as configuration with the national defaults; a province's file names only what differs
/// (`UNIONDESK_CONTRACT_CONFIG`). Days are calendar days from the day after the event: the last day is `event + days`.
public struct ContractRules: Codable, Sendable, Equatable {
    /// A written request (要约) is answered within this many days (Art. 32).
    public var replyDays = 20
    /// A negotiator's vacant seat is refilled within this many days (Art. 31).
    public var vacancyDays = 15
    /// Negotiators per side, at least (Art. 19; the 1994 rules said 3–10).
    public var minNegotiators = 3
    /// The signed contract is filed with the labour authority within this many days (Art. 42).
    public var filingDays = 10
    /// The same for a wage agreement: 7 where a province follows 工资集体协商试行办法 (2000), otherwise 10.
    public var wageFilingDays = 10
    /// The authority's review: no objection within this many days and the contract is in force (劳动合同法 Art. 54).
    public var reviewDays = 15
    /// A contract in force is published to all staff within this many days (a local rule).
    public var publishDays = 10
    /// A contract's term, at most (Art. 38).
    public var maxTermYears = 3
    /// Renewal is asked for this many months before expiry (Art. 38).
    public var renewalMonths = 3
    /// A deadline this close (days) shows as due soon.
    public var dueSoonDays = 5
    /// Employers of at least this many staff vote in a representatives' congress; below it, all staff (企业民主管理规定).
    public var congressFrom = 100
    /// A representatives' congress has at least this share of staff as delegates (percent) and at least `minDelegates`.
    public var delegateSharePercent = 5
    public var minDelegates = 30
    /// Middle and senior managers among the delegates, at most (percent): an employer's congress, a sector's or area's.
    public var managerSharePercent = 20
    public var sectoralManagerSharePercent = 30
    /// Teachers among a 教代会's delegates, at least (percent).
    public var teacherSharePercent = 60
    /// Women delegates may fall short of the women's share of staff by at most this many points (“in proportion”).
    public var womenShortfallPercent = 5
    /// A congress term, in years.
    public var congressTermYears = 3...5
    /// A session is held at least every this many months.
    public var sessionMonths = 12
    /// A session is reported to the higher union within this many working days (Monday to Friday).
    public var reportWorkingDays = 7
    /// A proposal needs this many co-signers, and is answered this many days after it is registered (立案).
    public var minCosigners = 2
    public var proposalReplyDays = 20
    /// Unions with an open negotiation report their progress each week on this weekday (1 Monday … 7 Sunday).
    public var reportWeekday = 1
    /// A union with at least this many women members should have a women workers' committee (工会法 Art. 11; local).
    public var womenCommitteeFrom = 25

    public init() {}

    /// A configuration file names only what differs from the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read(_ key: CodingKeys, _ value: inout Int) throws {
            if let v = try c.decodeIfPresent(Int.self, forKey: key) { value = v }
        }
        try read(.replyDays, &replyDays)
        try read(.vacancyDays, &vacancyDays)
        try read(.minNegotiators, &minNegotiators)
        try read(.filingDays, &filingDays)
        try read(.wageFilingDays, &wageFilingDays)
        try read(.reviewDays, &reviewDays)
        try read(.publishDays, &publishDays)
        try read(.maxTermYears, &maxTermYears)
        try read(.renewalMonths, &renewalMonths)
        try read(.dueSoonDays, &dueSoonDays)
        try read(.congressFrom, &congressFrom)
        try read(.delegateSharePercent, &delegateSharePercent)
        try read(.minDelegates, &minDelegates)
        try read(.managerSharePercent, &managerSharePercent)
        try read(.sectoralManagerSharePercent, &sectoralManagerSharePercent)
        try read(.teacherSharePercent, &teacherSharePercent)
        try read(.womenShortfallPercent, &womenShortfallPercent)
        try read(.sessionMonths, &sessionMonths)
        try read(.reportWorkingDays, &reportWorkingDays)
        try read(.minCosigners, &minCosigners)
        try read(.proposalReplyDays, &proposalReplyDays)
        try read(.reportWeekday, &reportWeekday)
        try read(.womenCommitteeFrom, &womenCommitteeFrom)
        if let t = try c.decodeIfPresent(ClosedRange<Int>.self, forKey: .congressTermYears) { congressTermYears = t }
    }

    /// The delegates a representatives' congress of `staff` needs at least.
    public func minimumSeats(staff: Int) -> Int { max(minDelegates, (staff * delegateSharePercent + 99) / 100) }

    /// The managers a congress of `seats` may have at most.
    public func managerCap(seats: Int, level: ContractLevel) -> Int {
        seats * (level == .enterprise ? managerSharePercent : sectoralManagerSharePercent) / 100
    }

    /// Days to file a contract of `kind` after signing.
    public func filingDays(for kind: ContractKind) -> Int { kind == .wage ? wageFilingDays : filingDays }
}
