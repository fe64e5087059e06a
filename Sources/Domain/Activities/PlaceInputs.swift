/// A competition's result: a member (by card) or a team, the award, and the prize where there is one, no more than the
/// local cap for the award.
public struct ResultFields: Sendable, Equatable {
    public var card: String?
    public var team: String?
    public var award: AwardLevel
    public var prize: Int?

    public static let inputFields: [InputField] = [
        .init("card"), .init("team"), .choice("award", AwardLevel.self, required: true), .init("prize", .money),
    ]

    public static func validate(_ f: FormFields, rules: ActivityRules) throws(FieldErrors) -> ResultFields {
        var e = FieldErrors()
        let card = e.collect { () throws(FieldError) in try MemberCard.typed(f["card"], field: "card") }
        let team = e.collect { () throws(FieldError) in try Input.text(f["team"], field: "team", label: "参赛队", max: 40) }
        let award = e.collect { () throws(FieldError) in try Input.requiredChoice(f["award"], AwardLevel.self, field: "award", name: "奖次") }
        let prize = e.collect { () throws(FieldError) in try Input.money(f["prize"], field: "prize", label: "奖金") }
        if let card, let team, (card == nil) == (team == nil) {
            e.append(FieldError(field: "card", message: card == nil ? "请填写获奖会员的会员证号，或获奖的参赛队" : "个人和参赛队只填一项"))
        }
        if let award, let prize = prize ?? nil, let cap = rules.prizeCaps[award.rawValue], prize > cap {
            e.append(FieldError(field: "prize", message: "\(award.label)奖金不能超过\(Money.yuan(cap))元（本地标准）"))
        }
        guard e.isEmpty, let card, let team, let award, let prize else { throw e }
        return ResultFields(card: card, team: team, award: award, prize: prize)
    }
}

/// A 金点子 idea handed in: by whom (card), from which employer, what, when; optionally under a collection campaign.
public struct IdeaFields: Sendable, Equatable {
    public var orgId: Int
    public var activityId: Int?
    public var card: String
    public var employer: String?
    public var title: String
    public var description: String?
    public var submittedOn: CalendarDate

    public static let inputFields: [InputField] = [
        .init("orgId", .id, required: true), .init("activityId", .id), .init("card", required: true), .init("employer"), .init("title", required: true),
        .init("description"), .init("submittedOn", .date, required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> IdeaFields {
        var e = FieldErrors()
        let org = e.collect { () throws(FieldError) in try Input.requiredID(f["orgId"], field: "orgId", label: "收集工会") }
        let activity = e.collect { () throws(FieldError) in try Input.id(f["activityId"], field: "activityId", label: "征集活动") }
        let card = e.collect { () throws(FieldError) in try MemberCard.required(f["card"], field: "card", label: "提出人会员证号") }
        let employer = e.collect { () throws(FieldError) in try Input.text(f["employer"], field: "employer", label: "所在单位", max: 60) }
        let title = e.collect { () throws(FieldError) in try Input.requiredText(f["title"], field: "title", label: "建议名称", max: 60) }
        let description = e.collect { () throws(FieldError) in try Input.text(f["description"], field: "description", label: "建议内容", max: 2000) }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["submittedOn"], field: "submittedOn", label: "提出日期", notAfter: today) }
        guard e.isEmpty, let org, let activity, let card, let employer, let title, let description, let on else { throw e }
        return IdeaFields(orgId: org, activityId: activity, card: card, employer: employer, title: title, description: description, submittedOn: on)
    }
}

/// An idea assessed: its grade, adopted or not, on a day not before it was handed in; what it saves (only an adopted
/// one saves anything) and the reward (unadopted ideas are rewarded too).
public struct IdeaDecisionFields: Sendable, Equatable {
    public var grade: IdeaGrade
    public var adopted: Bool
    public var decidedOn: CalendarDate
    public var savings: Int?
    public var reward: Int?

