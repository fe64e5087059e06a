import Domain
import Fluent
import SQLKit
import Vapor

/// The demo township's petitions and rights work, last year and this year. Last year matches the seed summary: 57
/// petitions, 38 transferred by the city federation and 19 received directly, all accepted, answered and (where
/// transferred) reported back on time; 20 migrant workers helped to their wages and 2 to work-injury compensation;
/// a dozen mediations. This year runs to today with the work still open: a petition awaiting acceptance, one due
/// soon, one overdue, a 复查 under way, a 重大紧急 matter not yet reported, a mediation past its 15 days. The A
/// handler `reviewer` is away, so the B handler `staff` sees those petitions. Written directly with historical dates,
/// keeping the workflow's invariants (each date after the one before, deadlines as `PetitionFlow` would allow).
extension DemoTownship {
    struct PetitionUsers {
        var staff: Int
        var reviewer: Int
    }

    private struct EmployerRef: Decodable, Sendable {
        var id: Int
        var name: String
    }

    static func insertPetitions(
        _ g: inout SeededRandom, rootID: Int, users: PetitionUsers, today: CalendarDate, cipher: FieldCipher, on db: any Database
    ) async throws {
        let employers = try await db.sql.select().columns("id", "name").from("employers").where("org_id", .equal, rootID).orderBy("id")
            .all(decoding: EmployerRef.self)
        guard !employers.isEmpty else { return }
        let seed = g
        try await Store.write(db) { tx in
            var g = seed
            var w = PetitionWriter(db: tx, org: rootID, users: users, employers: employers, cipher: cipher, today: today)
            try await w.lastYear(&g, year: today.year - 1)
            try await w.thisYear(&g)
        }
        try await db.sql.update("users").set("away_since", to: today.adding(days: -3).iso).where("id", .equal, users.reviewer).run()
    }

    /// Writes one year's petitions, events, mediations and recoveries.
    private struct PetitionWriter {
        var db: any Database
        var org: Int
        var users: PetitionUsers
        var employers: [EmployerRef]
        var cipher: FieldCipher
        var today: CalendarDate

        /// The categories in the proportions a township sees (wages first).
        static let categories: [PetitionCategory] = [
            .wages, .wages, .wages, .wages, .wages, .contract, .contract, .socialInsurance, .socialInsurance, .workInjury, .safety,
            .membership, .democracy, .other,
        ]

        struct Plan {
            var received: CalendarDate
            var source: PetitionSource
            var category: PetitionCategory
            var workers = 1
            var urgent = false
            var reported = true
            /// How far it has got: days from receipt to acceptance, acceptance to answer, answer to the follow-up visit.
            var acceptAfter: Int? = 2
            var answerAfter: Int? = 20
            var closeAfter: Int? = 5
            var review = false
            var satisfaction = Satisfaction.satisfied
        }

        mutating func lastYear(_ g: inout SeededRandom, year: Int) async throws {
            var plans: [Plan] = []
            let direct: [PetitionSource] =
                Array(repeating: .visit, count: 8) + Array(repeating: .hotline, count: 6) + [.letter, .letter, .letter, .online, .online]
            var sources = Array(repeating: PetitionSource.transferred, count: 38) + direct
            sources.shuffle(using: &g)
            for (i, source) in sources.enumerated() {
                let received = CalendarDate(clamping: year, 1, 4).adding(days: i * 6 + Int.random(in: 0...3, using: &g))
                var p = Plan(received: received, source: source, category: Self.categories.pick(using: &g))
                p.acceptAfter = Int.random(in: 1...6, using: &g)
                p.answerAfter = Int.random(in: 8...26, using: &g)
                p.closeAfter = Int.random(in: 3...10, using: &g)
                if i % 9 == 4 { p.workers = Int.random(in: 5...36, using: &g) }
                if i == 13 { (p.urgent, p.workers, p.category) = (true, 42, .wages) }
                if i == 30 { (p.review, p.satisfaction) = (true, .basicallySatisfied) }
                if i % 7 == 3 { p.satisfaction = .basicallySatisfied }
                plans.append(p)
            }
            // Exactly the seed's two work-injury cases, each with its compensation.
            plans[5].category = .workInjury
            plans[17].category = .workInjury
            for i in plans.indices where plans[i].category == .workInjury && i != 5 && i != 17 { plans[i].category = .socialInsurance }
            let ids = try await write(plans, year: year, g: &g)
            try await rights(
                &g, ids: ids, plans: plans, migrantsTarget: 20, mediations: (agreements: 10, failed: 1, withdrawn: 1, pending: 0, late: 0))
        }

