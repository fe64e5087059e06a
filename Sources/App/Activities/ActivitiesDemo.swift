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
        let centres = try await Self.centres(unions, byUnion: byUnion, w: w, g: &g, on: db)
        let centre = centres.first?.id
        for year in [today.year - 1, today.year] {
            func day(_ m: Int, _ dd: Int) -> CalendarDate { CalendarDate(clamping: year, m, dd) }
            func some(_ pool: [Int], _ n: Int) -> [Int] { Array(pool.shuffled(using: &g).prefix(n)) }
            // The federation's events.
            let show = try await w.activity(
                "show", "\(year)年迎新春职工文艺汇演", day(1, 25), place: "镇文化中心", joint: "镇文化站", guests: 20, audience: 650 + Int.random(in: 0...250, using: &g),
                on: db)
            try await w.items(show, .number, Array(Self.numbers.prefix(20 + year % 10)), on: db)
            try await w.attend(show, members: some(members.map(\.id), 60 + Int.random(in: 0...30, using: &g)), guestVisits: 20, on: db)
            let mayDay = try await w.activity(
                "festivalSeries", "\(year)年“五一”系列活动", day(4, 20), ends: day(5, 10), channels: ["横幅", "微信公众号"], materials: 300, on: db)
            let ball = try await w.activity("sports", "“五一”职工篮球友谊赛", day(4, 26), ends: day(4, 28), place: "镇机关篮球场", campaign: mayDay, on: db)
            try await w.items(ball, .match, (1...6).map { "第\($0)场 \(unions[($0 * 2) % unions.count].name)队对\(unions[($0 * 2 + 1) % unions.count].name)队" }, on: db)
            for s in try await w.sessions(ball, days: [day(4, 26), day(4, 27), day(4, 28)], on: db) {
                try await w.attend(s, members: some(members.map(\.id), 20 + Int.random(in: 0...5, using: &g)), on: db)
            }
            let forum = try await w.activity("forum", "基层工会主席座谈会", day(3, 15), place: "镇总工会会议室", centre: centre, on: db)
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
            let month = try await w.activity(
                "lawCampaign", "\(year)年“尊法学法守法用法”普法宣传月", day(11, 20), ends: day(12, 20), channels: ["板报", "画廊", "有线广播", "微信公众号", "宣传资料"],
                materials: 2_000, on: db)
            let law = try await w.activity(
                "publicity", "《工会法》《劳动法》普法宣传活动", day(12, 4), place: "镇中心广场", audience: 500, campaign: month, on: db)
            try await w.attend(law, members: some(members.map(\.id), 30), on: db)
            // A skills contest with its rounds and awards; the 金点子 collection with its ideas.
            let contest = try await w.activity("skillsContest", "\(year)年职工电工技能比武", day(9, 20), ends: day(9, 21), place: "镇成人文化技术学校", audience: 120, centre: centre, on: db)
            let entrants = some(members.map(\.id), 30)
            let rounds = try await w.sessions(contest, days: [day(9, 20), day(9, 21)], hours: nil, on: db)
            for (n, s) in rounds.enumerated() { try await w.attend(s, members: n == 0 ? entrants : Array(entrants.prefix(12)), on: db) }
            if !rounds.isEmpty {
                let awards: [(AwardLevel, Int, Int)] = [(.first, 1, 500_00), (.second, 2, 300_00), (.third, 3, 200_00), (.merit, 4, 50_00)]
                var k = 0
                for (award, n, prize) in awards {
                    for _ in 0..<n {
                        try await w.result(contest, member: entrants[k], award: award, prize: prize, on: db)
                        k += 1
                    }
                }
            }
            let ideas = try await w.activity("ideas", "\(year)年“金点子”合理化建议征集活动", day(3, 1), ends: day(6, 30), channels: ["微信群/QQ群", "宣传资料"], materials: 500, on: db)
            try await w.ideas(ideas, members: some(members.map(\.id), 40 + Int.random(in: 0...30, using: &g)), year: year, g: &g, on: db)
            // Each union's May Day games, paid by the entry in its own books.
            for u in unions {
                guard let pool = byUnion[u.id], pool.count >= 8 else { continue }
                let on = day(5, 1 + u.id % 20)
                let games = try await w.activity("sports", "“五一”职工趣味运动会", on, org: u.id, campaign: mayDay, on: db)
                try await w.attend(games, members: some(pool, pool.count * (40 + Int.random(in: 0...40, using: &g)) / 100), on: db)
                try await w.linkBookEntry(games, description: "“五一”职工趣味运动会", on: on, on: db)
                guard u.id % 3 == 0 else { continue }
                let trip = try await w.activity("visit", "职工秋季疗休养", day(10, 12 + u.id % 10), org: u.id, place: "黄山", on: db)
                try await w.attend(trip, members: some(pool, max(2, pool.count * (20 + Int.random(in: 0...20, using: &g)) / 100)), on: db)
            }
            // Classes: two skills classes of three days, a cadres' class, the district's class the chairs are sent to.
            for (n, month) in [(1, 3), (2, 9)] {
                let start = day(month, 10)
                let c = try await w.activity(
                    "skills", "\(year)年第\(n)期职工岗位技能培训班", start, ends: start.adding(days: 2), place: "镇成人文化技术学校", guests: 6, centre: centre, on: db)
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

    /// The township's service centres: the federation's service centre, libraries, homes, nursing rooms and stations
    /// at unions (a few short of their standard), with their weekly visits since the start of last year.
    static func centres(_ unions: [Union], byUnion: [Int: [Int]], w: Writer, g: inout SeededRandom, on db: any Database) async throws -> [ServiceCentre] {
        let today = w.today
        var out: [ServiceCentre] = []
        func add(_ org: Int, _ kind: String, _ name: String, opened: CalendarDate, area: Int?, keeper: String?, books: Int? = nil, lacking: Int = 0) async throws {
            guard let k = CentreKind.defaults.first(where: { $0.code == kind }) else { return }
            let p = ServiceCentre()
            p.$org.id = org
            p.kind = kind
            p.name = name
            p.openedOn = opened.iso
            p.area = area
            p.hours = "周一至周五 9:00-17:00"
            p.keeper = keeper
            p.books = books
            p.equipment = k.equipment.dropLast(lacking).joined(separator: "、")
            p.createdBy = w.user
            try await p.create(on: db)
            out.append(p)
        }
        let y = today.year
        try await add(w.root, "centre", "示例镇“先锋号”职工服务中心", opened: CalendarDate(clamping: y - 4, 5, 1), area: 600, keeper: "陈晓燕")
        try await add(w.root, "library", "示例镇总工会职工书屋", opened: CalendarDate(clamping: y - 5, 4, 23), area: 80, keeper: "刘敏", books: 6_200)
        for (i, u) in unions.prefix(12).enumerated() where (byUnion[u.id]?.count ?? 0) >= 10 {
            let opened = CalendarDate(clamping: y - 3 + i % 4, 1 + i % 12, 10)
            switch i % 4 {
            case 0: try await add(u.id, "library", "\(u.name)职工书屋", opened: opened, area: 30, keeper: nil, books: 2_400 + i * 150, lacking: i % 8 == 0 ? 1 : 0)
            case 1: try await add(u.id, "nursing", "\(u.name)爱心妈妈小屋", opened: opened, area: 8 + i % 5, keeper: "王丽", lacking: 0)
            case 2: try await add(u.id, "home", "\(u.name)职工之家", opened: opened, area: 120, keeper: nil)
            default: try await add(u.id, "station", "\(u.name)工会驿站", opened: opened, area: 25, keeper: "张伟", lacking: 1)
            }
        }
        var visits: [CentreVisit] = []
        for p in out {
            guard let opened = CalendarDate(parsing: p.openedOn), let pid = p.id else { continue }
            var day = max(opened, CalendarDate(clamping: y - 1, 1, 2))
            let scale = p.kind == "centre" ? 60 : p.kind == "library" ? 25 : 10
            while day <= today {
                let v = CentreVisit()
                v.$centre.id = pid
                v.onDate = day.iso
                v.visits = scale + Int.random(in: 0...scale, using: &g)
                v.volunteers = p.kind == "centre" ? Int.random(in: 0...3, using: &g) : 0
                v.booksLent = p.kind == "library" ? Int.random(in: 5...30, using: &g) : 0
                v.createdBy = w.user
                visits.append(v)
                day = day.adding(days: 7)
            }
        }
        try await visits.createInBatches(on: db)
        return out
    }

    static let ideaTitles = [
        "改进冲压模具定位装置", "车间照明改用声控节能灯", "包装纸箱回收再利用", "优化叉车行驶路线", "空压机余热回收用于洗浴", "设备点检表改为扫码填报",
        "食堂错峰就餐减少排队", "废边角料分类回收", "焊接工装夹具改进", "仓库货位编码重排", "夜班交接班记录电子化", "冷却水循环使用",
    ]

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
            guests: Int = 0, audience: Int? = nil, cap: Int? = nil, hostedBy: String? = nil, centre: Int? = nil, campaign: Activity? = nil,
            channels: [String] = [], materials: Int? = nil, on db: any Database
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
            a.centreID = centre
            a.campaignID = campaign?.id
            a.channels = channels.isEmpty ? nil : channels.joined(separator: "、")
            a.materials = materials
            a.createdBy = user
            try await a.create(on: db)
            if a.activityCategory != .campaign { _ = try await session(a, starts, on: db) }
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
            try await rows.createInBatches(on: db)
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
            }.createInBatches(on: db)
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
            }.createInBatches(on: db)
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

        func result(_ a: Activity, member: Int, award: AwardLevel, prize: Int?, on db: any Database) async throws {
            let r = CompetitionResult()
            r.$activity.id = try a.requireID()
            r.$member.id = member
            r.award = award.rawValue
            r.prize = prize
            r.createdBy = user
            try await r.create(on: db)
        }

        /// Ideas handed in during the collection, most assessed a month later: about two in five adopted, a few graded A.
        func ideas(_ a: Activity, members: [Int], year: Int, g: inout SeededRandom, on db: any Database) async throws {
            guard let starts = a.starts, starts <= today else { return }
            var rows: [Idea] = []
            for (n, m) in members.enumerated() {
                let on = starts.adding(days: n * 110 / max(1, members.count))
                guard on <= today else { continue }
                let i = Idea()
                i.$org.id = a.$org.id
                i.activityID = a.id
                i.$member.id = m
                i.title = ActivitiesDemo.ideaTitles[n % ActivitiesDemo.ideaTitles.count]
                i.submittedOn = on.iso
                i.createdBy = user
                let decided = on.adding(days: 30)
                if decided <= today, n % 7 != 6 {
                    let roll = Int.random(in: 0..<100, using: &g)
                    let grade: IdeaGrade = roll < 8 ? .a : roll < 30 ? .b : roll < 65 ? .c : .d
                    i.grade = grade.rawValue
                    i.adopted = grade == .a || grade == .b || (grade == .c && roll % 2 == 0)
                    i.decidedOn = decided.iso
                    i.savings = i.adopted == true ? (grade == .a ? 20_000_00 + Int.random(in: 0...30, using: &g) * 1_000_00 : Int.random(in: 1...15, using: &g) * 1_000_00) : nil
                    i.reward = i.adopted == true ? (grade == .a ? 600_00 : 50_00 + Int.random(in: 0...15, using: &g) * 10_00) : 20_00
                }
                rows.append(i)
            }
            try await rows.createInBatches(on: db)
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
            }.createInBatches(on: db)
        }
    }
}
