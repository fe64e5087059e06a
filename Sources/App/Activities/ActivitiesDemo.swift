import Domain
import Fluent
import SQLKit
import Vapor

/// The demo township's activities and classes, last year and this: the federation's Spring Festival show with its
/// numbers and audience, the May Day basketball matches, a forum of union chairs, a volunteer clean-up with its tons and
/// kilometres, books delivered to employers, a law campaign; each union's May Day games (paid by the entry in its
/// books); two skills classes a year with certificates, a cadres' class, chairs sent to the district's class; this
/// year a migrants' class whose attendance was never recorded (an alert) and a coming event with its waiting list.
enum ActivitiesDemo {
    struct Union: Decodable { var id: Int; var name: String }
    struct MemberRef: Decodable { var id: Int; var union_id: Int }

    static func seed(_ d: inout DemoContext) async throws {
        let db = d.app.db
        let today = d.today
        let unions = try await db.sql.raw(
            "SELECT o.id, o.name FROM organizations o WHERE o.level = 'union' AND o.path LIKE \(bind: d.root.path + "%") ORDER BY o.id"
        ).all(decoding: Union.self)
        let members = try await db.sql.raw(
            """
            SELECT m.id, m.union_id FROM members m JOIN organizations o ON o.id = m.union_id WHERE o.path LIKE \(bind: d.root.path + "%") \
            AND m.status = \(bind: MemberStatus.active.rawValue) ORDER BY m.id
            """
        ).all(decoding: MemberRef.self)
        guard !unions.isEmpty, members.count >= 100 else { return }
        let byUnion = Dictionary(grouping: members, by: \.union_id).mapValues { $0.map(\.id) }
        let chairs = unions.compactMap { byUnion[$0.id]?.first }
        var g = d.random
        let w = Writer(root: d.rootID, user: d.user("staff"), today: today)
        for year in [today.year - 1, today.year] {
            func day(_ m: Int, _ dd: Int) -> CalendarDate { CalendarDate(clamping: year, m, dd) }
            func some(_ pool: [Int], _ n: Int) -> [Int] { Array(pool.shuffled(using: &g).prefix(n)) }
            // The federation's events.
            let show = try await w.activity(
                "show", "\(year)年迎新春职工文艺汇演", day(1, 25), place: "镇文化中心", joint: "镇文化站", guests: 20, audience: 650 + Int.random(in: 0...250, using: &g),
                on: db)
            try await w.items(show, .number, Array(Self.numbers.prefix(20 + year % 10)), on: db)
            try await w.attend(show, members: some(members.map(\.id), 60 + Int.random(in: 0...30, using: &g)), guestVisits: 20, on: db)
            let ball = try await w.activity("sports", "“五一”职工篮球友谊赛", day(4, 26), ends: day(4, 28), place: "镇机关篮球场", on: db)
            try await w.items(ball, .match, (1...6).map { "第\($0)场 \(unions[($0 * 2) % unions.count].name)队对\(unions[($0 * 2 + 1) % unions.count].name)队" }, on: db)
            for s in try await w.sessions(ball, days: [day(4, 26), day(4, 27), day(4, 28)], on: db) {
                try await w.attend(s, members: some(members.map(\.id), 20 + Int.random(in: 0...5, using: &g)), on: db)
            }
            let forum = try await w.activity("forum", "基层工会主席座谈会", day(3, 15), place: "镇总工会会议室", on: db)
            try await w.attend(forum, members: Array(chairs.prefix(28)), on: db)
            let clean = try await w.activity(
                "volunteer", "“清洁家园”志愿服务活动", day(6, 5), place: "镇区主要河道", joint: "镇团委、镇妇联", guests: 25, on: db)
            try await w.attend(clean, members: some(members.map(\.id), 80 + Int.random(in: 0...30, using: &g)), guestVisits: 25, on: db)
            try await w.output(clean, "清扫垃圾", 8_000 + year % 3 * 500, "吨", on: db)
            try await w.output(clean, "河道清理", 1_500, "公里", on: db)
            let books = try await w.activity("charity", "职工书屋送书进企业", day(4, 23), on: db)
            try await w.attend(books, members: some(members.map(\.id), 12), on: db)
            try await w.output(books, "送书", 4_000 + year % 5 * 100, "册", on: db)
            try await w.output(books, "辐射企业", 12_000, "家", on: db)
            let law = try await w.activity("publicity", "《工会法》《劳动法》普法宣传活动", day(12, 4), place: "镇中心广场", audience: 500, on: db)
            try await w.attend(law, members: some(members.map(\.id), 30), on: db)
            // Each union's May Day games, paid by the entry in its own books.
            for u in unions {
                guard let pool = byUnion[u.id], pool.count >= 8 else { continue }
                let on = day(5, 1 + u.id % 20)
                let games = try await w.activity("sports", "“五一”职工趣味运动会", on, org: u.id, on: db)
                try await w.attend(games, members: some(pool, pool.count * (40 + Int.random(in: 0...40, using: &g)) / 100), on: db)
                try await w.linkBookEntry(games, description: "“五一”职工趣味运动会", on: on, on: db)
                guard u.id % 3 == 0 else { continue }
                let trip = try await w.activity("visit", "职工秋季疗休养", day(10, 12 + u.id % 10), org: u.id, place: "黄山", on: db)
                try await w.attend(trip, members: some(pool, max(2, pool.count * (20 + Int.random(in: 0...20, using: &g)) / 100)), on: db)
            }
            // Classes: two skills classes of three days, a cadres' class, the district's class the chairs are sent to.
            for (n, month) in [(1, 3), (2, 9)] {
                let start = day(month, 10)
                let c = try await w.activity("skills", "\(year)年第\(n)期职工岗位技能培训班", start, ends: start.adding(days: 2), place: "镇成人文化技术学校", guests: 6, on: db)
                let trainees = some(members.map(\.id), 40 + Int.random(in: 0...20, using: &g))
                var always = Set(trainees)
                for s in try await w.sessions(c, days: [start, start.adding(days: 1), start.adding(days: 2)], hours: 4, on: db) {
                    let present = trainees.filter { _ in Int.random(in: 0..<100, using: &g) < 92 }
                    always.formIntersection(present)
                    try await w.attend(s, members: present, guestVisits: 6, on: db)
                }
                try await w.certify(c, trainees.filter(always.contains), on: start.adding(days: 2), on: db)
            }
            let cadres = try await w.activity("cadre", "基层工会干部上岗培训班", day(5, 20), place: "镇总工会会议室", on: db)
            try await w.attend(cadres, members: Array(chairs.shuffled(using: &g).prefix(30)), on: db)
            let district = try await w.activity("cadre", "区总工会基层工会主席培训班", day(7, 10), ends: day(7, 12), hostedBy: "区总工会", on: db)
            let sent = Array(chairs.prefix(15 + year % 7))
            for s in try await w.sessions(district, days: [day(7, 10), day(7, 11), day(7, 12)], hours: 6, on: db) {
                try await w.attend(s, members: sent, on: db)
            }
        }
        // This year: a class whose attendance was never recorded, and an event coming with more sign-ups than places.
        let late = today.adding(days: -12)
        if late.year == today.year {
            _ = try await w.activity("migrant", "农民工电工技能培训班", late, ends: late.adding(days: 1), place: "镇成人文化技术学校", on: db)
        }
        let coming = try await w.activity("sports", "迎新年职工趣味运动会", today.adding(days: 10), place: "镇文化中心", cap: 30, on: db)
        try await w.signUps(coming, some: Array(members.map(\.id).shuffled(using: &g).prefix(34)), on: db)
        d.random = g
    }

