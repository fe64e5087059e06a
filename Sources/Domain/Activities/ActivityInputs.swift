/// An activity or class as recorded (活动/培训班): who organised it, what it was, when and where, what it may cost, how
/// many may sign up, how many who are not members took part, the audience (an estimate, kept apart from participants),
/// and, for a class held by a higher union, who held it (the union only sends its cadres: 选派).
public struct ActivityFields: Sendable, Equatable {
    public var orgId: Int
    public var kind: ActivityKind
    public var title: String
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var place: String?
    public var jointOrganisers: String?
    public var budget: Int?
    public var cap: Int?
    public var guests: Int
    public var audience: Int?
    public var hostedBy: String?
    public var description: String?
    /// A campaign's channels and the copies of material it gave out.
    public var channels: [String] = []
    public var materials: Int?
    /// The campaign an event was part of; the service centre it was held at.
    public var campaignId: Int?
    public var centreId: Int?

    public static let inputFields: [InputField] = [
        .init("orgId", .id, required: true), .init("kind", required: true), .init("title", required: true), .init("startsOn", .date, required: true),
        .init("endsOn", .date), .init("place"), .init("jointOrganisers"), .init("budget", .money), .init("cap", .integer),
        .init("guests", .integer), .init("audience", .integer), .init("hostedBy"), .init("description"), .init("channels", .list([])),
        .init("materials", .integer), .init("campaignId", .id), .init("centreId", .id),
    ]

    public static func validate(_ f: FormFields, rules: ActivityRules) throws(FieldErrors) -> ActivityFields {
        var e = FieldErrors()
        let org = e.collect { () throws(FieldError) in try Input.requiredID(f["orgId"], field: "orgId", label: "主办工会") }
        let kind = e.collect { () throws(FieldError) -> ActivityKind in
            let t = try Input.required(f["kind"], field: "kind", name: "类别")
            guard let k = rules.kind(t) ?? rules.kinds.first(where: { $0.label == t }) else {
                throw FieldError(field: "kind", message: "类别“\(t.prefix(20))”不在本地的活动类别中")
            }
            return k
        }
        let title = e.collect { () throws(FieldError) in try Input.requiredText(f["title"], field: "title", label: "名称", max: 60) }
        let starts = e.collect { () throws(FieldError) in try Input.requiredDate(f["startsOn"], field: "startsOn", label: "开始日期") }
        let ends = e.collect { () throws(FieldError) in try Input.date(f["endsOn"], field: "endsOn", label: "结束日期") }
        let place = e.collect { () throws(FieldError) in try Input.text(f["place"], field: "place", label: "地点", max: 60) }
        let joint = e.collect { () throws(FieldError) in try Input.text(f["jointOrganisers"], field: "jointOrganisers", label: "联合主办", max: 60) }
        let budget = e.collect { () throws(FieldError) in try Input.money(f["budget"], field: "budget", label: "预算") }
        let cap = e.collect { () throws(FieldError) in try Input.int(f["cap"], field: "cap", label: "报名名额", range: 1...100_000) }
        let guests = e.collect { () throws(FieldError) in try Input.int(f["guests"], field: "guests", label: "非会员参加人数", range: 0...1_000_000) }
        let audience = e.collect { () throws(FieldError) in try Input.int(f["audience"], field: "audience", label: "观众人次（估计）", range: 0...10_000_000) }
        let host = e.collect { () throws(FieldError) in try Input.text(f["hostedBy"], field: "hostedBy", label: "举办单位", max: 40) }
        let description = e.collect { () throws(FieldError) in try Input.text(f["description"], field: "description", label: "内容和成效", max: 1000) }
        let channels = e.collect { () throws(FieldError) -> [String] in
            let list = (f["channels"] ?? "").split(separator: ",").map { Text.clean(String($0)) }.filter { !$0.isEmpty }
            if let unknown = list.first(where: { !rules.channels.contains($0) }) {
                throw FieldError(field: "channels", message: "宣传渠道“\(unknown.prefix(20))”不在本地的渠道中")
            }
            return rules.channels.filter(list.contains)
        }
        let materials = e.collect { () throws(FieldError) in try Input.int(f["materials"], field: "materials", label: "发放宣传资料（份）", range: 0...10_000_000) }
        let campaign = e.collect { () throws(FieldError) in try Input.id(f["campaignId"], field: "campaignId", label: "所属宣传活动") }
        let centre = e.collect { () throws(FieldError) in try Input.id(f["centreId"], field: "centreId", label: "服务阵地") }
        if let starts, let ends = ends ?? nil, ends < starts {
            e.append(FieldError(field: "endsOn", message: "结束日期不能早于开始日期（\(starts.iso)）"))
        }
        if let host = host ?? nil, !host.isEmpty, let kind, kind.category != .training {
            e.append(FieldError(field: "hostedBy", message: "只有培训班可以是上级工会举办、本会选派参加的（类别“\(kind.label)”不是培训）"))
        }
        if let kind, kind.category != .campaign, !(channels ?? []).isEmpty || (materials ?? nil) != nil {
            e.append(FieldError(field: (channels ?? []).isEmpty ? "materials" : "channels", message: "宣传渠道和宣传资料只登记在宣传活动上（类别“\(kind.label)”不是宣传）"))
        }
        if let kind, kind.category == .campaign, (campaign ?? nil) != nil {
            e.append(FieldError(field: "campaignId", message: "宣传活动本身不属于另一项宣传活动"))
        }
        guard e.isEmpty, let org, let kind, let title, let starts, let ends, let place, let joint, let budget, let cap, let guests, let audience,
            let host, let description, let channels, let materials, let campaign, let centre
        else { throw e }
        return ActivityFields(
            orgId: org, kind: kind, title: title, startsOn: starts, endsOn: ends ?? starts, place: place, jointOrganisers: joint, budget: budget,
            cap: cap, guests: guests ?? 0, audience: audience, hostedBy: host, description: description, channels: channels, materials: materials,
            campaignId: campaign, centreId: centre)
    }
}

