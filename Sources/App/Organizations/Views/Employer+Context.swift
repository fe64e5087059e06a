import Domain
import Vapor

struct EmployerListPage: Page {
    static let template = "employers/index"
    struct Row: Encodable, Sendable {
        var name: String
        var creditCode: String
        var headcount: Int
        var sizeBand: String
        var industry: String
        var union: String
        var hasUnion: Bool
        var url: String
    }
    var layout: Layout
    var rows: [Row]
    var pager: Pager
    var q: String
    var hasUnion: String
    var minHeadcount: String
    var canWrite: Bool
    var newURL = SiteURL.employerNew.path
    var listURL = SiteURL.employers.path
    var importURL = SiteURL.employerImport.path
    var exportURL: String
}

/// One dated change of an employer's headcount or union.
struct EmployerHistoryRow: Encodable, Sendable {
    var date: String
    var headcount: Int
    var union: String
}

/// An employer as a reader sees it: every filled field, its dated changes, and 编辑 for those who may.
struct EmployerShowPage: Page {
    static let template = "employers/show"
    struct Field: Encodable, Sendable {
        var label: String
        var value: String
    }
    var layout: Layout
    var fields: [Field]
    var history: [EmployerHistoryRow]
    var canWrite: Bool
    var editURL: String
}

struct EmployerFormPage: Page {
    static let template = "employers/form"
    var layout: Layout
    var action: String
    var values: EmployerInput
    var errors: [String: String]
    var orgs: [SelectOption]
    var unions: [SelectOption]
    var industries: [SelectOption]
    var ownerships: [SelectOption]
    var mayForce: Bool
    /// The employer's dated headcount and union, newest first (editing only).
    var history: [EmployerHistoryRow] = [] { didSet { hasHistory = !history.isEmpty } }
    var hasHistory = false

    init(title: String, action: String, values: EmployerInput, errors: [String: String], orgs: [Organization], principal: Principal) {
        layout = Layout(title: title, principal: principal, active: .employers)
        self.action = action
        self.values = values
        self.errors = errors
        self.orgs = orgs.compactMap { o in o.id.map { SelectOption(value: String($0), label: o.name, selected: String($0) == values.orgId) }
        }
        unions = orgs.filter { $0.level == OrgLevel.union.rawValue }
            .compactMap { o in o.id.map { SelectOption(value: String($0), label: o.name, selected: String($0) == values.unionId) } }
        industries = SelectOption.list(Industry.self, selected: values.industry)
        ownerships = SelectOption.list(Ownership.self, selected: values.ownership)
        mayForce = principal.role.may(.employerForceCode)
    }
}

extension EmployerInput {
    init(_ e: Employer) {
        self.init(
            name: e.name, creditCode: e.creditCode, forceCode: e.creditCodeForced ? "on" : nil, headcount: String(e.headcount),
            industry: e.industry, ownership: e.ownership, address: e.address, orgId: String(e.$org.id),
            unionId: e.$union.id.map(String.init))
    }
}
