import Domain
import Vapor

/// A label and its value on a record's page; a page lists only the facts that have a value.
struct ContractDeadlineRow: Encodable, Sendable {
    var label: String
    var due: String
    var doneOn: String
    var state: String
    var badge: String

    init(_ d: ContractDeadline) {
        label = d.kind.label + (d.note.map { "（\($0)）" } ?? "")
        due = d.due.iso
        doneOn = d.doneOn?.iso ?? ""
        let left = d.daysLeft.map { $0 < 0 ? "（逾期\(-$0)天）" : "（剩\($0)天）" } ?? ""
        state = d.state.label + left
        badge = d.state.badge
    }

    /// The deadlines a page lists: all but a renewal not yet near.
    static func rows(_ list: [ContractDeadline]) -> [ContractDeadlineRow] {
        list.filter { !($0.kind == .renewal && $0.state == .open) }.map(ContractDeadlineRow.init)
    }
}

struct ContractEventRow: Encodable, Sendable {
    var date: String
    var kind: String
    var note: String
    var user: String

    init(_ e: ContractEvent) {
        date = e.onDate
        kind =
            NegotiationAction.Code(rawValue: e.kind)?.label ?? ContractAction.Code(rawValue: e.kind)?.label
            ?? [
                "request": "要约", "negotiator": "协商代表产生", "negotiatorLeft": "协商代表离任", "signed": "签订合同", "superseded": "被续签合同替代",
            ][e.kind] ?? e.kind
        note = e.note ?? ""
        user = e.user?.displayName ?? ""
    }
}

/// Badges of what is overdue or due soon, for a list's row.
func deadlineBadges(_ list: [ContractDeadline]) -> [Badge] {
    list.compactMap { d in
        switch d.state {
        case .overdue: Badge(label: "\(d.kind.label)逾期", cls: "badge bad")
        case .dueSoon: Badge(label: "\(d.kind.label)将到期", cls: "badge warn")
        default: nil
        }
    }
}

struct ContractRow: Encodable, Sendable {
    var number: String
    var url: String
    var title: String
    var kind: String
    var union: String
    var party: String
    var signedOn: String
    var term: String
    var workers: Int
    var state: String
    var badges: [Badge]

    init(_ c: CollectiveContract, rules: ContractRules, today: CalendarDate) {
        number = c.number
        url = SiteURL.contract(c.id).path
        title = c.title
        kind = c.kindLabel
        union = c.org.name
        party = c.partyLabel
        signedOn = c.signedOn
        term = "\(c.startsOn)至\(c.endsOn)"
        workers = c.workers
        state = c.dates.label(c.contractState, today: today)
        badges = deadlineBadges(Contracts.deadlines(c, rules: rules, today: today))
    }
}

struct NegotiationRow: Encodable, Sendable {
    var number: String
    var url: String
    var title: String
    var kind: String
    var union: String
    var requestedOn: String
    var state: String

    init(_ n: Negotiation) {
        number = n.number
        url = SiteURL.negotiation(n.id).path
        title = n.partyLabel
        kind = (n.contractLevel.coversMany ? n.contractLevel.label : "") + n.contractKind.short
        union = n.org.name
        requestedOn = n.requestedOn
        state = n.negotiationState.label
    }
}

/// The bargaining headline of the subtree today, each figure linking to its records.
struct ContractHeadline: Encodable, Sendable {
    var figures: [RecordPage.Figure]

    init(_ f: ContractFigures, year: Int) {
        func link(_ code: IndicatorCode) -> String { SiteURL.indicator(code).path + "?year=\(year)" }
        let rate = Phrase.percent(f.wageEmployers, of: f.unionised).map { "\($0)%" } ?? "—"
        figures = [
            RecordPage.Figure(label: "工资集体协商建制率", value: rate, url: link(.contractsWageRate)),
            RecordPage.Figure(label: "完成工资集体协商的企业", value: "\(f.wageEmployers)家", url: link(.contractsWageEmployers)),
            RecordPage.Figure(label: "生效集体合同", value: "\(f.inForce)份", url: link(.contractsInForce)),
            RecordPage.Figure(label: "覆盖职工", value: "\(f.workersCovered)人", url: link(.contractsWorkersCovered)),
            RecordPage.Figure(label: "三个月内期满", value: "\(f.expiring)份", url: link(.contractsExpiring)),
            RecordPage.Figure(label: "逾期未报送审查", value: "\(f.filingOverdue)份", url: link(.contractsFilingOverdue)),
        ]
    }
}

struct ContractListPage: Page {
    static let template = "contracts/list"
    var layout: Layout
    var headline: ContractHeadline
    var rows: [ContractRow]
    var pager: Pager
    var states: [SelectOption]
    var kinds: [SelectOption]
    var levels: [SelectOption]
    var alerts: [SelectOption]
    var text: String
    var canHandle: Bool
    var listURL = SiteURL.contracts.path
    var newURL = SiteURL.contractNew.path
    var importURL = SiteURL.contractImport.path
    var negotiationsURL = SiteURL.negotiations.path
    var newNegotiationURL = SiteURL.negotiationNew.path
}

struct NegotiationListPage: Page {
    static let template = "contracts/negotiations"
    var layout: Layout
    var rows: [NegotiationRow]
    var pager: Pager
    var states: [SelectOption]
    var kinds: [SelectOption]
    var open: Bool
    var text: String
    var canHandle: Bool
    var listURL = SiteURL.negotiations.path
    var newURL = SiteURL.negotiationNew.path
    var contractsURL = SiteURL.contracts.path
}

struct SeatRow: Encodable, Sendable {
    var side: String
    var name: String
    var position: String
    var chief: Bool
    var joinedOn: String
    var left: String
    var leaveURL: String
    var leaveForm: FieldGroup
    var canLeave: Bool
}

struct NegotiationPage: Page {
    static let template = "contracts/negotiation"
    var layout: Layout
    var number: String
    var facts: [Fact]
    var deadlines: [ContractDeadlineRow]
    var seats: [SeatRow]
    var timeline: [ContractEventRow]
    var stepForms: [StepForm]
    var seatForm: FieldGroup
    var canHandle: Bool
    var isOpen: Bool
    var contractURL: String?
    var stepURL: String
    var seatURL: String
    var listURL = SiteURL.negotiations.path
}

struct CoveredRow: Encodable, Sendable {
    var name: String
    var url: String
    var headcount: Int
}

struct ContractPage: Page {
    static let template = "contracts/show"
    var layout: Layout
    var number: String
    var facts: [Fact]
    var deadlines: [ContractDeadlineRow]
    var covered: [CoveredRow]
    var coveredTotal: Int
    var timeline: [ContractEventRow]
    var stepForms: [StepForm]
    var coveredForm: FieldGroup?
    var pack: [PackRow]
    var fileForm: FieldGroup
    var canHandle: Bool
    var renewURL: String?
    var stepURL: String
    var coveredURL: String
    var textURL: String
    var filesURL: String
    var listURL = SiteURL.contracts.path
}
