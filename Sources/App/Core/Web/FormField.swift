import Domain
import Vapor

/// One field of a generic form (`partials/fields`): the value typed is always shown back with its error beside it,
/// so nothing a user typed is lost when a check fails. Leaf sees empty strings as true, hence the explicit flags.
struct FormField: Encodable, Sendable {
    var name: String
    /// The element id: the name, prefixed when several forms on one page share field names.
    var id: String
    var label: String
    var value: String
    var options: [SelectOption] = []
    var error: String?
    var hint: String?
    var required = false
    var isText = false
    var isDate = false
    var isSelect = false
    var isCheck = false
    var isChecks = false
    var isArea = false
    /// A file chooser (`accept`: the types offered); the form must be sent as multipart.
    var isFile = false
    var accept = ""
    /// Carried with the form, not shown (a choice made in an earlier step).
    var isHidden = false
    var hasError: Bool { error != nil }
    var hasHint = false
    var checked = false

    enum CodingKeys: String, CodingKey {
        case name, id, label, value, options, error, hint, required, isText, isDate, isSelect, isCheck, isChecks, isArea, isFile, accept,
            isHidden, hasError, hasHint, checked
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(value, forKey: .value)
        try c.encode(options, forKey: .options)
        try c.encode(error ?? "", forKey: .error)
        try c.encode(hint ?? "", forKey: .hint)
        try c.encode(required, forKey: .required)
        try c.encode(isText, forKey: .isText)
        try c.encode(isDate, forKey: .isDate)
        try c.encode(isSelect, forKey: .isSelect)
        try c.encode(isCheck, forKey: .isCheck)
        try c.encode(isChecks, forKey: .isChecks)
        try c.encode(isArea, forKey: .isArea)
        try c.encode(isFile, forKey: .isFile)
        try c.encode(accept, forKey: .accept)
        try c.encode(isHidden, forKey: .isHidden)
        try c.encode(error != nil, forKey: .hasError)
        try c.encode(hint != nil, forKey: .hasHint)
        try c.encode(checked, forKey: .checked)
    }
}

/// Builds a form's fields from what was typed (`values`) and the errors found.
struct FormBuilder {
    var values: FormFields
    var errors: [String: String]
    var fields: [FormField] = []
    /// Prefix of the element ids (`contact-date`), for a page with several forms.
    var idPrefix: String

    init(_ values: FormFields, errors: [String: String] = [:], idPrefix: String = "") {
        self.values = values
        self.errors = errors
        self.idPrefix = idPrefix
    }

    private func base(_ name: String, _ label: String, hint: String?, required: Bool) -> FormField {
        FormField(
            name: name, id: idPrefix + name, label: label, value: values[name] ?? "", error: errors[name], hint: hint, required: required,
            hasHint: hint != nil)
    }

    mutating func text(_ name: String, _ label: String, hint: String? = nil, required: Bool = false) {
        var f = base(name, label, hint: hint, required: required)
        f.isText = true
        fields.append(f)
    }

    /// A value chosen in an earlier step, posted again with this form.
    mutating func hidden(_ name: String, _ value: String) {
        var f = base(name, "", hint: nil, required: false)
        f.value = value
        f.isHidden = true
        fields.append(f)
    }

    mutating func area(_ name: String, _ label: String, hint: String? = nil) {
        var f = base(name, label, hint: hint, required: false)
        f.isArea = true
        fields.append(f)
    }

    /// A file to upload (a file chooser never shows back what was chosen: a refused file is chosen again).
    mutating func file(_ name: String, _ label: String, accept: String, hint: String? = nil) {
        var f = base(name, label, hint: hint, required: true)
        f.value = ""
        f.isFile = true
        f.accept = accept
        fields.append(f)
    }

    mutating func date(_ name: String, _ label: String, hint: String? = nil, required: Bool = false) {
        var f = base(name, label, hint: hint, required: required)
        f.isDate = true
        fields.append(f)
    }