    public static let inputFields: [InputField] = [
        .choice("grade", IdeaGrade.self, required: true), .init("adopted", .flag), .init("decidedOn", .date, required: true), .init("savings", .money),
        .init("reward", .money),
    ]

    public static func validate(_ f: FormFields, submittedOn: CalendarDate, today: CalendarDate) throws(FieldErrors) -> IdeaDecisionFields {
        var e = FieldErrors()
        let grade = e.collect { () throws(FieldError) in try Input.requiredChoice(f["grade"], IdeaGrade.self, field: "grade", name: "评定等级") }
        let adopted = Input.flag(f["adopted"])
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["decidedOn"], field: "decidedOn", label: "评定日期", notAfter: today) }
        let savings = e.collect { () throws(FieldError) in try Input.money(f["savings"], field: "savings", label: "经济效益") }
        let reward = e.collect { () throws(FieldError) in try Input.money(f["reward"], field: "reward", label: "奖励金额") }
        if let on, on < submittedOn { e.append(FieldError(field: "decidedOn", message: "评定日期不能早于提出日期（\(submittedOn.iso)）")) }
        if !adopted, let savings = savings ?? nil, savings > 0 { e.append(FieldError(field: "savings", message: "未采纳的建议不计经济效益")) }
        guard e.isEmpty, let grade, let on, let savings, let reward else { throw e }
        return IdeaDecisionFields(grade: grade, adopted: adopted, decidedOn: on, savings: savings, reward: reward)
    }
}

/// A service centre (职工服务中心, 职工书屋, 母婴室 …): whose, where, since when (and until), its size, hours, rooms,
/// keeper, books, and which of its kind's equipment it has.
public struct ServiceCentreFields: Sendable, Equatable {
    public var orgId: Int
    public var kind: CentreKind
    public var name: String
    public var host: String?
    public var openedOn: CalendarDate
    public var closedOn: CalendarDate?
    public var area: Int?
    public var hours: String?
    public var rooms: String?
    public var keeper: String?
    public var books: Int?
    public var equipment: [String]

    public static let inputFields: [InputField] = [
        .init("orgId", .id, required: true), .init("kind", required: true), .init("name", required: true), .init("host"),
        .init("openedOn", .date, required: true), .init("closedOn", .date), .init("area", .integer), .init("hours"), .init("rooms"), .init("keeper"),
        .init("books", .integer), .init("equipment", .list([])),
    ]

