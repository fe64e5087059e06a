import Domain
import Fluent
import SQLKit
import Vapor

/// The demo township's hardship assistance, last year and this year: two funds with their money in, about sixty
/// household files (some exited, some overdue for a re-check, some exit candidates), the year's rounds — 春节送温暖,
/// 金秋助学 (reported upward), 医疗互助 with enrolments and claims, 临时救助 — and applications at every stage, paid
/// ones with their disbursements and ledger lines. Written directly with historical dates (the use cases refuse
/// past rounds), keeping the same invariants: one payment per application, the ledger balances, steps in order.
extension DemoTownship {
    struct ReliefUsers {
        var officer: Int
        var staff: Int
        var reviewer: Int
    }

    fileprivate struct Candidate: Decodable, Sendable {
        var id: Int
        var union_id: Int
        var migrant_worker: Bool
        var name: String
        var id_enc: String
        var id_hash: String
        var id_masked: String
    }

    static func insertRelief(
        _ g: inout SeededRandom, root: Organization, familyRegion: String, users: ReliefUsers, today: CalendarDate, zone: TimeZone,
        settings: ReliefSettings,
        cipher: FieldCipher, on db: any Database
    ) async throws {
        let candidates = try await db.sql.select().columns("id", "union_id", "migrant_worker", "name", "id_enc", "id_hash", "id_masked")
            .from("members")
            .where("status", .equal, MemberStatus.active.rawValue)
            .where(SQLQueryString("union_id IN (SELECT id FROM organizations WHERE path LIKE \(bind: root.path + "%"))")).orderBy("id").all(
                decoding: Candidate.self)
        guard candidates.count > 200 else { return }
        let rootID = try root.requireID()
        var pool = candidates
        pool.shuffle(using: &g)
        let heads = Array(pool.prefix(60))
        let others = Array(pool.dropFirst(60))
        let years = [today.year - 1, today.year]

        let seed = g
        try await Store.write(db) { tx in
            var g = seed
            var writer = ReliefWriter(
                db: tx, users: users, today: today, zone: zone, secondApprovalAbove: settings.secondApprovalAbove,
                familyRegion: familyRegion)
            let general = try await writer.fund("帮扶专项资金", org: rootID)
            let scholarshipFund = try await writer.fund("金秋助学资金", org: rootID)
            for y in years {
                try await writer.income(
                    general, .allocation, 15_000_000, on: CalendarDate(clamping: y, 1, 5), note: "市总工会下拨\(y)年帮扶资金")
                try await writer.income(general, .ownFunds, 5_000_000, on: CalendarDate(clamping: y, 3, 2), note: "\(y)年本级经费安排")
                try await writer.income(general, .donation, 1_500_000, on: CalendarDate(clamping: y, 6, 1), note: "爱心企业捐助")
                try await writer.income(
                    scholarshipFund, .allocation, 8_000_000, on: CalendarDate(clamping: y, 6, 20), note: "市总工会下拨金秋助学资金")
            }
            // Household files, opened over the last three years.
            var files: [(file: HardshipFile, member: Candidate)] = []
            for (i, head) in heads.enumerated() {
                let f = try await writer.file(&g, head: head, index: i, settings: settings, cipher: cipher)
                files.append((f, head))
            }
            for y in years {
                let isThisYear = y == today.year
                // 春节送温暖: every household with an open file at the time, and some festival targets.
                let festival = try await writer.round(
                    "\(y)年春节送温暖", .festival, from: CalendarDate(clamping: y, 1, 5), to: CalendarDate(clamping: y, 2, 10),
                    fund: general, budget: 8_000_000,
                    standards: ["deep": 100_000, "relative": 60_000, "accidental": 80_000, "default": 50_000], reportsUpward: false,
                    org: rootID)
                let jan = CalendarDate(clamping: y, 1, 8)
                var rejectedOne = isThisYear
                for (f, m) in files
                where f.openedOn <= jan.iso && (f.statusSince > jan.iso || f.fileStatus?.isOpen == true) {
                    let amount = ["deep": 100_000, "relative": 60_000, "accidental": 80_000][f.tier] ?? 50_000
                    // Last year one household was turned down after the home visit.
                    let rejected = !rejectedOne
                    rejectedOne = true
                    try await writer.application(
                        round: festival, member: m, file: f, requested: amount, key: f.tier, documents: [.applicationForm],
                        facts: .init(festivalTarget: false), start: jan.adding(days: Int.random(in: 0...4, using: &g)),
                        outcome: rejected ? .rejected("家庭收入已超过相对困难标准") : .paid(.cash))
                }
                for m in others.dropFirst(y == today.year ? 0 : 12).prefix(12) {
                    try await writer.application(
                        round: festival, member: m, file: nil, requested: 50_000, key: "default", documents: [.applicationForm],
                        facts: .init(festivalTarget: true), start: jan.adding(days: Int.random(in: 0...6, using: &g)),
                        outcome: .paid(.inKind))
                }
                // 金秋助学 (reported to the city union): children of archived households, from July.
                let july = CalendarDate(clamping: y, 7, 10)
                if july <= today {
                    let scholarship = try await writer.round(
                        "\(y)年金秋助学", .scholarship, from: CalendarDate(clamping: y, 7, 1),
                        to: CalendarDate(clamping: y, 8, 31),
                        fund: scholarshipFund, budget: 6_000_000, standards: ["college": 500_000, "seniorHigh": 300_000],
                        reportsUpward: true, org: rootID)
                    let students = files.filter { $0.file.fileStatus?.isOpen == true }.shuffled(using: &g).prefix(
                        8)
                    for (n, (f, m)) in students.enumerated() {
                        let level: SchoolLevel = n % 3 == 0 ? .seniorHigh : .college
                        let outcome: ReliefWriter.Outcome =
                            isThisYear && n == 6 ? .reported : isThisYear && n == 7 ? .returned("缺录取通知书复印件") : .paid(.bankTransfer)
                        try await writer.application(
                            round: scholarship, member: m, file: f, requested: level == .college ? 500_000 : 300_000, key: level.rawValue,
                            documents: [.applicationForm, .idCopies, .admission], facts: .init(schoolLevel: level),
                            start: july.adding(days: Int.random(in: 0...20, using: &g)), outcome: outcome)
                    }
                }
                // 医疗互助: this year's enrolments and the claims paid by the scheme's rule.
                let enrolled = others.shuffled(using: &g).prefix(isThisYear ? 700 : 650)
                for m in enrolled { try await writer.enrol(m, year: y, scheme: settings.medicalScheme) }
                let medical = try await writer.round(
                    "\(y)年职工医疗互助", .medical, from: CalendarDate(clamping: y, 1, 1), to: CalendarDate(clamping: y, 12, 31),
                    fund: general, budget: 1_000_000, standards: [:], reportsUpward: false, org: rootID)
                for (n, m) in enrolled.prefix(isThisYear ? 8 : 7).enumerated() {
                    let days = Int.random(in: 5...28, using: &g)
                    let start = CalendarDate(clamping: y, 2 + n, Int.random(in: 1...25, using: &g))
                    guard start.adding(days: 20) <= today else { continue }
                    let payout = settings.medicalScheme.payout(hospitalDays: days, coveredCost: 0, paidThisYear: 0)
                    try await writer.application(
                        round: medical, member: m, file: nil, requested: payout, key: nil, documents: [.applicationForm, .hospitalRecords],
                        facts: .init(hospitalDays: days), start: start, outcome: isThisYear && n == 7 ? .submitted : .paid(.bankTransfer))
                }
                // 临时救助: sudden hardship (accident, disaster, serious illness).
                let emergency = try await writer.round(
                    "\(y)年临时救助", .emergency, from: CalendarDate(clamping: y, 1, 1), to: CalendarDate(clamping: y, 12, 31),
                    fund: general, budget: 2_000_000, standards: ["default": 200_000], reportsUpward: false, org: rootID)
                for (n, m) in others.dropFirst(40 + (isThisYear ? 0 : 5)).prefix(5).enumerated() {
                    let start = CalendarDate(clamping: y, 3 + n * 2, 12)
                    guard start.adding(days: 14) <= today else { continue }
                    let outcome: ReliefWriter.Outcome = isThisYear && n == 4 ? .submitted : .paid(.bankTransfer)
                    try await writer.application(
                        round: emergency, member: m, file: nil, requested: 200_000, key: "default",
                        documents: [.applicationForm, .idCopies, .incomeProof, .causeEvidence, .authorisation],
                        facts: .init(suddenCause: true),
                        start: start, outcome: outcome)
                }
            }
        }
    }

