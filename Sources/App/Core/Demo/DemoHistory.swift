import Domain
import Fluent
import Vapor

/// The demo registers' history, so that last year's figures differ from this year's for the reasons they do in a real
/// township: unions founded this year and last (their employers covered from that day), an election before each
/// current one (re-elections held last year), a union dissolved last year, employers whose headcount changed.
/// Drawn from a generator of its own, so the rest of the demo is drawn as before.
enum DemoHistory {
    /// Before members are drawn: the smallest enterprise unions were founded this year (three) and last year (two),
    /// each with its founding election.
    static func foundNewUnions(_ plan: [DemoTownship.UnionPlan], place: DemoPlace, today: CalendarDate) {
        var g = SeededRandom(seed: place.seed &+ 15)
        let enterprise = plan.prefix(place.enterpriseUnions)
        for (i, u) in enterprise.suffix(5).enumerated() {
            let year = i < 3 ? today.year : today.year - 1
            let lastMonth = year == today.year ? max(1, today.month - 1) : 12
            let founded = min(today, CalendarDate(clamping: year, Int.random(in: 1...lastMonth, using: &g), Int.random(in: 1...28, using: &g)))
            u.org.foundedOn = founded.iso
            u.org.electedOn = founded.iso
            u.org.reElectionDue = (CommitteeTerm(rawValue: u.org.termYears) ?? .five).reElectionDue(electedOn: founded).iso
        }
    }

    /// After the orgs and employers are stored: every election (the current one and, when the union is old enough,
    /// the one before), the employers' dated snapshots, and one union dissolved last year.
    static func write(
        _ plan: [DemoTownship.UnionPlan], root: Organization, employers: [Employer], place: DemoPlace, today: CalendarDate,
        on db: any Database
    ) async throws {
        var g = SeededRandom(seed: place.seed &+ 16)
        let dissolved = Organization()
        dissolved.name = place.name + "宏达制衣有限公司工会"
        dissolved.level = OrgLevel.union.rawValue
        dissolved.unionType = UnionType.enterprise.rawValue
        (dissolved.status, dissolved.foundedOn, dissolved.termYears) = (OrgStatus.dissolved.rawValue, "2012-03-18", 5)
        dissolved.electedOn = CalendarDate(clamping: today.year - 4, 3, 20).iso
        dissolved.reElectionDue = CalendarDate(clamping: today.year + 1, 3, 20).iso
        dissolved.endedOn = CalendarDate(clamping: today.year - 1, 9, 30).iso
        dissolved.$parent.id = try root.requireID()
        dissolved.path = root.path
        try await dissolved.create(on: db)
        dissolved.path = root.path + "\(try dissolved.requireID())/"
        try await dissolved.update(on: db)

        var events: [[BulkValue]] = []
        for o in [root, dissolved] + plan.map(\.org) {
            guard let elected = o.electedOn.flatMap(CalendarDate.init(parsing:)) else { continue }
            let term = CommitteeTerm(rawValue: o.termYears) ?? .five
            let founded = o.foundedOn.flatMap(CalendarDate.init(parsing:)) ?? elected
            let before = elected.adding(years: -term.rawValue)
            if before > founded {
                events.append([.int(o.id), .text("elected"), .text(before.iso), .text(elected.iso)])
            }
            events.append([.int(o.id), .text("elected"), .text(elected.iso), .text(o.reElectionDue)])
        }
        if let ended = dissolved.endedOn { events.append([.int(dissolved.id), .text("ended"), .text(ended), .null]) }

        // Every employer is on the register since the end of the year before last; about one in four has changed its
        // headcount since, on a day last year or this; those of the new unions were covered from the union's founding.
        let start = CalendarDate(clamping: today.year - 2, 12, 31).iso
        let foundedOn = Dictionary(plan.compactMap { u in u.org.id.map { ($0, u.org.foundedOn ?? "") } }, uniquingKeysWith: { a, _ in a })
        var snapshots: [[BulkValue]] = []
        for e in employers {
            let union = e.$union.id
            let since = union.flatMap { foundedOn[$0] }.flatMap { $0 > start ? $0 : nil }
            let changed = Int.random(in: 0..<4, using: &g) == 0
            let earlier = changed ? max(1, e.headcount + Int.random(in: -8...5, using: &g)) : e.headcount
            snapshots.append([.int(e.id), .text(start), .int(earlier), .int(since == nil ? union : nil)])
            if let since { snapshots.append([.int(e.id), .text(since), .int(earlier), .int(union)]) }
            if changed {
                let day = today.adding(days: -Int.random(in: 30...500, using: &g))
                snapshots.append([.int(e.id), .text(max(day.iso, since ?? start)), .int(e.headcount), .int(union)])
            }
        }
        let (elections, history) = (events, snapshots)
        try await Store.write(db) { tx in
            try await BulkInsert.run(into: "org_events", columns: ["org_id", "kind", "on_date", "due_on"], rows: elections, on: tx)
            try await BulkInsert.run(
                into: "employer_history", columns: ["employer_id", "on_date", "headcount", "union_id"], rows: history, on: tx)
        }
    }
}