        mutating func thisYear(_ g: inout SeededRandom) async throws {
            var plans: [Plan] = []
            let start = CalendarDate(clamping: today.year, 1, 5)
            // Early in the year there is less behind us: about one petition every five days, at most 46.
            let span = max(1, today.dayNumber - 75 - start.dayNumber)
            let count = min(46, span / 5)
            for i in 0..<count {
                let received = start.adding(days: i * span / count + Int.random(in: 0...2, using: &g))
                let source: PetitionSource = i % 3 == 2 ? [.visit, .hotline, .online, .letter].pick(using: &g) : .transferred
                var p = Plan(received: received, source: source, category: Self.categories.pick(using: &g))
                p.acceptAfter = Int.random(in: 1...7, using: &g)
                p.answerAfter = Int.random(in: 8...30, using: &g)
                p.closeAfter = Int.random(in: 3...10, using: &g)
                if i % 8 == 6 { p.workers = Int.random(in: 5...28, using: &g) }
                if i % 6 == 1 { p.satisfaction = .basicallySatisfied }
                if i == 21 { p.satisfaction = .unreachable }
                plans.append(p)
            }
            // The open work of the last weeks.
            func recent(_ daysAgo: Int, _ source: PetitionSource, _ category: PetitionCategory, _ edit: (inout Plan) -> Void) {
                var p = Plan(received: today.adding(days: -daysAgo), source: source, category: category)
                edit(&p)
                if p.received.year == today.year { plans.append(p) }
            }
            recent(66, .transferred, .wages) { p in (p.acceptAfter, p.answerAfter, p.closeAfter) = (2, nil, nil) }  // overdue
            recent(58, .visit, .contract) { p in (p.acceptAfter, p.answerAfter, p.closeAfter) = (0, nil, nil) }  // due soon
            recent(40, .transferred, .socialInsurance) { p in (p.acceptAfter, p.answerAfter, p.closeAfter) = (3, nil, nil) }
            recent(30, .hotline, .wages) { p in (p.workers, p.urgent, p.acceptAfter, p.answerAfter, p.closeAfter) = (12, true, 1, 9, nil)
            }
            recent(20, .transferred, .workInjury) { p in (p.acceptAfter, p.answerAfter, p.closeAfter) = (2, nil, nil) }
            recent(45, .letter, .membership) { p in (p.acceptAfter, p.answerAfter, p.closeAfter, p.review) = (3, 25, nil, true) }
            recent(9, .online, .safety) { p in (p.acceptAfter, p.answerAfter, p.closeAfter) = (nil, nil, nil) }
            recent(2, .visit, .wages) { p in
                (p.workers, p.urgent, p.reported, p.acceptAfter, p.answerAfter, p.closeAfter) = (23, true, false, nil, nil, nil)
            }
            let ids = try await write(plans, year: today.year, g: &g)
            try await rights(
                &g, ids: ids, plans: plans, migrantsTarget: 16, mediations: (agreements: 7, failed: 1, withdrawn: 0, pending: 1, late: 1))
        }

