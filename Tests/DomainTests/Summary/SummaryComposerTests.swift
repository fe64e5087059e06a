import Testing

@testable import Domain

@Suite("Work summary phrasing and composition") struct SummaryComposerTests {
    func d(_ s: String) -> CalendarDate { CalendarDate(parsing: s)! }

    @Test("percentages round half away from zero; changes name growth, decline or no change; nothing against a zero year")
    func phrases() {
        #expect(Phrase.percent(75, of: 82) == 91 && Phrase.percent(1, of: 8) == 13 && Phrase.percent(1, of: 0) == nil)
        #expect(Phrase.percent(-1, of: 8) == -13)
        // A change says by how much in its unit, then in percent; a rate changes by percentage points.
        #expect(Phrase.change(116, since: 100, unit: "宗") == "同比增加16宗，增长16%")
        #expect(Phrase.change(96, since: 100, unit: "宗") == "同比减少4宗，下降4%")
        #expect(Phrase.change(7_260_000, since: 6_420_000, unit: "元") == "同比增加8400元，增长13%")
        #expect(Phrase.change(1001, since: 1000, unit: "人") == "同比增加1人，幅度不足1%")
        #expect(Phrase.change(100, since: 100, unit: "人") == "与上年同期持平")
        #expect(Phrase.change(5, since: 0, unit: "宗") == nil)
        #expect(Phrase.rateChange(98, since: 100) == "同比降低2个百分点" && Phrase.rateChange(71, since: 68) == "同比提高3个百分点")
        #expect(Phrase.rateChange(90, since: 90) == "与上年同期持平")
        var s = SentenceBuilder()
        s.text("发放")
        s.money(7_500_000, .reliefMoney)
        s.text("，其中")
        s.money(500_000)
        s.change(7_500_000, since: 6_000_000, unit: "元")
        #expect(s.sentence.text == "发放7.5万元，其中5000元，同比增加1.5万元，增长25%")
        #expect(s.sentence.figures.map(\.indicator) == [IndicatorCode.reliefMoney, nil])
        #expect(ChineseNumeral.of(3) == "三" && ChineseNumeral.of(12) == "十二" && ChineseNumeral.of(20) == "二十")
    }

    @Test("periods: year, half-year and range, with labels, the same period last year and the next")
    func periods() throws {
        let h1 = try ReportPeriod.half(2026, 1)
        #expect(h1.label == "2026年上半年" && h1.to == d("2026-06-30") && h1.spoken == "上半年")
        #expect(h1.previous.label == "2025年上半年" && h1.next.label == "2026年下半年" && h1.next.to == d("2026-12-31"))
        #expect(try ReportPeriod.half(2026, 2).next.label == "2027年上半年")
        #expect(try ReportPeriod.year(2024).previous.to == d("2023-12-31"))
        let r = try ReportPeriod.range(d("2026-03-01"), d("2026-08-31"))
        #expect(r.label == "2026年3月1日至2026年8月31日" && r.spoken == "期间")
        #expect(throws: FieldError.self) { try ReportPeriod.range(d("2026-03-02"), d("2026-03-01")) }
        #expect(throws: FieldError.self) { try ReportPeriod.half(2026, 3) }
    }

    /// The seed: “共收到信访事件57宗,其中市总工会转办38宗,镇总工会接访19宗,全部及时处理和回复”, and 82 applications of
    /// which 75 approved for 75,000 元.
    func seedInput() throws -> SummaryInput {
        var input = SummaryInput(orgName: "示例镇总工会", period: try .year(2025), date: d("2026-01-10"))
        let (p, r) = seedFigures()
        input.topics = [ReliefSummary(now: r, before: nil), PetitionSummary(now: p, before: nil)]
        return input
    }

    func seedFigures() -> (PetitionFigures, ReliefFigures) {
        var p = PetitionFigures()
        (p.received, p.transferred, p.direct, p.transferBody) = (57, 38, 19, "市总工会")
        (p.acceptanceDue, p.acceptanceOnTime, p.handlingDue, p.handlingOnTime) = (57, 57, 57, 57)
        (p.wagesWorkers, p.wagesMigrants, p.wagesAmount) = (20, 20, 12_345_600)
        (p.injuryWorkers, p.injuryMigrants, p.injuryAmount) = (2, 2, 20_000_000)
        var r = ReliefFigures()
        (r.people, r.households, r.visits, r.money) = (75, 75, 75, 7_500_000)
        (r.applicationsMade, r.applicationsApproved) = (82, 75)
        return (p, r)
    }