    public static func validate(_ f: FormFields, rules: ActivityRules, today: CalendarDate) throws(FieldErrors) -> ServiceCentreFields {
        var e = FieldErrors()
        let org = e.collect { () throws(FieldError) in try Input.requiredID(f["orgId"], field: "orgId", label: "所属工会") }
        let kind = e.collect { () throws(FieldError) -> CentreKind in
            let t = try Input.required(f["kind"], field: "kind", name: "阵地类别")
            guard let k = rules.centreKind(t) ?? rules.centreKinds.first(where: { $0.label == t }) else {
                throw FieldError(field: "kind", message: "阵地类别“\(t.prefix(20))”不在本地的阵地类别中")
            }
            return k
        }
        let name = e.collect { () throws(FieldError) in try Input.requiredText(f["name"], field: "name", label: "名称", max: 60) }
        let host = e.collect { () throws(FieldError) in try Input.text(f["host"], field: "host", label: "所在单位", max: 60) }
        let opened = e.collect { () throws(FieldError) in try Input.requiredDate(f["openedOn"], field: "openedOn", label: "建成日期", notAfter: today) }
        let closed = e.collect { () throws(FieldError) -> CalendarDate? in
            guard let d = try Input.date(f["closedOn"], field: "closedOn", label: "停用日期") else { return nil }
            if d > today { throw FieldError(field: "closedOn", message: "停用日期不能晚于今天") }
            return d
        }
        let area = e.collect { () throws(FieldError) in try Input.int(f["area"], field: "area", label: "面积（㎡）", range: 0...100_000) }
        let hours = e.collect { () throws(FieldError) in try Input.text(f["hours"], field: "hours", label: "开放时间", max: 40) }
        let rooms = e.collect { () throws(FieldError) in try Input.text(f["rooms"], field: "rooms", label: "功能室", max: 200) }
        let keeper = e.collect { () throws(FieldError) in try Input.text(f["keeper"], field: "keeper", label: "管理人", max: 20) }
        let books = e.collect { () throws(FieldError) in try Input.int(f["books"], field: "books", label: "藏书（册）", range: 0...10_000_000) }
        let equipment = (f["equipment"] ?? "").split(separator: ",").map { Text.clean(String($0)) }.filter { !$0.isEmpty }
        if let kind, let unknown = equipment.first(where: { !kind.equipment.contains($0) }) {
            e.append(FieldError(field: "equipment", message: "“\(unknown.prefix(20))”不是\(kind.label)的配置项目"))
        }
        if let opened, let closed = closed ?? nil, closed < opened {
            e.append(FieldError(field: "closedOn", message: "停用日期不能早于建成日期（\(opened.iso)）"))
        }
        guard e.isEmpty, let org, let kind, let name, let host, let opened, let closed, let area, let hours, let rooms, let keeper, let books else {
            throw e
        }
        return ServiceCentreFields(
            orgId: org, kind: kind, name: name, host: host, openedOn: opened, closedOn: closed, area: area, hours: hours, rooms: rooms, keeper: keeper,
            books: books, equipment: kind.equipment.filter(equipment.contains))
    }
}

/// A day's visits to a service centre: a count, or one person by card; volunteers on duty and books lent that day.
public struct VisitFields: Sendable, Equatable {
    public var on: CalendarDate
    public var visits: Int
    public var card: String?
    public var volunteers: Int
    public var booksLent: Int

    public static let inputFields: [InputField] = [
        .init("on", .date, required: true), .init("visits", .integer), .init("card"), .init("volunteers", .integer), .init("booksLent", .integer),
    ]

    public static func validate(_ f: FormFields, openedOn: CalendarDate, closedOn: CalendarDate?, today: CalendarDate) throws(FieldErrors) -> VisitFields {
        var e = FieldErrors()
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["on"], field: "on", label: "日期", notAfter: today) }
        let visits = e.collect { () throws(FieldError) in try Input.int(f["visits"], field: "visits", label: "接待人次", range: 0...100_000) }
        let card = e.collect { () throws(FieldError) in try MemberCard.typed(f["card"], field: "card") }
        let volunteers = e.collect { () throws(FieldError) in try Input.int(f["volunteers"], field: "volunteers", label: "志愿者人次", range: 0...10_000) }
        let lent = e.collect { () throws(FieldError) in try Input.int(f["booksLent"], field: "booksLent", label: "借阅图书（册）", range: 0...100_000) }
        if let on, on < openedOn || closedOn.map({ on > $0 }) == true {
            e.append(FieldError(field: "on", message: "日期应在阵地开放期间（\(openedOn.iso)起\(closedOn.map { "至\($0.iso)" } ?? "")）"))
        }
        if let card = card ?? nil, let visits = visits ?? nil, visits != 1 {
            e.append(FieldError(field: "visits", message: "按会员证号登记的是一人一次（\(card)），接待人次不填或填1"))
        }
        if let card, card == nil, (visits ?? nil) == nil, (volunteers ?? nil) == nil, (lent ?? nil) == nil {
            e.append(FieldError(field: "visits", message: "请填写接待人次，或来访会员的会员证号"))
        }
        guard e.isEmpty, let on, let visits, let card, let volunteers, let lent else { throw e }
        return VisitFields(on: on, visits: card == nil ? (visits ?? 0) : 1, card: card, volunteers: volunteers ?? 0, booksLent: lent ?? 0)
    }
}
