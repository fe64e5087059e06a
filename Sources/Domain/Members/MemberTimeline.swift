/// One member's place in 会员人数 over time, by the registers' one definition: on a day, a member who had joined by
/// then is counted in the union of their latest dated event by then that names a union (else their union as they
/// stand) when the status of their latest dated event by then that names a status (else their status as they stand)
/// is on the roll. Ties on a day go to the later event. The count only changes on the joining day and on event days,
/// so a member's whole history is a few changes: +1 in a union from a day, −1 from a later one. A member also counts
/// once among the 新发展会员 of the union they joined, on their joining day: the union of their first joining event
/// (else their union as they stand).
public struct MemberTimeline: Sendable {
    public struct Event: Sendable {
        public var onDate: String
        /// The event's id: the later of two events on one day is the one with the larger id.
        public var id: Int
        public var toUnion: Int?
        public var toStatus: String?
        /// A joining event (入会).
        public var joined: Bool

        public init(onDate: String, id: Int, toUnion: Int?, toStatus: String?, joined: Bool = false) {
            (self.onDate, self.id, self.toUnion, self.toStatus, self.joined) = (onDate, id, toUnion, toStatus, joined)
        }
    }

    /// From `day` on, one more (`delta` 1) or one fewer (−1) member in `union`.
    public struct Change: Sendable, Hashable {
        public var union: Int
        public var day: String
        public var delta: Int
    }

    public var joinDate: String
    public var union: Int
    public var status: String
    public var events: [Event]

    public init(joinDate: String, union: Int, status: String, events: [Event]) {
        (self.joinDate, self.union, self.status, self.events) = (joinDate, union, status, events)
    }

    /// The union the member joined, on their joining day (`delta` 1).
    public var joining: Change {
        let first = ordered.first { $0.joined }
        return Change(union: first?.toUnion ?? union, day: joinDate, delta: 1)
    }

    private var ordered: [Event] { events.sorted { ($0.onDate, $0.id) < ($1.onDate, $1.id) } }

    /// The changes this member makes to the counts, in day order.
    public var changes: [Change] {
        let ordered = self.ordered
        let days = Set([joinDate] + ordered.map(\.onDate).filter { $0 > joinDate }).sorted()
        var changes: [Change] = []
        var counted: Int?
        for day in days {
            let upTo = ordered.filter { $0.onDate <= day }
            let union = upTo.last { $0.toUnion != nil }?.toUnion ?? self.union
            let status = upTo.last { $0.toStatus != nil }?.toStatus ?? self.status
            let now = MemberStatus(rawValue: status)?.isMember == true ? union : nil
            guard now != counted else { continue }
            if let counted { changes.append(Change(union: counted, day: day, delta: -1)) }
            if let now { changes.append(Change(union: now, day: day, delta: 1)) }
            counted = now
        }
        return changes
    }
}

/// Changes to the maintained member counts, summed per union and period at three grains — the year, the month and the
/// day a change falls in — so that a count on any day adds the years before it, the months of its year before it and
/// the days of its month up to it: at most a few dozen rows a union, whatever the number of members.
public struct MemberTallyChanges: Sendable {
    public enum Grain: String, Sendable, CaseIterable { case year = "y", month = "m", day = "d" }

    public struct Key: Sendable, Hashable {
        public var grain: Grain
        public var startsOn: String
        public var union: Int
    }

    public struct Total: Sendable, Hashable {
        public var members = 0
        public var women = 0
        /// 新发展会员: members who joined.
        public var joined = 0
    }

    public private(set) var totals: [Key: Total] = [:]

    public init() {}

    /// The first day of the year (`y`), month (`m`) or the day itself (`d`) of an ISO date.
    public static func start(of day: String, _ grain: Grain) -> String {
        switch grain {
        case .year: day.prefix(4) + "-01-01"
        case .month: day.prefix(7) + "-01"
        case .day: day
        }
    }

    /// Adds a member's changes (`sign` 1), or takes them away (−1) when the member's history is about to be rewritten.
    public mutating func add(_ timeline: MemberTimeline, female: Bool, sign: Int = 1) {
        for c in timeline.changes {
            update(c) { t in
                t.members += sign * c.delta
                t.women += female ? sign * c.delta : 0
            }
        }
        update(timeline.joining) { $0.joined += sign }
    }

    private mutating func update(_ c: MemberTimeline.Change, _ body: (inout Total) -> Void) {
        for grain in Grain.allCases {
            let key = Key(grain: grain, startsOn: Self.start(of: c.day, grain), union: c.union)
            var t = totals[key] ?? Total()
            body(&t)
            totals[key] = t
        }
    }

    /// The totals that change anything.
    public var nonZero: [(Key, Total)] {
        totals.filter { $0.value != Total() }.sorted {
            ($0.key.grain.rawValue, $0.key.startsOn, $0.key.union) < ($1.key.grain.rawValue, $1.key.startsOn, $1.key.union)
        }
    }
}