    @Test("the seed's figures in the conventional phrasing, with each figure traceable to its indicator")
    func seed() throws {
        let summary = SummaryComposer.compose(try seedInput())
        #expect(summary.title == "示例镇总工会2025年工作总结")
        #expect(summary.sections.map(\.title) == ["一、主要工作及成效"])
        let work = summary.sections[0]
        #expect(work.subsections.map(\.title) == ["（一）困难职工帮扶", "（二）维护职工合法权益"])
        let relief = work.subsections[0].points.map(\.text)
        #expect(relief[0] == "1、全年共帮扶困难职工75人（75户），发放帮扶资金7.5万元。")
        #expect(relief[1] == "2、共受理困难职工帮扶申请82件，审核通过75件。")
        let petitions = work.subsections[1].points.map(\.text)
        #expect(petitions[0] == "1、全年共收到信访事件57宗，其中市总工会转办38宗，镇总工会接访19宗，全部及时处理和回复。")
        #expect(petitions[1] == "2、协助20名农民工追回拖欠工资12.35万元；协助2名农民工依法取得工伤赔偿20万元。")
        let first = work.subsections[1].points[0].figures
        #expect(first.map(\.text) == ["57宗", "38宗", "19宗"])
        #expect(first.map(\.indicator) == [IndicatorCode.petitionsReceived, .petitionsTransferred, .petitionsDirect])
        #expect(summary.opening.text == "2025年，示例镇总工会认真履行维护职工合法权益、竭诚服务职工群众的基本职责，扎实开展困难职工帮扶、信访维权等工作。现将2025年工作总结如下：")
    }

    @Test("comparisons, late handling, problems and plans; a street federation names itself")
    func problemsAndPlans() throws {
        var input = SummaryInput(orgName: "示例街道总工会", period: try .year(2025), date: d("2026-01-10"))
        var (p, r) = seedFigures()
        (p.handlingOnTime, p.overdue) = (55, 2)
        var (pBefore, rBefore) = (PetitionFigures(), ReliefFigures())
        (pBefore.received, rBefore.money) = (50, 6_000_000)
        input.topics = [ReliefSummary(now: r, before: rBefore), PetitionSummary(now: p, before: pBefore)]
        input.problems = [
            .targetGap(
                indicator: .orgCoverage8, label: "8人以上企业工会组建率", target: 100, actual: 96, unit: "%", gap: 4, records: 2,
                gapNoun: "家8人以上企业尚未建立工会", exceeds: false),
            .targetGap(
                indicator: .petitionsOverdue, label: "逾期未办信访件", target: 0, actual: 1, unit: "宗", gap: 1, records: 0, gapNoun: "",
                exceeds: true),
            .overdue(indicator: .petitionsOverdue, count: 2, unit: "宗", noun: "信访件超过法定办理期限"),
        ]
        input.plans = [
            .target(indicator: .orgCoverage8, label: "8人以上企业工会组建率", target: 100, unit: "%"),
            .due(indicator: .orgReElectionsDue, count: 3, unit: "个", noun: "基层工会换届选举工作", by: d("2026-06-30")),
        ]
        let s = SummaryComposer.compose(input)
        #expect(s.sections.map(\.title) == ["一、主要工作及成效", "二、存在的问题", "三、下一步工作打算"])
        let petitions = s.sections[0].subsections[1].points[0].text
        #expect(petitions == "1、全年共收到信访事件57宗，其中市总工会转办38宗，街道总工会接访19宗，按期办结55宗，按期办结率96%，收到信访事件同比增加7宗，增长14%。")
        #expect(s.sections[0].subsections[0].points[0].text.contains("发放帮扶资金7.5万元，同比增加1.5万元，增长25%"))
        #expect(
            s.sections[1].points.map(\.text) == [
                "1、8人以上企业工会组建率为96%，未达到100%的目标，尚差4个百分点，尚有2家8人以上企业尚未建立工会。", "2、逾期未办信访件1宗，超出目标1宗。",
                "3、有2宗信访件超过法定办理期限，须抓紧办理。",
            ])
        // A gap is not the indicator's value: only the actual figures link to their indicators.
        #expect(s.sections[1].points[0].figures.map(\.indicator) == [IndicatorCode.orgCoverage8, nil, nil, nil])
        #expect(s.sections[2].points.map(\.text) == ["1、确保8人以上企业工会组建率达到100%。", "2、在2026年6月30日前做好3个基层工会换届选举工作。"])
    }

    @Test("an empty period says nothing it cannot back: no sections, no figures")
    func empty() throws {
        var input = SummaryInput(orgName: "甲公司工会", period: try .half(2026, 1), date: d("2026-07-05"))
        input.topics = [OrganizationFigures(), ReliefSummary(now: ReliefFigures(), before: nil), PetitionSummary(now: PetitionFigures(), before: nil)]
        let s = SummaryComposer.compose(input)
        #expect(s.sections.isEmpty)
        #expect(s.paragraphs.flatMap(\.figures).isEmpty)
        #expect(s.opening.text == "2026年上半年，甲公司工会认真履行维护职工合法权益、竭诚服务职工群众的基本职责。现将2026年上半年工作总结如下：")
    }

    @Test("a grassroots union: its members and one relief kind, no coverage or petitions")
    func grassroots() throws {
        var input = SummaryInput(orgName: "甲公司工会", period: try .year(2026), date: d("2026-12-28"))
        input.isFederation = false
        var o = OrganizationFigures()
        (o.unions, o.members, o.newMembers) = (1, 312, 18)
        // Its employers' coverage and its subtree's re-elections are the federation's to report, not the union's.
        (o.employers8, o.employers8WithUnion, o.reElectionsHeld) = (3, 1, 1)
        var r = ReliefFigures()
        (r.people, r.households, r.visits, r.money) = (6, 6, 8, 480_000)
        r.byKind = [.init(code: "festival", label: "春节送温暖", people: 6, visits: 6, money: 300_000)]
        input.topics = [o, ReliefSummary(now: r, before: nil)]
        let s = SummaryComposer.compose(input)
        let points = s.sections[0].subsections.flatMap(\.points).map(\.text)
        // The year has not ended on the day it is written: the members are counted, and said, as of that day.
        #expect(points == ["1、截至2026年12月28日，本会现有会员312人，全年新发展会员18人。", "1、全年共帮扶困难职工6人（6户），8人次，发放帮扶资金4800元。"])
    }
}

