import Domain
import Fluent
import SQLKit
import Vapor

extension DemoTownship {
    /// One synthetic member before insertion.
    struct MemberRow {
        var name: String
        var id: IDNumber
        var phone: PhoneNumber?
        var unionIndex: Int
        var employerID: Int?
        var joinDate: CalendarDate
        var status: MemberStatus
        var statusSince: CalendarDate
        var migrant: Bool
        var card: String
        var ethnicity: String
        var education: Education
        var political: PoliticalStatus
        var model: Bool
    }

    static func insertMembers(
        _ g: inout SeededRandom, plan: [UnionPlan], target: Int, today: CalendarDate, register: inout DemoRegister,
        cipher: FieldCipher, on db: any Database
    ) async throws {
        let totalWeight = plan.map(\.weight).reduce(0, +)
        var rows: [MemberRow] = []
        for (index, u) in plan.enumerated() {
            let count = max(3, Int((u.weight / totalWeight * Double(target)).rounded()))
            let migrantShare = u.org.unionType == UnionType.enterprise.rawValue || u.org.unionType == UnionType.joint.rawValue ? 40 : 5
            for _ in 0..<count {
                let migrant = Int.random(in: 0..<100, using: &g) < migrantShare
                let region = (migrant ? DemoNames.migrantRegions : DemoNames.localRegions).pick(using: &g)
                var id: IDNumber
                repeat {
                    let birth = CalendarDate(clamping: Int.random(in: 1966...2004, using: &g), Int.random(in: 1...12, using: &g), Int.random(in: 1...28, using: &g))
                    id = try IDNumber.compose(region: region, birth: birth, sequence: Int.random(in: 0...999, using: &g))
                } while !register.usedIDs.insert(id.value).inserted
                var phone: PhoneNumber?
                if Int.random(in: 0..<10, using: &g) > 0 {
                    var p: PhoneNumber
                    repeat { p = try PhoneNumber(randomPhone(&g)) } while !register.usedPhones.insert(p.value).inserted
                    phone = p
                }
                let adult = id.birthDate.adding(years: 18)
                // Nobody joins a union before it was founded.
                let founded = u.org.foundedOn.flatMap(CalendarDate.init(parsing:)) ?? CalendarDate(clamping: 2008, 1, 1)
                let earliest = max(adult, CalendarDate(clamping: 2008, 1, 1), founded)
                // About one in ten joined this year, so the year has new members to report.
                let join: CalendarDate
                if Int.random(in: 0..<10, using: &g) == 0 {
                    join = max(earliest, CalendarDate(clamping: today.year, 1, 1)).adding(
                        months: Int.random(in: 0...(today.month - 1), using: &g))
                } else {
                    let months = max(0, (today.year - earliest.year) * 12 + today.month - earliest.month - 12)
                    join = earliest.adding(months: Int.random(in: 0...months, using: &g))
                }
                let joined = min(join, today)
                let age = today.year - id.birthDate.year
                let roll = Int.random(in: 0..<1000, using: &g)
                let status: MemberStatus = age >= 55 && roll < 400 ? .retired : roll < 12 ? .left : roll < 17 ? .deceased : .active
                let since = status == .active ? joined : max(joined, today.adding(months: -Int.random(in: 1...20, using: &g)))
                let educations: [Education] = [
                    .juniorHigh, .juniorHigh, .seniorHigh, .vocational, .vocational, .college, .bachelor, .bachelor, .master,
                ]
                let politicals: [PoliticalStatus] = [.masses, .masses, .masses, .masses, .masses, .league, .party]
                rows.append(
                    MemberRow(
                        name: DemoNames.person(&g), id: id, phone: phone, unionIndex: index,
                        employerID: u.employers.isEmpty ? nil : u.employers.pick(using: &g).id,
                        joinDate: joined, status: status, statusSince: since, migrant: migrant,
                        card: MemberCard.number(register.cards + rows.count + 1),
                        ethnicity: DemoNames.ethnicities.pick(using: &g),
                        education: educations.pick(using: &g), political: politicals.pick(using: &g),
                        model: Int.random(in: 0..<200, using: &g) == 0))
            }
        }
        let unionIDs = try plan.map { try $0.org.requireID() }
        register.cards += rows.count
        let now = Date()
        // Encryption and keyed hashes on every core, then the bulk path in one transaction.
        let values = try Parallel.map(rows) { r in
            Result { () throws -> [BulkValue] in
                [
                    .text(r.name), .text(try cipher.encrypt(r.id.value)), .text(cipher.index(r.id.value)), .text(r.id.masked),
                    .text(r.id.birthDate.iso),
                    .text(r.id.gender.rawValue), .text(try r.phone.map { try cipher.encrypt($0.value) }),
                    .text(r.phone.map { cipher.index($0.value) }), .text(r.phone?.masked),
                    .text(r.ethnicity), .text(r.education.rawValue), .text(r.political.rawValue), .int(unionIDs[r.unionIndex]),
                    .int(r.employerID), .text(r.joinDate.iso), .text(r.card), .bool(r.migrant), .bool(r.model), .text(r.status.rawValue),
                    .text(r.statusSince.iso), .time(now), .time(now),
                ]
            }
        }.map { try $0.get() }
        try await Store.write(db) { tx in
            try await BulkInsert.run(
                into: "members",
                columns: [
                    "name", "id_enc", "id_hash", "id_masked", "birth_date", "gender", "phone_enc", "phone_hash", "phone_masked",
                    "ethnicity",
                    "education", "political_status", "union_id", "employer_id", "join_date", "card_no", "migrant_worker", "model_worker",
                    "status", "status_since", "created_at", "updated_at",
                ], rows: values, on: tx)
        }
        try await insertEvents(&g, rows: rows, unionIDs: unionIDs, on: db)
    }

