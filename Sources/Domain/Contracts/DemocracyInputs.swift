/// The checked contents of the democratic management forms and API bodies; every failing field reported at once.

/// A congress's term (届): whose congress, its kind, the staff it represents and the delegates' seats.
public struct CongressFields: Sendable, Equatable {
    public var kind: CongressKind
    public var level: ContractLevel
    public var employerId: Int?
    /// The name of a sector's or area's congress (示例镇五金行业职工代表大会).
    public var name: String?
    public var orgId: Int?
    public var termStart: CalendarDate
    public var termYears: Int
    public var staff: Int
    public var womenStaff: Int
    /// 代表名额 (the staff themselves for an all-staff meeting).
    public var seats: Int

    public static let inputFields: [InputField] = [
        .choice("kind", CongressKind.self, required: true), .choice("level", ContractLevel.self, required: true), .init("employerId", .id),
        .init("name"), .init("orgId", .id), .init("termStart", .date, required: true), .init("termYears", .integer, required: true),
        .init("staff", .integer, required: true), .init("womenStaff", .integer), .init("seats", .integer),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate, rules: ContractRules) throws(FieldErrors) -> CongressFields {
        var e = FieldErrors()
        let kind = e.collect { () throws(FieldError) in try Input.requiredChoice(f["kind"], CongressKind.self, field: "kind", name: "大会类别") }
        let level = e.collect { () throws(FieldError) in try Input.requiredChoice(f["level"], ContractLevel.self, field: "level", name: "层级") }
        let employer = e.collect { () throws(FieldError) -> Int? in
            let id = try Input.id(f["employerId"], field: "employerId", label: "单位")
            // A school's 教代会 is its union's own: schools are not in the employers register.
            if level == .enterprise, id == nil, kind != .teachers { throw FieldError(field: "employerId", message: "请选择召开大会的单位") }
            return level == .enterprise ? id : nil
        }
        let name = e.collect { () throws(FieldError) -> String? in
            let t = try Input.text(f["name"], field: "name", label: "大会名称", max: 60)
            if let level, level.coversMany, t == nil { throw FieldError(field: "name", message: "\(level.label)职代会请填写大会名称") }
            return t
        }
        let org = e.collect { () throws(FieldError) in try Input.id(f["orgId"], field: "orgId", label: "工作机构（工会）") }
        let start = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["termStart"], field: "termStart", label: "本届起始日期", notAfter: today)
        }
        let years = e.collect { () throws(FieldError) -> Int in
            let r = rules.congressTermYears
            guard let n = try Input.int(f["termYears"], field: "termYears", label: "任期（年）", range: r) else {
                throw FieldError(field: "termYears", message: "任期不能为空（\(r.lowerBound)至\(r.upperBound)年）")
            }
            return n
        }
        let staff = e.collect { () throws(FieldError) -> Int in
            guard let n = try Input.int(f["staff"], field: "staff", label: "职工人数", range: 1...1_000_000) else {
                throw FieldError(field: "staff", message: "职工人数不能为空")
            }
            return n
        }
        let women = e.collect { () throws(FieldError) -> Int in
            let n = try Input.int(f["womenStaff"], field: "womenStaff", label: "其中女职工", range: 0...1_000_000) ?? 0
            if let staff, n > staff { throw FieldError(field: "womenStaff", message: "女职工人数不能多于职工人数") }
            return n
        }
        let seats = e.collect { () throws(FieldError) -> Int in
            guard let staff, let level else { return 0 }
            if level == .enterprise, staff < rules.congressFrom { return staff }
            guard let n = try Input.int(f["seats"], field: "seats", label: "代表名额", range: 1...100_000) else {
                throw FieldError(field: "seats", message: "职工\(rules.congressFrom)人以上召开职工代表大会，请填写代表名额")
            }
            let least = level == .enterprise ? rules.minimumSeats(staff: staff) : rules.minDelegates
            if n < least {
                throw FieldError(field: "seats", message: "代表名额应不少于职工人数的\(rules.delegateSharePercent)%且不少于\(rules.minDelegates)人（至少\(least)人）")
            }
            if n > staff { throw FieldError(field: "seats", message: "代表名额不能多于职工人数") }
            return n
        }
        guard e.isEmpty, let kind, let level, let employer, let name, let org, let start, let years, let staff, let women, let seats else {
            throw e
        }
        return CongressFields(
            kind: kind, level: level, employerId: employer, name: name, orgId: org, termStart: start, termYears: years, staff: staff,
            womenStaff: women, seats: seats)
    }
}

