import Domain
import Fluent
import SQLKit
import Vapor

/// The demo township's collective bargaining, last year and this. Last year: the hardware and building trades'
/// sectoral wage agreement (8 employers, 240 workers, wages up 15% — as the seed's “八家石场…上浮了十五个百分点”), the industrial
/// park's regional contract, yearly wage agreements in most unionised employers, comprehensive contracts in the large
/// ones, a few women's special contracts. This year: most wage agreements renewed (each replacing last year's), a
/// negotiation whose first vote failed, a contract signed but not filed in time, a request not answered within 20
/// days, a negotiator's seat left empty, contracts expiring within three months. Written directly with historical
/// dates, keeping the flows' invariants (each date after the one before).
enum ContractsDemo {
    struct EmployerRef: Decodable, Sendable {
        var id: Int
        var name: String
        var headcount: Int
        var union_id: Int?
    }

    static func seed(_ d: inout DemoContext) async throws {
        let employers = try await d.app.db.sql.select().columns("id", "name", "headcount", "union_id").from("employers")
            .where("org_id", .equal, d.rootID).orderBy("id").all(decoding: EmployerRef.self)
        let unionised = employers.filter { $0.union_id != nil }
        guard unionised.count >= 12 else { return }
        let seed = d.random
        let (rootID, today, staff, cipher) = (d.rootID, d.today, d.user("staff"), d.app.cipher)
        try await Store.write(d.app.db) { tx in
            var g = seed
            var w = Writer(
                db: tx, root: rootID, today: today, actor: Audit.Actor(userID: staff, username: "staff", orgID: rootID, ip: nil), cipher: cipher)
            try await w.write(&g, unionised: unionised, all: employers)
        }
    }

    private struct Writer {
        var db: any Database
        var root: Int
        var today: CalendarDate
        var actor: Audit.Actor
        var cipher: FieldCipher

