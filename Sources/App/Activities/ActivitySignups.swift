import Domain
import Fluent
import SQLKit
import Vapor

/// Sign-ups within an activity's cap, the rest waiting; a cancellation moves the first waiting up.
extension Activities {
    /// A member signs up: enrolled while places are left, waiting after that; a cancelled sign-up comes back.
    static func signUp(_ id: Int, _ f: SignupFields, today: CalendarDate, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> Signup
    {
        let a = try await find(id, in: scope, on: db)
        if a.endsOn < today.iso { throw AppError.conflict("活动已于\(a.endsOn)结束，不能再报名", field: "card") }
        guard let m = try await members([f.card], of: a, field: "card", on: db).first else { throw AppError.notFound("会员") }
        let mid = try m.requireID()
        return try await Store.write(db) { tx in
            try await Store.lock("activities", id: id, on: tx)
            let existing = try await Signup.query(on: tx).filter(\.$activity.$id == id).filter(\.$member.$id == mid).first()
            if let existing, existing.signupStatus != .cancelled {
                throw AppError.conflict("\(m.name)已\(existing.signupStatus.label)", field: "card")
            }
            let enrolled = try await Signup.query(on: tx).filter(\.$activity.$id == id).filter(\.$status == SignupStatus.enrolled.rawValue).count()
            let row = existing ?? Signup()
            row.$activity.id = id
            row.$member.id = mid
            row.status = (a.cap.map { enrolled < $0 } ?? true) ? SignupStatus.enrolled.rawValue : SignupStatus.waiting.rawValue
            row.signedOn = today.iso
            try await row.save(on: tx)
            try await Audit.record(
                ActivityAudit.signup, entity: "activity", id: id, after: ["card": m.cardNumber, "status": row.signupStatus.label], actor: actor, at: now, on: tx)
            row.$member.value = m
            return row
        }
    }

    /// Cancels a sign-up; a place it freed goes to the first waiting. Returns the one promoted.
    static func cancel(_ id: Int, _ f: SignupFields, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database) async throws -> Member? {
        let a = try await find(id, in: scope, on: db)
        return try await Store.write(db) { tx in
            try await Store.lock("activities", id: id, on: tx)
            guard
                let row = try await Signup.query(on: tx).filter(\.$activity.$id == id).join(Member.self, on: \Signup.$member.$id == \Member.$id)
                    .filter(Member.self, \.$cardNumber == f.card).with(\.$member).first()
            else { throw FieldError(field: "card", message: "会员证号\(f.card)没有报名本活动") }
            guard row.signupStatus != .cancelled else { throw AppError.conflict("该报名已取消", field: nil) }
            let freed = row.signupStatus == .enrolled
            row.status = SignupStatus.cancelled.rawValue
            try await row.save(on: tx)
            var promoted: Member?
            if freed, a.cap != nil,
                let next = try await Signup.query(on: tx).filter(\.$activity.$id == id).filter(\.$status == SignupStatus.waiting.rawValue).sort(\.$id)
                    .with(\.$member).first()
            {
                next.status = SignupStatus.enrolled.rawValue
                try await next.save(on: tx)
                promoted = next.member
            }
            var after = ["card": row.member.cardNumber]
            if let promoted { after["promoted"] = promoted.cardNumber }
            try await Audit.record(ActivityAudit.cancel, entity: "activity", id: id, after: after, actor: actor, at: now, on: tx)
            return promoted
        }
    }
}