/// A delegate elected in a constituency (选区/代表团).
public struct DelegateFields: Sendable, Equatable {
    public var name: String
    public var gender: Gender
    public var category: DelegateCategory
    public var constituency: String
    public var teacher: Bool
    public var electedOn: CalendarDate

    public static let inputFields: [InputField] = [
        .init("name", required: true), .init("gender", .choice(Gender.allCases.map(\.rawValue)), required: true),
        .choice("category", DelegateCategory.self, required: true), .init("constituency", required: true), .init("teacher", .flag),
        .init("electedOn", .date, required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> DelegateFields {
        var e = FieldErrors()
        let name = e.collect { () throws(FieldError) in try Input.name(f["name"], field: "name", label: "代表姓名") }
        let gender = e.collect { () throws(FieldError) -> Gender in
            guard let t = Input.optional(f["gender"]) else { throw FieldError(field: "gender", message: "性别不能为空") }
            guard let g = Gender(rawValue: t) ?? Gender(label: t) else { throw FieldError(field: "gender", message: "性别应为男或女") }
            return g
        }
        let category = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["category"], DelegateCategory.self, field: "category", name: "代表类别")
        }
        let constituency = e.collect { () throws(FieldError) in
            try Input.requiredText(f["constituency"], field: "constituency", label: "选区（代表团）", max: 40)
        }
        let elected = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["electedOn"], field: "electedOn", label: "当选日期", notAfter: today)
        }
        guard e.isEmpty, let name, let gender, let category, let constituency, let elected else { throw e }
        return DelegateFields(
            name: name, gender: gender, category: category, constituency: constituency, teacher: Input.flag(f["teacher"]), electedOn: elected)
    }
}

/// A session (会议) of a congress: when, who attended, the proposals' collection window, the report upward.
public struct SessionFields: Sendable, Equatable {
    public var title: String
    public var heldOn: CalendarDate
    public var attending: Int
    public var proposalsFrom: CalendarDate?
    public var proposalsTo: CalendarDate?

    public static let inputFields: [InputField] = [
        .init("title", required: true), .init("heldOn", .date, required: true), .init("attending", .integer, required: true),
        .init("proposalsFrom", .date), .init("proposalsTo", .date),
    ]

    /// `members` is who should attend: the delegates seated that day (or all staff); two thirds must.
    public static func validate(_ f: FormFields, termStart: CalendarDate, members: Int, today: CalendarDate) throws(FieldErrors) -> SessionFields {
        var e = FieldErrors()
        let title = e.collect { () throws(FieldError) in try Input.requiredText(f["title"], field: "title", label: "会议名称", max: 40) }
        let held = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.requiredDate(f["heldOn"], field: "heldOn", label: "召开日期", notAfter: today)
            if d < termStart { throw FieldError(field: "heldOn", message: "召开日期不能早于本届起始日期（\(termStart.iso)）") }
            return d
        }
        let attending = e.collect { () throws(FieldError) -> Int in
            guard let n = try Input.int(f["attending"], field: "attending", label: "实到人数", range: 0...1_000_000) else {
                throw FieldError(field: "attending", message: "实到人数不能为空")
            }
            if n > members { throw FieldError(field: "attending", message: "实到人数不能多于应到人数（\(members)人）") }
            if n * 3 < members * 2 {
                throw FieldError(field: "attending", message: "实到\(n)人，未达到应到\(members)人的三分之二（至少\((members * 2 + 2) / 3)人），会议不能召开")
            }
            return n
        }
        let from = e.collect { () throws(FieldError) in try Input.date(f["proposalsFrom"], field: "proposalsFrom", label: "提案征集开始") }
        let to = e.collect { () throws(FieldError) -> CalendarDate? in
            let d = try Input.date(f["proposalsTo"], field: "proposalsTo", label: "提案征集截止")
            if let d, case .some(.some(let start)) = from, d < start {
                throw FieldError(field: "proposalsTo", message: "提案征集截止不能早于开始日期")
            }
            if let d, let held, d > held { throw FieldError(field: "proposalsTo", message: "提案征集应在会议召开前截止") }
            return d
        }
        guard e.isEmpty, let title, let held, let attending, let from, let to else { throw e }
        return SessionFields(title: title, heldOn: held, attending: attending, proposalsFrom: from, proposalsTo: to)
    }
}