        mutating func write(_ g: inout SeededRandom, unionised: [EmployerRef], all: [EmployerRef]) async throws {
            let last = today.year - 1
            // The hardware and building trades' sectoral wage agreement: 8 small employers, 240 workers, wages up 15%.
            let trade = unionised.filter { ($0.name.contains("五金") || $0.name.contains("建筑")) && $0.headcount < 100 }
            let quarries = Array(trade.shuffled(using: &g).prefix(8))
            let taken = Set(quarries.map(\.id))
            let pool = unionised.filter { !taken.contains($0.id) }.shuffled(using: &g)
            let quarrySigned = CalendarDate(clamping: last, 4, 18)
            let quarry = try await negotiation(
                org: root, kind: .wage, level: .sectoral, employer: nil, counterpart: "五金建材行业企业方代表", requested: quarrySigned.adding(days: -45),
                request: "开展五金建材行业工资集体协商，确定行业工资增长幅度和最低工资标准", signedAfter: 45, failedVote: false)
            let quarryContract = try await contract(
                org: root, kind: .wage, level: .sectoral, employer: nil, counterpart: "五金建材行业企业方代表", negotiation: quarry, signed: quarrySigned,
                years: 2, workers: 240, rise: 1500, minimum: 2_100_00, filedAfter: 6, effectiveAfter: 15, publishedAfter: 5,
                title: "示例镇五金建材行业工资专项集体合同")
            // 240 workers over the 8 employers, as the agreement counts them.
            for (i, q) in quarries.enumerated() { try await cover(quarryContract, q, headcount: 240 / max(1, quarries.count) + (i < 240 % max(1, quarries.count) ? 1 : 0)) }
            try await attachPack(quarryContract, level: .sectoral, title: "示例镇五金建材行业工资专项集体合同", filed: quarrySigned.adding(days: 6))
            // The industrial park's regional comprehensive contract: small employers, three years.
            let park = Array(all.filter { $0.headcount < 100 }.shuffled(using: &g).prefix(15))
            let parkSigned = CalendarDate(clamping: last, 6, 8)
            let parkContract = try await contract(
                org: root, kind: .comprehensive, level: .regional, employer: nil, counterpart: "工业园区企业方代表", negotiation: nil, signed: parkSigned,
                years: 3, workers: park.reduce(0) { $0 + $1.headcount }, rise: nil, minimum: nil, filedAfter: 8, effectiveAfter: 15,
                publishedAfter: 7, title: "示例镇工业园区区域性集体合同")
            for e in park { try await cover(parkContract, e, headcount: e.headcount) }
            try await attachPack(parkContract, level: .regional, title: "示例镇工业园区区域性集体合同", filed: parkSigned.adding(days: 8))
            // Yearly wage agreements in most unionised employers, renewed this year (replacing last year's).
            let wageShare = pool.count * 3 / 4
            for (i, e) in pool.prefix(wageShare).enumerated() {
                let signed = CalendarDate(clamping: last, 1 + i % 10, 3 + i % 20)
                let rise = 300 + Int.random(in: 0...700, using: &g)
                let oldID = try await contract(
                    org: e.union_id ?? root, kind: .wage, level: .enterprise, employer: e, counterpart: nil, negotiation: nil, signed: signed,
                    years: 1, workers: e.headcount, rise: rise, minimum: 2_000_00, filedAfter: 3 + i % 6, effectiveAfter: 15,
                    publishedAfter: 4, title: nil)
                let renewOn = signed.adding(years: 1).adding(days: -20)
                // Renewed when the renewal's effect is past; the last few stay due (expiring within three months or lapsed).
                guard i % 6 != 5, renewOn.adding(days: 25) < today else { continue }
                let n = try await negotiation(
                    org: e.union_id ?? root, kind: .wage, level: .enterprise, employer: e, counterpart: nil, requested: renewOn.adding(days: -30),
                    request: "续签年度工资专项集体合同，协商工资调整幅度", signedAfter: 30, failedVote: false, renews: oldID)
                let newID = try await contract(
                    org: e.union_id ?? root, kind: .wage, level: .enterprise, employer: e, counterpart: nil, negotiation: n, signed: renewOn,
                    years: 1, workers: e.headcount, rise: rise + 50, minimum: 2_100_00, filedAfter: 4, effectiveAfter: 15, publishedAfter: 3,
                    title: nil, renews: oldID)
                _ = newID
            }
            // Comprehensive contracts in the large employers, and women's special contracts in a few.
            for (i, e) in unionised.filter({ $0.headcount >= 100 }).enumerated() {
                _ = try await contract(
                    org: e.union_id ?? root, kind: .comprehensive, level: .enterprise, employer: e, counterpart: nil, negotiation: nil,
                    signed: CalendarDate(clamping: last - 1, 3 + i % 8, 10), years: 3, workers: e.headcount, rise: nil, minimum: nil, filedAfter: 5,
                    effectiveAfter: 15, publishedAfter: 6, title: nil)
                if i % 3 == 0 {
                    _ = try await contract(
                        org: e.union_id ?? root, kind: .women, level: .enterprise, employer: e, counterpart: nil, negotiation: nil,
                        signed: CalendarDate(clamping: last, 3, 8), years: 3, workers: e.headcount, rise: nil, minimum: nil, filedAfter: 6,
                        effectiveAfter: 15, publishedAfter: 5, title: nil, women: e.headcount / 2)
                }
            }
            try await openWork(&g, pool: Array(pool.dropFirst(wageShare)))
        }

        /// This year's work still under way.
        mutating func openWork(_ g: inout SeededRandom, pool: [EmployerRef]) async throws {
            guard pool.count >= 4 else { return }
            // A first vote failed; talks resumed and the draft passed the second time; signed, not yet filed (late).
            let late = pool[0]
            let lateSigned = today.adding(days: -18)
            let n1 = try await negotiation(
                org: late.union_id ?? root, kind: .wage, level: .enterprise, employer: late, counterpart: nil, requested: lateSigned.adding(days: -60),
                request: "首次开展工资集体协商", signedAfter: 60, failedVote: true)
            _ = try await contract(
                org: late.union_id ?? root, kind: .wage, level: .enterprise, employer: late, counterpart: nil, negotiation: n1, signed: lateSigned,
                years: 1, workers: late.headcount, rise: 600, minimum: 2_100_00, filedAfter: nil, effectiveAfter: nil, publishedAfter: nil, title: nil)
            // A request not answered within 20 days.
            _ = try await negotiation(
                org: pool[1].union_id ?? root, kind: .wage, level: .enterprise, employer: pool[1], counterpart: nil, requested: today.adding(days: -26),
                request: "要求开展年度工资集体协商", signedAfter: nil, failedVote: false)
            // Talks under way with a workers' negotiator's seat empty past 15 days.
            let vacant = try await negotiation(
                org: pool[2].union_id ?? root, kind: .women, level: .enterprise, employer: pool[2], counterpart: nil, requested: today.adding(days: -50),
                request: "签订女职工权益保护专项集体合同", signedAfter: nil, failedVote: false, talking: true)
            if let seat = try await Negotiator.query(on: db).filter(\.$negotiation.$id == vacant).filter(\.$side == NegotiatorSide.workers.rawValue)
                .filter(\.$chief == false).sort(\.$id).first()
            {
                seat.leftOn = today.adding(days: -19).iso
                seat.leftReason = "调离本企业"
                try await seat.update(on: db)
            }
            // A fresh request this week.
            _ = try await negotiation(
                org: pool[3].union_id ?? root, kind: .wage, level: .enterprise, employer: pool[3], counterpart: nil, requested: today.adding(days: -3),
                request: "要求开展年度工资集体协商", signedAfter: nil, failedVote: false)
        }