    mutating func select(
        _ name: String, _ label: String, _ options: [(value: String, label: String)], hint: String? = nil, required: Bool = false
    ) {
        var f = base(name, label, hint: hint, required: required)
        f.isSelect = true
        let current = values[name]
        f.options = options.map { SelectOption(value: $0.value, label: $0.label, selected: $0.value == current) }
        fields.append(f)
    }

    mutating func choice<C: Choice>(
        _ name: String, _ label: String, _ type: C.Type, cases: [C]? = nil, hint: String? = nil, required: Bool = false
    ) {
        select(name, label, (cases ?? Array(C.allCases)).map { ($0.rawValue, $0.label) }, hint: hint, required: required)
    }

    mutating func check(_ name: String, _ label: String, hint: String? = nil) {
        var f = base(name, label, hint: hint, required: false)
        f.isCheck = true
        f.checked = Input.flag(values[name])
        fields.append(f)
    }

    /// Several checkboxes sharing one name, offering `items` as both code and label (a configured list).
    mutating func checkList(_ name: String, _ label: String, _ items: [String], hint: String? = nil) {
        checkboxes(name, label, items.map { ($0, $0) }, hint: hint)
    }

    /// Several checkboxes sharing one name (`documents[]`).
    mutating func checks<C: Choice>(_ name: String, _ label: String, _ type: C.Type, cases: [C]? = nil, hint: String? = nil) {
        checkboxes(name, label, (cases ?? Array(C.allCases)).map { ($0.rawValue, $0.label) }, hint: hint)
    }

    private mutating func checkboxes(_ name: String, _ label: String, _ options: [(value: String, label: String)], hint: String?) {
        var f = base(name, label, hint: hint, required: false)
        f.isChecks = true
        let chosen = Set(values.list(name))
        f.options = options.map { SelectOption(value: $0.value, label: $0.label, selected: chosen.contains($0.value)) }
        fields.append(f)
    }
}

/// A page that is one generic form.
struct FormPage: Page {
    static let template = "relief/form"
    var layout: Layout
    var action: String
    var fields: [FormField]
    var submitLabel: String
    var intro: String
    var hasIntro: Bool
    var formID: String
    /// A refusal that belongs to no single field (a state conflict), shown above the form.
    var formError: String?
    /// A first step that only chooses (which round, which kind) asks by GET: nothing is saved yet.
    var isGet = false

    init(layout: Layout, action: String, form: FormBuilder, submitLabel: String, intro: String? = nil, formID: String) {
        self.layout = layout
        self.action = action
        fields = form.fields
        self.submitLabel = submitLabel
        self.intro = intro ?? ""
        hasIntro = intro != nil
        self.formID = formID
        formError = form.errors[FormBuilder.formKey]
    }
}

/// A group of fields for a page with several small forms (`#extend("partials/fields", group)`).
struct FieldGroup: Encodable, Sendable {
    var fields: [FormField]
}

/// One step a workflow page offers (受理, 报送审查 …): its own form with only that step's fields.
struct StepForm: Encodable, Sendable {
    var code: String
    var label: String
    var fields: [FormField]
}

extension FormBuilder {
    /// The error key of messages that belong to the whole form (a refusal or a conflict naming no field), shown as
    /// `errors.form` in templates.
    static let formKey = "form"

    /// Field errors, or a refusal (409/403) that names a field or the form, as messages by key; nil for other errors.
    static func messages(_ error: any Error) -> (errors: [String: String], status: HTTPResponseStatus)? {
        if let e = FieldErrors(error) { return (errorMap(e), .unprocessableEntity) }
        if let e = error as? AppError {
            switch e {
            case .conflict(let m, let field): return ([field ?? formKey: m], .conflict)
            case .refused(let m): return ([formKey: m], .forbidden)
            default: return nil
            }
        }
        return nil
    }
}
