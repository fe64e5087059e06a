/// What a form or the API sends to create or edit an employer, before checking.
public struct EmployerInput: Codable, Sendable, Equatable {
    public var name: String?
    public var creditCode: String?
    /// An admin may accept a legacy code that fails the check, with a reason (audited).
    public var forceCode: String?
    public var forceReason: String?
    public var headcount: String?
    public var industry: String?
    public var ownership: String?
    public var address: String?
    public var orgId: String?
    public var unionId: String?
    /// The day the headcount or union took the value given (变动日期), default today.
    public var changedOn: String?

    public init(
        name: String? = nil, creditCode: String? = nil, forceCode: String? = nil, forceReason: String? = nil,
        headcount: String? = nil, industry: String? = nil, ownership: String? = nil, address: String? = nil,
        orgId: String? = nil, unionId: String? = nil, changedOn: String? = nil
    ) {
        self.name = name
        self.creditCode = creditCode
        self.forceCode = forceCode
        self.forceReason = forceReason
        self.headcount = headcount
        self.industry = industry
        self.ownership = ownership
        self.address = address
        self.orgId = orgId
        self.unionId = unionId
        self.changedOn = changedOn
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case name, creditCode, forceCode, forceReason, headcount, industry, ownership, address, orgId, unionId, changedOn
    }

    /// The keys above as the API documents them.
    public static let inputFields: [InputField] = [
        .init("name", required: true), .init("creditCode"), .init("forceCode", .flag), .init("forceReason"),
        .init("headcount", .integer, required: true), .choice("industry", Industry.self), .choice("ownership", Ownership.self),
        .init("address"), .init("orgId", .id, required: true), .init("unionId", .id), .init("changedOn", .date),
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func s(_ k: CodingKeys) throws -> String? { try c.decodeLoose(k) }
        self.init(
            name: try s(.name), creditCode: try s(.creditCode), forceCode: try s(.forceCode),
            forceReason: try s(.forceReason), headcount: try s(.headcount), industry: try s(.industry),
            ownership: try s(.ownership), address: try s(.address), orgId: try s(.orgId), unionId: try s(.unionId),
            changedOn: try s(.changedOn))
    }
}

public struct EmployerFields: Sendable, Equatable {
    public var name: String
    public var creditCode: String?
    /// Set when the code failed the check and was force-accepted; the reason is audited.
    public var forcedReason: String?
    public var headcount: Int
    public var industry: Industry?
    public var ownership: Ownership?
    public var address: String?
    public var orgId: Int
    public var unionId: Int?
    /// The day the headcount and union given took effect.
    public var changedOn: CalendarDate
    public var sizeBand: SizeBand { SizeBand(headcount: headcount) }
}

extension EmployerInput {
    /// `mayForce` is whether the caller holds the permission to force-accept a failing code.
    public func validate(mayForce: Bool, today: CalendarDate) throws(FieldErrors) -> EmployerFields {
        var e = FieldErrors()
        let name = e.collect { () throws(FieldError) in try Input.name(self.name, field: "name", label: "单位名称", max: 60) }
        var forced: String?
        let code = e.collect { () throws(FieldError) -> String? in
            guard let raw = Input.optional(self.creditCode) else { return nil }
            let checked: Result<CreditCode, FieldError> = Result { () throws(FieldError) in try CreditCode(raw) }
            switch checked {
            case .success(let code): return code.value
            case .failure(let error):
                guard Input.flag(self.forceCode) else { throw error }
                guard mayForce else {
                    throw FieldError(field: "creditCode", message: "只有系统管理员可以强制接受未通过校验的统一社会信用代码")
                }
                guard let reason = try Input.text(self.forceReason, field: "forceReason", label: "强制接受理由", max: 200) else {
                    throw FieldError(field: "forceReason", message: "强制接受未通过校验的代码时必须填写理由")
                }
                let s = Text.compact(raw).uppercased()
                guard s.count == 18, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else {
                    throw FieldError(field: "creditCode", message: "统一社会信用代码应为18位数字或大写字母")
                }
                forced = reason
                return s
            }
        }
        let headcount = e.collect { () throws(FieldError) -> Int in
            guard let n = try Input.int(self.headcount, field: "headcount", label: "职工人数", range: 0...1_000_000) else {
                throw FieldError(field: "headcount", message: "职工人数不能为空")
            }
            return n
        }
        let industry = e.collect { () throws(FieldError) in try Input.choice(self.industry, Industry.self, field: "industry", name: "行业") }
        let ownership = e.collect { () throws(FieldError) in
            try Input.choice(self.ownership, Ownership.self, field: "ownership", name: "经济类型")
        }
        let address = e.collect { () throws(FieldError) in try Input.text(self.address, field: "address", label: "地址", max: 100) }
        let org = e.collect { () throws(FieldError) -> Int in
            guard let o = try Input.id(self.orgId, field: "orgId", label: "所属组织") else {
                throw FieldError(field: "orgId", message: "所属组织不能为空")
            }
            return o
        }
        let union = e.collect { () throws(FieldError) in try Input.id(self.unionId, field: "unionId", label: "所建工会") }
        let changed = e.collect { () throws(FieldError) in
            try Input.requiredDate(Input.optional(self.changedOn) ?? today.iso, field: "changedOn", label: "变动日期", notAfter: today)
        }
        guard e.isEmpty, let name, let code, let headcount, let industry, let ownership, let address, let org, let union, let changed
        else { throw e }
        return EmployerFields(
            name: name, creditCode: code, forcedReason: forced, headcount: headcount, industry: industry,
            ownership: ownership, address: address, orgId: org, unionId: union, changedOn: changed)
    }
}