/// A session of an activity or class (场次/课次): its day (within the activity's days), a title, hours taught, and
/// the attendances of those who are not members (非会员人次), at most one each of the activity's non-member people.
public struct ActivitySessionFields: Sendable, Equatable {
    public var on: CalendarDate
    public var title: String?
    public var hours: Int?
    public var guestVisits: Int

    public static let inputFields: [InputField] = [
        .init("on", .date, required: true), .init("title"), .init("hours", .integer), .init("guestVisits", .integer),
    ]

    public static func validate(_ f: FormFields, startsOn: CalendarDate, endsOn: CalendarDate, guests: Int, today: CalendarDate) throws(FieldErrors)
        -> ActivitySessionFields
    {
        var e = FieldErrors()
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["on"], field: "on", label: "日期") }
        let title = e.collect { () throws(FieldError) in try Input.text(f["title"], field: "title", label: "场次名称", max: 40) }
        let hours = e.collect { () throws(FieldError) in try Input.int(f["hours"], field: "hours", label: "学时", range: 0...24) }
        let visits = e.collect { () throws(FieldError) in try guestVisits(f["guestVisits"], guests: guests) }
        if let on, on < startsOn || on > endsOn {
            e.append(FieldError(field: "on", message: "日期应在活动起止日期（\(startsOn.iso)至\(endsOn.iso)）之内"))
        }
        if let on, let visits, visits > 0, on > today {
            e.append(FieldError(field: "guestVisits", message: "场次还没到（\(on.iso)），不能登记参加人次"))
        }
        guard e.isEmpty, let on, let title, let hours, let visits else { throw e }
        return ActivitySessionFields(on: on, title: title, hours: hours, guestVisits: visits)
    }

    /// Non-member attendances of one session: no more than the activity's non-member people.
    static func guestVisits(_ s: String?, guests: Int) throws(FieldError) -> Int {
        guard let n = try Input.int(s, field: "guestVisits", label: "非会员人次", range: 0...1_000_000) else { return 0 }
        if n > guests {
            throw FieldError(field: "guestVisits", message: "非会员人次不能多于活动登记的非会员参加人数（\(guests)人）：每人每场最多一次")
        }
        return n
    }
}

/// Who attended a session: members by card number (any separator; a name the card belongs to is read past), and the
/// non-members as a count. A card typed twice counts once.
public struct AttendanceFields: Sendable, Equatable {
    public var sessionId: Int
    public var cards: [String]
    public var guestVisits: Int?

    public static let inputFields: [InputField] = [.init("sessionId", .id, required: true), .init("cards", .list([])), .init("guestVisits", .integer)]

    public static func validate(_ f: FormFields, guests: Int) throws(FieldErrors) -> AttendanceFields {
        var e = FieldErrors()
        let session = e.collect { () throws(FieldError) in try Input.requiredID(f["sessionId"], field: "sessionId", label: "场次") }
        let cards = e.collect { () throws(FieldError) in try MemberCard.list(f["cards"], field: "cards", label: "会员证号") }
        let visits = e.collect { () throws(FieldError) -> Int? in
            f["guestVisits"].flatMap(Input.optional) == nil ? nil : try ActivitySessionFields.guestVisits(f["guestVisits"], guests: guests)
        }
        if let cards, cards.isEmpty, (visits ?? nil) == nil {
            e.append(FieldError(field: "cards", message: "请填写出勤会员的会员证号，或非会员人次"))
        }
        guard e.isEmpty, let session, let cards, let visits else { throw e }
        return AttendanceFields(sessionId: session, cards: cards, guestVisits: visits)
    }
}

extension MemberCard {
    /// Card numbers typed in a list (spaces, commas, new lines between them), each once in the order typed; at most
    /// 5,000. A word that is no card number is refused by name.
    public static func list(_ s: String?, field: String, label: String, max: Int = 5_000) throws(FieldError) -> [String] {
        guard let t = Input.optional(s) else { return [] }
        let words = t.split { $0 == "," || $0 == "，" || $0 == "、" || $0 == ";" || $0 == "；" || $0.isWhitespace || $0.isNewline }
        var out: [String] = []
        var seen = Set<String>()
        for w in words {
            guard let card = parse(String(w)) else {
                throw FieldError(field: field, message: "“\(w.prefix(20))”不是会员证号（应为 GH 加数字，如 GH00000139）")
            }
            if seen.insert(card).inserted { out.append(card) }
            if out.count > max { throw FieldError(field: field, message: "\(label)一次最多\(max)个") }
        }
        return out
    }
}