        /// Writes the petitions with their numbers and timelines; returns their ids in plan order.
        func write(_ plans: [Plan], year: Int, g: inout SeededRandom) async throws -> [Int] {
            let order = plans.indices.sorted { plans[$0].received < plans[$1].received }
            let first = try await Store.next("petition-\(org)-\(year)", count: plans.count, on: db)
            var ids = Array(repeating: 0, count: plans.count)
            for (n, i) in order.enumerated() {
                let plan = plans[i]
                let p = Petition()
                let number = first + n
                p.$org.id = org
                p.number = Store.registerNumber("XF", year: year, number)
                p.source = plan.source.rawValue
                if plan.source == .transferred {
                    p.transferBody = "市总工会"
                    p.transferRef = "市工转〔\(year)〕\(number)号"
                    p.transferReplyDue = plan.received.adding(days: 45).iso
                }
                p.receivedOn = plan.received.iso
                let name = DemoNames.person(&g)
                p.petitionerName = name
                let phone =
                    "13" + String(Int.random(in: 0...9, using: &g)) + String(format: "%08d", Int.random(in: 0...99_999_999, using: &g))
                p.phoneEncrypted = try cipher.encrypt(phone)
                p.phoneMasked = ContactPhone.masked(phone)
                p.workers = plan.workers
                let employer = plan.category == .membership ? nil : employers.randomElement(using: &g)
                p.$employer.id = employer?.id
                p.category = plan.category.rawValue
                p.urgent = plan.urgent
                p.summary = Self.summary(plan, employer: employer?.name ?? "所在单位")
                p.requests = Self.requests(plan.category)
                let swap = n % 3 == 1
                p.$handlerA.id = swap ? users.reviewer : users.staff
                p.$handlerB.id = swap ? users.staff : users.reviewer
                p.version = 0
                p.createdBy = users.staff
                var state = PetitionState.received
                var events: [(CalendarDate, String, String?, String?)] = [(plan.received, "intake", plan.source.label, p.transferRef)]
                if plan.urgent, plan.reported {
                    p.reportedOn = plan.received.iso
                    p.reportedTo = "镇党委、市总工会"
                    events.append((plan.received, "report", "报告镇党委、市总工会", nil))
                }
                // Only what has happened by today is written (early in the year a plan may reach beyond it).
                if let a = plan.acceptAfter, plan.received.adding(days: a) <= today {
                    let accepted = plan.received.adding(days: a)
                    p.acceptedOn = accepted.iso
                    state = .accepted
                    events.append((accepted, "accept", nil, nil))
                    let contactDays = plan.answerAfter ?? max(1, today.dayNumber - accepted.dayNumber)
                    for k in 0..<Int.random(in: 1...3, using: &g) where accepted.adding(days: (k + 1) * contactDays / 4) <= today {
                        let kind = [ContactKind.call, .visit, .meeting].pick(using: &g)
                        events.append((accepted.adding(days: (k + 1) * contactDays / 4), kind.rawValue, Self.contactNote(kind, plan), nil))
                        state = .inProgress
                    }
                    if let r = plan.answerAfter, accepted.adding(days: r + 1) <= today {
                        let answered = accepted.adding(days: r)
                        p.answeredOn = answered.iso
                        p.replySummary = Self.reply(plan.category)
                        p.replyRef = "示工信复〔\(year)〕\(number)号"
                        state = .replied
                        events.append((answered, "reply", p.replySummary, p.replyRef))
                        if plan.source == .transferred {
                            p.transferRepliedOn = answered.adding(days: 1).iso
                            events.append((answered.adding(days: 1), "replyToTransferrer", "向市总工会报送办理结果", nil))
                        }
                        var last = answered
                        if plan.review, answered.adding(days: 10) <= today {
                            let requested = answered.adding(days: 10)
                            p.reviewRequestedOn = requested.iso
                            events.append((requested, "reopen", "申请复查", nil))
                            state = .reviewing
                            if requested.adding(days: 18) <= today {
                                p.reviewAnsweredOn = requested.adding(days: 18).iso
                                events.append((requested.adding(days: 18), "reply", "复查维持原答复意见，并说明理由", nil))
                                state = .replied
                                last = requested.adding(days: 18)
                            }
                        }
                        if let c = plan.closeAfter, state == .replied, last.adding(days: c) <= today {
                            p.closedOn = last.adding(days: c).iso
                            p.satisfaction = plan.satisfaction.rawValue
                            state = .closed
                            events.append((last.adding(days: c), "close", "回访：" + plan.satisfaction.label, nil))
                        }
                    }
                }
                p.state = state.rawValue
                try await p.create(on: db)
                let id = try p.requireID()
                ids[i] = id
                for (date, kind, note, reference) in events {
                    let e = PetitionEvent()
                    e.$petition.id = id
                    e.kind = kind
                    e.onDate = date.iso
                    e.note = note
                    e.reference = reference
                    e.$user.id = p.$handlerA.id
                    try await e.create(on: db)
                }
            }
            return ids
        }

