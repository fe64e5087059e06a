import Domain
import Fluent
import SQLKit
import Testing
import Vapor

@testable import App

extension AppTests {
    /// The maintained member counts (`MemberTallies`) against the registers' definition counted member by member from
    /// their events (`Registers.memberCountsFromEvents`): random members and random changes, entered out of order and
    /// backdated, through every path that writes a member's history.
    @Suite("Maintained member counts") struct MemberTalliesTests {
        @Test(
            "equal the members counted from their events on every day a count changes, and those who joined in every period, in every subtree; a rebuild finds the same totals"
        )
        func randomHistories() async throws {
            try await withApp { app, clock in
                let w = try await World.make(app)
                let today = app.clock.today(in: app.config.timeZone)
                let unions = [w.unionA, w.unionA1, w.unionB, w.unionC]
                let everywhere = Scope(orgID: try w.root.requireID(), path: "/")
                var g = SeededRandom(seed: 20_261_207)
                func day(from: CalendarDate) -> CalendarDate {
                    let span = max(0, today.dayNumber - from.dayNumber)
                    return from.adding(days: Int.random(in: 0...span, using: &g))
                }
                // Forty members joining between 2018 and now, in any union.
                var members: [(id: Int, union: Organization)] = []
                for i in 0..<40 {
                    let union = unions[Int.random(in: 0..<unions.count, using: &g)]
                    let birth = try #require(CalendarDate(year: 1965 + i % 35, month: 1 + i % 12, day: 1 + i % 28))
                    let f = try MemberInput(
                        name: "会员\(i)", idNumber: IDNumber.compose(region: "441900", birth: birth, sequence: i).value,
                        unionId: String(union.requireID()), joinDate: day(from: CalendarDate(clamping: 2018, 1, 1)).iso
                    ).validate(today: today)
                    let m = try await MemberQuery.create(f, in: everywhere, cipher: app.cipher, actor: .system, at: clock.now, on: app.db)
                    members.append((try m.requireID(), union))
                }
                // A hundred changes of standing: transfers on any day (before other events, even before joining) and the
                // status changes the register allows, on or after the last one.
                for _ in 0..<100 {
                    let k = Int.random(in: 0..<members.count, using: &g)
                    let m = try #require(try await Member.find(members[k].id, on: app.db))
                    let status = m.memberStatus ?? .active
                    let change: MembershipChange.Change
                    let date: CalendarDate
                    if status.isMember, Bool.random(using: &g) {
                        let to = unions.filter { $0.id != m.$union.id }[Int.random(in: 0..<3, using: &g)]
                        (change, date) = (.transfer(toUnion: try to.requireID()), day(from: CalendarDate(clamping: 2017, 6, 1)))
                    } else {
                        let next = MemberStatus.allCases.filter { status.canChange(to: $0) }
                        guard !next.isEmpty else { continue }
                        let since = CalendarDate(parsing: m.statusSince) ?? today
                        (change, date) = (.status(next[Int.random(in: 0..<next.count, using: &g)]), day(from: since))
                    }
                    try await MemberQuery.change(
                        members[k].id, MembershipChange(change: change, date: date, reason: "测试"), in: everywhere, actor: .system,
                        at: clock.now, on: app.db)
                }
                // Edits: a new joining day and an ID number of the other gender.
                for k in 0..<10 {
                    let m = try #require(try await Member.find(members[k].id, on: app.db))
                    let birth = try #require(CalendarDate(year: 1970, month: 1 + k, day: 2))
                    let f = try MemberInput(
                        name: m.name, idNumber: IDNumber.compose(region: "110105", birth: birth, sequence: 100 + k + (k % 2)).value,
                        unionId: String(m.$union.id), joinDate: day(from: CalendarDate(clamping: 2016, 1, 1)).iso
                    ).validate(today: today)
                    _ = try await MemberQuery.update(
                        members[k].id, f, in: everywhere, cipher: app.cipher, actor: .system, at: clock.now, on: app.db)
                }
                // A merger: union B's members on the roll move to A on the day it took effect.
                let staff = try await Client.api(app, w.users["staff"]!)
                let merged = try await staff.json(
                    .PUT, "/api/v1/organizations/\(w.unionB.id!)",
                    [
                        "name": "乙公司工会", "level": "union", "unionType": "enterprise", "parentId": w.root.id!, "foundedOn": "2020-01-01",
                        "electedOn": "2023-05-01", "termYears": "3", "status": "merged", "endedOn": "2025-06-30",
                        "mergedIntoId": w.unionA.id!,
                    ])
                #expect(merged.status == .ok, "\(merged.text)")

                // Every day on which a count may change, the day before it, and each month's last day.
                struct Day: Decodable { var d: String }
                let changing = try await app.db.sql.raw(
                    "SELECT on_date AS d FROM member_events UNION SELECT join_date AS d FROM members"
                ).all(decoding: Day.self).compactMap { CalendarDate(parsing: $0.d) }
                let monthEnds = (0..<(12 * 11)).map { CalendarDate(clamping: 2016, 1, 1).adding(months: $0 + 1).adding(days: -1) }
                let days = Set(changing + changing.map { $0.adding(days: -1) } + monthEnds).sorted()
                #expect(days.count > 150)
                var counted = 0
                for scope in [everywhere, w.scope(of: w.root), w.scope(of: w.unionA), w.scope(of: w.unionB), w.scope(of: w.other)] {
                    for d in days {
                        let maintained = try await MemberTallies.counts(in: scope, on: d, on: app.db)
                        let fromEvents = try await Registers.memberCountsFromEvents(in: scope, on: d, on: app.db)
                        #expect(maintained == fromEvents, "\(scope.path) \(d.iso)")
                        counted += fromEvents.values.reduce(0) { $0 + $1.all }
                    }
                }
                #expect(counted > 1000)
                // 新发展会员 in each year and half-year, and over the whole range: in the union they joined, whatever
                // union they are in now.
                var periods = [(CalendarDate(clamping: 2010, 1, 1), today)]
                for year in 2016...today.year {
                    periods += [
                        (CalendarDate.firstDay(of: year), CalendarDate.lastDay(of: year)),
                        (CalendarDate(clamping: year, 7, 1), CalendarDate.lastDay(of: year)),
                    ]
                }
                var joined = 0
                for scope in [w.scope(of: w.root), w.scope(of: w.unionA), w.scope(of: w.unionB), w.scope(of: w.other)] {
                    for (from, to) in periods {
                        let maintained = try await MemberTallies.joined(in: scope, from: from, to: to, on: app.db)
                        let fromEvents = try await Registers.count(Registers.membersJoined(in: scope, from: from, to: to), on: app.db)
                        #expect(maintained == fromEvents, "\(scope.path) \(from.iso)–\(to.iso)")
                        joined += fromEvents
                    }
                }
                #expect(joined > 40)
                // Counted from scratch, the totals are the ones maintained change by change.
                struct Tally: Decodable, Equatable {
                    var grain: String; var starts_on: String; var union_id: Int; var members: Int; var women: Int; var joined: Int
                }
                let read: SQLQueryString =
                    """
                    SELECT grain, starts_on, union_id, members, women, joined FROM member_tallies WHERE members <> 0 OR women <> 0 OR joined <> 0 \
                    ORDER BY grain, starts_on, union_id
                    """
                let maintained = try await app.db.sql.raw(read).all(decoding: Tally.self)
                try await MemberTallies.rebuild(on: app.db)
                #expect(try await app.db.sql.raw(read).all(decoding: Tally.self) == maintained)
                #expect(maintained.contains { $0.women > 0 } && maintained.contains { $0.members < 0 })
            }
        }
    }
}