    /// Writes relief rows with the dates they would have had.
    fileprivate struct ReliefWriter {
        var db: any Database
        var users: ReliefUsers
        var today: CalendarDate
        var zone: TimeZone
        var secondApprovalAbove: Int
        /// Home region of the households' family members (one per town, so their ID numbers differ across a county).
        var familyRegion: String
        var nextToken = 0

        enum Outcome {
            case paid(PaymentMethod)
            case rejected(String)
            case returned(String)
            case reported
            case submitted
        }

        func fund(_ name: String, org: Int) async throws -> Fund {
            let f = Fund()
            f.$org.id = org
            f.name = name
            try await f.create(on: db)
            return f
        }

        func income(_ fund: Fund, _ source: FundSource, _ amount: Int, on date: CalendarDate, note: String) async throws {
            guard date <= today else { return }
            try await entry(fund, kind: .moneyIn, source: source.rawValue, amount: amount, on: date, note: note, disbursement: nil)
        }

        func entry(_ fund: Fund, kind: FundEntryKind, source: String?, amount: Int, on date: CalendarDate, note: String, disbursement: Int?)
            async throws
        {
            let e = FundEntry()
            e.$fund.id = try fund.requireID()
            e.kind = kind.rawValue
            e.source = source
            e.amount = amount
            e.onDate = date.iso
            e.note = note
            e.disbursementID = disbursement
            e.overdraft = false
            e.userID = users.staff
            try await e.create(on: db)
        }

        func round(
            _ name: String, _ kind: ReliefKind, from: CalendarDate, to: CalendarDate, fund: Fund, budget: Int, standards: [String: Int],
            reportsUpward: Bool, org: Int
        ) async throws -> ReliefRound {
            let r = ReliefRound()
            r.$org.id = org
            r.name = name
            r.kind = kind.rawValue
            r.startsOn = from.iso
            r.endsOn = to.iso
            r.$fund.id = try fund.requireID()
            r.$fund.value = fund
            r.budget = budget
            r.standards = ReliefRounds.encodeStandards(standards)
            r.reportsUpward = reportsUpward
            r.secondApprovalAbove = 0
            r.createdBy = users.staff
            try await r.create(on: db)
            return r
        }

        func file(_ g: inout SeededRandom, head: Candidate, index i: Int, settings: ReliefSettings, cipher: FieldCipher) async throws
            -> HardshipFile
        {
            let opened = today.adding(days: -Int.random(in: 60...1000, using: &g))
            let tiers: [HardshipTier] = [
                .deep, .deep, .deep, .relative, .relative, .relative, .relative, .relative, .accidental, .accidental,
            ]
            let tier = tiers[i % tiers.count]
            let size = Int.random(in: 2...5, using: &g)
            let line = settings.subsistenceLines.line(region: "440606", year: today.year) ?? 133_000
            let share: Int =
                tier == .deep
                ? Int.random(in: 55...98, using: &g)
                : tier == .relative ? Int.random(in: 105...190, using: &g) : Int.random(in: 80...230, using: &g)
            let costs = tier == .accidental ? 0 : Int.random(in: 0...3, using: &g) * 500_000
            let wages = line * share / 100 * size * 12 + costs
            let causes: [HardshipCause] =
                tier == .accidental
                ? [.accident, .workInjury, .illness] : [.illness, .schooling, .disability, .unemployment, .singleParent, .lowIncome]
            let main = causes[i % causes.count]
            let f = HardshipFile()
            f.$org.id = head.union_id
            f.$member.id = head.id
            f.headName = head.name
            f.headIdNumberEncrypted = head.id_enc
            f.headIdNumberHash = head.id_hash
            f.headIdNumberMasked = head.id_masked
            // Eight exited (脱困), three cancelled, four still temporary; the rest formal.
            let status: HardshipFileStatus = i < 8 ? .exited : i < 11 ? .cancelled : i < 15 ? .temporary : .formal
            f.status = status.rawValue
            let since = status.isOpen ? opened : min(today.adding(days: -Int.random(in: 10...400, using: &g)), today)
            f.statusSince = max(since, opened).iso
            f.statusReason = status == .exited ? "子女就业，家庭收入连续6个月高于低保标准" : status == .cancelled ? "调离本镇" : nil
            f.tier = tier.rawValue
            f.mainCause = main.rawValue
            f.otherCauses = main == .illness ? HardshipCause.schooling.rawValue : ""
            f.region = "440606"
            f.householdSize = size
            f.wages = wages
            f.business = 0
            f.property = 0
            f.transfer = tier == .deep ? Int.random(in: 0...1, using: &g) * 600_000 : 0
            f.otherIncome = 0
            f.unavoidableCosts = costs + f.transfer
            f.health = main == .illness ? ["尿毒症", "恶性肿瘤", "心脑血管疾病", "精神疾病"][i % 4] : nil
            f.disability = main == .disability ? "肢体残疾三级" : nil
            f.housing = ["租房", "自有住房", "单位宿舍"][i % 3]
            f.workStatus = [WorkStatus.working, .working, .laidOff, .sickLeave, .migrant][i % 5].rawValue
            let bank = "6222" + String(Int.random(in: 100_000_000_000_000...999_999_999_999_999, using: &g))
            f.bankEncrypted = try cipher.encrypt(bank)
            f.bankMasked = Masking.bankAccount(bank)
            f.openedOn = opened.iso
            // Six not re-checked for more than a year; three with income above the line for over six months.
            f.verifiedOn = (i >= 15 && i < 21 ? opened : max(opened, today.adding(days: -Int.random(in: 5...300, using: &g)))).iso
            f.aboveLineSince = i >= 21 && i < 24 ? today.adding(months: -7).iso : nil
            f.createdBy = users.officer
            try await f.create(on: db)
            let relations = ["配偶", "子女", "子女", "父母"]
            for k in 0..<min(size - 1, 3) {
                let birth = CalendarDate(clamping: k == 0 ? Int.random(in: 1970...1990, using: &g) : Int.random(in: 2002...2015, using: &g), 1 + k, 10 + i % 18)
                let id = try IDNumber.compose(region: familyRegion, birth: birth, sequence: (i * 7 + k) % 1000)
                let m = HardshipFamilyMember()
                m.$file.id = try f.requireID()
                m.name = DemoNames.person(&g)
                m.idNumberEncrypted = try cipher.encrypt(id.value)
                m.idNumberHash = cipher.index(id.value)
                m.idNumberMasked = id.masked
                m.relation = k == 0 ? "配偶" : relations[k]
                m.annualIncome = k == 0 ? wages / 3 : 0
                m.status = k == 0 ? "务工" : "在读"
                m.open = status.isOpen
                try await m.create(on: db)
            }
            return f
        }

        func enrol(_ m: Candidate, year: Int, scheme: MedicalScheme) async throws {
            let e = MedicalEnrolment()
            e.$member.id = m.id
            e.year = year
            e.scheme = scheme.name
            e.fee = scheme.annualFee
            try await e.create(on: db)
        }

        struct FactsInput {
            var schoolLevel: SchoolLevel?
            var festivalTarget = false
            var suddenCause = false
            var hospitalDays: Int?
        }

        mutating func application(
            round: ReliefRound, member m: Candidate, file: HardshipFile?, requested: Int, key: String?, documents: [ReliefDocument],
            facts: FactsInput, start: CalendarDate, outcome: Outcome
        ) async throws {
            guard start <= today else { return }
            let a = ReliefApplication()
            a.$round.id = try round.requireID()
            a.$org.id = m.union_id
            a.$member.id = m.id
            a.$file.id = file?.id
            a.requested = requested
            a.standardKey = key
            let f = ReliefApplications.Facts(
                schoolLevel: facts.schoolLevel?.rawValue, exclusions: [], workInjury: false, festivalTarget: facts.festivalTarget,
                suddenCause: facts.suddenCause, hospitalDays: facts.hospitalDays, coveredCost: nil, suggestedTier: nil,
                fileStatus: file?.status)
            a.facts = String(decoding: try JSONEncoder().encode(f), as: UTF8.self)
            a.documents = String(decoding: try JSONEncoder().encode(documents.map(\.rawValue)), as: UTF8.self)
            a.createdBy = users.officer
            a.paidAttempt = 0
            a.version = 0
            a.state = ReliefState.draft.rawValue
            a.appliedOn = start.iso
            try await a.create(on: db)
            var steps: [(String, ReliefState, ReliefState, Int?, String?, Int, CalendarDate)] = [
                ("create", .draft, .draft, requested, nil, users.officer, start),
                ("submit", .draft, .submitted, nil, nil, users.officer, start),
            ]
            var state = ReliefState.submitted
            let reviewDay = min(start.adding(days: 5), today)
            switch outcome {
            case .submitted: break
            case .rejected(let why):
                steps.append(("reject", .submitted, .rejected, nil, why, users.staff, reviewDay))
                state = .rejected
            case .returned(let why):
                steps.append(("return", .submitted, .returned, nil, why, users.staff, reviewDay))
                state = .returned
            case .paid, .reported:
                let needsSecond = requested > secondApprovalAbove
                steps.append(("approve", .submitted, needsSecond ? .firstApproved : .approved, requested, nil, users.staff, reviewDay))
                a.approved = requested
                a.firstApprovedBy = users.staff
                state = .approved
                if needsSecond {
                    steps.append(("secondApprove", .firstApproved, .approved, nil, nil, users.reviewer, reviewDay))
                    a.secondApprovedBy = users.reviewer
                }
                if round.reportsUpward {
                    steps.append(("report", .approved, .reported, nil, nil, users.staff, min(reviewDay.adding(days: 3), today)))
                    state = .reported
                    if case .paid = outcome {
                        steps.append(
                            (
                                "upperApprove", .reported, .upperApproved, requested, "市总工会批复同意", users.staff,
                                min(reviewDay.adding(days: 10), today)
                            ))
                        a.upperApproved = requested
                        state = .upperApproved
                    }
                }
                if case .paid(let method) = outcome {
                    let paidOn = min(reviewDay.adding(days: round.reportsUpward ? 14 : 7), today)
                    let d = Disbursement()
                    d.$application.id = try a.requireID()
                    d.attempt = 1
                    d.kind = DisbursementKind.payment.rawValue
                    d.amount = requested
                    d.method = method.rawValue
                    d.paidOn = paidOn.iso
                    nextToken += 1
                    d.token = "demo-\(familyRegion)-\(nextToken)"
                    d.userID = users.staff
                    try await d.create(on: db)
                    try await entry(
                        round.fund, kind: .payment, source: nil, amount: -requested, on: paidOn, note: "\(round.name)：发放",
                        disbursement: d.id)
                    steps.append(("pay", state, .paid, requested, method.label, users.staff, paidOn))
                    a.paidAttempt = 1
                    state = .paid
                }
            }
            a.state = state.rawValue
            a.version = steps.count - 1
            try await a.update(on: db)
            let id = try a.requireID()
            var insert = db.sql.insert(into: "relief_steps").columns(
                "application_id", "action", "from_state", "to_state", "amount", "comment", "user_id", "on_date", "created_at")
            for (action, from, to, amount, comment, user, day) in steps {
                insert = insert.values([
                    SQLBind(id), SQLBind(action), SQLBind(from.rawValue), SQLBind(to.rawValue), SQLBind(amount), SQLBind(comment),
                    SQLBind(user), SQLBind(day.iso),
                    SQLBind(day.date(in: zone, hour: 10)),
                ])
            }
            try await insert.run()
        }
    }
}