        /// Mediations from wage and contract petitions, and the wages and compensation recovered.
        func rights(
            _ g: inout SeededRandom, ids: [Int], plans: [Plan], migrantsTarget: Int,
            mediations counts: (agreements: Int, failed: Int, withdrawn: Int, pending: Int, late: Int)
        ) async throws {
            let answered = plans.indices.filter {
                plans[$0].answerAfter != nil && plans[$0].acceptAfter != nil && Self.answerDate(plans[$0]).adding(days: 1) <= today
            }
            let wages = answered.filter { plans[$0].category == .wages }
            let disputes = answered.filter { [.wages, .contract, .socialInsurance].contains(plans[$0].category) }
            // Wages recovered: split the target number of migrant workers over the wage cases, a few locals besides.
            var left = migrantsTarget
            for (k, i) in wages.enumerated() where left > 0 {
                let plan = plans[i]
                let migrants = k == wages.count - 1 ? left : min(left, Int.random(in: 1...4, using: &g))
                left -= migrants
                let workers = migrants + (k % 3 == 0 ? 1 : 0)
                let on = Self.answerDate(plan).adding(days: -2)
                try await recovery(
                    .wages, petition: ids[i], mediation: nil, workers: workers, migrants: migrants,
                    amount: workers * Int.random(in: 3_000...14_000, using: &g) * 100, on: on, note: "协调企业补发拖欠工资")
            }
            for i in answered where plans[i].category == .workInjury {
                try await recovery(
                    .injury, petition: ids[i], mediation: nil, workers: 1, migrants: 1,
                    amount: Int.random(in: 6...15, using: &g) * 1_000_000,
                    on: Self.answerDate(plans[i]).adding(days: -1), note: "协助依法取得一次性工伤医疗补助金和伤残就业补助金")
            }
            // Mediations, each from a dispute petition, applied a few days after acceptance.
            let outcomes: [MediationOutcome] =
                Array(repeating: .agreement, count: counts.agreements) + Array(repeating: .noAgreement, count: counts.failed)
                + Array(repeating: .withdrawn, count: counts.withdrawn)
            for (k, i) in disputes.prefix(outcomes.count).enumerated() {
                let plan = plans[i]
                let applied = plan.received.adding(days: (plan.acceptAfter ?? 0) + 2)
                let decided = applied.adding(days: Int.random(in: 4...13, using: &g))
                let amount = plan.workers * Int.random(in: 4_000...20_000, using: &g) * 100
                try await mediation(
                    petition: ids[i], applicant: DemoNames.person(&g), plan: plan, applied: applied, outcome: outcomes[k],
                    decided: min(decided, today),
                    claim: amount, agreed: outcomes[k] == .agreement ? amount * 9 / 10 : nil, performed: outcomes[k] == .agreement)
            }
            // Pending ones: one within the limit, one past it.
            for (k, daysAgo) in (Array(repeating: 6, count: counts.pending) + Array(repeating: 19, count: counts.late)).enumerated() {
                let applied = today.adding(days: -daysAgo)
                let plan = Plan(received: applied, source: .visit, category: .wages, workers: 3 + k)
                try await mediation(
                    petition: nil, applicant: DemoNames.person(&g), plan: plan, applied: applied, outcome: .pending, decided: nil,
                    claim: 3 * 650_000, agreed: nil, performed: false)
            }
        }

        static func answerDate(_ p: Plan) -> CalendarDate {
            p.received.adding(days: (p.acceptAfter ?? 0) + (p.answerAfter ?? 0))
        }

