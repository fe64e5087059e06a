import Domain
import Fluent
import SQLKit
import Vapor

/// The demo township 示例镇总工会: about 40 unions, 150 employers and 3,000 members with valid synthetic
/// ID numbers, cadres, transfers and retirements, hardship assistance over two years, and one user per role. Deterministic: the same seed
/// gives the same township on every run. Members go in through multi-row SQLKit inserts.
enum DemoTownship {
    struct Account: Sendable {
        var role: String
        var username: String
        var password: String
    }

    /// Loads the township when the database has no organizations yet; nil otherwise.
    static func loadIfEmpty(_ app: Application, members: Int = 3000) async throws -> [Account]? {
        guard try await Organization.query(on: app.db).count() == 0 else { return nil }
        return try await load(app, members: members)
    }

    static func load(_ app: Application, members memberTarget: Int) async throws -> [Account] {
        var g = SeededRandom(seed: 20_261_126)
        let today = app.clock.today(in: app.config.timeZone)
        let db = app.db
        let root = try await OrganizationQuery.createRoot(name: "示例镇总工会", on: db)
        root.regionCode = "440606"
        root.foundedOn = "1985-05-01"
        root.electedOn = CalendarDate(year: today.year - 2, month: 4, day: 15)!.iso
        root.termYears = 5
        root.reElectionDue = CommitteeTerm.five.reElectionDue(electedOn: CalendarDate(parsing: root.electedOn!)!).iso
        try await root.update(on: db)
        let rootID = try root.requireID()

        let employers = makeEmployers(&g, rootID: rootID)
        let plan = makeUnions(&g, employers: employers, today: today)
        try await Store.write(db) { tx in
            for e in employers { try await e.create(on: tx) }
            for (i, u) in plan.enumerated() {
                u.org.$parent.id = rootID
                u.org.path = root.path
                try await u.org.create(on: tx)
                u.org.path = root.path + "\(try u.org.requireID())/"
                try await u.org.update(on: tx)
                for e in u.employers { e.$union.id = u.org.id; try await e.update(on: tx) }
                _ = i
            }
        }
        try await insertCadres(&g, plan: plan, cipher: app.cipher, on: db)
        try await insertMembers(&g, plan: plan, target: memberTarget, today: today, cipher: app.cipher, on: db)

        var accounts: [Account] = []
        var ids: [String: Int] = [:]
        let officerUnion = try plan[0].org.requireID()
        for (username, name, role, org) in [
            ("staff", "镇总工会干部", Role.federationStaff, rootID), ("reviewer", "镇总工会副主席", Role.federationStaff, rootID),
            ("officer", plan[0].org.name + "主席", Role.unionOfficer, officerUnion), ("leader", "镇总工会主席", Role.leader, rootID),
        ] {
            let (user, password) = try await UserQuery.create(
                username: username, displayName: name, role: role, orgID: org, app: app,
                actor: .system, on: db)
            ids[username] = try user.requireID()
            accounts.append(Account(role: role.label, username: username, password: password))
        }
        try await insertRelief(
            &g, rootID: rootID,
            users: ReliefUsers(officer: ids["officer"] ?? 0, staff: ids["staff"] ?? 0, reviewer: ids["reviewer"] ?? 0), today: today,
            zone: app.config.timeZone, settings: app.reliefSettings, cipher: app.cipher, on: db)
        try await insertPetitions(
            &g, rootID: rootID, users: PetitionUsers(staff: ids["staff"] ?? 0, reviewer: ids["reviewer"] ?? 0), today: today,
            cipher: app.cipher,
            on: db)
        // The year's targets as the city federation sets them (考核目标), and next year's.
        for (year, indicator, value) in [
            (today.year, "org.coverage8", 100), (today.year, "members.new", 300), (today.year, "petitions.handledOnTime", 100),
            (today.year, "relief.money", 8_000_000), (today.year + 1, "org.coverage8", 100), (today.year + 1, "members.new", 320),
        ] {
            let t = Target()
            (t.$org.id, t.year, t.indicator, t.value) = (rootID, year, indicator, value)
            try await t.create(on: db)
        }
        try await Audit.record(
            "demo.load", entity: "organization", id: rootID, after: ["name": root.name], actor: .system,
            at: app.clock.now(), on: db)
        return accounts
    }

    struct UnionPlan {
        var org: Organization
        var employers: [Employer]
        /// How many members this union should get relative to the others.
        var weight: Double
    }

    static func makeEmployers(_ g: inout SeededRandom, rootID: Int) -> [Employer] {
        var result: [Employer] = []
        var usedNames = Set<String>()
        for i in 0..<150 {
            var name = ""
            var industry = ""
            repeat {
                let stem = DemoNames.companyStems.randomElement(using: &g)!
                let (trade, ind) = DemoNames.companyTrades.randomElement(using: &g)!
                name = "示例镇\(stem)\(trade)有限公司"
                industry = ind
            } while !usedNames.insert(name).inserted
            // 30 large, 40 middle-sized, 80 small employers.
            let headcount =
                i < 30 ? Int.random(in: 25...420, using: &g) : i < 70 ? Int.random(in: 8...24, using: &g) : Int.random(in: 2...7, using: &g)
            let e = Employer()
            e.name = name
            e.creditCode = CreditCode.compose("91440606" + randomCode(&g, count: 9)).value
            e.creditCodeForced = false
            e.headcount = headcount
            e.industry = industry
            e.ownership =
                [Ownership.privateOwned, .privateOwned, .privateOwned, .foreign, .hkMacauTaiwan, .collective, .state]
                .randomElement(using: &g)!.rawValue
            e.address = "示例镇\(DemoNames.streets.randomElement(using: &g)!)\(Int.random(in: 1...288, using: &g))号"
            e.$org.id = rootID
            result.append(e)
        }
        return result.sorted { $0.headcount > $1.headcount }
    }

