/// One registration of an employer as a payer (缴费登记): from `since`, on a monthly payroll of `base`, until the next
/// registration or `endsWith`.
public struct PayerTerm: Sendable, Equatable {
    public var since: Month
    public var endsWith: Month?
    public var base: Int

    public init(since: Month, endsWith: Month?, base: Int) {
        self.since = since
        self.endsWith = endsWith
        self.base = base
    }
}

/// A month an employer owes dues for, on a day (欠缴).
public struct ArrearsLine: Sendable, Equatable {
    public var month: Month
    public var assessed: Int
    public var received: Int
    public var due: CalendarDate
    public var daysOverdue: Int
    public var lateFee: Int

    public var owed: Int { assessed - received }
    public var age: ArrearsAge { ArrearsAge(daysOverdue: daysOverdue) }
}

public enum Arrears {
    /// The payroll base `terms` (ordered by their month, then as registered) give for `month`: the latest registration
    /// begun by then, unless it stopped before.
    public static func base(_ terms: [PayerTerm], in month: Month) -> Int? {
        guard let t = terms.last(where: { $0.since <= month }), t.endsWith.map({ month <= $0 }) ?? true else {
            return nil
        }
        return t.base
    }

    /// The months registered by `terms` whose dues fell due before `asOf` (looking back `rules.arrearsMonths`) and
    /// were not fully received: what each owes, how long overdue, and the late fee where the province levies one.
    public static func lines(terms: [PayerTerm], received: [Month: Int], asOf: CalendarDate, rules: FundsRules) -> [ArrearsLine] {
        guard let first = terms.map(\.since).min() else { return [] }
        // The latest month already due on `asOf`.
        var last = Month(asOf).adding(-1)
        if rules.dueDate(last) >= asOf { last = last.adding(-1) }
        let start = max(first, last.adding(1 - rules.arrearsMonths))
        return start.through(last).compactMap { m in
            guard let base = base(terms, in: m) else { return nil }
            let assessed = rules.assessed(base: base)
            let got = received[m] ?? 0
            guard got < assessed else { return nil }
            let due = rules.dueDate(m)
            let days = asOf.dayNumber - due.dayNumber
            return ArrearsLine(
                month: m, assessed: assessed, received: got, due: due, daysOverdue: days, lateFee: rules.lateFee(arrears: assessed - got, days: days))
        }
    }
}
