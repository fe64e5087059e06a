/// What a form or the API sends to create or edit an org-tree node, before checking.
public struct OrganizationInput: Codable, Sendable, Equatable {
    public var name: String?
    public var level: String?
    public var unionType: String?
    public var parentId: String?
    public var regionCode: String?
    public var creditCode: String?
    public var foundedOn: String?
    public var electedOn: String?
    public var termYears: String?
    public var status: String?
    /// The day the union ended (with an ended status) and, when merged, the union it merged into.
    public var endedOn: String?
    public var mergedIntoId: String?
    /// The day a change of type or parent took effect (变更日期), default today.
    public var changedOn: String?

    public init(
        name: String? = nil, level: String? = nil, unionType: String? = nil, parentId: String? = nil,
        regionCode: String? = nil, creditCode: String? = nil, foundedOn: String? = nil, electedOn: String? = nil,
        termYears: String? = nil, status: String? = nil, endedOn: String? = nil, mergedIntoId: String? = nil, changedOn: String? = nil
    ) {
        self.name = name
        self.level = level
        self.unionType = unionType
        self.parentId = parentId
        self.regionCode = regionCode
        self.creditCode = creditCode
        self.foundedOn = foundedOn
        self.electedOn = electedOn
        self.termYears = termYears
        self.status = status
        self.endedOn = endedOn
        self.mergedIntoId = mergedIntoId
        self.changedOn = changedOn
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case name, level, unionType, parentId, regionCode, creditCode, foundedOn, electedOn, termYears, status, endedOn, mergedIntoId,
            changedOn
    }

    /// The keys above as the API documents them.
    public static let inputFields: [InputField] = [
        .init("name", required: true), .choice("level", OrgLevel.self), .choice("unionType", UnionType.self),
        .init("parentId", .id, required: true), .init("regionCode"), .init("creditCode"), .init("foundedOn", .date),
        .init("electedOn", .date), .init("termYears", .integer), .choice("status", OrgStatus.self),
        .init("endedOn", .date), .init("mergedIntoId", .id), .init("changedOn", .date),
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func s(_ k: CodingKeys) throws -> String? { try c.decodeLoose(k) }
        self.init(
            name: try s(.name), level: try s(.level), unionType: try s(.unionType), parentId: try s(.parentId),
            regionCode: try s(.regionCode), creditCode: try s(.creditCode), foundedOn: try s(.foundedOn),
            electedOn: try s(.electedOn), termYears: try s(.termYears), status: try s(.status), endedOn: try s(.endedOn),
            mergedIntoId: try s(.mergedIntoId), changedOn: try s(.changedOn))
    }
}

public struct OrganizationFields: Sendable, Equatable {
    public var name: String
    public var level: OrgLevel
    public var unionType: UnionType?
    /// The parent; nil only for the top federation (which has none), and checked against the record by the use case.
    public var parentId: Int?
    public var regionCode: String?
    public var creditCode: String?
    public var foundedOn: CalendarDate?
    public var electedOn: CalendarDate?
    public var term: CommitteeTerm
    public var status: OrgStatus
    /// With an ended status: the day it ended, and the union merged into (合并).
    public var endedOn: CalendarDate?
    public var mergedIntoId: Int?
    /// The day a change of type or parent took effect.
    public var changedOn: CalendarDate

    /// 换届到期日, derived from the elected date and the term.
    public var reElectionDue: CalendarDate? { electedOn.map { term.reElectionDue(electedOn: $0) } }
}

extension OrganizationInput {
    public func validate(today: CalendarDate) throws(FieldErrors) -> OrganizationFields {
        var e = FieldErrors()
        let name = e.collect { () throws(FieldError) in try Input.name(self.name, field: "name", label: "组织名称", max: 60) }
        let level = e.collect { () throws(FieldError) in
            try Input.choice(self.level, OrgLevel.self, field: "level", name: "组织层级") ?? .union
        }
        let type = e.collect { () throws(FieldError) in try Input.choice(self.unionType, UnionType.self, field: "unionType", name: "工会类型") }
        let parent = e.collect { () throws(FieldError) in try Input.id(self.parentId, field: "parentId", label: "上级组织") }
        let region = e.collect { () throws(FieldError) -> String? in
            guard let r = Input.optional(self.regionCode) else { return nil }
            guard r.count == 6, r.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw FieldError(field: "regionCode", message: "行政区划代码应为6位数字（GB/T 2260）")
            }
            return r
        }
        let code = e.collect { () throws(FieldError) -> String? in
            guard let raw = Input.optional(self.creditCode) else { return nil }
            let c = try CreditCode(raw)
            guard c.isUnionCode else {
                throw FieldError(field: "creditCode", message: "工会的统一社会信用代码应以81开头")
            }
            return c.value
        }
        let founded = e.collect { () throws(FieldError) -> CalendarDate? in
            let d = try Input.date(self.foundedOn, field: "foundedOn", label: "成立日期")
            if let d, d > today { throw FieldError(field: "foundedOn", message: "成立日期不能晚于今天") }
            return d
        }
        let elected = e.collect { () throws(FieldError) -> CalendarDate? in
            let d = try Input.date(self.electedOn, field: "electedOn", label: "本届选举日期")
            if let d, d > today { throw FieldError(field: "electedOn", message: "本届选举日期不能晚于今天") }
            return d
        }
        let term = e.collect { () throws(FieldError) -> CommitteeTerm in
            guard let y = try Input.int(self.termYears, field: "termYears", label: "任期", range: 1...10) else { return .five }
            return try CommitteeTerm(years: y)
        }
        let status = e.collect { () throws(FieldError) in
            try Input.choice(self.status, OrgStatus.self, field: "status", name: "状态") ?? .active
        }
        if let f = founded ?? nil, let el = elected ?? nil, el < f {
            e.append(FieldError(field: "electedOn", message: "本届选举日期不能早于成立日期"))
        }
        let changed = e.collect { () throws(FieldError) in
            try Input.requiredDate(Input.optional(self.changedOn) ?? today.iso, field: "changedOn", label: "变更日期", notAfter: today)
        }
        let ended = e.collect { () throws(FieldError) -> CalendarDate? in
            guard let s = status ?? nil, s.isEnded else { return nil }
            let d = try Input.requiredDate(Input.optional(self.endedOn) ?? today.iso, field: "endedOn", label: "\(s.label.dropFirst())日期", notAfter: today)
            if let f = founded ?? nil, d < f { throw FieldError(field: "endedOn", message: "\(s.label.dropFirst())日期不能早于成立日期") }
            return d
        }
        let merged = e.collect { () throws(FieldError) -> Int? in
            guard status == .merged else { return nil }
            guard let id = try Input.id(self.mergedIntoId, field: "mergedIntoId", label: "并入工会") else {
                throw FieldError(field: "mergedIntoId", message: "合并须选择并入的工会")
            }
            return id
        }
        guard e.isEmpty, let name, let level, let type, let parent, let region, let code, let founded, let elected, let term, let status,
            let changed, let ended, let merged
        else { throw e }
        return OrganizationFields(
            name: name, level: level, unionType: level == .union ? (type ?? .enterprise) : nil,
            parentId: parent, regionCode: region, creditCode: code, foundedOn: founded, electedOn: elected, term: term,
            status: status, endedOn: ended, mergedIntoId: merged, changedOn: changed)
    }
}
