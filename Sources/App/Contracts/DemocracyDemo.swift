import Domain
import Fluent
import SQLKit
import Vapor

/// The demo township's democratic management, last year and this: congresses in most employers of 100 and more
/// (one with its full list of delegates), sessions each year reported upward (one late, two not yet held this
/// year), the secondary school's 教代会 with proposals all answered last year and this year's still being handled (one
/// past its 20 days), 厂务公开 items and checks (one correction overdue), each week's bargaining reports (one union
/// missing this week), women workers' committees (one union with many women members still without one).
enum DemocracyDemo {
    struct UnionRef: Decodable, Sendable {
        var id: Int
        var name: String
        var union_type: String?
    }

    static func seed(_ d: inout DemocracyContext) async throws {
        let db = d.db
        let root = d.root
        let today = d.today
        let employers = try await db.sql.select().columns("id", "name", "headcount", "union_id").from("employers")
            .where("org_id", .equal, root).orderBy("id").all(decoding: ContractsDemo.EmployerRef.self)
        let unions = try await db.sql.select().columns("id", "name", "union_type").from("organizations").where("parent_id", .equal, root)
            .where("level", .equal, OrgLevel.union.rawValue).orderBy("id").all(decoding: UnionRef.self)
        let large = employers.filter { $0.union_id != nil && $0.headcount >= 100 }
        var g = d.random
        let last = today.year - 1
        var first = true
        for (i, e) in large.enumerated() where i % 5 != 4 {
            let seats = max(30, (e.headcount * 5 + 99) / 100)
            let start = CalendarDate(clamping: last - 1, 3 + i % 6, 12)
            let c = try await congress(
                d, org: e.union_id ?? root, kind: .workers, employer: e.id, name: e.name + "职工代表大会", start: start, staff: e.headcount,
                women: e.headcount * (30 + i % 30) / 100, seats: seats)
            if first {
                try await delegates(d, congress: c, seats: seats, electedOn: start.adding(days: -10), g: &g)
                first = false
            }
            try await session(d, congress: c, title: "第一届第二次会议", held: CalendarDate(clamping: last, 3 + i % 8, 20), members: seats, reportAfter: i == 1 ? 15 : 4)
            // Two employers have not met this year: their session is overdue.
            if i != 2, i != 3 {
                let held = CalendarDate(clamping: today.year, 2 + i % 8, 18)
                if held < today {
                    try await session(d, congress: c, title: "第一届第三次会议", held: held, members: seats, reportAfter: 3)
                }
            }
        }
        // The secondary school's 教代会 and its proposals.
        if let school = unions.first(where: { $0.union_type == UnionType.school.rawValue && $0.name.contains("中学") }) {
            let c = try await congress(
                d, org: school.id, kind: .teachers, employer: nil, name: school.name.replacingOccurrences(of: "工会", with: "") + "教职工代表大会",
                start: CalendarDate(clamping: last - 1, 9, 1), staff: 120, women: 70, seats: 40)
            let s1 = try await session(
                d, congress: c, title: "第五届第二次会议", held: CalendarDate(clamping: last, 3, 15), members: 40, reportAfter: 3,
                window: (CalendarDate(clamping: last, 2, 1), CalendarDate(clamping: last, 3, 5)))
            for k in 0..<8 {
                try await proposal(d, session: s1, k: k, submitted: CalendarDate(clamping: last, 2, 10 + k), stage: .answered, satisfied: k != 7)
            }
            let heldThisYear = CalendarDate(clamping: today.year, 3, 14)
            if heldThisYear < today {
                let s2 = try await session(
                    d, congress: c, title: "第五届第三次会议", held: heldThisYear, members: 40, reportAfter: 4,
                    window: (CalendarDate(clamping: today.year, 2, 1), CalendarDate(clamping: today.year, 3, 6)))
                for k in 0..<6 {
                    try await proposal(d, session: s2, k: k + 8, submitted: CalendarDate(clamping: today.year, 2, 9 + k),
                        stage: k == 5 ? .returned : k == 4 ? .registered : .answered, satisfied: true)
                }
            }
        }
        // 厂务公开: most employers of 50 and more disclose several times a year and are checked once.
        let fifty = employers.filter { $0.headcount >= 50 }
        for (i, e) in fifty.enumerated() where i % 6 != 5 {
            for (k, title) in ["年度生产经营情况", "工资调整和奖金分配方案", "职工福利费使用情况"].enumerated() {
                let on = today.adding(days: -(40 + 90 * k + i % 20))
                try await insert(d, Disclosure.self) {
                    $0.$employer.id = e.id
                    $0.disclosedOn = on.iso
                    $0.channel = [DisclosureChannel.board, .congress, .chat][k].rawValue
                    $0.title = title
                }
            }
            let checked = today.adding(days: -(60 + i % 100))
            let passed = i % 7 != 3
            try await insert(d, DisclosureCheck.self) {
                $0.$employer.id = e.id
                $0.checkedOn = checked.iso
                $0.passed = passed
                $0.findings = passed ? "公开内容齐全，公开栏更新及时" : "福利费使用情况未公开，公开栏内容未更新"
                $0.correctionsDue = passed ? nil : checked.adding(days: 30).iso
            }
        }
        // Weekly reports of the unions with negotiations open: the past three weeks, and this week but one union.
        // This town's only (a county loads twenty of them).
        let subtree = SQLQueryString("IN (SELECT id FROM organizations WHERE path LIKE (SELECT path FROM organizations WHERE id = \(bind: root)) || '%')")
        let open = try await Negotiation.query(on: db).filter(\.$state ~~ NegotiationState.allCases.filter(\.isOpen).map(\.rawValue))
            .filter(.sql(SQLQueryString("negotiations.org_id ") + subtree)).all()
        let reporting = Array(Set(open.map(\.$org.id))).sorted()
        for (i, org) in reporting.enumerated() {
            for w in 0...3 {
                let week = today.monday.adding(days: -7 * w)
                guard !(w == 0 && i == 0), week.adding(days: 2) <= today || w > 0 else { continue }
                try await insert(d, BargainingReport.self) {
                    $0.$org.id = org
                    $0.week = week.iso
                    $0.reportedOn = min(week.adding(days: 0), today).iso
                    $0.progress = ["已发出要约，等待企业书面回应", "双方代表已确定，准备第一轮协商", "企业已回应，约定下周协商", "协商代表变动，正在补选"][(i + w) % 4]
                }
            }
        }
        // Women workers' committees in most unions with many women members.
        let women = try await db.sql.raw(
            """
            SELECT m.union_id AS id, CAST(SUM(CASE WHEN m.gender = 'female' THEN 1 ELSE 0 END) AS BIGINT) AS n FROM members m \
            WHERE m.union_id \(subtree) GROUP BY m.union_id
            """
        ).all(decoding: Count.self)
        let many = women.filter { $0.n >= 25 }.map(\.id).sorted()
        for (i, org) in many.enumerated() where i % 4 != 3 {
            try await insert(d, WomenCommittee.self) {
                $0.$org.id = org
                $0.form = WomenOrganisation.committee.rawValue
                $0.setUpOn = CalendarDate(clamping: last - 2 + i % 3, 5, 8).iso
                $0.chair = ["林秀英", "何丽华", "吴晓燕", "郑美玲"][i % 4]
                $0.members = 3 + i % 3
                $0.termEnds = CalendarDate(clamping: last + 3, 5, 7).iso
            }
        }
        d.random = g
    }

