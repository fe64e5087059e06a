import Domain
import Vapor

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

/// Body of a status change or a transfer.
