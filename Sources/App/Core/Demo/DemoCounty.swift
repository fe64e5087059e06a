import Domain
import Fluent
import SQLKit
import Vapor

/// `demo --scale county`: 示例县总工会 with twenty township federations, each a large 示例镇 of its own — 2,000 unions,
/// 50,000 employers and about 1,000,000 members in all — with their cadres, accounts, hardship assistance, petitions,
/// targets and two years of audit history. Deterministic (each town has its own seed) and written by the bulk paths.
enum DemoCounty {
    static let towns = [
        "城关镇", "东湖镇", "西山镇", "南岗镇", "北塘镇", "龙湾镇", "青石镇", "白沙镇", "金溪镇", "石桥镇",
        "大井镇", "新民镇", "河口镇", "清水镇", "杨柳镇", "桃源镇", "凤凰镇", "双龙镇", "长乐镇", "永安镇",
    ]

    /// Home regions (GB/T 2260) of each town's hardship households, so their family members' ID numbers differ.
    static let familyRegions = [
        "440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117",
        "440118", "440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440311",
    ]

    /// One town of the county: 2,500 employers, 100 unions (60 enterprise, 28 joint, 12 others), about 50,000 members.
    static func place(_ index: Int) -> DemoPlace {
        var p = DemoPlace()
        p.name = towns[index]
        p.cadreTitle = towns[index] + "总工会"
        p.regionCode = "440606"
        p.familyRegion = familyRegions[index]
        p.employers = 2_500
        p.enterpriseUnions = 60
        p.joints = Array(repeating: DemoPlace.Joint(bigger: 38, small: 30), count: 28)
        p.members = 50_000
        p.accountPrefix = String(format: "t%02d.", index + 1)
        p.seed = 20_261_126 &+ UInt64(index + 1) &* 7_919
        return p
    }

    /// Loads the county when the database has no organizations yet; nil otherwise. `progress` hears each town. A test
    /// loads a county of `count` small towns (`scale` makes each town's place) to check that towns do not collide.
    static func loadIfEmpty(
        _ app: Application, count: Int = towns.count, scale: (Int) -> DemoPlace = place, progress: (String) -> Void
    ) async throws -> [DemoTownship.Account]? {
        guard try await Organization.query(on: app.db).count() == 0 else { return nil }
        let db = app.db
        let today = app.clock.today(in: app.config.timeZone)
        let county = try await OrganizationQuery.createRoot(name: "示例县总工会", on: db)
        county.regionCode = "440606"
        county.foundedOn = "1952-05-01"
        let elected = CalendarDate(clamping: today.year - 3, 9, 20)
        county.electedOn = elected.iso
        county.reElectionDue = CommitteeTerm.five.reElectionDue(electedOn: elected).iso
        try await county.update(on: db)
        let countyID = try county.requireID()
        var register = DemoRegister()
        var accounts: [DemoTownship.Account] = []
        for (username, name, role) in [("staff", "县总工会干部", Role.federationStaff), ("leader", "县总工会主席", Role.leader)] {
            let (user, password) = try await UserQuery.create(
                username: username, displayName: name, role: role, orgID: countyID, app: app, actor: .system, on: db)
            accounts.append(DemoTownship.Account(role: role.label, username: user.username, password: password))
        }
        for index in towns.indices.prefix(count) {
            let started = Date()
            let place = scale(index)
            let town = Organization()
            town.name = place.name + "总工会"
            town.level = OrgLevel.federation.rawValue
            town.termYears = 5
            town.status = OrgStatus.active.rawValue
            town.$parent.id = countyID
            town.path = county.path
            try await Store.write(db) { tx in
                try await town.create(on: tx)
                town.path = county.path + "\(try town.requireID())/"
                try await town.update(on: tx)
            }
            accounts += try await DemoTownship.load(app, place: place, federation: town, register: &register)
            try await insertAuditHistory(town: town, place: place, today: today, on: db)
            progress("\(town.name)：\(register.cards) 名会员，用时 \(Int(Date().timeIntervalSince(started))) 秒")
        }
        try await register.saveCardCounter(on: db)
        for module in app.modules { try await module.seedDemoCounty(app, county: countyID, towns: count, today: today) }
        try await db.analyze(vacuum: true)
        return accounts
    }

    /// Two years of the town's audit log as its cadres would leave it: sign-ins, member edits, status changes,
    /// transfers, reveals of full numbers and exports — about 10,000 entries a town.
    static func insertAuditHistory(town: Organization, place: DemoPlace, today: CalendarDate, on db: any Database) async throws {
        struct Bounds: Decodable { var lo: Int?; var hi: Int? }
        struct UserRow: Decodable { var id: Int; var username: String; var org_id: Int }
        let bounds = try await db.sql.raw(
            """
            SELECT MIN(id) AS lo, MAX(id) AS hi FROM members
            WHERE union_id IN (SELECT id FROM organizations WHERE path LIKE \(bind: town.path + "%"))
            """
        ).first(decoding: Bounds.self)
        guard let lo = bounds?.lo, let hi = bounds?.hi else { return }
        let users = try await db.sql.select().columns("id", "username", "org_id").from("users")
            .where("username", .like, place.accountPrefix + "%").all(decoding: UserRow.self)
        guard !users.isEmpty else { return }
        var g = SeededRandom(seed: place.seed &+ 1)
        let start = CalendarDate(clamping: today.year - 1, 1, 1).date(in: .gmt)
        let span = today.date(in: .gmt).timeIntervalSince(start)
        let actions: [(String, String)] = [
            ("login", "user"), ("login", "user"), ("login", "user"), ("member.update", "member"), ("member.update", "member"),
            ("member.status", "member"), ("member.transfer", "member"), ("member.reveal", "member"), ("member.export", "member"),
        ]
        let times = (0..<10_000).map { _ in start.addingTimeInterval(Double.random(in: 0..<span, using: &g)) }.sorted()
        var rows: [[BulkValue]] = []
        for at in times {
            let u = users.pick(using: &g)
            let (action, entity) = actions.pick(using: &g)
            let entityID = entity == "user" ? u.id : Int.random(in: lo...hi, using: &g)
            let after: String? =
                switch action {
                case "member.update": Audit.json(["education": "bachelor"])
                case "member.status": Audit.json(["status": MemberStatus.retired.rawValue, "reason": "退休"])
                case "member.reveal": Audit.json(["fields": "idNumber"])
                default: nil
                }
            rows.append([
                .time(at), .int(u.id), .text(u.username), .int(u.org_id),
                .text("10.20.\(Int.random(in: 1...254, using: &g)).\(Int.random(in: 2...254, using: &g))"),
                .text(action), .text(entity), .int(entityID), .null, .text(after), .bool(true),
            ])
        }
        let all = rows
        try await Store.write(db) { tx in
            try await BulkInsert.run(
                into: "audit_entries",
                columns: ["at", "user_id", "username", "org_id", "ip", "action", "entity", "entity_id", "before", "after", "success"],
                rows: all, on: tx)
        }
    }
}
