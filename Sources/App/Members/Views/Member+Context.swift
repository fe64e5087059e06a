import Domain
import Vapor

struct MemberRow: Encodable, Sendable {
    var name: String
    var idNumber: String
    var phone: String
    var gender: String
    var union: String
    var cardNumber: String
    var status: String
    var joinDate: String
    var url: String

    init(_ m: MemberListing) {
        name = m.name
        idNumber = m.id_masked
        phone = m.phone_masked ?? ""
        gender = Gender(rawValue: m.gender)?.label ?? ""
        union = m.union_name
        cardNumber = m.card_no
        status = MemberStatus(rawValue: m.status)?.label ?? m.status
        joinDate = m.join_date
        url = SiteURL.member(m.id).path
    }
}

struct MemberListPage: Page {
    static let template = "members/index"
    var layout: Layout
    var rows: [MemberRow]
    var pager: Pager
    var q: String
    var unions: [SelectOption]
    var statuses: [SelectOption]
    var canWrite: Bool
    var canReveal: Bool
    /// Without filters the list holds every record (also those transferred, left or deceased); beside its total, the
    /// headline 会员人数 (on the roll today) with its records.
    var onRoll: Int?
    var hasOnRoll: Bool
    var onRollURL = SiteURL.indicator(.membersTotal).path
    /// Exports take the list's current filters.
    var exportURL: String
    /// The full export is a form post of the same filters.
    var exportFilters: [HiddenField]
    var exportFullURL = SiteURL.memberExport.path
    var newURL = SiteURL.memberNew.path
    var listURL = SiteURL.members.path
    var importURL = SiteURL.memberImport.path
}

struct MemberFormPage: Page {
    static let template = "members/form"
    var layout: Layout
    var action: String
    var values: MemberInput
    var errors: [String: String]
    var unions: [SelectOption]
    var employers: [SelectOption]
    var educations: [SelectOption]
    var politicals: [SelectOption]
    /// On edit, the masked current values; a blank field keeps them.
    var currentIdNumber: String?
    var currentPhone: String?
    var isEdit: Bool

    init(
        title: String, action: String, values: MemberInput, errors: [String: String], unions: [Organization],
        employers: [Employer], current: Member?, principal: Principal
    ) {
        layout = Layout(title: title, principal: principal, active: .members)
        self.action = action
        self.values = values
        self.errors = errors
        self.unions = unions.compactMap { o in
            o.id.map { SelectOption(value: String($0), label: o.name, selected: String($0) == values.unionId) }
        }
        self.employers = employers.compactMap { e in
            e.id.map { SelectOption(value: String($0), label: e.name, selected: String($0) == values.employerId) }
        }
        educations = SelectOption.list(Education.self, selected: values.education)
        politicals = SelectOption.list(PoliticalStatus.self, selected: values.politicalStatus)
        currentIdNumber = current?.idNumberMasked
        currentPhone = current?.phoneMasked
        isEdit = current != nil
    }
}

struct MemberShowPage: Page {
    static let template = "members/show"
    struct Field: Encodable, Sendable { var label: String; var value: String; var id: String }
    struct Event: Encodable, Sendable { var date: String; var text: String; var reason: String }

    var layout: Layout
    var name: String
    var fields: [Field]
    var history: [Event]
    var revealed: Bool
    var canWrite: Bool
    var canReveal: Bool
    var editURL: String
    var statusURL: String
    var transferURL: String
    var revealURL: String
    var statuses: [SelectOption]
    /// The reason typed with a refused status change, shown again.
    var typedReason: String
    var hasStatuses: Bool
    var unions: [SelectOption]
    var today: String
    var errors: [String: String]
}

extension MemberInput {
    /// The editable fields of a member; ID and phone stay blank (a blank keeps the stored value).
    init(_ m: Member) {
        self.init(
            name: m.name, ethnicity: m.ethnicity, education: m.education, politicalStatus: m.politicalStatus,
            unionId: String(m.$union.id), employerId: m.$employer.id.map(String.init), joinDate: m.joinDate,
            migrantWorker: m.migrantWorker ? "on" : nil, modelWorker: m.modelWorker ? "on" : nil)
    }
}
