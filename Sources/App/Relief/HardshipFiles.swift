import Domain
import Fluent
import SQLKit
import Vapor

/// Hardship files (困难职工档案, 一户一档): one open file per head of household and per family member, a dated
/// lifecycle, the income test against the local 低保 line, and the alerts of dynamic management.
enum HardshipFiles {
    /// The alerts of DOMAIN.md §8.3, as list filters.
    enum Alert: String, Choice {
        case notReverified, neverAssisted, exitCandidate

        var label: String {
            switch self {
            case .notReverified: "超过12个月未复核"
            case .neverAssisted: "建档后从未获得帮扶"
            case .exitCandidate: "连续6个月收入高于低保（可脱困）"
            }
        }
    }

    struct Filter: Sendable {
        var status: HardshipFileStatus?
        var tier: HardshipTier?
        var alert: Alert?
        var orgId: Int?
        var page = 1
    }

    static func scoped(_ scope: Scope, on db: any Database) -> QueryBuilder<HardshipFile> {
        HardshipFile.query(on: db).filter(scope.contains(column: "hardship_files.org_id"))
    }

    static func find(_ id: Int, in scope: Scope, on db: any Database) async throws -> HardshipFile {
        guard let f = try await scoped(scope, on: db).filter(\.$id == id).with(\.$org).first() else {
            throw AppError.notFound("困难职工档案")
        }
        return f
    }

    /// The alert conditions as SQL over open files, evaluated against `today` and the settings.
    static func filtered(_ f: Filter, in scope: Scope, today: CalendarDate, settings: ReliefSettings, on db: any Database)
        -> QueryBuilder<HardshipFile>
    {
        var q = scoped(scope, on: db).with(\.$org)
        if let s = f.status { q = q.filter(\.$status == s.rawValue) }
        if let t = f.tier { q = q.filter(\.$tier == t.rawValue) }
        if let o = f.orgId { q = q.filter(\.$org.$id == o) }
        if let a = f.alert {
            q = q.filter(\.$status ~~ [HardshipFileStatus.temporary.rawValue, HardshipFileStatus.formal.rawValue])
            switch a {
            case .notReverified:
                q = q.filter(\.$verifiedOn < today.adding(months: -settings.reverifyMonths).iso)
            case .exitCandidate:
                q = q.filter(\.$aboveLineSince != nil).filter(\.$aboveLineSince <= today.adding(months: -settings.exitMonths).iso)
            case .neverAssisted:
                q = q.filter(
                    .sql(
                        SQLQueryString(
                            """
                            NOT EXISTS (SELECT 1 FROM relief_applications a JOIN disbursements d ON d.application_id = a.id \
                            WHERE a.file_id = hardship_files.id)
                            """)))
            }
        }
        return q
    }

    static func list(_ f: Filter, in scope: Scope, today: CalendarDate, settings: ReliefSettings, on db: any Database) async throws
        -> Paged<HardshipFile>
    {
        try await filtered(f, in: scope, today: today, settings: settings, on: db).sort(\.$id, .descending).paged(page: f.page, per: 50)
    }

    /// Counts of each alert in the subtree (dashboard, relief overview).
    static func alertCounts(in scope: Scope, today: CalendarDate, settings: ReliefSettings, on db: any Database) async throws -> [Alert:
        Int]
    {
        var out: [Alert: Int] = [:]
        for a in Alert.allCases {
            out[a] = try await filtered(Filter(alert: a), in: scope, today: today, settings: settings, on: db).count()
        }
        return out
    }

    /// The open file headed by a person (by the keyed hash of their ID number), if any.
    static func openFile(headHash: String, on db: any Database) async throws -> HardshipFile? {
        try await HardshipFile.query(on: db).filter(\.$headIdNumberHash == headHash)
            .filter(\.$status ~~ [HardshipFileStatus.temporary.rawValue, HardshipFileStatus.formal.rawValue]).first()
    }

    /// The head of a new file: a member, or a worker the caller's federation files without membership.
    struct Head {
        var member: Member?
        var org: Int
        var name: String
        var idEncrypted: String
        var idHash: String
        var idMasked: String

        init(member m: Member) {
            member = m
            org = m.$union.id
            name = m.name
            idEncrypted = m.idNumberEncrypted
            idHash = m.idNumberHash
            idMasked = m.idNumberMasked
        }