    static let numbers = [
        "合唱《咱们工人有力量》", "舞蹈《春暖花开》", "小品《加班》", "独唱《我和我的祖国》", "三句半《工会就是娘家人》", "快板《安全生产记心间》", "太极拳表演",
        "诗朗诵《劳动者之歌》", "舞蹈《茉莉花》", "相声《新员工》", "男女声二重唱《在希望的田野上》", "器乐合奏《金蛇狂舞》", "广场舞《最炫民族风》", "越剧选段",
        "小合唱《军港之夜》", "情景剧《回家过年》", "葫芦丝独奏", "舞蹈《丰收》", "黄梅戏选段《夫妻双双把家还》", "歌伴舞《不忘初心》", "模特走秀《职业风采》",
        "武术表演", "口琴独奏", "双人舞《追梦》", "独唱《春天的故事》", "手语舞《感恩的心》", "京剧选段《红灯记》", "朗诵《我骄傲，我是劳动者》", "大合唱《歌唱祖国》",
    ]

    /// Writes the demo's records through the models, dated as they happened.
    struct Writer {
        var root: Int
        var user: Int
        var today: CalendarDate

        func activity(
            _ kind: String, _ title: String, _ starts: CalendarDate, ends: CalendarDate? = nil, org: Int? = nil, place: String? = nil, joint: String? = nil,
            guests: Int = 0, audience: Int? = nil, cap: Int? = nil, hostedBy: String? = nil, on db: any Database
        ) async throws -> Activity {
            let a = Activity()
            a.$org.id = org ?? root
            a.kind = kind
            a.category = ActivityKind.defaults.first { $0.code == kind }?.category.rawValue ?? ActivityCategory.event.rawValue
            a.title = title
            a.startsOn = starts.iso
            a.endsOn = (ends ?? starts).iso
            a.place = place
            a.jointOrganisers = joint
            a.guests = guests
            a.audience = audience
            a.cap = cap
            a.hostedBy = hostedBy
            a.createdBy = user
            try await a.create(on: db)
            _ = try await session(a, starts, on: db)
            return a
        }

