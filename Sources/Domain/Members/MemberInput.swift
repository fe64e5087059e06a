/// What a form or the API sends to create or edit a member, before checking.
public struct MemberInput: Codable, Sendable, Equatable {
    public var name: String?
    public var idNumber: String?
    public var phone: String?
    public var gender: String?
    public var ethnicity: String?
    public var education: String?
    public var politicalStatus: String?
    public var unionId: String?
    public var employerId: String?
    public var joinDate: String?
    public var migrantWorker: String?
    public var modelWorker: String?

    public init(
        name: String? = nil, idNumber: String? = nil, phone: String? = nil, gender: String? = nil,
        ethnicity: String? = nil, education: String? = nil, politicalStatus: String? = nil, unionId: String? = nil,
        employerId: String? = nil, joinDate: String? = nil, migrantWorker: String? = nil, modelWorker: String? = nil
    ) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.gender = gender
        self.ethnicity = ethnicity
        self.education = education
        self.politicalStatus = politicalStatus
        self.unionId = unionId
        self.employerId = employerId
        self.joinDate = joinDate
        self.migrantWorker = migrantWorker
        self.modelWorker = modelWorker
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case name, idNumber, phone, gender, ethnicity, education, politicalStatus, unionId, employerId, joinDate
        case migrantWorker, modelWorker
    }

    /// The keys above as the API documents them.
    public static let inputFields: [InputField] = [
        .init("name", required: true), .init("idNumber", required: true), .init("phone"), .init("gender"), .init("ethnicity"),
        .choice("education", Education.self), .choice("politicalStatus", PoliticalStatus.self), .init("unionId", .id, required: true),
        .init("employerId", .id), .init("joinDate", .date), .init("migrantWorker", .flag), .init("modelWorker", .flag),
    ]

    /// Accepts JSON numbers and booleans where a form would send text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func s(_ k: CodingKeys) throws -> String? { try c.decodeLoose(k) }
        self.init(
            name: try s(.name), idNumber: try s(.idNumber), phone: try s(.phone), gender: try s(.gender),
            ethnicity: try s(.ethnicity), education: try s(.education), politicalStatus: try s(.politicalStatus),
            unionId: try s(.unionId), employerId: try s(.employerId), joinDate: try s(.joinDate),
            migrantWorker: try s(.migrantWorker), modelWorker: try s(.modelWorker))
    }
}

/// A member's fields after every check passed.
public struct MemberFields: Sendable, Equatable {
    public var name: String
    public var idNumber: IDNumber
    public var phone: PhoneNumber?
    public var ethnicity: String
    public var education: Education?
    public var politicalStatus: PoliticalStatus?
    public var unionId: Int
    public var employerId: Int?
    public var joinDate: CalendarDate
    public var migrantWorker: Bool
    public var modelWorker: Bool
}

extension MemberInput {
    /// Checks every field and reports all failures at once, each naming its field.
    public func validate(today: CalendarDate) throws(FieldErrors) -> MemberFields {
        var e = FieldErrors()
        let name = e.collect { () throws(FieldError) in try Input.name(self.name, field: "name", label: "姓名") }
        let id = e.collect { () throws(FieldError) in try IDNumber(self.idNumber ?? "") }
        let phone = e.collect { () throws(FieldError) -> PhoneNumber? in
            try Input.optional(self.phone).map { (p) throws(FieldError) in try PhoneNumber(p) }
        }
        if let id, let g = Input.optional(gender) {
            if let given = Gender(label: g) ?? Gender(rawValue: g) {
                if given != id.gender {
                    e.append(FieldError(field: "gender", message: "性别与身份证号不符（身份证号显示为\(id.gender.label)）"))
                }
            } else {
                e.append(FieldError(field: "gender", message: "性别应为“男”或“女”"))
            }
        }
        let ethnicity = e.collect { () throws(FieldError) in try Input.text(self.ethnicity, field: "ethnicity", label: "民族", max: 10) }
        let education = e.collect { () throws(FieldError) in
            try Input.choice(self.education, Education.self, field: "education", name: "文化程度")
        }
        let political = e.collect { () throws(FieldError) in
            try Input.choice(self.politicalStatus, PoliticalStatus.self, field: "politicalStatus", name: "政治面貌")
        }
        let union = e.collect { () throws(FieldError) -> Int in
            guard let u = try Input.id(self.unionId, field: "unionId", label: "所在工会") else {
                throw FieldError(field: "unionId", message: "所在工会不能为空")
            }
            return u
        }
        let employer = e.collect { () throws(FieldError) in try Input.id(self.employerId, field: "employerId", label: "工作单位") }
        let join = e.collect { () throws(FieldError) -> CalendarDate? in
            let d = try Input.date(self.joinDate, field: "joinDate", label: "入会日期")
            if let d, d > today { throw FieldError(field: "joinDate", message: "入会日期不能晚于今天") }
            if let d, let id, d < id.birthDate { throw FieldError(field: "joinDate", message: "入会日期不能早于出生日期") }
            return d
        }
        guard e.isEmpty, let name, let id, let phone, let ethnicity, let education, let political, let union, let employer, let join
        else { throw e }
        return MemberFields(
            name: name, idNumber: id, phone: phone, ethnicity: ethnicity ?? "汉族", education: education,
            politicalStatus: political, unionId: union, employerId: employer, joinDate: join ?? today,
            migrantWorker: Input.flag(migrantWorker), modelWorker: Input.flag(modelWorker))
    }
}

extension KeyedDecodingContainer {
    /// Decodes a string, number or boolean as text; absent or null gives nil.
    public func decodeLoose(_ key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let s = try? decode(String.self, forKey: key) { return s }
        if let b = try? decode(Bool.self, forKey: key) { return b ? "true" : "false" }
        if let i = try? decode(Int64.self, forKey: key) { return String(i) }
        throw DecodingError.typeMismatch(String.self, .init(codingPath: codingPath + [key], debugDescription: "应为文本、数字或布尔值"))
    }
}