    struct Count: Decodable { var id: Int; var n: Int }

    static func insert<M: Model>(_ d: DemocracyContext, _ type: M.Type, _ fill: (M) -> Void) async throws {
        let m = M()
        fill(m)
        try await m.create(on: d.db)
    }

    @discardableResult
    static func congress(
        _ d: DemocracyContext, org: Int, kind: CongressKind, employer: Int?, name: String, start: CalendarDate, staff: Int, women: Int, seats: Int
    ) async throws -> Int {
        let c = Congress()
        c.$org.id = org
        c.kind = kind.rawValue
        c.level = ContractLevel.enterprise.rawValue
        c.$employer.id = employer
        c.name = name
        c.termStart = start.iso
        c.termYears = 3
        c.staff = staff
        c.womenStaff = women
        c.seats = seats
        c.allStaff = false
        c.createdBy = d.actor
        try await c.create(on: d.db)
        return try c.requireID()
    }

    /// A full list of delegates within the rules: managers under the cap, women in proportion.
    static func delegates(_ d: DemocracyContext, congress: Int, seats: Int, electedOn: CalendarDate, g: inout SeededRandom) async throws {
        let names = ["陈", "李", "张", "黄", "刘", "吴", "周", "何", "郭", "梁"]
        let women = ["秀英", "丽娟", "美玲", "小红", "淑芬"]
        let men = ["建华", "志强", "国平", "伟", "海涛"]
        for k in 0..<seats {
            let x = Delegate()
            x.$congress.id = congress
            let female = k % 5 < 2
            x.name = names[k % 10] + (female ? women : men)[(k * 3 + Int.random(in: 0...4, using: &g)) % 5]
            x.gender = (female ? Gender.female : Gender.male).rawValue
            x.category = (k % 6 == 0 ? DelegateCategory.manager : k % 3 == 1 ? .technical : .frontline).rawValue
            x.constituency = "第\(k % 4 + 1)选区"
            x.teacher = false
            x.electedOn = electedOn.iso
            try await x.create(on: d.db)
        }
    }

