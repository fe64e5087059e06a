import Domain
import Vapor

/// A page of the democratic management pages: its links, figures, facts, tables and forms, laid out the same way
/// (`contracts/page`), so each page says only what it shows.
struct RecordPage: Page {
    static let template = "contracts/page"

    struct Link: Encodable, Sendable {
        var label: String
        var url: String
        var id: String
        var secondary = true
    }

    struct Cell: Encodable, Sendable {
        var text: String
        var url: String?
        var badge: String?
        var badgeClass = "badge"
        var num = false

        init(_ text: String, url: String? = nil, badge: Badge? = nil, num: Bool = false) {
            self.text = text
            self.url = url
            self.badge = badge?.label
            badgeClass = badge?.cls ?? "badge"
            self.num = num
        }
    }

    struct Row: Encodable, Sendable {
        var cells: [Cell]
    }

    struct Table: Encodable, Sendable {
        var id: String
        var columns: [String]
        var rows: [Row]
    }

    struct Section: Encodable, Sendable {
        var title: String
        var note = ""
        var table: Table
    }

    struct Form: Encodable, Sendable {
        var id: String
        var title: String
        var action: String
        var submit: String
        var fields: [FormField]
    }

    struct Filter: Encodable, Sendable {
        var action: String
        var fields: [FormField]
    }

    var layout: Layout
    var links: [Link] = []
    var intro = ""
    var figures: [ContractHeadline.Figure] = []
    var facts: [Fact] = []
    var filter: Filter?
    var sections: [Section] = []
    var forms: [Form] = []
    var canHandle = false

    init(layout: Layout) { self.layout = layout }

    /// A form of the page: the posted one (named by `form`) keeps what was typed and its errors.
    static func form(
        _ name: String, title: String, action: String, submit: String, typed: FormFields, errors: [String: String], defaults: [String: String] = [:],
        _ build: (inout FormBuilder) -> Void
    ) -> Form {
        let posted = typed["form"] == name
        var f = FormBuilder(posted ? typed : FormFields(defaults), errors: posted ? errors : [:], idPrefix: name + "-")
        f.hidden("form", name)
        build(&f)
        return Form(id: name + "-form", title: title, action: action, submit: submit, fields: f.fields)
    }
}
