/// What the composer is given: who, which period, each module's figures (nil: the module has nothing to say), and the
/// problems and plans found from targets and deadlines.
public struct SummaryInput: Sendable, Equatable {
    public var orgName: String
    /// A federation (总工会) speaks of its unions; a grassroots union of its own members.
    public var isFederation = true
    public var period: ReportPeriod
    /// The date printed under the summary.
    public var date: CalendarDate
    public var organization: OrganizationFigures?
    public var relief: ReliefFigures?
    public var reliefBefore: ReliefFigures?
    public var petitions: PetitionFigures?
    public var petitionsBefore: PetitionFigures?
    public var problems: [ProblemItem] = []
    public var plans: [PlanItem] = []

    public init(orgName: String, period: ReportPeriod, date: CalendarDate) {
        self.orgName = orgName
        self.period = period
        self.date = date
    }
}

/// Writes the draft of a work summary (DOMAIN.md §11.1) from the figures: a title, an opening, “一、主要工作及成效”
/// with one subsection per module that has data, then “存在的问题” and “下一步工作打算” when there are any. Every figure
/// is one it was given; a sentence without data is left out, never filled with boilerplate.
public enum SummaryComposer {
    public static func compose(_ input: SummaryInput) -> WorkSummary {
        var subsections: [Subsection] = []
        if let f = input.organization, let s = organization(f, input) { subsections.append(s) }
        if let f = input.relief, let s = relief(f, before: input.reliefBefore, input) { subsections.append(s) }
        if let f = input.petitions, let s = petitions(f, before: input.petitionsBefore, input) { subsections.append(s) }
        for i in subsections.indices { subsections[i].title = "（\(ChineseNumeral.of(i + 1))）" + subsections[i].title }

        var sections: [Section] = []
        if !subsections.isEmpty { sections.append(Section(key: "work", title: "主要工作及成效", subsections: subsections)) }
        let problems = input.problems.enumerated().map { problem($1, key: "problem.\($0 + 1)") }
        if !problems.isEmpty { sections.append(Section(key: "problems", title: "存在的问题", points: problems)) }
        let plans = input.plans.enumerated().map { plan($1, key: "plan.\($0 + 1)") }
        if !plans.isEmpty { sections.append(Section(key: "plans", title: "下一步工作打算", points: plans)) }
        for i in sections.indices {
            sections[i].title = "\(ChineseNumeral.of(i + 1))、" + sections[i].title
            numberPoints(&sections[i].points)
            for j in sections[i].subsections.indices { numberPoints(&sections[i].subsections[j].points) }
        }
        return WorkSummary(
            title: "\(input.orgName)\(input.period.label)工作总结", opening: opening(input, topics: subsections.map(\.key)), sections: sections,
            orgName: input.orgName, date: input.date)
    }

    /// Prefixes `1、`, `2、` … to the points of a list.
    static func numberPoints(_ points: inout [Paragraph]) {
        for i in points.indices where !points[i].sentences.isEmpty {
            points[i].sentences[0].parts.insert(.text("\(i + 1)、"), at: 0)
        }
    }

    static func opening(_ input: SummaryInput, topics: [String]) -> Paragraph {
        let names = topics.compactMap { ["organization": "组织建设", "relief": "困难职工帮扶", "petitions": "信访维权"][$0] }
        var s = SentenceBuilder()
        s.text("\(input.period.label)，\(input.orgName)认真履行维护职工合法权益、竭诚服务职工群众的基本职责")
        if !names.isEmpty { s.text("，扎实开展" + names.joined(separator: "、") + "等工作") }
        s.text("。现将\(input.period.label)工作总结如下：")
        return Paragraph(key: "opening", sentences: [s.sentence])
    }

    /// How a federation names itself in sentences: `镇总工会`, `街道总工会`, or `本会`.
    static func shortName(_ orgName: String) -> String {
        for level in ["街道", "镇", "乡"] where orgName.contains(level) && orgName.hasSuffix("总工会") { return level + "总工会" }
        return "本会"
    }

    // MARK: Modules

