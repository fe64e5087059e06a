import Domain
import Fluent
import SQLKit
import Vapor

/// Members in the caller's subtree: search, create, edit, status changes, transfers, reveal.
enum MemberQuery {
    struct Filter: Sendable {
        var q: String?
        var unionId: Int?
        var status: MemberStatus?
        var migrantWorker: Bool?
        var page = 1
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> Member {
        guard let m = try await Member.scoped(scope, on: db).filter(\.$id == id).with(\.$union).with(\.$employer).first() else {
            throw AppError.notFound("会员")
        }
        return m
    }

    /// The conditions of a member list, as SQL shared by the list (read without building models) and the export.
    /// Search text is matched as an ID number or phone (exactly, through the keyed hash), a card number, or the
    /// beginning of a name. A list walks the (union, newest first) index in order, a search its own index.
    static func conditions(_ f: Filter, in scope: Scope, cipher: FieldCipher) -> [SQLQueryString] {
        var out: [SQLQueryString] = []
        if let text = f.q.flatMap(Input.optional) {
            if let id = try? IDNumber(text) {
                out.append("members.id_hash = \(bind: cipher.index(id.value))")
            } else if let phone = try? PhoneNumber(text) {
                out.append("members.phone_hash = \(bind: cipher.index(phone.value))")
            } else if let card = MemberCard.parse(text) {
                out.append("members.card_no = \(bind: card)")
            } else if text.filter(\.isNumber).count >= 6 {
                // A mistyped ID or phone number is looked up only through the keyed hash, so it never
                // reaches a LIKE pattern (or a query log) in the clear.
                out.append("members.id_hash = \(bind: cipher.index(Text.compact(text).uppercased()))")
            } else {
                // A name matches from its beginning (surname first) through the name index — a range, since LIKE with a
                // leading wildcard would read every row of a million-member register; a card number matches exactly.
                out.append(
                    """
                    ((members.name >= \(bind: text) AND members.name < \(bind: text + "\u{10FFFF}")) \
                    OR members.card_no = \(bind: text.uppercased()))
                    """)
            }
        }
        // With a search, `+` keeps the planner on the search's index rather than walking every union.
        let column = out.isEmpty ? "members.union_id" : "+members.union_id"
        if let node = f.unionId {
            out.append(
                """
                \(unsafeRaw: column) IN (SELECT id FROM organizations WHERE path LIKE \(bind: scope.path + "%") \
                AND path LIKE (SELECT path FROM organizations WHERE id = \(bind: node)) || '%')
                """)
        } else {
            out.append(scope.contains(column))
        }
        if let s = f.status { out.append("members.status = \(bind: s.rawValue)") }
        if let m = f.migrantWorker { out.append("members.migrant_worker = \(m)") }
        return out
    }

    /// The list's conditions on a Fluent query (the export, which needs whole members).
    static func filtered(_ f: Filter, in scope: Scope, cipher: FieldCipher, on db: any Database) -> QueryBuilder<Member> {
        conditions(f, in: scope, cipher: cipher).reduce(Member.query(on: db).with(\.$union)) { $0.filter(.sql($1)) }
    }

    /// One page, union by union and newest first — the order of the (union, id) index, so a page reads only its own
    /// rows — counted up to `Paged.countLimit`, in one statement, decoded straight from the rows.
    static func list(_ f: Filter, in scope: Scope, cipher: FieldCipher, per: Int = 50, on db: any Database) async throws
        -> Paged<MemberListing>
    {
        try await PageQuery(
            table: "members", key: "members.id", columns: MemberListing.columns,
            joins: "JOIN organizations o ON o.id = members.union_id", conditions: conditions(f, in: scope, cipher: cipher),
            order: "members.union_id, members.id DESC"
        ).fetch(MemberListing.self, page: f.page, per: per, on: db.sql)
    }