    static func randomCode(_ g: inout SeededRandom, count: Int) -> String {
        let chars = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        return String((0..<count).map { _ in chars.randomElement(using: &g)! })
    }

    /// 28 enterprise unions at the largest employers (two large ones still have none), two joint unions
    /// gathering small employers, and village, community, school and institution unions.
    static func makeUnions(_ g: inout SeededRandom, employers: [Employer], today: CalendarDate) -> [UnionPlan] {
        func org(_ name: String, _ type: UnionType) -> Organization {
            let o = Organization()
            o.name = name
            o.level = OrgLevel.union.rawValue
            o.unionType = type.rawValue
            o.status = OrgStatus.active.rawValue
            let founded = CalendarDate(
                year: Int.random(in: 1998...2019, using: &g), month: Int.random(in: 1...12, using: &g),
                day: Int.random(in: 1...28, using: &g))!
            o.foundedOn = founded.iso
            let term = Int.random(in: 0..<3, using: &g) == 0 ? CommitteeTerm.three : .five
            o.termYears = term.rawValue
            // Elected between six years ago and last month: some terms are overdue, some due soon.
            let month = today.adding(months: -Int.random(in: 1...72, using: &g))
            let elected = max(founded, CalendarDate(year: month.year, month: month.month, day: Int.random(in: 1...28, using: &g))!)
            o.electedOn = elected.iso
            o.reElectionDue = term.reElectionDue(electedOn: elected).iso
            o.regionCode = "440606"
            o.creditCode = CreditCode.compose("81440606" + randomCode(&g, count: 9)).value
            return o
        }
        var plans: [UnionPlan] = []
        let large = employers.filter { $0.headcount >= 25 }
        for e in large.prefix(28) {
            let short = e.name.replacingOccurrences(of: "示例镇", with: "").replacingOccurrences(of: "有限公司", with: "")
            plans.append(UnionPlan(org: org("\(short)有限公司工会", .enterprise), employers: [e], weight: Double(e.headcount) * 0.8))
        }
        let middle = employers.filter { (8..<25).contains($0.headcount) }
        let small = employers.filter { $0.headcount < 8 }
        let jointA = Array(middle.prefix(12)) + Array(small.prefix(15))
        let jointB = Array(middle.dropFirst(12).prefix(10)) + Array(small.dropFirst(15).prefix(15))
        plans.append(
            UnionPlan(org: org("示例镇五金行业联合工会", .joint), employers: jointA, weight: Double(jointA.map(\.headcount).reduce(0, +)) * 0.7))
        plans.append(
            UnionPlan(org: org("示例镇商贸城联合工会", .joint), employers: jointB, weight: Double(jointB.map(\.headcount).reduce(0, +)) * 0.7))
        for v in DemoNames.villages {
            plans.append(UnionPlan(org: org("示例镇\(v)工会", .village), employers: [], weight: Double(Int.random(in: 25...60, using: &g))))
        }
        for c in DemoNames.communities {
            plans.append(UnionPlan(org: org("示例镇\(c)工会", .community), employers: [], weight: Double(Int.random(in: 20...45, using: &g))))
        }
        plans.append(UnionPlan(org: org("示例镇中心小学工会", .school), employers: [], weight: 68))
        plans.append(UnionPlan(org: org("示例镇中学工会", .school), employers: [], weight: 95))
        plans.append(UnionPlan(org: org("示例镇卫生院工会", .institution), employers: [], weight: 74))
        plans.append(UnionPlan(org: org("示例镇人民政府机关工会", .organ), employers: [], weight: 86))
        return plans
    }

    static func insertCadres(_ g: inout SeededRandom, plan: [UnionPlan], cipher: FieldCipher, on db: any Database) async throws {
        var rows: [[any SQLExpression]] = []
        for u in plan {
            for post in [CadrePost.chair, .viceChair, .member] {
                let phone = try PhoneNumber(randomPhone(&g))
                rows.append([
                    SQLBind(try u.org.requireID()), SQLBind(DemoNames.person(&g)), SQLBind(post.rawValue),
                    SQLBind(try cipher.encrypt(phone.value)), SQLBind(phone.masked),
                ])
            }
        }
        var insert = db.sql.insert(into: "cadres").columns("org_id", "name", "post", "phone_enc", "phone_masked")
        for r in rows { insert = insert.values(r) }
        try await insert.run()
    }

    static func randomPhone(_ g: inout SeededRandom) -> String {
        "1" + ["3", "5", "7", "8", "9"].randomElement(using: &g)! + String(Int.random(in: 0...9, using: &g))
            + String(Int.random(in: 10_000_000...99_999_999, using: &g))
    }
}
