import Domain
import Vapor

struct OrganizationListPage: Page {
    static let template = "orgs/index"
    var layout: Layout
    var tree: [TreeRow]
    var canWrite: Bool
    var q: String
    var types: [SelectOption]
    /// How many nodes the tree shows, and of how many.
    var shown: String
    var newURL = SiteURL.orgNew.path
    var listURL = SiteURL.orgs.path
}

struct OrganizationFormPage: Page {
    static let template = "orgs/form"
    var layout: Layout
    var action: String
    var values: OrganizationInput
    var errors: [String: String]
    var parents: [SelectOption]
    var levels: [SelectOption]
    var unionTypes: [SelectOption]
    var statuses: [SelectOption]
    var terms: [SelectOption]
    /// The unions a union may be merged into.
    var unions: [SelectOption]
    /// Editing an existing org: the form asks from when a change of type or parent took effect.
    var editing: Bool

    init(
        title: String, action: String, values: OrganizationInput, errors: [String: String], parents: [Organization], principal: Principal,
        editing: Bool
    ) {
        self.editing = editing
        layout = Layout(title: title, principal: principal, active: .orgs)
        self.action = action
        self.values = values
        self.errors = errors
        self.parents = parents.compactMap { o in
            o.id.map { SelectOption(value: String($0), label: o.name, selected: String($0) == values.parentId) }
        }
        unions = parents.filter { $0.level == OrgLevel.union.rawValue && $0.status == OrgStatus.active.rawValue }.compactMap { o in
            o.id.map { SelectOption(value: String($0), label: o.name, selected: String($0) == values.mergedIntoId) }
        }
        levels = SelectOption.list(OrgLevel.self, selected: values.level ?? OrgLevel.union.rawValue)
        unionTypes = SelectOption.list(UnionType.self, selected: values.unionType)
        statuses = SelectOption.list(OrgStatus.self, selected: values.status ?? OrgStatus.active.rawValue)
        terms = CommitteeTerm.allCases.map {
            SelectOption(value: String($0.rawValue), label: "\($0.rawValue)年", selected: String($0.rawValue) == (values.termYears ?? "5"))
        }
    }
}

struct OrganizationShowPage: Page {
    static let template = "orgs/show"
    struct Field: Encodable, Sendable { var label: String; var value: String }
    struct CadreRow: Encodable, Sendable {
        var id: Int
        /// Still in the post (no end of term recorded).
        var serving: Bool
        var name: String
        var post: String
        var phone: String
        var term: String
        var editURL: String
    }
    struct EmployerRow: Encodable, Sendable { var name: String; var headcount: Int; var url: String }
    struct EventRow: Encodable, Sendable { var date: String; var kind: String; var detail: String }

    var layout: Layout
    var id: Int
    var name: String
    var fields: [Field]
    var cadres: [CadreRow]
    var employers: [EmployerRow]
    var children: [TreeRow]
    /// 组织沿革: the dated history, newest first.
    var events: [EventRow]
    var hasEmployers: Bool
    var hasChildren: Bool
    var canWrite: Bool
    var editURL: String
    var cadreURL: String
    var cadreEndURL: String
    var today: String
    var membersURL: String
    var posts: [SelectOption]
    var cadreErrors: [String: String]
}

extension OrganizationInput {
    init(_ o: Organization) {
        self.init(
            name: o.name, level: o.level, unionType: o.unionType, parentId: o.$parent.id.map(String.init),
            regionCode: o.regionCode, creditCode: o.creditCode, foundedOn: o.foundedOn, electedOn: o.electedOn,
            termYears: String(o.termYears), status: o.status, endedOn: o.endedOn, mergedIntoId: o.mergedIntoID.map(String.init))
    }
}
