import Domain
import Fluent
import SQLKit
import Vapor

extension MemberImport {
    /// Writes every ready row in one transaction: multi-row inserts for new members (with card numbers,
    /// joining events) and updates for existing ones; one audit entry for the batch.
    func write(_ rows: [Ready], app: Application, on db: any Database) async throws -> (inserted: Int, updated: Int) {
        let cipher = app.cipher
        let now = app.clock.now()
        let actor = self.actor
        let fresh = rows.filter { $0.existingID == nil }
        let updates = rows.filter { $0.existingID != nil }
        let file = self.file.lastPathComponent
        return try await Store.write(db) { tx in
            let firstCard = try await Store.next("card", count: fresh.count, on: tx)
            for start in stride(from: 0, to: fresh.count, by: 500) {
                let chunk = fresh[start..<min(start + 500, fresh.count)]
                var insert = tx.sql.insert(into: "members").columns(
                    "name", "id_enc", "id_hash", "id_masked", "birth_date", "gender",
                    "phone_enc", "phone_hash", "phone_masked", "ethnicity", "education", "political_status", "union_id", "employer_id",
                    "join_date", "card_no", "migrant_worker", "model_worker", "status", "status_since", "created_at", "updated_at")
                for (offset, r) in chunk.enumerated() {
                    let f = r.fields
                    insert = insert.values([
                        SQLBind(f.name), SQLBind(try cipher.encrypt(f.idNumber.value)), SQLBind(r.idHash),
                        SQLBind(f.idNumber.masked), SQLBind(f.idNumber.birthDate.iso), SQLBind(f.idNumber.gender.rawValue),
                        SQLBind(try f.phone.map { try cipher.encrypt($0.value) }), SQLBind(f.phone.map { cipher.index($0.value) }),
                        SQLBind(f.phone?.masked), SQLBind(f.ethnicity), SQLBind(f.education?.rawValue),
                        SQLBind(f.politicalStatus?.rawValue),
                        SQLBind(f.unionId), SQLBind(f.employerId), SQLBind(f.joinDate.iso),
                        SQLBind(MemberQuery.cardNumber(firstCard + start + offset)), SQLBind(f.migrantWorker), SQLBind(f.modelWorker),
                        SQLBind(MemberStatus.active.rawValue), SQLBind(f.joinDate.iso), SQLBind(now), SQLBind(now),
                    ])
                }
                try await insert.run()
            }
            try await insertJoinEvents(fresh, firstCard: firstCard, userID: actor.userID, on: tx)
            for r in updates {
                let f = r.fields
                try await tx.sql.update("members")
                    .set("name", to: f.name).set("phone_enc", to: try f.phone.map { try cipher.encrypt($0.value) })
                    .set("phone_hash", to: f.phone.map { cipher.index($0.value) }).set("phone_masked", to: f.phone?.masked)
                    .set("ethnicity", to: f.ethnicity).set("education", to: f.education?.rawValue)
                    .set("political_status", to: f.politicalStatus?.rawValue).set("migrant_worker", to: f.migrantWorker)
                    .set("model_worker", to: f.modelWorker).set("updated_at", to: now)
                    .where("id", .equal, r.existingID!).run()
            }
            try await Audit.record(
                "member.import", entity: "member",
                after: [
                    "file": file, "inserted": String(fresh.count), "updated": String(updates.count), "mode": mode.rawValue,
                ], actor: actor, at: now, on: tx)
            return (fresh.count, updates.count)
        }
    }

    private func insertJoinEvents(_ fresh: [Ready], firstCard: Int, userID: Int?, on tx: any Database) async throws {
        guard !fresh.isEmpty else { return }
        struct Row: Decodable { var id: Int; var card_no: String }
        let first = MemberQuery.cardNumber(firstCard)
        let last = MemberQuery.cardNumber(firstCard + fresh.count - 1)
        let ids = try await tx.sql.select().column("id").column("card_no").from("members")
            .where("card_no", .greaterThanOrEqual, first).where("card_no", .lessThanOrEqual, last).all(decoding: Row.self)
        let idOf = Dictionary(uniqueKeysWithValues: ids.map { ($0.card_no, $0.id) })
        for start in stride(from: 0, to: fresh.count, by: 1000) {
            var insert = tx.sql.insert(into: "member_events").columns(
                "member_id", "kind", "to_union_id", "to_status", "on_date", "reason", "user_id")
            for (offset, r) in fresh[start..<min(start + 1000, fresh.count)].enumerated() {
                guard let id = idOf[MemberQuery.cardNumber(firstCard + start + offset)] else { continue }
                insert = insert.values([
                    SQLBind(id), SQLBind("joined"), SQLBind(r.fields.unionId), SQLBind(MemberStatus.active.rawValue),
                    SQLBind(r.fields.joinDate.iso), SQLBind("名册导入"), SQLBind(userID),
                ])
            }
            try await insert.run()
        }
    }
}
