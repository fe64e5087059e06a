/// A union cadre as typed (工会干部): name, post, mobile phone and the term held. Every failing field is reported at once.
public struct CadreFields: Sendable, Equatable {
    public var name: String
    public var post: CadrePost
    /// Nil when left blank: a new cadre has none; a change keeps the number on record.
    public var phone: PhoneNumber?
    public var termFrom: CalendarDate
    /// The end of the term, or of the post (离任) when it came early.
    public var termTo: CalendarDate?

    public static let inputFields: [InputField] = [
        .init("name", required: true), .choice("post", CadrePost.self, required: true), .init("phone"), .init("termFrom", .date),
        .init("termTo", .date),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> CadreFields {
        var e = FieldErrors()
        let name = e.collect { () throws(FieldError) in try Input.name(f["name"], field: "name", label: "姓名") }
        let post = e.collect { () throws(FieldError) in try Input.requiredChoice(f["post"], CadrePost.self, field: "post", name: "职务") }
        let phone = e.collect { () throws(FieldError) in try Input.optional(f["phone"]).map { (s) throws(FieldError) in try PhoneNumber(s) } }
        let from = e.collect { () throws(FieldError) in
            try Input.requiredDate(Input.optional(f["termFrom"]) ?? today.iso, field: "termFrom", label: "任职日期", notAfter: today)
        }
        let to = e.collect { () throws(FieldError) -> CalendarDate? in
            let d = try Input.date(f["termTo"], field: "termTo", label: "任期届满或离任日期")
            if let d, let from, d < from { throw FieldError(field: "termTo", message: "任期届满或离任日期不能早于任职日期") }
            return d
        }
        guard e.isEmpty, let name, let post, let phone, let from, let to else { throw e }
        return CadreFields(name: name, post: post, phone: phone, termFrom: from, termTo: to)
    }
}