        /// A negotiation with its negotiators, a reply and rounds; signed `signedAfter` days after the request when given,
        /// otherwise left requested (or talking). Returns its id.
        mutating func negotiation(
            org: Int, kind: ContractKind, level: ContractLevel, employer: EmployerRef?, counterpart: String?, requested: CalendarDate,
            request: String, signedAfter: Int?, failedVote: Bool, renews: Int? = nil, talking: Bool = false
        ) async throws -> Int {
            let n = Negotiation()
            n.$org.id = org
            n.kind = kind.rawValue
            n.level = level.rawValue
            n.$employer.id = employer?.id
            n.counterpart = counterpart ?? employer?.name
            n.requestedBy = Requester.union.rawValue
            n.requestedOn = requested.iso
            n.request = request
            n.renewsID = renews
            n.rounds = 0
            n.failedVotes = 0
            n.version = 0
            n.createdBy = actor.userID
            n.state = NegotiationState.requested.rawValue
            let seq = try await Store.next("negotiation-\(requested.year)", on: db)
            n.number = Store.registerNumber("XS", year: requested.year, seq)
            var events: [(String, CalendarDate, String)] = [("request", requested, "\(Requester.union.label)：\(request)")]
            let replied = requested.adding(days: 7)
            if signedAfter != nil || talking {
                n.repliedOn = replied.iso
                n.replyNote = "同意协商"
                n.state = NegotiationState.talking.rawValue
                n.rounds = 1
                n.lastRoundOn = replied.adding(days: 5).iso
                events += [("reply", replied, "同意协商"), ("round", replied.adding(days: 5), "第1轮协商：双方交换方案")]
            }
            if let after = signedAfter {
                let signed = requested.adding(days: after)
                let drafted = signed.adding(days: -14)
                let voted = signed.adding(days: -4)
                n.rounds = failedVote ? 3 : 2
                n.lastRoundOn = drafted.adding(days: -2).iso
                n.draftedOn = drafted.iso
                n.votedOn = voted.iso
                n.voteBody = VoteBody.congress.rawValue
                n.delegates = 45
                n.attending = 40
                n.approving = 36
                n.failedVotes = failedVote ? 1 : 0
                n.signedOn = signed.iso
                n.state = NegotiationState.signed.rawValue
                if failedVote {
                    events += [
                        ("draft", drafted.adding(days: -12), ""), ("vote", drafted.adding(days: -8), "职工代表大会：应到45人，实到38人，赞成19票，未通过，退回继续协商"),
                        ("round", drafted.adding(days: -2), "第3轮协商：调整工资增幅方案"),
                    ]
                } else {
                    events.append(("round", drafted.adding(days: -2), "第2轮协商：形成一致意见"))
                }
                events += [
                    ("draft", drafted, ""), ("vote", voted, "职工代表大会：应到45人，实到40人，赞成36票，通过"),
                    ("sign", signed, "双方首席代表签字"),
                ]
            }
            try await n.create(on: db)
            let id = try n.requireID()
            for side in NegotiatorSide.allCases {
                for k in 0..<3 {
                    let s = Negotiator()
                    s.$negotiation.id = id
                    s.side = side.rawValue
                    s.name = side == .workers ? ["王建华", "李秀英", "陈志强"][k] : ["张国栋", "刘美玲", "黄伟"][k]
                    s.position = side == .workers ? ["工会主席", "职工代表", "职工代表"][k] : ["总经理", "人事经理", "财务经理"][k]
                    s.chief = k == 0
                    s.joinedOn = requested.adding(days: 3).iso
                    try await s.create(on: db)
                }
            }
            for (kind, on, note) in events.sorted(by: { $0.1 < $1.1 }) {
                try await Negotiations.event(negotiation: id, kind: kind, on: on, note: note.isEmpty ? nil : note, actor: actor, on: db)
            }
            return id
        }