        init(name: String, idNumber: IDNumber, org: Int, cipher: FieldCipher) throws {
            member = nil
            self.org = org
            self.name = name
            idEncrypted = try cipher.encrypt(idNumber.value)
            idHash = cipher.index(idNumber.value)
            idMasked = idNumber.masked
        }
    }

    /// The head named by the form: the member chosen, or a non-member worker (who must not be a registered member).
    static func head(_ f: HardshipFileFields, in scope: Scope, cipher: FieldCipher, on db: any Database) async throws -> Head {
        if let id = f.memberId { return Head(member: try await MemberQuery.find(id, in: scope, on: db)) }
        guard let name = f.headName, let idNumber = f.headIdNumber else { throw FieldError(field: "memberId", message: "户主不能为空") }
        if try await Member.query(on: db).filter(\.$idNumberHash == cipher.index(idNumber.value)).first() != nil {
            throw FieldError(field: "headIdNumber", message: "该身份证号已登记为会员，请按会员建档（填写会员证号或身份证号）")
        }
        return try Head(name: name, idNumber: idNumber, org: scope.orgID, cipher: cipher)
    }

    static func create(
        _ f: HardshipFileFields, in scope: Scope, cipher: FieldCipher, settings: ReliefSettings, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws -> HardshipFile {
        let head = try await head(f, in: scope, cipher: cipher, on: db)
        let file = try make(f, head: head, cipher: cipher, settings: settings, actor: actor)
        return try await Store.write(db) { tx in
            try await insert(file, actor: actor, at: now, on: tx)
            return file
        }
    }

    /// A new file for `head` (a member must be in the union), not yet saved.
    static func make(_ f: HardshipFileFields, head: Head, cipher: FieldCipher, settings: ReliefSettings, actor: Audit.Actor) throws
        -> HardshipFile
    {
        if let member = head.member, member.status != MemberStatus.active.rawValue {
            throw FieldError(
                field: "memberId", message: "户主须为在会会员（\(member.name)当前为“\(member.memberStatus?.label ?? member.status)”）")
        }
        let file = HardshipFile()
        file.$org.id = head.org
        file.$member.id = head.member?.id
        file.headName = head.name
        file.headIdNumberEncrypted = head.idEncrypted
        file.headIdNumberHash = head.idHash
        file.headIdNumberMasked = head.idMasked
        file.openedOn = f.openedOn.iso
        file.createdBy = actor.userID
        try apply(f, to: file, cipher: cipher, settings: settings)
        return file
    }

    /// Saves a new file inside the caller's transaction, after the one-household-one-file checks.
    static func insert(_ file: HardshipFile, actor: Audit.Actor, at now: Date, on tx: any Database) async throws {
        let field = file.$member.id == nil ? "headIdNumber" : "memberId"
        if let open = try await openFile(headHash: file.headIdNumberHash, on: tx) {
            throw AppError.conflict("\(file.headName)已有未关闭的困难职工档案（档案编号\(open.id ?? 0)），一户只能建一个档案", field: field)
        }
        if let listed = try await HardshipFamilyMember.query(on: tx).filter(\.$idNumberHash == file.headIdNumberHash)
            .filter(\.$open == true).first()
        {
            throw AppError.conflict("\(file.headName)已作为家庭成员列在档案\(listed.$file.id)中，同一人只能在一个未关闭档案内", field: field)
        }
        try await file.create(on: tx)
        try await Audit.record(
            ReliefAudit.fileCreate, entity: "hardship_file", id: file.id, after: snapshot(file), actor: actor, at: now, on: tx)
    }

    static func update(
        _ id: Int, _ f: HardshipFileFields, in scope: Scope, cipher: FieldCipher, settings: ReliefSettings, actor: Audit.Actor,
        at now: Date, on db: any Database
    ) async throws -> HardshipFile {
        let file = try await find(id, in: scope, on: db)
        guard file.fileStatus?.isOpen == true else {
            throw AppError.conflict("档案已\(file.fileStatus?.label ?? "关闭")，不能再修改", field: nil)
        }
        let before = snapshot(file)
        let status = file.status
        try apply(f, to: file, cipher: cipher, settings: settings)
        file.status = status  // the lifecycle moves only through changeStatus
        return try await Store.write(db) { tx in
            try await file.update(on: tx)
            let (b, a) = Audit.diff(before, snapshot(file))
            if !a.isEmpty {
                try await Audit.record(
                    ReliefAudit.fileUpdate, entity: "hardship_file", id: id, before: b, after: a, actor: actor, at: now, on: tx)
            }
            return file
        }
    }

    /// temporary → formal → exited (脱困) or cancelled (注销), each with a date and reason; closing frees the family.
    static func changeStatus(
        _ id: Int, _ c: HardshipStatusChange, in scope: Scope, actor: Audit.Actor, at now: Date, on db: any Database
    ) async throws {
        let (next, date, reason) = (c.status, c.date, c.reason)
        let file = try await find(id, in: scope, on: db)
        let current = file.fileStatus ?? .formal
        guard current.canMove(to: next) else {
            throw AppError.conflict("档案状态不能从“\(current.label)”改为“\(next.label)”", field: "status")
        }
        guard let reason = reason.flatMap(Input.optional) else { throw FieldError(field: "reason", message: "状态变更必须填写原因") }
        if let since = CalendarDate(parsing: file.statusSince), date < since {
            throw FieldError(field: "date", message: "变更日期不能早于上次变更日期 \(since.iso)")
        }
        file.status = next.rawValue
        file.statusSince = date.iso
        file.statusReason = reason
        try await Store.write(db) { tx in
            try await file.update(on: tx)
            if !next.isOpen {
                try await HardshipFamilyMember.query(on: tx).filter(\.$file.$id == id).set(\.$open, to: false).update()
            }
            try await Audit.record(
                ReliefAudit.fileStatus, entity: "hardship_file", id: id, before: ["status": current.rawValue],
                after: ["status": next.rawValue, "date": date.iso, "reason": reason], actor: actor, at: now, on: tx)
        }
    }

    static func family(_ fileID: Int, on db: any Database) async throws -> [HardshipFamilyMember] {
        try await HardshipFamilyMember.query(on: db).filter(\.$file.$id == fileID).sort(\.$id).all()
    }

    static func addFamilyMember(
        _ fileID: Int, _ f: FamilyMemberFields, in scope: Scope, cipher: FieldCipher, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws -> HardshipFamilyMember {
        let file = try await find(fileID, in: scope, on: db)
        guard file.fileStatus?.isOpen == true else {
            throw AppError.conflict("档案已关闭，不能再添加家庭成员", field: nil)
        }
        let hash = cipher.index(f.idNumber.value)
        let m = HardshipFamilyMember()
        m.$file.id = fileID
        m.name = f.name
        m.idNumberEncrypted = try cipher.encrypt(f.idNumber.value)
        m.idNumberHash = hash
        m.idNumberMasked = f.idNumber.masked
        m.relation = f.relation
        m.annualIncome = f.annualIncome
        m.status = f.status
        m.open = true
        return try await Store.write(db) { tx in
            if let other = try await HardshipFamilyMember.query(on: tx).filter(\.$idNumberHash == hash).filter(\.$open == true).first() {
                throw AppError.conflict(
                    other.$file.id == fileID
                        ? "该家庭成员已在本档案中" : "该家庭成员已列在另一个未关闭的档案（档案编号\(other.$file.id)）中，同一人只能在一个档案内",
                    field: "idNumber")
            }
            if let open = try await openFile(headHash: hash, on: tx), open.id != fileID {
                throw AppError.conflict("该家庭成员本人已是另一个档案（档案编号\(open.id ?? 0)）的户主", field: "idNumber")
            }
            try await m.create(on: tx)
            try await Audit.record(
                ReliefAudit.fileFamily, entity: "hardship_file", id: fileID,
                after: ["name": f.name, "idNumber": f.idNumber.masked, "relation": f.relation], actor: actor, at: now, on: tx)
            return m
        }
    }

    /// A re-check (复核): the date, and whether income per person is now above the line (starts or ends the exit count).
    static func verify(
        _ id: Int, _ v: HardshipVerification, in scope: Scope, settings: ReliefSettings, actor: Audit.Actor, at now: Date,
        on db: any Database
    ) async throws {
        let (date, income) = (v.date, v.income)
        let file = try await find(id, in: scope, on: db)
        guard file.fileStatus?.isOpen == true else { throw AppError.conflict("档案已关闭，无需复核", field: nil) }
        if let income { setIncome(income, on: file) }
        file.verifiedOn = date.iso
        markLine(file, settings: settings, on: date)
        try await Store.write(db) { tx in
            try await file.update(on: tx)
            try await Audit.record(
                ReliefAudit.fileVerify, entity: "hardship_file", id: id,
                after: ["date": date.iso, "monthlyPerPerson": Money.yuan(HardshipFiles.income(of: file).monthlyPerPerson)], actor: actor,
                at: now, on: tx)
        }
    }

    /// The full bank account; the caller has checked the permission, and this records the reveal.
    static func revealBank(_ id: Int, in scope: Scope, cipher: FieldCipher, actor: Audit.Actor, at now: Date, on db: any Database)
        async throws -> String?
    {
        let file = try await find(id, in: scope, on: db)
        guard let enc = file.bankEncrypted else { return nil }
        let plain = try cipher.decrypt(enc)
        try await Audit.record(
            ReliefAudit.fileReveal, entity: "hardship_file", id: id, after: ["fields": "bankAccount"], actor: actor, at: now, on: db)
        return plain
    }

    static func income(of file: HardshipFile) -> HouseholdIncome {
        HouseholdIncome(
            wages: file.wages, business: file.business, property: file.property, transfer: file.transfer, other: file.otherIncome,
            unavoidableCosts: file.unavoidableCosts, householdSize: file.householdSize)
    }

    /// The tier the income formula suggests for the file's region and year, or nil when no 低保 line is configured.
    static func suggestedTier(_ file: HardshipFile, settings: ReliefSettings, year: Int) -> (line: Int?, tier: HardshipTier?) {
        guard let line = settings.subsistenceLines.line(region: file.region, year: year) else { return (nil, nil) }
        return (line, income(of: file).suggestedTier(subsistenceLine: line))
    }

    private static func setIncome(_ i: HouseholdIncome, on file: HardshipFile) {
        file.householdSize = i.householdSize
        file.wages = i.wages
        file.business = i.business
        file.property = i.property
        file.transfer = i.transfer
        file.otherIncome = i.other
        file.unavoidableCosts = i.unavoidableCosts
    }

    /// Income above the line starts (or keeps) the run that makes an exit candidate; at or below the line ends it.
    private static func markLine(_ file: HardshipFile, settings: ReliefSettings, on date: CalendarDate) {
        guard let line = settings.subsistenceLines.line(region: file.region, year: date.year) else { return }
        if income(of: file).monthlyPerPerson > line {
            if file.aboveLineSince == nil { file.aboveLineSince = date.iso }
        } else {
            file.aboveLineSince = nil
        }
    }

    private static func apply(_ f: HardshipFileFields, to file: HardshipFile, cipher: FieldCipher, settings: ReliefSettings) throws {
        file.status = f.status.rawValue
        if file.id == nil { file.statusSince = f.openedOn.iso }
        file.tier = f.tier.rawValue
        file.mainCause = f.mainCause.rawValue
        file.otherCauses = f.otherCauses.map(\.rawValue).joined(separator: ",")
        file.region = f.region
        setIncome(f.income, on: file)
        file.health = f.health
        file.disability = f.disability
        file.housing = f.housing
        file.workStatus = f.workStatus?.rawValue
        if let bank = f.bankAccount {
            file.bankEncrypted = try cipher.encrypt(bank)
            file.bankMasked = Masking.bankAccount(bank)
        }
        file.verifiedOn = f.verifiedOn.iso
        markLine(file, settings: settings, on: f.verifiedOn)
    }

    static func snapshot(_ f: HardshipFile) -> [String: String] {
        [
            "head": f.headIdNumberMasked, "status": f.status, "tier": f.tier, "mainCause": f.mainCause, "otherCauses": f.otherCauses,
            "region": f.region, "householdSize": String(f.householdSize), "monthlyPerPerson": Money.yuan(income(of: f).monthlyPerPerson),
            "workStatus": f.workStatus ?? "", "bankAccount": f.bankMasked ?? "", "verifiedOn": f.verifiedOn,
        ]
    }
}
