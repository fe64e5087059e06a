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
            LEFT JOIN organizations u ON u.id = e.union_id WHERE e.headcount >= 8 AND e.org_id = \(bind: d.rootID) ORDER BY e.id
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
        // Last month's tax-collected lines come in as the tax bureau's list does, through its import.
        let codes = Dictionary(uniqueKeysWithValues: employers.compactMap { e in e.credit_code.map { (e.id, (code: $0, name: e.name)) } })
        let listed = receipts.filter { $0.channel == DuesChannel.tax.rawValue && $0.month == lastMonth.iso && codes[$0.$employer.id] != nil }
        let listedKeys = Set(listed.compactMap(\.sourceKey))
        let (newPayers, newReceipts, newFormalities) = (payers, receipts.filter { !listedKeys.contains($0.sourceKey ?? "") }, formalities)
        try await Store.write(db) { tx in
            try await newPayers.createInBatches(on: tx)
            try await newReceipts.createInBatches(on: tx)
            try await newFormalities.createInBatches(on: tx)
        }
        try await importTaxList(listed, codes: codes, month: lastMonth, app: d.app, scope: Scope(orgID: d.rootID, path: d.root.path), actor: staff)
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
        try await bank(receipts, root: d.rootID, today: today, staff: staff, on: db)
        try await books(&d, staff: staff, reviewer: reviewer)
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

    /// Each union's books, last year and this: a budget per spending head, the returned dues and member dues coming in,
    /// the Spring Festival gifts in kind within the standard, activities and training; the federation's basketball court
    /// (近3万元, approved by a second person); one union's over-budget spending with its reason, one entry waiting for
    /// approval and one refused.
    static func books(_ d: inout DemoContext, staff: Audit.Actor, reviewer: Audit.Actor) async throws {
        struct Union: Decodable { var id: Int; var members: Int }
        let db = d.app.db
        let unions = try await db.sql.raw(
            """
            SELECT o.id, (SELECT COUNT(*) FROM members m WHERE m.union_id = o.id) AS members FROM organizations o \
            WHERE o.level = 'union' AND o.path LIKE \(bind: d.root.path + "%") ORDER BY o.id
            """
        ).all(decoding: Union.self)
        let today = d.today
        var g = d.random
        var entries: [BookEntry] = []
        var budgets: [Budget] = []
        func entry(_ org: Int, _ side: BookSide, _ category: String, _ amount: Int, _ on: CalendarDate, _ text: String, welfare: String? = nil, people: Int? = nil) {
            guard on <= today, amount > 0 else { return }
            let e = BookEntry()
            e.$org.id = org
            e.side = side.rawValue
            e.category = category
            e.amount = amount
            e.onDate = on.iso
            e.description = text
            e.welfare = welfare
            e.people = people
            e.form = welfare == nil ? nil : WelfareForm.inKind.rawValue
            e.overCap = false
            e.overBudget = false
            e.needsApproval = false
            e.createdBy = staff.userID
            entries.append(e)
        }
        for year in [today.year - 1, today.year] {
            for u in unions where u.members > 0 {
                let scale = u.members * 100
                for (category, each) in [("activities", 700), ("rights", 40), ("business", 60)] {
                    let b = Budget()
                    b.$org.id = u.id
                    b.year = year
                    b.category = category
                    b.amount = scale * each
                    b.createdBy = staff.userID
                    budgets.append(b)
                }
                for q in 0..<4 {
                    entry(u.id, .income, "returnedDues", scale * (120 + Int.random(in: 0...40, using: &g)), CalendarDate(clamping: year, 3 * q + 2, 8), "拨缴经费返还（第\(q + 1)季度）")

                }
                // Member dues each month, from the 20th; one union lapses for two months this year.
                for m in 1...12 where !(year == today.year && u.id == unions.last?.id && (m == 8 || m == 9)) {
                    entry(u.id, .income, "memberDues", u.members * 1_500, CalendarDate(clamping: year, m, 20 + u.id % 8), "\(m)月会员会费")
                }
                let gift = 300 + Int.random(in: 0...15, using: &g) * 10
                entry(u.id, .expense, "activities", u.members * gift * 100, CalendarDate(clamping: year, 1, 20), "\(year)年春节慰问品（大米、食用油）", welfare: "festival", people: u.members)
                entry(u.id, .expense, "activities", scale * (40 + Int.random(in: 0...30, using: &g)), CalendarDate(clamping: year, 5, 1 + u.id % 20), "“五一”职工趣味运动会")
                entry(u.id, .expense, "business", scale * (20 + Int.random(in: 0...20, using: &g)), CalendarDate(clamping: year, 6, 10 + u.id % 15), "工会干部业务培训")
                entry(u.id, .expense, "rights", scale * (10 + Int.random(in: 0...15, using: &g)), CalendarDate(clamping: year, 9, 5 + u.id % 20), "劳动法律法规宣传资料")
                entry(u.id, .expense, "activities", u.members * 200 * 100 / 4, CalendarDate(clamping: year, 9, 28), "中秋节慰问品（月饼）", welfare: "festival", people: u.members)
            }
        }
        d.random = g
        let (newEntries, newBudgets) = (entries, budgets)
        try await Store.write(db) { tx in
            try await newBudgets.createInBatches(on: tx)
            try await newEntries.createInBatches(on: tx)
        }
        // Through the use case, with its checks and approvals: the federation's court, an over-budget evening, one waiting, one refused.
        let scope = Scope(orgID: d.rootID, path: d.root.path)
        let rules = d.app.fundsRules
        func record(_ f: BookEntryFields, decide approved: Bool?) async throws {
            let at = f.on.date(in: AppConfig.chinaStandardTime, hour: 10)
            let e = try await Books.record(f, rules: rules, in: scope, actor: staff, at: at, on: db)
            guard let approved else { return }
            try await Books.decide(
                try e.requireID(), approve: approved, note: approved ? "同意" : "不属于工会经费开支范围", in: scope, actor: reviewer, at: at, today: f.on.adding(days: 1),
                on: db)
        }
        let year = today.year
        try await Books.setBudget(
            BudgetFields(orgId: d.rootID, year: year, category: "capital", amount: 30_000_00), in: scope, actor: staff,
            at: CalendarDate(clamping: year, 1, 5).date(in: AppConfig.chinaStandardTime, hour: 10), on: db)
        try await record(BookEntryFields(orgId: d.rootID, side: .expense, category: "capital", amount: 29_650_00, on: CalendarDate(clamping: year, 4, 16), description: "新建机关篮球场"), decide: true)
        guard let first = unions.first(where: { $0.members > 0 }), let last = unions.last(where: { $0.members > 0 }) else { return }
        let evening = CalendarDate(clamping: year, 10, 30)
        if evening <= today {
            try await record(
                BookEntryFields(
                    orgId: first.id, side: .expense, category: "activities", amount: first.members * 400 * 100, on: evening, description: "迎国庆职工文艺晚会",
                    overReason: "镇总工会统一组织的文艺汇演，经工会委员会研究同意追加"), decide: true)
        }
        let december = min(today, CalendarDate(clamping: year, 11, 28))
        try await record(BookEntryFields(orgId: last.id, side: .expense, category: "undertakings", amount: 6_800_00, on: december, description: "职工篮球赛服装和器材"), decide: nil)
        try await record(BookEntryFields(orgId: last.id, side: .expense, category: "otherExpense", amount: 5_200_00, on: december.adding(days: -10), description: "外出考察交流"), decide: false)
    }

    /// The tax bureau's transfers to the federation's account, one a month for the tax-collected dues of that month:
    /// equal, but for August (short by a refund, explained) and October (short, not yet explained).
    static func bank(_ receipts: [DuesReceipt], root: Int, today: CalendarDate, staff: Audit.Actor, on db: any Database) async throws {
        var byMonth: [String: Int] = [:]
        for r in receipts where r.channel == DuesChannel.tax.rawValue { byMonth[r.month, default: 0] += r.amount }
        var transfers: [BankTransfer] = []
        var notes: [ReconciliationNote] = []
        for (month, total) in byMonth.sorted(by: { $0.key < $1.key }) {
            guard let m = Month(parsing: month) else { continue }
            let day = m.next.first.adding(days: 24)
            guard day <= today else { continue }
            let short = m == Month(today.year, 8) ? 3_150_00 : m == Month(today.year, 10) ? 1_224_30 : 0
            let t = BankTransfer()
            t.$org.id = root
            t.month = month
            t.amount = total - short
            t.receivedOn = day.iso
            t.reference = "HD\(m.year)\(m.month < 10 ? "0" : "")\(m.month)25"
            t.createdBy = staff.userID
            transfers.append(t)
            if m == Month(today.year, 8) {
                let n = ReconciliationNote()
                n.$org.id = root
                n.month = month
                n.difference = -short
                n.note = "一家企业多缴，税务部门已退费，未划转"
                n.createdBy = staff.userID
                notes.append(n)
            }
        }
        let (newTransfers, newNotes) = (transfers, notes)
        try await Store.write(db) { tx in
            try await newTransfers.createInBatches(on: tx)
            try await newNotes.createInBatches(on: tx)
        }
    }

    /// Writes `receipts` as the tax bureau's list of `month` and imports it (what a cadre does with the downloaded list).
    static func importTaxList(
        _ receipts: [DuesReceipt], codes: [Int: (code: String, name: String)], month: Month, app: Application, scope: Scope, actor: Audit.Actor
    ) async throws {
        guard !receipts.isEmpty else { return }
        var csv = "税务代收工会经费明细\n纳税人识别号,纳税人名称,费款所属期,计费依据,实缴金额,入库日期\n"
        for r in receipts {
            guard let c = codes[r.$employer.id] else { continue }
            csv += "\(c.code),\(c.name),\(month.first.iso)至\(month.last.iso),\(Money.yuan(r.base).replacingOccurrences(of: ",", with: "")),"
            csv += "\(Money.yuan(r.amount).replacingOccurrences(of: ",", with: "")),\(r.receivedOn)\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ud-demo-tax-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(csv.utf8).write(to: url)
        let report = try await TaxListImporter().run(
            ImportRun(file: url, sheet: nil, union: nil, mode: .insert, dryRun: false, scope: scope, actor: actor), app: app, on: app.db)
        guard report.invalid == 0 else { throw StartupError("示例税务明细导入失败：\(report.invalid) 行有误") }
    }
}