        /// A contract signed on `signed`, filed, in force and published the given days after; returns its id.
        mutating func contract(
            org: Int, kind: ContractKind, level: ContractLevel, employer: EmployerRef?, counterpart: String?, negotiation: Int?,
            signed: CalendarDate, years: Int, workers: Int, rise: Int?, minimum: Int?, filedAfter: Int?, effectiveAfter: Int?,
            publishedAfter: Int?, title: String?, renews: Int? = nil, women: Int? = nil
        ) async throws -> Int {
            var d = ContractDates(kind: kind, signed: signed, starts: signed.adding(days: 1), ends: signed.adding(years: years))
            var state = ContractState.signed
            var events: [(String, CalendarDate)] = [("signed", signed)]
            if let f = filedAfter, signed.adding(days: f) <= today {
                d.filed = signed.adding(days: f)
                state = .submitted
                events.append(("submit", signed.adding(days: f)))
                if let e = effectiveAfter, let filed = d.filed, filed.adding(days: e) <= today {
                    d.effective = filed.adding(days: e)
                    state = .inForce
                    events.append(("takeEffect", filed.adding(days: e)))
                    if let p = publishedAfter, let eff = d.effective, eff.adding(days: p) <= today {
                        d.published = eff.adding(days: p)
                        events.append(("publish", eff.adding(days: p)))
                    }
                }
            }
            let c = CollectiveContract()
            c.$org.id = org
            c.kind = kind.rawValue
            c.level = level.rawValue
            c.$employer.id = employer?.id
            c.counterpart = counterpart ?? employer?.name
            c.$negotiation.id = negotiation
            c.$renews.id = renews
            c.title = title ?? "\(c.counterpart ?? "")\(kind.label)"
            c.signedOn = signed.iso
            c.startsOn = d.starts.iso
            c.endsOn = d.ends.adding(days: 0).iso
            c.workers = workers
            c.womenWorkers = women
            c.wageRise = rise
            c.minimumWage = minimum
            c.state = state.rawValue
            c.apply(d)
            c.publishedVia = d.published == nil ? nil : "厂务公开栏、职工微信群"
            c.version = 0
            c.createdBy = actor.userID
            let seq = try await Store.next("contract-\(signed.year)", on: db)
            c.number = Store.registerNumber("HT", year: signed.year, seq)
            try await c.create(on: db)
            let id = try c.requireID()
            if let employer { try await cover(id, employer, headcount: employer.headcount) }
            if let negotiation { try await db.sql.update("negotiations").set("contract_id", to: id).where("id", .equal, negotiation).run() }
            if let renews, let effective = d.effective {
                try await db.sql.update("contracts").set("superseded_on", to: effective.iso).where("id", .equal, renews).run()
                try await Negotiations.event(contract: renews, kind: "superseded", on: effective, note: "被续签的新合同替代", actor: actor, on: db)
            }
            for (kind, on) in events {
                try await Negotiations.event(contract: id, kind: kind, on: on, note: kind == "signed" ? c.title : nil, actor: actor, on: db)
            }
            return id
        }

        /// The filing pack of a filed contract, each item a scan uploaded on the day it was filed.
        func attachPack(_ contract: Int, level: ContractLevel, title: String, filed: CalendarDate) async throws {
            for item in FilingItem.required(for: level) {
                let scan = try Attachments.check(
                    ByteBuffer(data: DemoScan.pdf([item.label, title, "报送日期：\(filed.iso)"])), sentName: item.label + ".pdf", maxBytes: .max,
                    cipher: cipher)
                _ = try await Attachments.store(
                    scan, slot: item.rawValue, to: Contracts.owner(contract, org: root), actor: actor,
                    at: filed.date(in: AppConfig.chinaStandardTime, hour: 10), on: db)
            }
        }

        func cover(_ contract: Int, _ e: EmployerRef, headcount: Int) async throws {
            let row = CoveredEmployer()
            row.$contract.id = contract
            row.$employer.id = e.id
            row.headcount = headcount
            try await row.create(on: db)
        }
    }
}