@Suite("Work summary edits") struct SummaryEditTests {
    @Test("edits survive regeneration; a changed figure under an edit is a conflict; added paragraphs follow their anchor")
    func edits() throws {
        var input = SummaryInput(orgName: "示例镇总工会", period: try .year(2026), date: CalendarDate(year: 2026, month: 12, day: 28)!)
        var p = PetitionFigures()
        (p.received, p.groupPetitions, p.groupPeople) = (10, 1, 6)
        input.topics = [PetitionSummary(now: p, before: nil)]
        let first = SummaryComposer.compose(input)
        let received = try #require(first.sections.first?.subsections.first?.points.first)
        let edits = [
            ParagraphEdit(key: received.key, text: "1、全年共受理信访10宗，件件有回音。", baseText: received.text),
            ParagraphEdit(key: "added.1", text: "3、开展“尊法守法·携手筑梦”普法宣传。", baseText: "", afterKey: "petitions.group"),
            ParagraphEdit(key: "added.2", text: "另：锚点已不存在的段落。", baseText: "", afterKey: "gone"),
        ]
        let same = SummaryEdits.apply(edits, to: first)
        let points = same.summary.sections[0].subsections[0].points
        #expect(points.map(\.text) == ["1、全年共受理信访10宗，件件有回音。", "2、妥善处置集体访1宗，涉及职工6人。", "3、开展“尊法守法·携手筑梦”普法宣传。"])
        #expect(same.edited == [received.key, "added.1", "added.2"] && points[0].figures.isEmpty && !points[1].figures.isEmpty)
        #expect(same.summary.sections.last?.points.last?.text == "另：锚点已不存在的段落。")
        #expect(same.conflicts.isEmpty)
        // The records change: the edited paragraph keeps the staff's words and shows the new generated text.
        p.received = 12
        input.topics = [PetitionSummary(now: p, before: nil)]
        let later = SummaryEdits.apply(edits, to: SummaryComposer.compose(input))
        #expect(later.summary.sections[0].subsections[0].points[0].text == "1、全年共受理信访10宗，件件有回音。")
        #expect(later.conflicts == [received.key: "1、全年共收到信访事件12宗。"])
    }
}
