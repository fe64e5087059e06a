import Domain
import Vapor

/// A page of a register: its links, headline figures, facts, tables and forms, laid out the same way (`records/page`),
/// so each page says only what it shows.
struct RecordPage: Page {
    static let template = "records/page"

    /// A headline figure, linked to its records (the indicator's drill-down).
    struct Figure: Encodable, Sendable {
        var label: String
        var value: String
        var url: String
    }

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
        /// The pages of a long table (its total and links), when it has them.
        var pager: Pager?
    }

    struct Form: Encodable, Sendable {
        var id: String
        var title: String
        var action: String
        var submit: String
        var fields: [FormField]
        /// Sent as multipart (it carries a file): set by `form` when a field is a file.
        var multipart = false
    }

    struct Filter: Encodable, Sendable {
        var action: String
        var fields: [FormField]
    }

    var layout: Layout
    var links: [Link] = []
    var intro = ""
    var figures: [Figure] = []
    var facts: [Fact] = []
    var filter: Filter?
    var sections: [Section] = []
    var forms: [Form] = []
    var canHandle = false

    init(layout: Layout) { self.layout = layout }

    /// Runs a posted form and redirects to `back` with the message `body` returns, or shows `page` again with what was
    /// typed and why it was refused.
    static func perform(
        _ req: Request, back: String, page: (FormFields, [String: String], HTTPResponseStatus) async throws -> Response,
        _ body: (FormFields) async throws -> String
    ) async throws -> Response {
        let values = try req.content.decode(FormFields.self)
        do {
            return req.redirect(to: back, flash: try await body(values))
        } catch let asked as AskedFirst {
            return asked.response
        } catch {
            guard let (errors, status) = req.refusal(error) else { throw error }
            return try await page(values, errors, status)
        }
    }

    /// A form of the page: the posted one (named by `form`) keeps what was typed and its errors.
    static func form(
        _ name: String, title: String, action: String, submit: String, typed: FormFields, errors: [String: String], defaults: [String: String] = [:],
        _ build: (inout FormBuilder) -> Void
    ) -> Form {
        let posted = typed["form"] == name
        var f = FormBuilder(posted ? typed : FormFields(defaults), errors: posted ? errors : [:], idPrefix: name + "-")
        f.hidden("form", name)
        build(&f)
        return Form(id: name + "-form", title: title, action: action, submit: submit, fields: f.fields, multipart: f.fields.contains { $0.isFile })
    }
}

/// A labelled value of a record's page (`dl.fields`); an empty value is left out.
struct Fact: Encodable, Sendable {
    var label: String
    var value: String
    var url: String?

    static func list(_ pairs: [(String, String?)]) -> [Fact] {
        pairs.compactMap { label, value in value.flatMap { $0.isEmpty ? nil : Fact(label: label, value: $0) } }
    }
}

/// A state shown as a coloured label (`badge warn`).
struct Badge: Encodable, Sendable {
    var label: String
    var cls: String
}
