import Domain
import Vapor

/// What the API says about records. Fluent models never leave the server.
struct OrganizationDTO: Content {
    var id: Int
    var name: String
    var level: String
    var unionType: String?
    var parentId: Int?
    var regionCode: String?
    var creditCode: String?
    var foundedOn: String?
    var electedOn: String?
    var termYears: Int
    var reElectionDue: String?
    var status: String
    var memberCount: Int?

    init(_ o: Organization, memberCount: Int? = nil) {
        id = o.id ?? 0
        name = o.name
        level = o.level
        unionType = o.unionType
        parentId = o.$parent.id
        regionCode = o.regionCode
        creditCode = o.creditCode
        foundedOn = o.foundedOn
        electedOn = o.electedOn
        termYears = o.termYears
        reElectionDue = o.reElectionDue
        status = o.status
        self.memberCount = memberCount
    }
}

struct EmployerDTO: Content {
    var id: Int
    var name: String
    var creditCode: String?
    var creditCodeForced: Bool
    var headcount: Int
    var sizeBand: String
    var industry: String?
    var ownership: String?
    var address: String?
    var orgId: Int
    var unionId: Int?

    init(_ e: Employer) {
        id = e.id ?? 0
        name = e.name
        creditCode = e.creditCode
        creditCodeForced = e.creditCodeForced
        headcount = e.headcount
        sizeBand = SizeBand(headcount: e.headcount).label
        industry = e.industry
        ownership = e.ownership
        address = e.address
        orgId = e.$org.id
        unionId = e.$union.id
    }
}

/// ID and phone numbers are always masked here.
struct MemberDTO: Content {
    var id: Int
    var name: String
    var idNumber: String
    var phone: String?
    var gender: String
    var birthDate: String
    var ethnicity: String
    var education: String?
    var politicalStatus: String?
    var unionId: Int
    var employerId: Int?
    var joinDate: String
    var cardNumber: String
    var migrantWorker: Bool
    var modelWorker: Bool
    var status: String
    var statusSince: String

    init(_ m: Member) {
        id = m.id ?? 0
        name = m.name
        idNumber = m.idNumberMasked
        phone = m.phoneMasked
        gender = m.gender
        birthDate = m.birthDate
        ethnicity = m.ethnicity
        education = m.education
        politicalStatus = m.politicalStatus
        unionId = m.$union.id
        employerId = m.$employer.id
        joinDate = m.joinDate
        cardNumber = m.cardNumber
        migrantWorker = m.migrantWorker
        modelWorker = m.modelWorker
        status = m.status
        statusSince = m.statusSince
    }

    init(_ m: MemberListing) {
        id = m.id
        name = m.name
        idNumber = m.id_masked
        phone = m.phone_masked
        gender = m.gender
        birthDate = m.birth_date
        ethnicity = m.ethnicity
        education = m.education
        politicalStatus = m.political_status
        unionId = m.union_id
        employerId = m.employer_id
        joinDate = m.join_date
        cardNumber = m.card_no
        migrantWorker = m.migrant_worker
        modelWorker = m.model_worker
        status = m.status
        statusSince = m.status_since
    }
}

/// An import job as the API reports it; `report` appears when it is done.
struct ImportJobDTO: Content {
    var id: Int
    var status: String
    var dryRun: Bool
    var progress: Int
    var error: String?
    var report: ImportReport?
    var url: String

    init(_ job: ImportJob, cipher: FieldCipher) {
        id = job.id ?? 0
        status = job.status
        dryRun = job.dryRun
        progress = job.progress
        error = job.error
        report = job.stored(cipher)?.report
        url = SiteURL.api(.importJob(job.id)).path
    }
}

struct ListDTO<T: Content>: Content {
    var items: [T]
    /// Rows matching; when `totalIsLowerBound`, the list has more than this (counting stops at 10,000).
    var total: Int
    var page: Int
    var per: Int
    var totalIsLowerBound = false
}

/// Body of a status change or a transfer.
struct MemberChangeDTO: Content {
    var status: String?
    var unionId: Int?
    var date: String?
    var reason: String?
    static let statusFields = ["status", "date", "reason"]
    static let transferFields = ["unionId", "date", "reason"]
}

extension Paged where T: Sendable {
    func dto<D: Content>(_ map: (T) -> D) -> ListDTO<D> {
        ListDTO(items: rows.map(map), total: total, page: page, per: per, totalIsLowerBound: totalIsLowerBound)
    }
}