    static func create(
        _ f: MemberFields, in scope: Scope, cipher: FieldCipher, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws -> Member {
        try await checkLinks(f, in: scope, on: db)
        let m = Member()
        try apply(f, to: m, cipher: cipher)
        m.status = MemberStatus.active.rawValue
        m.statusSince = f.joinDate.iso
        return try await Store.write(db) { tx in
            try await checkDuplicate(m, except: nil, in: scope, on: tx)
            let n = try await Store.next("card", on: tx)
            m.cardNumber = MemberCard.number(n)
            try await m.create(on: tx)
            try await event(m, kind: "joined", toUnion: f.unionId, toStatus: .active, on: f.joinDate, reason: nil, actor: actor, db: tx)
            try await MemberTallies.add([m.requireID()], on: tx)
            try await Audit.record(MemberAudit.create, entity: "member", id: m.id, after: snapshot(m), actor: actor, at: now, on: tx)
            return m
        }
    }

    static func update(
        _ id: Int, _ f: MemberFields, in scope: Scope, cipher: FieldCipher, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws -> Member {
        let m = try await find(id, in: scope, on: db)
        guard f.unionId == m.$union.id else {
            throw FieldError(field: "unionId", message: "调整所在工会请使用“会籍接转”")
        }
        try await checkLinks(f, in: scope, on: db)
        let before = snapshot(m)
        try apply(f, to: m, cipher: cipher)
        return try await Store.write(db) { tx in
            try await checkDuplicate(m, except: id, in: scope, on: tx)
            // The joining day and the ID number's gender count.
            try await MemberTallies.rewrite([id], on: tx) { try await m.update(on: tx) }
            let (b, a) = Audit.diff(before, snapshot(m))
            if !a.isEmpty {
                try await Audit.record(MemberAudit.update, entity: "member", id: id, before: b, after: a, actor: actor, at: now, on: tx)
            }
            return m
        }
    }

    /// A checked change of standing: a new status or a transfer.
    /// A change checked against the member as they stand, without making it: what the confirmation page states, and
    /// what `change` makes. The union a transfer goes to comes with it.
    struct CheckedChange {
        var member: Member
        var change: MembershipChange
        var target: Organization?
    }

    static func check(_ id: Int, _ c: MembershipChange, in scope: Scope, on db: any Database) async throws -> CheckedChange {
        let m = try await find(id, in: scope, on: db)
        switch c.change {
        case .status(let next):
            let current = m.memberStatus ?? .active
            guard current.canChange(to: next) else {
                throw FieldError(field: "status", message: "会籍状态不能从“\(current.label)”改为“\(next.label)”")
            }
            if let since = CalendarDate(parsing: m.statusSince), c.date < since {
                throw FieldError(field: "date", message: "变更日期不能早于上次变更日期 \(since.iso)")
            }
            return CheckedChange(member: m, change: c, target: nil)
        case .transfer(let unionID):
            guard let status = m.memberStatus, status.isMember else {
                throw FieldError(field: "unionId", message: "只有在会或退休保留会籍的会员可以办理接转")
            }
            guard unionID != m.$union.id else { throw FieldError(field: "unionId", message: "转入工会与当前所在工会相同") }
            let target = try? await OrganizationQuery.find(unionID, in: scope, on: db)
            guard let target, target.level == OrgLevel.union.rawValue else {
                throw FieldError(field: "unionId", message: "转入工会应为您管辖范围内的基层工会")
            }
            return CheckedChange(member: m, change: c, target: target)
        }
    }

    /// A new status (退休保留, 去世, 退会 …) or a transfer to another union of the caller's subtree (会籍接转), on its day;
    /// the history keeps what it was before and where the member came from.
    static func change(_ id: Int, _ c: MembershipChange, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws
    {
        try await make(try await check(id, c, in: scope, on: db), actor: actor, at: now, on: db)
    }

    static func make(_ checked: CheckedChange, actor: Audit.Actor, at now: Date, on db: any Database) async throws {
        let (m, c) = (checked.member, checked.change)
        let id = try m.requireID()
        switch c.change {
        case .status(let next):
            let current = m.memberStatus ?? .active
            m.status = next.rawValue
            m.statusSince = c.date.iso
            try await Store.write(db) { tx in
                try await MemberTallies.rewrite([id], on: tx) {
                    try await m.update(on: tx)
                    try await event(m, kind: "status", fromStatus: current, toStatus: next, on: c.date, reason: c.reason, actor: actor, db: tx)
                }
                try await Audit.record(
                    MemberAudit.status, entity: "member", id: id, before: ["status": current.rawValue],
                    after: ["status": next.rawValue, "date": c.date.iso, "reason": c.reason ?? ""], actor: actor, at: now, on: tx)
            }
        case .transfer(let unionID):
            let from = m.$union.id
            m.$union.id = unionID
            m.$employer.id = nil
            try await Store.write(db) { tx in
                try await MemberTallies.rewrite([id], on: tx) {
                    try await m.update(on: tx)
                    try await event(m, kind: "transfer", fromUnion: from, toUnion: unionID, on: c.date, reason: c.reason, actor: actor, db: tx)
                }
                try await Audit.record(
                    MemberAudit.transfer, entity: "member", id: id, before: ["unionId": String(from)],
                    after: ["unionId": String(unionID), "date": c.date.iso, "unionName": checked.target?.name ?? ""], actor: actor, at: now,
                    on: tx)
            }
        }
    }

    /// The full ID and phone numbers; the caller has checked the permission, and this records the reveal.
    static func reveal(
        _ id: Int, in scope: Scope, cipher: FieldCipher, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws -> (idNumber: String, phone: String?) {
        let m = try await find(id, in: scope, on: db)
        let idNumber = try cipher.decrypt(m.idNumberEncrypted)
        let phone = try m.phoneEncrypted.map { try cipher.decrypt($0) }
        try await Audit.record(
            MemberAudit.reveal, entity: "member", id: id, after: ["fields": "idNumber,phone"], actor: actor, at: now, on: db)
        return (idNumber, phone)
    }

    static func history(_ id: Int, on db: any Database) async throws -> [MemberEvent] {
        try await MemberEvent.query(on: db).filter(\.$member.$id == id).sort(\.$onDate).sort(\.$id).all()
    }

    private static func checkLinks(_ f: MemberFields, in scope: Scope, on db: any Database) async throws {
        let union = try? await OrganizationQuery.find(f.unionId, in: scope, on: db)
        guard let union, union.level == OrgLevel.union.rawValue else {
            throw FieldError(field: "unionId", message: "所在工会应为您管辖范围内的基层工会")
        }
        if let e = f.employerId, (try? await EmployerQuery.find(e, in: scope, on: db)) == nil {
            throw FieldError(field: "employerId", message: "工作单位不存在或不在您的管辖范围内")
        }
    }

    /// One membership per person, across every union: the keyed hash of the ID number is unique.
    private static func checkDuplicate(_ m: Member, except id: Int?, in scope: Scope, on db: any Database) async throws {
        var q = Member.query(on: db).filter(\.$idNumberHash == m.idNumberHash)
        if let id { q = q.filter(\.$id != id) }
        guard let other = try await q.with(\.$union).first() else { return }
        if scope.contains(path: other.union.path) {
            throw FieldError(field: "idNumber", message: "该身份证号已登记为会员（\(other.name)，\(other.union.name)，会员证号 \(other.cardNumber)）")
        }
        throw FieldError(field: "idNumber", message: "该身份证号已在其他工会登记为会员，请联系上级工会办理会籍接转")
    }

    static func apply(_ f: MemberFields, to m: Member, cipher: FieldCipher) throws {
        m.name = f.name
        m.idNumberEncrypted = try cipher.encrypt(f.idNumber.value)
        m.idNumberHash = cipher.index(f.idNumber.value)
        m.idNumberMasked = f.idNumber.masked
        m.birthDate = f.idNumber.birthDate.iso
        m.gender = f.idNumber.gender.rawValue
        m.phoneEncrypted = try f.phone.map { try cipher.encrypt($0.value) }
        m.phoneHash = f.phone.map { cipher.index($0.value) }
        m.phoneMasked = f.phone?.masked
        m.ethnicity = f.ethnicity
        m.education = f.education?.rawValue
        m.politicalStatus = f.politicalStatus?.rawValue
        m.$union.id = f.unionId
        m.$employer.id = f.employerId
        m.joinDate = f.joinDate.iso
        m.migrantWorker = f.migrantWorker
        m.modelWorker = f.modelWorker
    }

    /// What the audit log keeps of a member: sensitive values masked.
    static func snapshot(_ m: Member) -> [String: String] {
        [
            "name": m.name, "idNumber": m.idNumberMasked, "phone": m.phoneMasked ?? "", "ethnicity": m.ethnicity,
            "education": m.education ?? "", "politicalStatus": m.politicalStatus ?? "", "unionId": String(m.$union.id),
            "employerId": m.$employer.id.map(String.init) ?? "", "joinDate": m.joinDate,
            "migrantWorker": String(m.migrantWorker), "modelWorker": String(m.modelWorker),
        ]
    }

    private static func event(
        _ m: Member, kind: String, fromUnion: Int? = nil, toUnion: Int? = nil, fromStatus: MemberStatus? = nil,
        toStatus: MemberStatus? = nil, on date: CalendarDate, reason: String?, actor: Audit.Actor, db: any Database
    ) async throws {
        let e = MemberEvent()
        e.$member.id = try m.requireID()
        e.kind = kind
        e.fromUnionID = fromUnion
        e.toUnionID = toUnion
        e.fromStatus = fromStatus?.rawValue
        e.toStatus = toStatus?.rawValue
        e.onDate = date.iso
        e.reason = reason
        e.userID = actor.userID
        try await e.create(on: db)
    }
}

/// A member as lists and the API show one: masked numbers only, and the union's name.
struct MemberListing: Decodable, Sendable {
    static let columns = """
        members.id, members.name, members.id_masked, members.phone_masked, members.gender, members.birth_date, \
        members.ethnicity, members.education, members.political_status, members.union_id, members.employer_id, \
        members.join_date, members.card_no, members.migrant_worker, members.model_worker, members.status, \
        members.status_since, o.name AS union_name
        """
    var id: Int
    var name: String
    var id_masked: String
    var phone_masked: String?
    var gender: String
    var birth_date: String
    var ethnicity: String
    var education: String?
    var political_status: String?
    var union_id: Int
    var employer_id: Int?
    var join_date: String
    var card_no: String
    var migrant_worker: Bool
    var model_worker: Bool
    var status: String
    var status_since: String
    var union_name: String
}