    /// Joining events for everyone, status events for those who left, retired or died, and some transfers:
    /// members now in a union who came from another one.
    static func insertEvents(_ g: inout SeededRandom, rows: [MemberRow], unionIDs: [Int], on db: any Database) async throws {
        struct IDRow: Decodable { var id: Int; var card_no: String }
        let ids = try await db.sql.select().column("id").column("card_no").from("members").where("union_id", .in, unionIDs)
            .all(decoding: IDRow.self)
        let idOf = Dictionary(uniqueKeysWithValues: ids.map { ($0.card_no, $0.id) })
        var events: [[BulkValue]] = []
        for r in rows {
            guard let mid = idOf[r.card] else { continue }
            var joinedUnion = unionIDs[r.unionIndex]
            let transferred = r.status == .active && Int.random(in: 0..<100, using: &g) == 0
            if transferred {
                joinedUnion = unionIDs[(r.unionIndex + 1 + Int.random(in: 0..<(unionIDs.count - 1), using: &g)) % unionIDs.count]
            }
            events.append([
                .int(mid), .text("joined"), .null, .int(joinedUnion), .null, .text(MemberStatus.active.rawValue), .text(r.joinDate.iso),
                .null,
            ])
            if transferred {
                events.append([
                    .int(mid), .text("transfer"), .int(joinedUnion), .int(unionIDs[r.unionIndex]), .null, .null,
                    .text(max(r.joinDate, r.statusSince).iso), .text("工作调动"),
                ])
            }
            if r.status != .active {
                let reason = r.status == .retired ? "退休" : r.status == .left ? "离职，本人申请退会" : "因病去世"
                events.append([
                    .int(mid), .text("status"), .null, .null, .text(MemberStatus.active.rawValue), .text(r.status.rawValue),
                    .text(r.statusSince.iso), .text(reason),
                ])
            }
        }
        let all = events
        let counted = rows.compactMap { idOf[$0.card] }
        try await Store.write(db) { tx in
            try await BulkInsert.run(
                into: "member_events",
                columns: ["member_id", "kind", "from_union_id", "to_union_id", "from_status", "to_status", "on_date", "reason"], rows: all,
                on: tx)
            try await MemberTallies.add(counted, on: tx)
        }
    }
}