        /// The activity's sessions on these days (the first day's already there).
        func sessions(_ a: Activity, days: [CalendarDate], hours: Int? = nil, on db: any Database) async throws -> [ActivitySession] {
            var out: [ActivitySession] = []
            for day in days where day <= today {
                let s = try await session(a, day, on: db)
                s.hours = hours
                try await s.save(on: db)
                out.append(s)
            }
            return out
        }

        private func session(_ a: Activity, _ day: CalendarDate, on db: any Database) async throws -> ActivitySession {
            let id = try a.requireID()
            if let s = try await ActivitySession.query(on: db).filter(\.$activity.$id == id).filter(\.$onDate == day.iso).first() { return s }
            let s = ActivitySession()
            s.$activity.id = id
            s.onDate = day.iso
            s.guestVisits = 0
            try await s.create(on: db)
            return s
        }

        /// Attendance at the activity's first day.
        func attend(_ a: Activity, members: [Int], guestVisits: Int = 0, on db: any Database) async throws {
            guard let first = a.starts, first <= today else { return }
            try await attend(try await session(a, first, on: db), members: members, guestVisits: guestVisits, on: db)
        }

        func attend(_ s: ActivitySession, members: [Int], guestVisits: Int = 0, on db: any Database) async throws {
            let sid = try s.requireID()
            let rows = members.map { m in
                let row = Attendance()
                row.$session.id = sid
                row.$member.id = m
                row.createdBy = user
                return row
            }
            try await rows.create(on: db)
            if guestVisits > 0 {
                s.guestVisits = guestVisits
                try await s.save(on: db)
            }
        }

        func items(_ a: Activity, _ kind: ProgrammeKind, _ titles: [String], on db: any Database) async throws {
            guard let starts = a.starts, starts <= today else { return }
            let id = try a.requireID()
            try await titles.map { t in
                let i = ProgrammeItem()
                i.$activity.id = id
                i.kind = kind.rawValue
                i.title = t
                return i
            }.create(on: db)
        }

        func output(_ a: Activity, _ label: String, _ milli: Int, _ unit: String, on db: any Database) async throws {
            guard let starts = a.starts, starts <= today else { return }
            let o = ActivityOutput()
            o.$activity.id = try a.requireID()
            o.label = label
            o.quantity = milli
            o.unit = unit
            try await o.create(on: db)
        }

        func certify(_ a: Activity, _ members: [Int], on day: CalendarDate, on db: any Database) async throws {
            guard day <= today else { return }
            let id = try a.requireID()
            try await members.map { m in
                let c = Certificate()
                c.$activity.id = id
                c.$member.id = m
                c.issuedOn = day.iso
                return c
            }.create(on: db)
        }

        /// The organiser's book entry of that day and text (the funds demo wrote it), linked as the activity's cost.
        func linkBookEntry(_ a: Activity, description: String, on day: CalendarDate, on db: any Database) async throws {
            guard let e = try await BookEntry.query(on: db).filter(\.$org.$id == a.$org.id).filter(\.$onDate == day.iso)
                .filter(\.$description == description).first()
            else { return }
            let c = ActivityCost()
            c.$activity.id = try a.requireID()
            c.entryID = try e.requireID()
            c.createdBy = user
            try await c.create(on: db)
        }

        /// Sign-ups in order: enrolled up to the cap, the rest waiting.
        func signUps(_ a: Activity, some members: [Int], on db: any Database) async throws {
            let id = try a.requireID()
            try await members.enumerated().map { i, m in
                let s = Signup()
                s.$activity.id = id
                s.$member.id = m
                s.status = (a.cap.map { i < $0 } ?? true) ? SignupStatus.enrolled.rawValue : SignupStatus.waiting.rawValue
                s.signedOn = today.adding(days: -(members.count - i) / 5).iso
                return s
            }.create(on: db)
        }
    }
}
