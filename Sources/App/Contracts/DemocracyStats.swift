import Domain
import Fluent
import SQLKit
import Vapor

/// Democratic management's and women workers' figures. Congress terms and proposal deadlines follow from their rules
/// in Swift over the subtree's (few) congresses and proposals; employers and members are the registers' sets.
enum DemocracyStats {
    /// The subtree's congresses begun by `day`: each one's id, employer and term and its latest session by then — five
    /// columns rather than a county's thousands of congresses and sessions decoded as models.
    private struct Term: Decodable {
        var id: Int
        var employer_id: Int?
        var term_start: String
        var term_years: Int
        var last_held: String?

        var start: CalendarDate { Congress.start(term_start) }
        func inTerm(on day: CalendarDate) -> Bool { Congress.termEnds(start: start, years: term_years) >= day }
    }

    private static func terms(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> [Term] {
        try await db.sql.raw(
            """
            SELECT c.id, c.employer_id, c.term_start, c.term_years, (SELECT MAX(s.held_on) FROM congress_sessions s \
            WHERE s.congress_id = c.id AND s.held_on <= \(bind: day.iso)) AS last_held FROM congresses c \
            WHERE \(scope.contains("c.org_id")) AND c.term_start <= \(bind: day.iso) ORDER BY c.id
            """
        ).all(decoding: Term.self)
    }

    /// Employers of the subtree with a congress in term on `day`.
    static func employersWithCongress(in scope: Scope, on day: CalendarDate, on db: any Database) async throws -> [Int] {
        employersWithCongress(try await terms(in: scope, on: day, on: db), on: day)
    }

    private static func employersWithCongress(_ terms: [Term], on day: CalendarDate) -> [Int] {
        Array(Set(terms.filter { $0.inTerm(on: day) }.compactMap(\.employer_id))).sorted()
    }

    /// 50+ staff employers on `day` with (or, `with` false, without) a congress in term.
    static func employers50(in scope: Scope, on day: CalendarDate, congress ids: [Int], with: Bool) -> SQLQueryString {
        "SELECT s.* FROM (\(Registers.employers(in: scope, on: day))) s WHERE \(employer50(congress: ids, with: with))"
    }

    /// That condition on a row `s` of `Registers.employers(in:on:)`.
    static func employer50(congress ids: [Int], with: Bool) -> SQLQueryString {
        let list = ids.isEmpty ? "0" : ids.map(String.init).joined(separator: ", ")
        return "\(Registers.employer(atLeast: 50)) AND s.id \(unsafeRaw: with ? "IN" : "NOT IN") (\(unsafeRaw: list))"
    }

    /// 50+ staff employers on `day` with (or without) an item disclosed in the twelve months to it.
    static func employers50Disclosing(in scope: Scope, on day: CalendarDate, with: Bool) -> SQLQueryString {
        "SELECT s.* FROM (\(Registers.employers(in: scope, on: day))) s WHERE \(employer50Disclosing(on: day, with: with))"
    }

    /// That condition on a row `s` of `Registers.employers(in:on:)`.
    static func employer50Disclosing(on day: CalendarDate, with: Bool) -> SQLQueryString {
        """
        \(Registers.employer(atLeast: 50)) AND s.id \(unsafeRaw: with ? "IN" : "NOT IN") \
        (SELECT d.employer_id FROM disclosures d WHERE d.disclosed_on > \(bind: day.adding(years: -1).iso) AND d.disclosed_on <= \(bind: day.iso))
        """
    }

    /// The subtree's congress sessions held in the period.
    static func sessionsHeld(in scope: Scope, from: CalendarDate, to: CalendarDate) -> SQLQueryString {
        """
        SELECT s.id, c.kind FROM congress_sessions s JOIN congresses c ON c.id = s.congress_id \
        WHERE \(scope.contains("c.org_id")) AND s.held_on >= \(bind: from.iso) AND s.held_on <= \(bind: to.iso)
        """
    }

    static func sessions(in scope: Scope, from: CalendarDate, to: CalendarDate, on db: any Database) async throws -> [CongressSession] {
        try await CongressSession.query(on: db).join(Congress.self, on: \CongressSession.$congress.$id == \Congress.$id)
            .filter(scope.contains(column: "congresses.org_id")).filter(\.$heldOn >= from.iso).filter(\.$heldOn <= to.iso)
            .with(\.$congress).sort(\.$heldOn).all()
    }

    /// Congresses in term on `day` whose next session was due before it: each one's id and that due day.
    static func congressesDue(in scope: Scope, on day: CalendarDate, rules: ContractRules, on db: any Database) async throws -> [(id: Int, due: CalendarDate)] {
        congressesDue(try await terms(in: scope, on: day, on: db), on: day, rules: rules)
    }

    private static func congressesDue(_ terms: [Term], on day: CalendarDate, rules: ContractRules) -> [(id: Int, due: CalendarDate)] {
        terms.compactMap { t in
            guard t.inTerm(on: day) else { return nil }
            let due = Congresses.nextSessionDue(start: t.start, lastHeld: t.last_held.flatMap(CalendarDate.init(parsing:)), rules: rules)
            return due < day ? (t.id, due) : nil
        }
    }

    /// The period's proposals (by submission), and how the answers and the proposers' views fell out on `today`.
    struct ProposalRecord: Sendable {
        var submitted: [Proposal] = []
        var registered: [Proposal] = []
        var due: [Proposal] = []
        var onTime: [Proposal] = []
        var rated: [Proposal] = []
        var satisfied: [Proposal] = []
    }

    static func proposals(in scope: Scope, from: CalendarDate, to: CalendarDate, today: CalendarDate, rules: ContractRules, on db: any Database)
        async throws -> ProposalRecord
    {
        var r = ProposalRecord()
        r.submitted = try await Congresses.proposals(in: scope, on: db).filter(\.$submittedOn >= from.iso).filter(\.$submittedOn <= to.iso)
            .sort(\.$submittedOn).sort(\.$id).all()
        r.registered = r.submitted.filter { $0.registeredOn != nil }
        for p in r.registered {
            guard let due = Congresses.replyDue(p, rules: rules) else { continue }
            let replied = p.repliedOn.flatMap(CalendarDate.init(parsing:))
            guard replied != nil || due < today else { continue }
            r.due.append(p)
            if let replied, replied <= due { r.onTime.append(p) }
        }
        r.rated = r.submitted.filter { $0.satisfaction != nil }
        r.satisfied = r.rated.filter { ProposalSatisfaction(rawValue: $0.satisfaction ?? "")?.counts == true }
        return r
    }

    /// Unions of the subtree with at least `womenCommitteeFrom` women members on `day` and no committee.
    static func committeesMissing(in scope: Scope, on day: CalendarDate, rules: ContractRules, on db: any Database) async throws -> [Int] {
        let women = try await Registers.memberCounts(in: scope, on: day, on: db)
        let committees = try await OpenAffairs.unionsWithWomenCommittee(in: scope, on: day, on: db)
        return women.filter { $0.value.women >= rules.womenCommitteeFrom && !committees.contains($0.key) }.map(\.key).sorted()
    }

    static func compute(in scope: Scope, period: ReportPeriod, today: CalendarDate, rules: ContractRules, on db: any Database)
        async throws -> (DemocracyFigures, WomenFigures)
    {
        let day = period.asOf(today: today)
        var f = DemocracyFigures()
        let terms = try await terms(in: scope, on: day, on: db)
        let withCongress = employersWithCongress(terms, on: day)
        try await Registers.count(
            Registers.employers(in: scope, on: day), into: &f,
            [
                (\.employers50, Registers.employer(atLeast: 50)), (\.employers50WithCongress, employer50(congress: withCongress, with: true)),
                (\.employers50WithDisclosure, employer50Disclosing(on: day, with: true)),
            ], on: db)
        let held = sessionsHeld(in: scope, from: period.from, to: period.to)
        f.sessions = try await Registers.count(held, on: db)
        f.teachers = try await Registers.count("SELECT h.id FROM (\(held)) h WHERE h.kind = \(bind: CongressKind.teachers.rawValue)", on: db) > 0
        f.resolutions = try await Registers.count(
            "SELECT r.id FROM congress_resolutions r WHERE r.passed = \(bind: true) AND r.session_id IN (SELECT h.id FROM (\(held)) h)", on: db)
        f.congressesDue = congressesDue(terms, on: day, rules: rules).count
        let p = try await proposals(in: scope, from: period.from, to: period.to, today: today, rules: rules, on: db)
        (f.proposals, f.proposalsRegistered, f.proposalsDue, f.proposalsOnTime) = (p.submitted.count, p.registered.count, p.due.count, p.onTime.count)
        (f.proposalsRated, f.proposalsSatisfied) = (p.rated.count, p.satisfied.count)
        var w = WomenFigures()
        let members = try await Registers.memberCounts(in: scope, on: day, on: db)
        w.women = members.values.reduce(0) { $0 + $1.women }
        w.members = members.values.reduce(0) { $0 + $1.all }
        w.committees = try await OpenAffairs.unionsWithWomenCommittee(in: scope, on: day, on: db).count
        w.missing = try await committeesMissing(in: scope, on: day, rules: rules, on: db).count
        w.womenContracts = try await Registers.count(ContractStats.inForce(in: scope, on: day, kind: .women), on: db)
        return (f, w)
    }
}