/// A resolution (决议) of a session with its vote: passed by more than half of all delegates.
public struct ResolutionFields: Sendable, Equatable {
    public var title: String
    public var approving: Int
    public var against: Int
    public var abstaining: Int

    public static let inputFields: [InputField] = [
        .init("title", required: true), .init("approving", .integer, required: true), .init("against", .integer),
        .init("abstaining", .integer),
    ]

    public static func validate(_ f: FormFields, attending: Int) throws(FieldErrors) -> ResolutionFields {
        var e = FieldErrors()
        let title = e.collect { () throws(FieldError) in try Input.requiredText(f["title"], field: "title", label: "决议事项", max: 100) }
        func count(_ key: String, _ label: String, required: Bool) -> Int? {
            e.collect { () throws(FieldError) -> Int in
                guard let n = try Input.int(f[key], field: key, label: label, range: 0...1_000_000) else {
                    if required { throw FieldError(field: key, message: "\(label)不能为空") }
                    return 0
                }
                return n
            }
        }
        let approving = count("approving", "赞成票", required: true)
        let against = count("against", "反对票", required: false)
        let abstaining = count("abstaining", "弃权票", required: false)
        if let approving, let against, let abstaining, approving + against + abstaining > attending {
            e.append(FieldError(field: "approving", message: "赞成、反对、弃权票合计不能多于实到人数（\(attending)人）"))
        }
        guard e.isEmpty, let title, let approving, let against, let abstaining else { throw e }
        return ResolutionFields(title: title, approving: approving, against: against, abstaining: abstaining)
    }
}

/// 提案: one issue, a proposer and at least `minCosigners` co-signers, submitted within the session's window.
public struct ProposalFields: Sendable, Equatable {
    public var sessionId: Int
    public var title: String
    public var content: String
    public var proposer: String
    public var cosigners: [String]
    public var submittedOn: CalendarDate

    public static let inputFields: [InputField] = [
        .init("sessionId", .id, required: true), .init("title", required: true), .init("content", required: true),
        .init("proposer", required: true), .init("cosigners", required: true), .init("submittedOn", .date, required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate, rules: ContractRules) throws(FieldErrors) -> ProposalFields {
        var e = FieldErrors()
        let session = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["sessionId"], field: "sessionId", label: "会议") else {
                throw FieldError(field: "sessionId", message: "请选择提案提交的会议")
            }
            return id
        }
        let title = e.collect { () throws(FieldError) in try Input.requiredText(f["title"], field: "title", label: "案由", max: 60) }
        let content = e.collect { () throws(FieldError) in try Input.requiredText(f["content"], field: "content", label: "提案内容", max: 2000) }
        let proposer = e.collect { () throws(FieldError) in try Input.name(f["proposer"], field: "proposer", label: "提案人") }
        let cosigners = e.collect { () throws(FieldError) -> [String] in
            let names = Array(Set((f["cosigners"] ?? "").split { "，,、 ；;".contains($0) }.map { Text.clean(String($0)) }.filter { !$0.isEmpty }))
                .sorted()
            let others = names.filter { $0 != proposer }
            guard others.count >= rules.minCosigners else {
                throw FieldError(field: "cosigners", message: "提案须有\(rules.minCosigners)名以上代表附议（提案人本人除外），请用顿号分隔姓名")
            }
            return others
        }
        let submitted = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["submittedOn"], field: "submittedOn", label: "提交日期", notAfter: today)
        }
        guard e.isEmpty, let session, let title, let content, let proposer, let cosigners, let submitted else { throw e }
        return ProposalFields(sessionId: session, title: title, content: content, proposer: proposer, cosigners: cosigners, submittedOn: submitted)
    }
}

