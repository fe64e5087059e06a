import Domain
import Fluent
import SQLKit
import Vapor

/// What a module's demo seeder is given: the township's federation and accounts, the day, and the shared seeded
/// generator (modules draw from it in list order, so the same seed gives the same records).
struct DemoContext {
    let app: Application
    let place: DemoPlace
    let root: Organization
    let rootID: Int
    /// The demo accounts' user ids: `staff`, `reviewer`, `officer`, `leader`.
    let users: [String: Int]
    let today: CalendarDate
    var random: SeededRandom

    func user(_ name: String) -> Int { users[name] ?? 0 }
}

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
    static func loadIfEmpty(_ app: Application) async throws -> [Account]? {
        guard try await Organization.query(on: app.db).count() == 0 else { return nil }
        var register = DemoRegister()
        let root = try await OrganizationQuery.createRoot(name: "示例镇总工会", on: app.db)
        let accounts = try await load(app, place: DemoPlace(), federation: root, register: &register)
        try await register.saveCardCounter(on: app.db)
        try await app.db.analyze()
        return accounts
    }

    /// Fills one township federation (already created, as the root or under a county) with its unions, employers,
    /// members, accounts and the records of every module.
    static func load(_ app: Application, place: DemoPlace, federation root: Organization, register: inout DemoRegister) async throws
        -> [Account]
    {
        var g = SeededRandom(seed: place.seed)
        let today = app.clock.today(in: app.config.timeZone)
        let db = app.db
        root.regionCode = place.regionCode
        root.foundedOn = "1985-05-01"
        let elected = CalendarDate(clamping: today.year - 2, 4, 15)
        root.electedOn = elected.iso
        root.termYears = 5
        root.reElectionDue = CommitteeTerm.five.reElectionDue(electedOn: elected).iso
        try await root.update(on: db)
        let rootID = try root.requireID()

        let employers = try makeEmployers(&g, place: place)
        let plan = try makeUnions(&g, place: place, employers: employers, today: today)
        DemoHistory.foundNewUnions(plan, place: place, today: today)
        try await Store.write(db) { tx in
            for u in plan {
                u.org.$parent.id = rootID
                u.org.path = root.path
                try await u.org.create(on: tx)
                u.org.path = root.path + "\(try u.org.requireID())/"
                try await u.org.update(on: tx)
                for e in u.employers { e.$union.id = u.org.id }
            }
            try await insertEmployers(employers, org: rootID, on: tx)
        }
        try await DemoHistory.write(plan, root: root, employers: employers, place: place, today: today, on: db)
        try await insertCadres(&g, plan: plan, cipher: app.cipher, on: db)
        try await insertMembers(&g, plan: plan, target: place.members, today: today, register: &register, cipher: app.cipher, on: db)

        var accounts: [Account] = []
        var ids: [String: Int] = [:]
        let officerUnion = try plan[0].org.requireID()
        for (username, name, role, org) in [
            ("staff", "\(place.cadreTitle)干部", Role.federationStaff, rootID),
            ("reviewer", "\(place.cadreTitle)副主席", Role.federationStaff, rootID),
            ("officer", plan[0].org.name + "主席", Role.unionOfficer, officerUnion), ("leader", "\(place.cadreTitle)主席", Role.leader, rootID),
        ] {
            let (user, password) = try await UserQuery.create(
                username: place.accountPrefix + username, displayName: name, role: role, orgID: org, app: app,
                actor: .system, on: db)
            ids[username] = try user.requireID()
            accounts.append(Account(role: role.label, username: user.username, password: password))
        }
        var demo = DemoContext(app: app, place: place, root: root, rootID: rootID, users: ids, today: today, random: g)
        for module in app.modules { try await module.seedDemo(&demo) }
        try await Audit.record(
            AccountAudit.demoLoad, entity: "organization", id: rootID, after: ["name": root.name], actor: .system,
            at: app.clock.now(), on: db)
        return accounts
    }

    /// Employers go in by the bulk path, then their ids are read back for the members.
    static func insertEmployers(_ employers: [Employer], org: Int, on db: any Database) async throws {
        let now = Date()
        try await BulkInsert.run(
            into: "employers",
            columns: [
                "name", "credit_code", "credit_code_forced", "headcount", "industry", "ownership", "address", "org_id", "union_id",
                "created_at", "updated_at",
            ],
            rows: employers.map { e in
                [
                    .text(e.name), .text(e.creditCode), .bool(false), .int(e.headcount), .text(e.industry), .text(e.ownership),
                    .text(e.address), .int(org), .int(e.$union.id), .time(now), .time(now),
                ]
            }, on: db)
        struct Row: Decodable { var id: Int; var credit_code: String }
        let rows = try await db.sql.select().columns("id", "credit_code").from("employers").where("org_id", .equal, org)
            .all(decoding: Row.self)
        let ids = Dictionary(uniqueKeysWithValues: rows.map { ($0.credit_code, $0.id) })
        for e in employers { e.id = e.creditCode.flatMap { ids[$0] } }
    }

    struct UnionPlan {
        var org: Organization
        var employers: [Employer]
        /// How many members this union should get relative to the others.
        var weight: Double
    }

    static func makeEmployers(_ g: inout SeededRandom, place: DemoPlace) throws -> [Employer] {
        var result: [Employer] = []
        var usedNames = Set<String>()
        // A place with more employers than one-word names allow gives them two-word names.
        let twoWords = place.employers > 300
        for i in 0..<place.employers {
            var name = ""
            var industry = ""
            repeat {
                var stem = DemoNames.companyStems.pick(using: &g)
                if twoWords { stem += DemoNames.companyStems.pick(using: &g) }
                let (trade, ind) = DemoNames.companyTrades.pick(using: &g)
                name = "\(place.name)\(stem)\(trade)有限公司"
                industry = ind
            } while !usedNames.insert(name).inserted
            // A fifth large, a quarter middle-sized (8–24 staff), the rest small.
            let headcount =
                i < place.employers / 5
                ? Int.random(in: 25...420, using: &g)
                : i < place.employers * 7 / 15 ? Int.random(in: 8...24, using: &g) : Int.random(in: 2...7, using: &g)
            let e = Employer()
            e.name = name
            e.creditCode = try CreditCode.compose("91" + place.regionCode + randomCode(&g, count: 9)).value
            e.creditCodeForced = false
            e.headcount = headcount
            e.industry = industry
            e.ownership =
                [Ownership.privateOwned, .privateOwned, .privateOwned, .foreign, .hkMacauTaiwan, .collective, .state]
                .pick(using: &g).rawValue
            e.address = "\(place.name)\(DemoNames.streets.pick(using: &g))\(Int.random(in: 1...288, using: &g))号"
            result.append(e)
        }
        return result.sorted { $0.headcount > $1.headcount }
    }

    static func randomCode(_ g: inout SeededRandom, count: Int) -> String {
        let chars = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        return String((0..<count).map { _ in chars.pick(using: &g) })
    }

    /// 28 enterprise unions at the largest employers (two large ones still have none), two joint unions
    /// gathering small employers, and village, community, school and institution unions.
    static func makeUnions(_ g: inout SeededRandom, place: DemoPlace, employers: [Employer], today: CalendarDate) throws -> [UnionPlan] {
        func org(_ name: String, _ type: UnionType) throws -> Organization {
            let o = Organization()
            o.name = name
            o.level = OrgLevel.union.rawValue
            o.unionType = type.rawValue
            o.status = OrgStatus.active.rawValue
            let founded = CalendarDate(clamping: Int.random(in: 1998...2019, using: &g), Int.random(in: 1...12, using: &g), Int.random(in: 1...28, using: &g))
            o.foundedOn = founded.iso
            let term = Int.random(in: 0..<3, using: &g) == 0 ? CommitteeTerm.three : .five
            o.termYears = term.rawValue
            // Elected between six years ago and last month: some terms are overdue, some due soon.
            let month = today.adding(months: -Int.random(in: 1...72, using: &g))
            let elected = max(founded, CalendarDate(clamping: month.year, month.month, Int.random(in: 1...28, using: &g)))
            o.electedOn = elected.iso
            o.reElectionDue = term.reElectionDue(electedOn: elected).iso
            o.regionCode = place.regionCode
            o.creditCode = try CreditCode.compose("81" + place.regionCode + randomCode(&g, count: 9)).value
            return o
        }
        var plans: [UnionPlan] = []
        let large = employers.filter { $0.headcount >= 25 }
        for e in large.prefix(place.enterpriseUnions) {
            let short = e.name.replacingOccurrences(of: place.name, with: "").replacingOccurrences(of: "有限公司", with: "")
            plans.append(UnionPlan(org: try org("\(short)有限公司工会", .enterprise), employers: [e], weight: Double(e.headcount) * 0.8))
        }
        // Joint unions gather the employers too small for a union of their own (and, in a large place, the large ones
        // left without one); two large employers stay without a union.
        var bigger = ArraySlice(large.dropFirst(place.enterpriseUnions + 2) + employers.filter { (8..<25).contains($0.headcount) })
        var small = ArraySlice(employers.filter { $0.headcount < 8 })
        for (i, j) in place.joints.enumerated() {
            let members = Array(bigger.prefix(j.bigger)) + Array(small.prefix(j.small))
            bigger = bigger.dropFirst(j.bigger)
            small = small.dropFirst(j.small)
            let name =
                i < 2
                ? ["五金行业联合工会", "商贸城联合工会"][i] : "\(DemoNames.streets[i % DemoNames.streets.count])片区第\(i / DemoNames.streets.count + 1)联合工会"
            plans.append(
                UnionPlan(
                    org: try org(place.name + name, .joint), employers: members, weight: Double(members.map(\.headcount).reduce(0, +)) * 0.7))
        }
        for v in DemoNames.villages {
            plans.append(
                UnionPlan(org: try org("\(place.name)\(v)工会", .village), employers: [], weight: Double(Int.random(in: 25...60, using: &g))))
        }
        for c in DemoNames.communities {
            plans.append(
                UnionPlan(org: try org("\(place.name)\(c)工会", .community), employers: [], weight: Double(Int.random(in: 20...45, using: &g))))
        }
        plans.append(UnionPlan(org: try org(place.name + "中心小学工会", .school), employers: [], weight: 68))
        plans.append(UnionPlan(org: try org(place.name + "中学工会", .school), employers: [], weight: 95))
        plans.append(UnionPlan(org: try org(place.name + "卫生院工会", .institution), employers: [], weight: 74))
        plans.append(UnionPlan(org: try org(place.name + "人民政府机关工会", .organ), employers: [], weight: 86))
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
        "1" + ["3", "5", "7", "8", "9"].pick(using: &g) + String(Int.random(in: 0...9, using: &g))
            + String(Int.random(in: 10_000_000...99_999_999, using: &g))
    }
}
