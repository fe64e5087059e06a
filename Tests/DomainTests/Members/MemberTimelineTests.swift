import Testing

@testable import Domain

@Suite("A member's changes to the member counts") struct MemberTimelineTests {
    typealias E = MemberTimeline.Event
    typealias C = MemberTimeline.Change

    @Test("joined, transferred, retired (still counted), left: +1, moved, −1; nothing before the joining day")
    func ordinaryLife() {
        let t = MemberTimeline(
            joinDate: "2019-03-01", union: 2, status: "left",
            events: [
                E(onDate: "2019-03-01", id: 1, toUnion: 1, toStatus: "active"), E(onDate: "2021-06-15", id: 2, toUnion: 2, toStatus: nil),
                E(onDate: "2024-01-01", id: 3, toUnion: nil, toStatus: "retired"),
                E(onDate: "2025-07-01", id: 4, toUnion: nil, toStatus: "left"),
            ])
        #expect(
            t.changes == [
                C(union: 1, day: "2019-03-01", delta: 1), C(union: 1, day: "2021-06-15", delta: -1),
                C(union: 2, day: "2021-06-15", delta: 1),
                C(union: 2, day: "2025-07-01", delta: -1),
            ])
    }

    @Test("without events a member reads as they stand; off the roll they are never counted")
    func noEvents() {
        #expect(
            MemberTimeline(joinDate: "2020-01-01", union: 5, status: "active", events: []).changes == [
                C(union: 5, day: "2020-01-01", delta: 1)
            ])
        #expect(MemberTimeline(joinDate: "2020-01-01", union: 5, status: "deceased", events: []).changes.isEmpty)
        #expect(MemberTimeline(joinDate: "2020-01-01", union: 5, status: "no such status", events: []).changes.isEmpty)
    }

    @Test("two events on one day: the later id wins, whatever order they come in; an event before joining counts from the joining day")
    func tiesAndEarlyEvents() {
        let sameDay = [
            E(onDate: "2022-05-05", id: 9, toUnion: 3, toStatus: nil), E(onDate: "2022-05-05", id: 8, toUnion: 4, toStatus: nil),
        ]
        let t = MemberTimeline(joinDate: "2020-01-01", union: 1, status: "active", events: sameDay)
        #expect(
            t.changes == [
                C(union: 1, day: "2020-01-01", delta: 1), C(union: 1, day: "2022-05-05", delta: -1),
                C(union: 3, day: "2022-05-05", delta: 1),
            ])
        // A transfer entered with a day before the joining day: the member is counted in its union from joining.
        let early = MemberTimeline(
            joinDate: "2020-01-01", union: 1, status: "active", events: [E(onDate: "2019-12-01", id: 1, toUnion: 7, toStatus: nil)])
        #expect(early.changes == [C(union: 7, day: "2020-01-01", delta: 1)])
        // Back on the roll after leaving, and an event that changes nothing adds nothing.
        let back = MemberTimeline(
            joinDate: "2020-01-01", union: 1, status: "active",
            events: [
                E(onDate: "2021-01-01", id: 1, toUnion: nil, toStatus: "left"), E(onDate: "2021-02-01", id: 2, toUnion: 1, toStatus: nil),
                E(onDate: "2022-01-01", id: 3, toUnion: nil, toStatus: "active"),
            ])
        #expect(
            back.changes == [
                C(union: 1, day: "2020-01-01", delta: 1), C(union: 1, day: "2021-01-01", delta: -1),
                C(union: 1, day: "2022-01-01", delta: 1),
            ])
    }

    @Test("a member joins the union of their first joining event on their joining day, else their union as they stand")
    func joining() {
        let moved = MemberTimeline(
            joinDate: "2020-01-01", union: 2, status: "left",
            events: [
                E(onDate: "2021-01-01", id: 5, toUnion: 2, toStatus: nil),
                E(onDate: "2020-01-01", id: 4, toUnion: 1, toStatus: "active", joined: true),
                E(onDate: "2022-01-01", id: 6, toUnion: 3, toStatus: "active", joined: true),
            ])
        #expect(moved.joining == C(union: 1, day: "2020-01-01", delta: 1))
        #expect(
            MemberTimeline(joinDate: "2020-01-01", union: 2, status: "left", events: []).joining == C(union: 2, day: "2020-01-01", delta: 1)
        )
        var totals = MemberTallyChanges()
        totals.add(moved, female: false)
        #expect(totals.totals[.init(grain: .day, startsOn: "2020-01-01", union: 1)]?.joined == 1)
        #expect(totals.totals.values.map(\.joined).reduce(0, +) == 3, "once at each grain")
    }

    @Test("totals by year, month and day add up to the count on any day; taking a history away leaves nothing")
    func grains() {
        let t = MemberTimeline(
            joinDate: "2023-11-20", union: 1, status: "active", events: [E(onDate: "2025-02-10", id: 1, toUnion: 2, toStatus: nil)])
        var totals = MemberTallyChanges()
        totals.add(t, female: true)
        func count(_ union: Int, on day: String) -> Int {
            let (year, month) = (MemberTallyChanges.start(of: day, .year), MemberTallyChanges.start(of: day, .month))
            return totals.totals.filter { key, _ in
                let inRange =
                    switch key.grain {
                    case .year: key.startsOn < year
                    case .month: key.startsOn >= year && key.startsOn < month
                    case .day: key.startsOn >= month && key.startsOn <= day
                    }
                return key.union == union && inRange
            }.values.reduce(0) { $0 + $1.members }
        }
        for (day, one, two) in [
            ("2023-11-19", 0, 0), ("2023-11-20", 1, 0), ("2024-12-31", 1, 0), ("2025-02-09", 1, 0), ("2025-02-10", 0, 1),
            ("2026-01-01", 0, 1),
        ] {
            #expect(count(1, on: day) == one && count(2, on: day) == two, "\(day)")
        }
        #expect(totals.nonZero.allSatisfy { $0.1.women == $0.1.members })
        totals.add(t, female: true, sign: -1)
        #expect(totals.nonZero.isEmpty)
    }
}
