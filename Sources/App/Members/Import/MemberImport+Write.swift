import Domain
import Fluent
import SQLKit
import Vapor

/// Stage two's writer: one batch of checked rows into the open transaction — new members with card numbers and
/// joining events by the database's bulk path, existing members (upsert) updated one by one.
struct MemberRows: Sendable {
    var now: Date
    var userID: Int?

    static let columns = [
        "name", "id_enc", "id_hash", "id_masked", "birth_date", "gender", "phone_enc", "phone_hash", "phone_masked", "ethnicity",
        "education", "political_status", "union_id", "employer_id", "join_date", "card_no", "migrant_worker", "model_worker",
        "status", "status_since", "created_at", "updated_at",
    ]

    func write(_ rows: [PreparedMember], on tx: any Database) async throws -> (inserted: Int, updated: Int) {
        let fresh = rows.filter { $0.existingID == nil }
        let updates = rows.filter { $0.existingID != nil }
        if !fresh.isEmpty {
            let firstCard = try await Store.next("card", count: fresh.count, on: tx)
            let values = fresh.enumerated().map { offset, r -> [BulkValue] in
                let f = r.fields
                return [
                    .text(f.name), .text(r.idEnc), .text(r.idHash), .text(f.idNumber.masked), .text(f.idNumber.birthDate.iso),
                    .text(f.idNumber.gender.rawValue), .text(r.phoneEnc), .text(r.phoneHash), .text(f.phone?.masked),
                    .text(f.ethnicity), .text(f.education?.rawValue), .text(f.politicalStatus?.rawValue), .int(f.unionId),
                    .int(f.employerId), .text(f.joinDate.iso), .text(MemberCard.number(firstCard + offset)),
                    .bool(f.migrantWorker), .bool(f.modelWorker), .text(MemberStatus.active.rawValue), .text(f.joinDate.iso),
                    .time(now), .time(now),
                ]
            }
            try await BulkInsert.run(into: "members", columns: Self.columns, rows: values, on: tx)
            try await insertJoinEvents(fresh, firstCard: firstCard, on: tx)
        }
        for r in updates {
            let f = r.fields
            try await tx.sql.update("members")
                .set("name", to: f.name).set("phone_enc", to: r.phoneEnc).set("phone_hash", to: r.phoneHash)
                .set("phone_masked", to: f.phone?.masked).set("ethnicity", to: f.ethnicity).set("education", to: f.education?.rawValue)
                .set("political_status", to: f.politicalStatus?.rawValue).set("migrant_worker", to: f.migrantWorker)
                .set("model_worker", to: f.modelWorker).set("updated_at", to: now)
                .where("id", .equal, r.existingID).run()
        }
        return (fresh.count, updates.count)
    }

    /// The joining event of each new member, found again by the card numbers just given out, and the members it counts.
    private func insertJoinEvents(_ fresh: [PreparedMember], firstCard: Int, on tx: any Database) async throws {
        struct Row: Decodable { var id: Int; var card_no: String }
        let ids = try await tx.sql.select().column("id").column("card_no").from("members")
            .where("card_no", .greaterThanOrEqual, MemberCard.number(firstCard))
            .where("card_no", .lessThanOrEqual, MemberCard.number(firstCard + fresh.count - 1)).all(decoding: Row.self)
        let idOf = Dictionary(uniqueKeysWithValues: ids.map { ($0.card_no, $0.id) })
        let events = fresh.enumerated().compactMap { offset, r -> [BulkValue]? in
            guard let id = idOf[MemberCard.number(firstCard + offset)] else { return nil }
            return [
                .int(id), .text("joined"), .int(r.fields.unionId), .text(MemberStatus.active.rawValue), .text(r.fields.joinDate.iso),
                .text("名册导入"), .int(userID),
            ]
        }
        try await BulkInsert.run(
            into: "member_events", columns: ["member_id", "kind", "to_union_id", "to_status", "on_date", "reason", "user_id"],
            rows: events, on: tx)
        // Each joins the roll of their union on their joining day.
        var tallies = MemberTallyChanges()
        for r in fresh {
            let (union, day, active) = (r.fields.unionId, r.fields.joinDate.iso, MemberStatus.active.rawValue)
            let joined = MemberTimeline.Event(onDate: day, id: 0, toUnion: union, toStatus: active, joined: true)
            tallies.add(MemberTimeline(joinDate: day, union: union, status: active, events: [joined]), female: r.fields.idNumber.gender == .female)
        }
        try await MemberTallies.apply(tallies, on: tx)
    }
}