    @discardableResult
    static func session(
        _ d: DemocracyContext, congress: Int, title: String, held: CalendarDate, members: Int, reportAfter: Int,
        window: (CalendarDate, CalendarDate)? = nil
    ) async throws -> Int {
        let s = CongressSession()
        s.$congress.id = congress
        s.title = title
        s.heldOn = held.iso
        s.members = members
        s.attending = members - members / 10
        s.proposalsFrom = window?.0.iso
        s.proposalsTo = window?.1.iso
        let reported = held.adding(days: reportAfter)
        s.reportedOn = reported <= d.today ? reported.iso : nil
        s.createdBy = d.actor
        try await s.create(on: d.db)
        let id = try s.requireID()
        for (k, title) in ["关于企业年度工作报告的决议", "关于工资集体协议草案的决议", "关于职工福利费使用方案的决议"].enumerated() where k < 2 + members % 2 {
            let r = Resolution()
            r.$session.id = id
            r.title = title
            r.approving = s.attending - 2 - k
            r.against = 1
            r.abstaining = 1 + k
            r.passed = r.approving * 2 > members
            try await r.create(on: d.db)
        }
        return id
    }

    static func proposal(_ d: DemocracyContext, session: Int, k: Int, submitted: CalendarDate, stage: ProposalState, satisfied: Bool) async throws {
        let titles = [
            "关于改善教师办公条件的建议", "关于增加青年教师培训机会的建议", "关于完善绩效工资分配办法的建议", "关于设立母婴室的建议", "关于改善食堂伙食的建议",
            "关于加强校园安全管理的建议", "关于落实教职工体检的建议", "关于丰富教职工文体活动的建议", "关于减轻非教学任务的建议", "关于改善宿舍条件的建议",
            "关于延长图书馆开放时间的建议", "关于规范加班补贴的建议", "关于建立教职工心理辅导室的建议", "关于调整作息时间的建议",
        ]
        let p = Proposal()
        p.$session.id = session
        p.title = titles[k % titles.count]
        p.content = p.title.replacingOccurrences(of: "关于", with: "建议学校研究").replacingOccurrences(of: "的建议", with: "，并明确责任部门和完成时间。")
        p.proposer = ["王丽", "陈建国", "林小梅", "黄志明", "周慧"][k % 5]
        p.cosigners = ["李华、张敏", "刘洋、何静", "吴磊、郑芳"][k % 3]
        p.submittedOn = submitted.iso
        p.state = stage.rawValue
        p.version = 0
        let registered = submitted.adding(days: 12)
        switch stage {
        case .returned:
            p.returnedOn = registered.iso
            p.returnReason = "属个人待遇问题，不属于提案范围，已转相关部门答复"
        case .registered, .answered:
            p.registeredOn = registered.iso
            p.department = ["总务处", "教务处", "校长办公室"][k % 3]
            if stage == .answered {
                p.repliedOn = registered.adding(days: 10 + k % 8).iso
                p.answer = "已研究落实，相关措施已于本学期实施。"
                p.ratedOn = registered.adding(days: 20 + k % 8).iso
                p.satisfaction = (satisfied ? (k % 3 == 0 ? ProposalSatisfaction.basically : .satisfied) : .dissatisfied).rawValue
            }
        case .submitted: break
        }
        let n = try await Store.next("proposal-\(submitted.year)", on: d.db)
        p.number = Store.registerNumber("TA", year: submitted.year, n)
        try await p.create(on: d.db)
    }
}

/// What the democratic management demo writes with.
struct DemocracyContext: Sendable {
    var db: any Database
    var root: Int
    var today: CalendarDate
    var actor: Int
    var random: SeededRandom
}