    static func organization(_ f: OrganizationFigures, _ input: SummaryInput) -> Subsection? {
        var points: [Paragraph] = []
        if (input.isFederation && f.unions > 0) || f.members > 0 {
            var s = SentenceBuilder()
            s.text("截至\(input.period.to.chinese)，")
            if input.isFederation, f.unions > 0 {
                s.text("共有基层工会组织")
                s.count(f.unions, "个", "org.unions")
                if f.members > 0 { s.text("，会员") }
            } else {
                s.text("本会现有会员")
            }
            if f.members > 0 { s.count(f.members, "人", "members.total") }
            if f.newMembers > 0 {
                s.text("，\(input.period.spoken)新发展会员")
                s.count(f.newMembers, "人", "members.new")
            }
            s.text("。")
            points.append(Paragraph(key: "organization.members", sentences: [s.sentence]))
        }
        if f.employers8 > 0 {
            var s = SentenceBuilder()
            s.text("8人以上企业")
            s.count(f.employers8, "家", "org.coverage8")
            s.text("，已建会")
            s.count(f.employers8WithUnion, "家", "org.coverage8")
            s.text("，工会组建率")
            s.percent(f.employers8WithUnion, of: f.employers8, "org.coverage8")
            if f.employers25 > 0 {
                s.text("；25人以上企业工会组建率")
                s.percent(f.employers25WithUnion, of: f.employers25, "org.coverage25")
            }
            s.text("。")
            points.append(Paragraph(key: "organization.coverage", sentences: [s.sentence]))
        }
        if f.reElectionsHeld > 0 {
            var s = SentenceBuilder()
            s.text("按期完成")
            s.count(f.reElectionsHeld, "个", "org.reElectionsHeld")
            s.text("基层工会换届选举工作。")
            points.append(Paragraph(key: "organization.reElections", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "organization", title: "基层组织建设", points: points)
    }

    static func relief(_ f: ReliefFigures, before: ReliefFigures?, _ input: SummaryInput) -> Subsection? {
        var points: [Paragraph] = []
        if f.people > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)共帮扶困难职工")
            s.count(f.people, "人", "relief.people")
            if f.households > 0 {
                s.text("（")
                s.count(f.households, "户", "relief.households")
                s.text("）")
            }
            if f.visits > f.people {
                s.text("，")
                s.count(f.visits, "人次", "relief.visits")
            }
            s.text("，发放帮扶资金")
            s.money(f.money, "relief.money")
            s.change(f.money, since: before?.money)
            s.text("。")
            var sentences = [s.sentence]
            let kinds = f.byKind.filter { $0.people > 0 }
            if kinds.count > 1 {
                var k = SentenceBuilder()
                k.text("其中")
                for (i, kind) in kinds.enumerated() {
                    if i > 0 { k.text("；") }
                    k.text(kind.label)
                    k.count(kind.people, "人", "relief.people")
                    k.text("，")
                    k.money(kind.money, "relief.money")
                }
                k.text("。")
                sentences.append(k.sentence)
            }
            points.append(Paragraph(key: "relief.people", sentences: sentences))
        }
        if f.applicationsMade > 0 {
            var s = SentenceBuilder()
            s.text("共受理困难职工帮扶申请")
            s.count(f.applicationsMade, "件", "relief.applications")
            s.text("，审核通过")
            s.count(f.applicationsApproved, "件", "relief.approved")
            if f.applicationsReported > 0 {
                s.text("，上报上级工会")
                s.count(f.applicationsReported, "件", "relief.reported")
            }
            s.text("。")
            points.append(Paragraph(key: "relief.applications", sentences: [s.sentence]))
        }
        if f.filesOpened > 0 || f.filesExited > 0 {
            var s = SentenceBuilder()
            var first = true
            if f.filesOpened > 0 {
                s.text("新建困难职工档案")
                s.count(f.filesOpened, "户", "relief.filesOpened")
                first = false
            }
            if f.filesExited > 0 {
                s.text(first ? "" : "，")
                s.count(f.filesExited, "户", "relief.filesExited")
                s.text("困难职工家庭实现解困脱困")
            }
            s.text("，现有在档困难职工")
            s.count(f.filesOpen, "户", "relief.filesOpen")
            s.text("。")
            points.append(Paragraph(key: "relief.files", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "relief", title: "困难职工帮扶", points: points)
    }

    static func petitions(_ f: PetitionFigures, before: PetitionFigures?, _ input: SummaryInput) -> Subsection? {
        var points: [Paragraph] = []
        if f.received > 0 {
            var s = SentenceBuilder()
            s.text("\(input.period.spoken)共收到信访事件")
            s.count(f.received, "宗", "petitions.received")
            if f.transferred > 0, f.direct > 0 {
                s.text("，其中\(f.transferBody ?? "上级工会")转办")
                s.count(f.transferred, "宗", "petitions.transferred")
                s.text("，\(shortName(input.orgName))接访")
                s.count(f.direct, "宗", "petitions.direct")
            }
            if f.handlingDue > 0, f.handlingOnTime == f.handlingDue, f.acceptanceOnTime == f.acceptanceDue, f.overdue == 0 {
                s.text("，全部及时处理和回复")
            } else if f.handlingDue > 0 {
                s.text("，按期办结")
                s.count(f.handlingOnTime, "宗", "petitions.handledOnTime")
                s.text("，按期办结率")
                s.percent(f.handlingOnTime, of: f.handlingDue, "petitions.handledOnTime")
            }
            s.change(f.received, since: before?.received)
            s.text("。")
            points.append(Paragraph(key: "petitions.received", sentences: [s.sentence]))
        }
        if f.groupPetitions > 0 {
            var s = SentenceBuilder()
            s.text("妥善处置集体访")
            s.count(f.groupPetitions, "宗", "petitions.group")
            s.text("，涉及职工")
            s.count(f.groupPeople, "人", "petitions.group")
            s.text("。")
            points.append(Paragraph(key: "petitions.group", sentences: [s.sentence]))
        }
        if f.mediations > 0 {
            var s = SentenceBuilder()
            s.text("开展劳动争议调解")
            s.count(f.mediations, "宗", "mediations.total")
            if f.mediationsDecided > 0 {
                s.text("，调解成功")
                s.count(f.mediationAgreements, "宗", "mediations.agreements")
                s.text("，调解成功率")
                s.percent(f.mediationAgreements, of: f.mediationsDecided, "mediations.agreements")
            }
            if f.mediationAmount > 0 {
                s.text("，涉及金额")
                s.money(f.mediationAmount, "mediations.agreements")
            }
            s.text("。")
            points.append(Paragraph(key: "petitions.mediation", sentences: [s.sentence]))
        }
        if f.wagesWorkers > 0 || f.injuryWorkers > 0 {
            var s = SentenceBuilder()
            if f.wagesWorkers > 0 {
                helped(&s, workers: f.wagesWorkers, migrants: f.wagesMigrants, indicator: "recoveries.workers")
                s.text("追回拖欠工资")
                s.money(f.wagesAmount, "recoveries.wages")
            }
            if f.injuryWorkers > 0 {
                s.text(f.wagesWorkers > 0 ? "；" : "")
                helped(&s, workers: f.injuryWorkers, migrants: f.injuryMigrants, indicator: "recoveries.injury")
                s.text("依法取得工伤赔偿")
                s.money(f.injuryAmount, "recoveries.injury")
            }
            s.text("。")
            points.append(Paragraph(key: "petitions.recoveries", sentences: [s.sentence]))
        }
        return points.isEmpty ? nil : Subsection(key: "petitions", title: "维护职工合法权益", points: points)
    }

    /// `协助20名农民工` when all were migrant workers, otherwise `协助12名职工（其中农民工8名）`.
    static func helped(_ s: inout SentenceBuilder, workers: Int, migrants: Int, indicator: String) {
        s.text("协助")
        s.count(workers, "名", indicator)
        if migrants == workers {
            s.text("农民工")
        } else if migrants > 0 {
            s.text("职工（其中农民工")
            s.count(migrants, "名", indicator)
            s.text("）")
        } else {
            s.text("职工")
        }
    }

    // MARK: Problems and plans

    static func problem(_ p: ProblemItem, key: String) -> Paragraph {
        var s = SentenceBuilder()
        switch p {
        case .targetGap(let indicator, let label, let target, let actual, let unit, let gap, let noun):
            s.text(label + "为")
            quantity(&s, actual, unit, indicator)
            s.text("，未达到")
            quantity(&s, target, unit, nil)
            s.text("的目标")
            if gap > 0 {
                if noun.isEmpty {
                    s.text("，尚差")
                    quantity(&s, gap, unit, indicator)
                } else {
                    s.text("，尚有")
                    s.count(gap, "", indicator)
                    s.text(noun)
                }
            }
            s.text("。")
        case .overdue(let indicator, let count, let unit, let noun):
            s.text("有")
            s.count(count, unit, indicator)
            s.text(noun + "，须抓紧办理。")
        }
        return Paragraph(key: key, sentences: [s.sentence])
    }

    /// A count with its unit, or money (unit `元`, the value in fen) in the summary's phrasing.
    static func quantity(_ s: inout SentenceBuilder, _ value: Int, _ unit: String, _ indicator: String?) {
        if unit == "元" { s.money(value, indicator) } else { s.count(value, unit, indicator) }
    }

    static func plan(_ p: PlanItem, key: String) -> Paragraph {
        var s = SentenceBuilder()
        switch p {
        case .target(let indicator, let label, let target, let unit):
            s.text("确保\(label)达到")
            quantity(&s, target, unit, indicator)
            s.text("。")
        case .due(let indicator, let count, let unit, let noun, let by):
            s.text("在\(by.chinese)前做好")
            s.count(count, unit, indicator)
            s.text(noun + "。")
        }
        return Paragraph(key: key, sentences: [s.sentence])
    }
}