/// A member's attendance taken back (recorded by mistake): the session, the card, and why.
public struct AttendanceRemovalFields: Sendable, Equatable {
    public var sessionId: Int
    public var card: String
    public var reason: String

    public static let inputFields: [InputField] = [.init("sessionId", .id, required: true), .init("card", required: true), .init("reason", required: true)]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> AttendanceRemovalFields {
        var e = FieldErrors()
        let session = e.collect { () throws(FieldError) in try Input.requiredID(f["sessionId"], field: "sessionId", label: "场次") }
        let card = e.collect { () throws(FieldError) in try MemberCard.required(f["card"], field: "card", label: "会员证号") }
        let reason = e.collect { () throws(FieldError) in try Input.requiredText(f["reason"], field: "reason", label: "撤销原因", max: 200) }
        guard e.isEmpty, let session, let card, let reason else { throw e }
        return AttendanceRemovalFields(sessionId: session, card: card, reason: reason)
    }
}

/// One member's sign-up (报名) by card number.
public struct SignupFields: Sendable, Equatable {
    public var card: String

    public static let inputFields: [InputField] = [.init("card", required: true)]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> SignupFields {
        var e = FieldErrors()
        let card = e.collect { () throws(FieldError) in try MemberCard.required(f["card"], field: "card", label: "会员证号") }
        guard e.isEmpty, let card else { throw e }
        return SignupFields(card: card)
    }
}

/// What an activity produced, in its unit (`8吨`, `1.5公里`, `4000册`): never negative, up to three decimals.
public struct OutputFields: Sendable, Equatable {
    public var label: String
    /// Thousandths of the unit.
    public var quantity: Int
    public var unit: String

    public static let inputFields: [InputField] = [.init("label", required: true), .init("quantity", required: true), .init("unit", required: true)]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> OutputFields {
        var e = FieldErrors()
        let label = e.collect { () throws(FieldError) in try Input.requiredText(f["label"], field: "label", label: "成果", max: 30) }
        let quantity = e.collect { () throws(FieldError) in try Quantity.parse(f["quantity"], field: "quantity", label: "数量") }
        let unit = e.collect { () throws(FieldError) in try Input.requiredText(f["unit"], field: "unit", label: "单位", max: 8) }
        guard e.isEmpty, let label, let quantity, let unit else { throw e }
        return OutputFields(label: label, quantity: quantity, unit: unit)
    }
}

/// A programme item (节目, 场次, 剧目) by its title.
public struct ProgrammeFields: Sendable, Equatable {
    public var kind: ProgrammeKind
    public var title: String

    public static let inputFields: [InputField] = [.choice("kind", ProgrammeKind.self, required: true), .init("title", required: true)]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> ProgrammeFields {
        var e = FieldErrors()
        let kind = e.collect { () throws(FieldError) in try Input.requiredChoice(f["kind"], ProgrammeKind.self, field: "kind", name: "项目类别") }
        let title = e.collect { () throws(FieldError) in try Input.requiredText(f["title"], field: "title", label: "名称", max: 60) }
        guard e.isEmpty, let kind, let title else { throw e }
        return ProgrammeFields(kind: kind, title: title)
    }
}


/// A spending entry of the organiser's books that paid for an activity.
public struct CostFields: Sendable, Equatable {
    public var entryId: Int

    public static let inputFields: [InputField] = [.init("entryId", .id, required: true)]

    public static func validate(_ f: FormFields) throws(FieldErrors) -> CostFields {
        var e = FieldErrors()
        let entry = e.collect { () throws(FieldError) in try Input.requiredID(f["entryId"], field: "entryId", label: "经费支出") }
        guard e.isEmpty, let entry else { throw e }
        return CostFields(entryId: entry)
    }
}

/// Certificates (结业证书) to trainees by card number, on the day issued.
public struct CertificateFields: Sendable, Equatable {
    public var cards: [String]
    public var issuedOn: CalendarDate

    public static let inputFields: [InputField] = [.init("cards", .list([]), required: true), .init("issuedOn", .date, required: true)]

    public static func validate(_ f: FormFields, startsOn: CalendarDate, today: CalendarDate) throws(FieldErrors) -> CertificateFields {
        var e = FieldErrors()
        let cards = e.collect { () throws(FieldError) in try MemberCard.list(f["cards"], field: "cards", label: "会员证号") }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["issuedOn"], field: "issuedOn", label: "颁发日期", notAfter: today) }
        if let cards, cards.isEmpty { e.append(FieldError(field: "cards", message: "请填写取得结业证书学员的会员证号")) }
        if let on, on < startsOn { e.append(FieldError(field: "issuedOn", message: "颁发日期不能早于开班日期（\(startsOn.iso)）")) }
        guard e.isEmpty, let cards, let on else { throw e }
        return CertificateFields(cards: cards, issuedOn: on)
    }
}