        func recovery(
            _ kind: RecoveryKind, petition: Int?, mediation: Int?, workers: Int, migrants: Int, amount: Int, on: CalendarDate, note: String
        ) async throws {
            let r = Recovery()
            r.$org.id = org
            r.$petition.id = petition
            r.$mediation.id = mediation
            r.kind = kind.rawValue
            r.workers = workers
            r.migrantWorkers = migrants
            r.amount = amount
            r.onDate = on.iso
            r.note = note
            r.createdBy = users.staff
            try await r.create(on: db)
        }

        func mediation(
            petition: Int?, applicant: String, plan: Plan, applied: CalendarDate, outcome: MediationOutcome, decided: CalendarDate?,
            claim: Int,
            agreed: Int?, performed: Bool
        ) async throws {
            let n = try await Store.next("mediation-\(org)-\(applied.year)", on: db)
            let m = Mediation()
            m.$org.id = org
            m.number = Store.registerNumber("TJ", year: applied.year, n)
            m.$petition.id = petition
            m.applicantName = applicant
            m.workers = plan.workers
            m.$employer.id = employers[(n * 7) % employers.count].id
            m.claim = Self.requests(plan.category) ?? "支付拖欠工资"
            m.claimAmount = claim
            m.appliedOn = applied.iso
            m.mediators = "镇总工会劳动争议调解委员会：陈调解、林调解"
            m.outcome = outcome.rawValue
            m.decidedOn = decided?.iso
            m.agreedAmount = agreed
            m.performed = performed
            m.note = outcome == .noAgreement ? "双方差距较大，已引导职工申请劳动仲裁" : nil
            m.version = 0
            m.createdBy = users.staff
            try await m.create(on: db)
            if let petition {
                let e = PetitionEvent()
                e.$petition.id = petition
                e.kind = "mediation"
                e.onDate = applied.iso
                e.note = "转入劳动争议调解 \(m.number)"
                e.$user.id = users.staff
                try await e.create(on: db)
            }
        }

        static func summary(_ p: Plan, employer: String) -> String {
            let who = p.workers > 1 ? "\(p.workers)名职工" : "职工"
            switch p.category {
            case .wages: return "\(who)反映\(employer)拖欠\(2 + p.received.day % 4)个月工资未发放"
            case .contract: return "\(who)反映\(employer)未依法签订书面劳动合同，单方面调岗降薪"
            case .socialInsurance: return "\(who)反映\(employer)未足额缴纳社会保险费"
            case .workInjury: return "职工反映在\(employer)工作时受伤，企业拒绝申报工伤"
            case .safety: return "\(who)反映\(employer)车间高温、防护用品不足"
            case .membership: return "职工咨询会员关系接转和会员服务卡办理"
            case .democracy: return "\(who)反映\(employer)未召开职代会审议工资调整方案"
            case .other: return "\(who)反映\(employer)食堂和宿舍条件问题"
            }
        }

        static func requests(_ c: PetitionCategory) -> String? {
            switch c {
            case .wages: "要求足额支付拖欠工资"
            case .contract: "要求签订劳动合同，恢复原岗位和工资"
            case .socialInsurance: "要求补缴社会保险费"
            case .workInjury: "要求企业申报工伤并支付工伤待遇"
            case .safety: "要求改善劳动条件，配齐防护用品"
            case .membership: nil
            case .democracy: "要求依法召开职代会"
            case .other: "要求改善生活条件"
            }
        }

        static func contactNote(_ kind: ContactKind, _ p: Plan) -> String {
            switch kind {
            case .call: "电话联系信访人了解诉求，告知办理进度"
            case .visit: "到企业走访，约谈企业负责人和工会主席"
            case .meeting: "会同人社所召开劳资双方协调会"
            default: "发函督促企业整改"
            }
        }

        static func reply(_ c: PetitionCategory) -> String {
            switch c {
            case .wages: "经协调，企业已承诺分期补发拖欠工资，镇总工会跟踪落实"
            case .contract: "经协调，企业已与职工补签劳动合同"
            case .socialInsurance: "已转告社保部门依法处理，企业承诺补缴"
            case .workInjury: "已指导职工申请工伤认定，企业同意申报"
            case .membership: "已为职工办理会员关系接转"
            default: "经调查核实，已督促企业整改并书面答复信访人"
            }
        }
    }
}