/// The steps of a proposal.
public enum ProposalAction: Sendable, Equatable {
    case register(on: CalendarDate, department: String)
    case giveBack(on: CalendarDate, reason: String)
    case reply(on: CalendarDate, answer: String)
    case rate(on: CalendarDate, satisfaction: ProposalSatisfaction)
    case report(on: CalendarDate)

    public enum Code: String, Choice {
        case register, giveBack, reply, rate, report

        public var label: String {
            switch self {
            case .register: "立案并交办"
            case .giveBack: "不予立案（退回）"
            case .reply: "书面答复"
            case .rate: "登记提案人意见"
            case .report: "向下次大会报告办理情况"
            }
        }
    }

    public var code: Code {
        switch self {
        case .register: .register
        case .giveBack: .giveBack
        case .reply: .reply
        case .rate: .rate
        case .report: .report
        }
    }

    public var date: CalendarDate {
        switch self {
        case .register(let d, _), .giveBack(let d, _), .reply(let d, _), .rate(let d, _), .report(let d): d
        }
    }

    public static let inputFields: [InputField] = [
        .choice("action", Code.self, required: true), .init("date", .date, required: true), .init("department"), .init("reason"),
        .init("answer"), .choice("satisfaction", ProposalSatisfaction.self),
    ]

    public static func parse(_ f: FormFields) throws(FieldErrors) -> ProposalAction {
        var e = FieldErrors()
        let code = e.collect { () throws(FieldError) in try Input.requiredChoice(f["action"], Code.self, field: "action", name: "操作") }
        let on = e.collect { () throws(FieldError) in try Input.requiredDate(f["date"], field: "date", label: "日期") }
        guard let code, let on else { throw e }
        func text(_ key: String, _ label: String, max: Int = 2000) -> String? {
            e.collect { () throws(FieldError) in try Input.requiredText(f[key], field: key, label: label, max: max) }
        }
        let action: ProposalAction? =
            switch code {
            case .register: text("department", "承办部门", max: 40).map { .register(on: on, department: $0) }
            case .giveBack: text("reason", "不予立案理由").map { .giveBack(on: on, reason: $0) }
            case .reply: text("answer", "答复意见").map { .reply(on: on, answer: $0) }
            case .rate:
                e.collect { () throws(FieldError) in
                    try Input.requiredChoice(f["satisfaction"], ProposalSatisfaction.self, field: "satisfaction", name: "提案人意见")
                }.map { .rate(on: on, satisfaction: $0) }
            case .report: .report(on: on)
            }
        guard e.isEmpty, let action else { throw e }
        return action
    }
}

/// The dated facts of a proposal, and its flow.
public struct ProposalDates: Sendable, Equatable {
    public var submitted: CalendarDate
    public var registered: CalendarDate?
    public var returned: CalendarDate?
    public var replied: CalendarDate?
    public var rated: CalendarDate?
    public var reported: CalendarDate?

    public init(submitted: CalendarDate) { self.submitted = submitted }

    public var latest: CalendarDate { [registered, returned, replied, rated, reported].compactMap { $0 }.max() ?? submitted }
}

public enum ProposalFlow {
    public static func apply(_ a: ProposalAction, to state: ProposalState, dates: ProposalDates, rated: Bool, today: CalendarDate)
        throws(ContractFlowError) -> (ProposalState, ProposalDates)
    {
        let on = a.date
        if on > today { throw .field(FieldError(field: "date", message: "日期不能晚于今天")) }
        if on < dates.latest { throw .field(FieldError(field: "date", message: "日期不能早于上一步的日期（\(dates.latest.iso)）")) }
        var d = dates
        func require(_ allowed: ProposalState, _ message: String) throws(ContractFlowError) {
            guard state == allowed else { throw .wrongState("当前状态为“\(state.label)”，\(message)") }
        }
        switch a {
        case .register:
            try require(.submitted, "不能再立案")
            d.registered = on
            return (.registered, d)
        case .giveBack:
            try require(.submitted, "不能退回")
            d.returned = on
            return (.returned, d)
        case .reply:
            try require(.registered, "不能答复")
            d.replied = on
            return (.answered, d)
        case .rate:
            try require(.answered, "答复后才能登记提案人意见")
            guard !rated else { throw .wrongState("已登记提案人意见") }
            d.rated = on
            return (state, d)
        case .report:
            guard state == .answered || state == .returned else { throw .wrongState("办理完毕后才能向大会报告") }
            guard d.reported == nil else { throw .wrongState("已向大会报告") }
            d.reported = on
            return (state, d)
        }
    }

