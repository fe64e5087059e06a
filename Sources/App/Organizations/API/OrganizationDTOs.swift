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
    /// The day an ended union ended, and the union it merged into.
    var endedOn: String?
    var mergedIntoId: Int?
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
        (endedOn, mergedIntoId) = (o.endedOn, o.mergedIntoID)
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
