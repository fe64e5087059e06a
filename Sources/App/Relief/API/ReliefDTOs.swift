import Domain
import Vapor

/// Hardship files as the API shows them: bank accounts and family ID numbers masked. Money in fen.
struct HardshipFileDTO: Content {
    struct Family: Content {
        var id: Int
        var name: String
        var idNumber: String
        var relation: String
        var annualIncome: Int
        var status: String?
    }

    var id: Int
    var orgId: Int
    /// The head's member id; nil for a household filed without membership.
    var memberId: Int?
    var headName: String
    var headIdNumber: String
    var status: String
    var statusSince: String
    var statusReason: String?
    var tier: String
    var suggestedTier: String?
    var subsistenceLine: Int?
    var mainCause: String
    var otherCauses: [String]
    var region: String
    var householdSize: Int
    var income: HouseholdIncome
    var monthlyPerPerson: Int
    var health: String?
    var disability: String?
    var housing: String?
    var workStatus: String?
    var bankAccount: String?
    var openedOn: String
    var verifiedOn: String
    var family: [Family]?

    init(_ f: HardshipFile, settings: ReliefSettings, year: Int, family: [HardshipFamilyMember]? = nil) {
        id = f.id ?? 0
        orgId = f.$org.id
        memberId = f.$member.id
        headName = f.headName
        headIdNumber = f.headIdNumberMasked
        status = f.status
        statusSince = f.statusSince
        statusReason = f.statusReason
        tier = f.tier
        let (line, suggested) = HardshipFiles.suggestedTier(f, settings: settings, year: year)
        subsistenceLine = line
        suggestedTier = suggested?.rawValue
        mainCause = f.mainCause
        otherCauses = f.otherCauses.split(separator: ",").map(String.init)
        region = f.region
        householdSize = f.householdSize
        income = HardshipFiles.income(of: f)
        monthlyPerPerson = income.monthlyPerPerson
        health = f.health
        disability = f.disability
        housing = f.housing
        workStatus = f.workStatus
        bankAccount = f.bankMasked
        openedOn = f.openedOn
        verifiedOn = f.verifiedOn
        self.family = family?.map {
            Family(
                id: $0.id ?? 0, name: $0.name, idNumber: $0.idNumberMasked, relation: $0.relation, annualIncome: $0.annualIncome,
                status: $0.status)
        }
    }
}

struct ReliefRoundDTO: Content {
    var id: Int
    var orgId: Int
    var name: String
    var kind: String
    var startsOn: String
    var endsOn: String
    var fundId: Int
    var budget: Int
    var standards: [String: Int]
    var reportsUpward: Bool
    var secondApprovalAbove: Int

    init(_ r: ReliefRound) {
        id = r.id ?? 0
        orgId = r.$org.id
        name = r.name
        kind = r.kind
        startsOn = r.startsOn
        endsOn = r.endsOn
        fundId = r.$fund.id
        budget = r.budget
        standards = ReliefRounds.standards(r)
        reportsUpward = r.reportsUpward
        secondApprovalAbove = r.secondApprovalAbove
    }
}

struct ReliefApplicationDTO: Content {
    struct Step: Content {
        var action: String
        var from: String
        var to: String
        var amount: Int?
        var comment: String?
        var userId: Int?
        /// The day the step was taken, and when it was entered.
        var date: String
        var at: Date?
    }

    struct Payment: Content {
        var id: Int
        var kind: String
        var attempt: Int
        var amount: Int
        var method: String
        var paidOn: String
    }

    var id: Int
    var roundId: Int
    var orgId: Int
    var memberId: Int?
    var applicant: String
    var fileId: Int?
    var state: String
    var stateLabel: String
    var appliedOn: String
    /// Set when entered after its round ended (补录).
    var lateReason: String?
    var requested: Int
    var approved: Int?
    var upperApproved: Int?
    var amountReason: String?
    var standardKey: String?
    var documents: [String]
    var note: String?
    var createdBy: Int
    var steps: [Step]?
    var payments: [Payment]?

    init(_ a: ReliefApplication, steps: [ReliefStep]? = nil, payments: [Disbursement]? = nil) {
        id = a.id ?? 0
        roundId = a.$round.id
        orgId = a.$org.id
        memberId = a.$member.id
        applicant = a.applicantName
        fileId = a.$file.id
        state = a.state
        stateLabel = a.reliefState?.label ?? a.state
        (appliedOn, lateReason) = (a.appliedOn, a.lateReason)
        requested = a.requested
        approved = a.approved
        upperApproved = a.upperApproved
        amountReason = a.amountReason
        standardKey = a.standardKey
        documents = ReliefApplications.decodeList(a.documents)
        note = a.note
        createdBy = a.createdBy
        self.steps = steps?.map {
            Step(
                action: $0.action, from: $0.fromState, to: $0.toState, amount: $0.amount, comment: $0.comment, userId: $0.userID,
                date: $0.onDate, at: $0.createdAt)
        }
        self.payments = payments?.map {
            Payment(id: $0.id ?? 0, kind: $0.kind, attempt: $0.attempt, amount: $0.amount, method: $0.method, paidOn: $0.paidOn)
        }
    }
}

struct DisbursementDTO: Content {
    var id: Int
    var applicationId: Int
    var attempt: Int
    var amount: Int
    var method: String
    var paidOn: String

    init(_ d: Disbursement) {
        id = d.id ?? 0
        applicationId = d.$application.id
        attempt = d.attempt
        amount = d.amount
        method = d.method
        paidOn = d.paidOn
    }
}

struct FundDTO: Content {
    var id: Int
    var orgId: Int
    var name: String
    var balance: Int
}

struct FundEntryDTO: Content {
    var id: Int
    var kind: String
    var source: String?
    var amount: Int
    var onDate: String
    var note: String?
    var overdraft: Bool
    var balanceAfter: Int?

    init(_ e: FundEntry, balanceAfter: Int?) {
        id = e.id ?? 0
        kind = e.kind
        source = e.source
        amount = e.amount
        onDate = e.onDate
        note = e.note
        overdraft = e.overdraft
        self.balanceAfter = balanceAfter
    }
}
