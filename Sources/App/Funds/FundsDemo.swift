import Domain
import Fluent
import SQLKit
import Vapor

/// The demo township's union funds, last year and this: most employers registered as payers (the tax bureau collects
/// for most), paying each month a week or two after it ends; some late, a few falling into arrears this year, employers
/// without a union paying 筹备金; one duplicate entry reversed; most unions with their return formalities complete;
/// last year's return and this year's first half paid, the third quarter's batch waiting for its second signature.
enum FundsDemo {
    struct EmployerRef: Decodable, Sendable {
        var id: Int
        var name: String
        var headcount: Int
        var union_id: Int?
        var org_id: Int
        var credit_code: String?
        var founded_on: String?
    }

    /// How an employer pays in the demo.
    enum Habit {
        case onTime, late, stopped(after: Month), never
    }

    static func seed(_ d: inout DemoContext) async throws {
        let rules = d.app.fundsRules
        let db = d.app.db
        let employers = try await db.sql.raw(
            """
            SELECT e.id, e.name, e.headcount, e.union_id, e.org_id, e.credit_code, u.founded_on FROM employers e \
            LEFT JOIN organizations u ON u.id = e.union_id WHERE e.headcount >= 8 ORDER BY e.id
            """
        ).all(decoding: EmployerRef.self)
        guard !employers.isEmpty else { return }
        let today = d.today
        let first = Month(today.year - 1, 1)
        let lastMonth = Month(today).adding(-1)
        let staff = Audit.Actor(userID: d.user("staff"), username: "staff", orgID: d.rootID, ip: nil)
        let reviewer = Audit.Actor(userID: d.user("reviewer"), username: "reviewer", orgID: d.rootID, ip: nil)
        var g = d.random
        var payers: [DuesPayer] = []
        var receipts: [DuesReceipt] = []
        var formalities: [ReturnFormality] = []
        for e in employers {
            guard Int.random(in: 0..<100, using: &g) < 90 else { continue }
            let wage = 4_500 + Int.random(in: 0...30, using: &g) * 100
            let base = e.headcount * wage * 100
            let channel: DuesChannel = Int.random(in: 0..<100, using: &g) < 80 ? .tax : .direct
            for (since, payroll) in [(first, base), (Month(today.year, 1), base + base / 20)] {
                let p = DuesPayer()
                p.$employer.id = e.id
                p.orgID = e.org_id
                p.unionID = e.union_id
                p.since = since.iso
                p.base = payroll
                p.channel = channel.rawValue
                p.createdBy = staff.userID
                payers.append(p)
            }
            let roll = Int.random(in: 0..<100, using: &g)
            let habit: Habit =
                roll < 76 ? .onTime : roll < 88 ? .late : roll < 96 ? .stopped(after: Month(today.year, 3 + roll % 5)) : .never
            for m in first.through(lastMonth) {
                let payroll = Arrears.base([PayerTerm(since: first, endsWith: nil, base: base), PayerTerm(since: Month(today.year, 1), endsWith: nil, base: base + base / 20)], in: m) ?? base
                var received = m.next.first.adding(days: 4 + Int.random(in: 0...12, using: &g))
                switch habit {
                case .onTime: break
                case .late: if m.month % 3 == 0 { received = received.adding(days: 35 + Int.random(in: 0...40, using: &g)) }
                case .stopped(let after): if m > after { continue }
                case .never: if m.year == today.year { continue }
                }
                guard received <= today else { continue }
                let union = e.union_id.flatMap { u in (e.founded_on.flatMap(CalendarDate.init(parsing:)) ?? .firstDay(of: 1900)) <= m.last ? u : nil }
                let r = DuesReceipt()
                r.$employer.id = e.id
                r.orgID = e.org_id
                r.unionID = union
                r.month = m.iso
                r.base = payroll
                r.amount = rules.assessed(base: payroll)
                r.stream = (union == nil ? DuesStream.preparatory : .dues).rawValue
                r.channel = channel.rawValue
                r.receivedOn = received.iso
                if channel == .tax {
                    r.sourceKey = "tax|\(e.credit_code ?? "E\(e.id)")|\(m.iso)|\(r.amount)|\(received.iso)"
                }
                r.createdBy = staff.userID
                receipts.append(r)
            }
            if e.union_id != nil {
                let complete = Int.random(in: 0..<100, using: &g) < 85
                let done = complete ? rules.formalities : Array(rules.formalities.prefix(1 + Int.random(in: 0...1, using: &g)))
                let f = ReturnFormality()
                f.$employer.id = e.id
                f.orgID = e.org_id
                f.unionID = e.union_id
                f.onDate = CalendarDate(clamping: today.year - 1, 3, 1 + e.id % 28).iso
                f.done = done.joined(separator: "、")
                f.complete = complete
                f.createdBy = staff.userID
                formalities.append(f)
            }
        }
        d.random = g
        let (newPayers, newReceipts, newFormalities) = (payers, receipts, formalities)
        try await Store.write(db) { tx in
            try await newPayers.create(on: tx)
            try await newReceipts.create(on: tx)
            try await newFormalities.create(on: tx)
        }
        // A direct payment entered twice, the second taken back the next day.
        if let twice = receipts.first(where: { $0.channel == DuesChannel.direct.rawValue && $0.month == lastMonth.adding(-1).iso }),
            let day = CalendarDate(parsing: twice.receivedOn), let employer = try await Employer.find(twice.$employer.id, on: db)
        {
            let scope = Scope(orgID: d.rootID, path: d.root.path)
            let copy = ReceiptFields(
                employerId: twice.$employer.id, month: Month(parsing: twice.month) ?? lastMonth, base: twice.base, amount: twice.amount,
                channel: .direct, receivedOn: day, note: nil)
            let duplicate = try await Store.write(db) { tx in
                let r = try await DuesReceipts.make(copy, employer: employer, sourceKey: nil, actor: staff, on: tx)
                try await r.create(on: tx)
                return r
            }
            _ = try await DuesReceipts.reverse(
                try duplicate.requireID(), ReversalFields(on: min(today, day.adding(days: 1)), reason: "重复登记"), in: scope, actor: staff,
                at: day.adding(days: 1).date(in: AppConfig.chinaStandardTime, hour: 9), on: db)
        }
        // Returns: last year's paid in February, this year's first half in August, the third quarter's waiting.
        let scope = Scope(orgID: d.rootID, path: d.root.path)
        let batches: [(Month, Month, CalendarDate, ReturnStatus?)] = [
            (Month(today.year - 1, 1), Month(today.year - 1, 12), CalendarDate(clamping: today.year, 1, 20), .returned),
            (Month(today.year, 1), Month(today.year, 6), CalendarDate(clamping: today.year, 7, 20), .direct),
            (Month(today.year, 7), Month(today.year, 9), min(today, CalendarDate(clamping: today.year, 10, 25)), nil),
        ]
        for (from, to, made, paid) in batches where made <= today && to < Month(today) {
            let b = try await Returns.draw(
                ReturnBatchFields(from: from, to: to, on: made), rules: rules, in: scope, actor: staff, at: made.date(in: AppConfig.chinaStandardTime, hour: 10),
                on: db)
            guard let paid, made.adding(days: 14) <= today else { continue }
            _ = try await Returns.pay(
                try b.requireID(), ReturnPaymentFields(status: paid, on: made.adding(days: 14), note: "银行回单已存档"), in: scope, actor: reviewer,
                at: made.adding(days: 14).date(in: AppConfig.chinaStandardTime, hour: 10), on: db)
        }
    }
}