    public static func codes(for state: ProposalState, dates d: ProposalDates, rated: Bool) -> [ProposalAction.Code] {
        switch state {
        case .submitted: [.register, .giveBack]
        case .registered: [.reply]
        case .answered: (rated ? [] : [.rate]) + (d.reported == nil ? [.report] : [])
        case .returned: d.reported == nil ? [.report] : []
        }
    }
}

/// An item of 厂务公开: what was disclosed, when and how.
public struct DisclosureFields: Sendable, Equatable {
    public var employerId: Int
    public var disclosedOn: CalendarDate
    public var channel: DisclosureChannel
    public var title: String

    public static let inputFields: [InputField] = [
        .init("employerId", .id, required: true), .init("disclosedOn", .date, required: true),
        .choice("channel", DisclosureChannel.self, required: true), .init("title", required: true),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> DisclosureFields {
        var e = FieldErrors()
        let employer = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["employerId"], field: "employerId", label: "单位") else {
                throw FieldError(field: "employerId", message: "请选择单位")
            }
            return id
        }
        let on = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["disclosedOn"], field: "disclosedOn", label: "公开日期", notAfter: today)
        }
        let channel = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["channel"], DisclosureChannel.self, field: "channel", name: "公开形式")
        }
        let title = e.collect { () throws(FieldError) in try Input.requiredText(f["title"], field: "title", label: "公开事项", max: 100) }
        guard e.isEmpty, let employer, let on, let channel, let title else { throw e }
        return DisclosureFields(employerId: employer, disclosedOn: on, channel: channel, title: title)
    }
}

/// A yearly check of an employer's 厂务公开: the findings, and when not passed the corrections and their due date.
public struct DisclosureCheckFields: Sendable, Equatable {
    public var employerId: Int
    public var checkedOn: CalendarDate
    public var passed: Bool
    public var findings: String
    public var correctionsDue: CalendarDate?

    public static let inputFields: [InputField] = [
        .init("employerId", .id, required: true), .init("checkedOn", .date, required: true), .init("passed", .flag),
        .init("findings", required: true), .init("correctionsDue", .date),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> DisclosureCheckFields {
        var e = FieldErrors()
        let employer = e.collect { () throws(FieldError) -> Int in
            guard let id = try Input.id(f["employerId"], field: "employerId", label: "单位") else {
                throw FieldError(field: "employerId", message: "请选择单位")
            }
            return id
        }
        let checked = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["checkedOn"], field: "checkedOn", label: "检查日期", notAfter: today)
        }
        let passed = Input.flag(f["passed"])
        let findings = e.collect { () throws(FieldError) in try Input.requiredText(f["findings"], field: "findings", label: "检查情况", max: 1000) }
        let due = e.collect { () throws(FieldError) -> CalendarDate? in
            let d = try Input.date(f["correctionsDue"], field: "correctionsDue", label: "整改期限")
            if !passed, d == nil { throw FieldError(field: "correctionsDue", message: "检查未通过，请填写整改期限") }
            if let d, let checked, d < checked { throw FieldError(field: "correctionsDue", message: "整改期限不能早于检查日期") }
            return passed ? nil : d
        }
        guard e.isEmpty, let employer, let checked, let findings, let due else { throw e }
        return DisclosureCheckFields(employerId: employer, checkedOn: checked, passed: passed, findings: findings, correctionsDue: due)
    }
}

/// 每周上报: a union's bargaining progress in one week.
public struct ProgressReportFields: Sendable, Equatable {
    public var week: CalendarDate
    public var progress: String
    public var orgId: Int?

    public static let inputFields: [InputField] = [.init("week", .date), .init("progress", required: true), .init("orgId", .id)]

    /// `week` is any day of the week reported (this week when left out); not a week still to come.
    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> ProgressReportFields {
        var e = FieldErrors()
        let week = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.date(f["week"], field: "week", label: "上报周") ?? today
            if d.monday > today.monday { throw FieldError(field: "week", message: "不能为以后的周上报") }
            return d.monday
        }
        let progress = e.collect { () throws(FieldError) in try Input.requiredText(f["progress"], field: "progress", label: "本周进展", max: 1000) }
        let org = e.collect { () throws(FieldError) in try Input.id(f["orgId"], field: "orgId", label: "工会") }
        guard e.isEmpty, let week, let progress, let org else { throw e }
        return ProgressReportFields(week: week, progress: progress, orgId: org)
    }
}

/// A union's women workers' committee, or its women's member of the union committee.
public struct WomenCommitteeFields: Sendable, Equatable {
    public var form: WomenOrganisation
    public var setUpOn: CalendarDate
    public var chair: String
    public var members: Int
    public var termEnds: CalendarDate?
    /// The union (the caller's own when left out).
    public var orgId: Int?

    public static let inputFields: [InputField] = [
        .choice("form", WomenOrganisation.self, required: true), .init("setUpOn", .date, required: true), .init("chair", required: true),
        .init("members", .integer), .init("termEnds", .date), .init("orgId", .id),
    ]

    public static func validate(_ f: FormFields, today: CalendarDate) throws(FieldErrors) -> WomenCommitteeFields {
        var e = FieldErrors()
        let form = e.collect { () throws(FieldError) in
            try Input.requiredChoice(f["form"], WomenOrganisation.self, field: "form", name: "组织形式")
        }
        let setUp = e.collect { () throws(FieldError) in
            try Input.requiredDate(f["setUpOn"], field: "setUpOn", label: "建立（任职）日期", notAfter: today)
        }
        let chair = e.collect { () throws(FieldError) in try Input.name(f["chair"], field: "chair", label: form == .member ? "女职工委员" : "女职委主任") }
        let members = e.collect { () throws(FieldError) -> Int in
            guard form == .committee else { return 1 }
            guard let n = try Input.int(f["members"], field: "members", label: "委员人数", range: 3...99) else {
                throw FieldError(field: "members", message: "请填写女职委委员人数（3人以上）")
            }
            return n
        }
        let ends = e.collect { () throws(FieldError) -> CalendarDate? in
            let d = try Input.date(f["termEnds"], field: "termEnds", label: "任期届满")
            if let d, let setUp, d <= setUp { throw FieldError(field: "termEnds", message: "任期届满应晚于建立日期") }
            return d
        }
        let org = e.collect { () throws(FieldError) in try Input.id(f["orgId"], field: "orgId", label: "工会") }
        guard e.isEmpty, let form, let setUp, let chair, let members, let ends, let org else { throw e }
        return WomenCommitteeFields(form: form, setUpOn: setUp, chair: chair, members: members, termEnds: ends, orgId: org)
    }
}

/// A day something was done (a session reported upward, a correction completed): not after today, not before `after`.
public struct DoneOn: Sendable, Equatable {
    public var day: CalendarDate

    /// `reportedOn` (a session reported to the higher union) or `correctedOn` (a 厂务公开 correction completed).
    public static func inputFields(_ key: String) -> [InputField] { [.init(key, .date, required: true)] }

    public static func validate(_ f: FormFields, key: String, label: String, after: CalendarDate, afterLabel: String, today: CalendarDate)
        throws(FieldErrors) -> DoneOn
    {
        var e = FieldErrors()
        let day = e.collect { () throws(FieldError) -> CalendarDate in
            let d = try Input.requiredDate(f[key], field: key, label: label, notAfter: today)
            if d < after { throw FieldError(field: key, message: "\(label)不能早于\(afterLabel)（\(after.iso)）") }
            return d
        }
        guard e.isEmpty, let day else { throw e }
        return DoneOn(day: day)
    }
}
