import Testing

@testable import Domain

@Suite("Activities rules") struct ActivityRuleTests {
    let rules = ActivityRules()
    let today = CalendarDate(clamping: 2026, 11, 18)

    @Test("quantities: decimals to the thousandth, thousands separators, never negative; printed back the same")
    func quantities() throws {
        #expect(try Quantity.parse("8", field: "q", label: "数量") == 8_000)
        #expect(try Quantity.parse("1.5", field: "q", label: "数量") == 1_500)
        #expect(try Quantity.parse("4,000", field: "q", label: "数量") == 4_000_000)
        #expect(try Quantity.parse("0.125", field: "q", label: "数量") == 125)
        for bad in ["-1", "1.2345", "一吨", "1..2", ".5", "", "9999999999"] {
            #expect(throws: FieldError.self, "\(bad)") { try Quantity.parse(bad, field: "q", label: "数量") }
        }
        #expect(Quantity.text(1_500) == "1.5" && Quantity.text(8_000) == "8" && Quantity.text(125) == "0.125" && Quantity.text(1_050) == "1.05")
    }

    @Test("card lists: any separator, typed loosely, each card once in the order typed; a word that is no card is named")
    func cards() throws {
        #expect(try MemberCard.list("gh139, GH00000002\ngh3、GH139", field: "cards", label: "会员证号") == ["GH00000139", "GH00000002", "GH00000003"])
        #expect(try MemberCard.list(nil, field: "cards", label: "会员证号").isEmpty)
        #expect(throws: FieldError.self) { try MemberCard.list("GH1 张三", field: "cards", label: "会员证号") }
        let many = (1...6).map { "GH\($0)" }.joined(separator: " ")
        #expect(throws: FieldError.self, "over the limit") { try MemberCard.list(many, field: "cards", label: "会员证号", max: 5) }
    }

    @Test("an activity: every failing field at once; the end not before the start; a host only for a class; the kind by code or label")
    func activityFields() throws {
        var f = FormFields(["orgId": "1", "kind": "文体活动", "title": "趣味运动会", "startsOn": "2026-05-01"])
        let ok = try ActivityFields.validate(f, rules: rules)
        #expect(ok.kind.code == "sports" && ok.endsOn == ok.startsOn && ok.guests == 0)
        f = FormFields(["orgId": "x", "kind": "卡拉OK", "startsOn": "2026-05-01", "endsOn": "2026-04-30", "guests": "-1"])
        do {
            _ = try ActivityFields.validate(f, rules: rules)
            Issue.record("refused")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["orgId", "kind", "title", "endsOn", "guests"])
        }
        f = FormFields(["orgId": "1", "kind": "sports", "title": "t", "startsOn": "2026-05-01", "hostedBy": "区总工会"])
        #expect(throws: FieldErrors.self) { try ActivityFields.validate(f, rules: rules) }
        f["kind"] = "cadre"
        #expect(try ActivityFields.validate(f, rules: rules).hostedBy == "区总工会")
    }

    @Test("a session within the activity's days; its non-members no more than the activity's; none counted before the day")
    func sessions() throws {
        let (from, to) = (CalendarDate(clamping: 2026, 4, 26), CalendarDate(clamping: 2026, 4, 28))
        #expect(try ActivitySessionFields.validate(FormFields(["on": "2026-04-27", "guestVisits": "3"]), startsOn: from, endsOn: to, guests: 3, today: today).guestVisits == 3)
        for (values, field) in [(["on": "2026-04-29"], "on"), (["on": "2026-04-27", "guestVisits": "4"], "guestVisits"), (["on": "2026-04-27", "hours": "25"], "hours")] {
            do {
                _ = try ActivitySessionFields.validate(FormFields(values), startsOn: from, endsOn: to, guests: 3, today: today)
                Issue.record("\(values) refused")
            } catch { #expect(error.errors.map(\.field) == [field], "\(values)") }
        }
        let coming = CalendarDate(clamping: 2026, 12, 1)
        #expect(throws: FieldErrors.self) {
            try ActivitySessionFields.validate(FormFields(["on": "2026-12-01", "guestVisits": "1"]), startsOn: coming, endsOn: coming, guests: 3, today: today)
        }
    }

    @Test("the summary: 人数 and 人次 side by side, the kinds named, the audience apart; classes, certificates and those sent; nothing to say, nothing said")
    func summary() throws {
        var f = ActivityFigures()
        f.byKind = [.init(code: "sports", label: "文体活动", count: 5), .init(code: "forum", label: "座谈会", count: 1)]
        f.people = 350
        f.visits = 1_280
        f.audience = 2_000
        f.cost = 32_000_00
        f.classes = 3
        f.trainees = 300
        f.trainingVisits = 980
        f.certificates = 280
        f.sent = 59
        f.sentTo = ["区总工会"]
        let input = SummaryInput(orgName: "示例镇总工会", period: try ReportPeriod.year(2026), date: CalendarDate(clamping: 2026, 12, 31))
        func text(_ s: (any SummaryTopic)) throws -> String { try #require(s.subsection(input)).points.flatMap(\.sentences).map(\.text).joined() }
        #expect(try text(ActivitySummary(now: f, before: nil)) == "全年共开展各类职工活动6次，其中文体活动5次、座谈会1次，参加活动350人、1280人次，另有观众约2000人次，投入经费3.2万元。")
        #expect(try text(TrainingSummary(now: f, before: nil)) == "全年共举办培训班3期，培训300人、980人次，280人取得结业证书。选派59名工会干部和职工参加区总工会举办的培训班。")
        let figures = try #require(ActivitySummary(now: f, before: nil).subsection(input)).points.flatMap(\.sentences).flatMap(\.figures)
        #expect(figures.allSatisfy { $0.indicator != nil }, "each figure names its indicator")
        #expect(figures.contains { $0.indicator == .activityKind("forum") && $0.value == 1 })
        #expect(ActivitySummary(now: ActivityFigures(), before: nil).subsection(input) == nil && TrainingSummary(now: ActivityFigures(), before: nil).subsection(input) == nil)
    }

    @Test("a point's standard: area, books, keeper and the kind's equipment, in the standard's order")
    func pointStandard() throws {
        let nursing = try #require(rules.centreKind("nursing"))
        #expect(nursing.missing(area: 8, books: nil, keeper: nil, equipment: ["冰箱"]).prefix(3) == ["面积不足10㎡", "无专人管理", "沙发或座椅"])
        #expect(nursing.missing(area: 12, books: nil, keeper: "王丽", equipment: nursing.equipment).isEmpty)
        let library = try #require(rules.centreKind("library"))
        #expect(library.missing(area: nil, books: 2_999, keeper: nil, equipment: library.equipment) == ["藏书不足3000册"])
        var f = FormFields(["orgId": "1", "kind": "母婴室", "name": "爱心妈妈小屋", "openedOn": "2026-03-08", "equipment": "洗手池,冰箱"])
        #expect(try ServiceCentreFields.validate(f, rules: rules, today: today).equipment == ["冰箱", "洗手池"], "in the standard's order")
        f["closedOn"] = "2026-12-01"
        #expect(throws: FieldErrors.self, "not closed in the future") { try ServiceCentreFields.validate(f, rules: rules, today: today) }
    }

    @Test("results: a member or a team, the prize within the award's cap; ideas: savings only when adopted; visits: a card is one visit")
    func resultsIdeasVisits() throws {
        #expect(throws: FieldErrors.self) { try ResultFields.validate(FormFields(["award": "first"]), rules: rules) }
        #expect(try ResultFields.validate(FormFields(["award": "一等奖", "team": "电工一队", "prize": "500"]), rules: rules).prize == 500_00)
        #expect(throws: FieldErrors.self) { try ResultFields.validate(FormFields(["award": "first", "team": "一队", "prize": "500.01"]), rules: rules) }
        #expect(try ResultFields.validate(FormFields(["award": "second", "team": "一队", "prize": "5000"]), rules: rules).prize == 5_000_00, "no cap set for it")
        #expect(rules.mostWinners(of: 30) == 10 && rules.mostWinners(of: 2) == 0)
        let submitted = CalendarDate(clamping: 2026, 4, 1)
        let adopted = try IdeaDecisionFields.validate(
            FormFields(["grade": "A", "adopted": "on", "decidedOn": "2026-05-01", "savings": "5.6万"]), submittedOn: submitted, today: today)
        #expect(adopted.adopted && adopted.savings == 56_000_00)
        #expect(throws: FieldErrors.self) {
            try IdeaDecisionFields.validate(FormFields(["grade": "C", "decidedOn": "2026-05-01", "savings": "100"]), submittedOn: submitted, today: today)
        }
        let opened = CalendarDate(clamping: 2026, 1, 1)
        #expect(try VisitFields.validate(FormFields(["on": "2026-05-01", "card": "gh7"]), openedOn: opened, closedOn: nil, today: today).visits == 1)
        #expect(throws: FieldErrors.self, "nothing to record") { try VisitFields.validate(FormFields(["on": "2026-05-01"]), openedOn: opened, closedOn: nil, today: today) }
        #expect(throws: FieldErrors.self, "after it closed") {
            try VisitFields.validate(FormFields(["on": "2026-05-01", "visits": "3"]), openedOn: opened, closedOn: CalendarDate(clamping: 2026, 4, 30), today: today)
        }
    }

    @Test("the summaries of competitions and ideas, service centres and campaigns, each figure with its indicator")
    func morePhrases() throws {
        var f = ActivityFigures()
        f.competitions = 2
        f.entrants = 120
        f.winners = 28
        f.prizes = 12_000_00
        f.ideas = 86
        f.proposers = 60
        f.members = 2_000
        f.ideasAdopted = 31
        f.ideasExcellent = 5
        f.savings = 560_000_00
        f.rewards = 8_600_00
        f.centres = [.init(code: "centre", label: "职工服务中心", count: 1), .init(code: "library", label: "职工书屋", count: 5)]
        f.centreVisits = 5_000
        f.volunteers = 138
        f.booksLent = 4_000
        f.campaigns = 3
        f.materials = 2_000
        f.campaignEvents = 6
        f.channels = ["板报", "画廊"]
        let input = SummaryInput(orgName: "示例镇总工会", period: try ReportPeriod.year(2026), date: CalendarDate(clamping: 2026, 12, 31))
        func text(_ s: any SummaryTopic) throws -> String { try #require(s.subsection(input)).points.flatMap(\.sentences).map(\.text).joined() }
        #expect(
            try text(CompetitionSummary(now: f))
                == "全年组织劳动竞赛、技术比武2次，参赛120人，28人（队）获奖，发放奖金1.2万元。开展“金点子”合理化建议征集活动，收到建议86条，职工参与率3%，采纳31条，其中A级5条，创造经济效益56万元，发放奖励8600元。")
        #expect(try text(ServiceCentreSummary(now: f)) == "截至2026年12月31日，建有职工服务中心1个、职工书屋5个，全年接待职工5000人次，志愿者服务138人次，借阅图书4000册。")
        #expect(try text(CampaignSummary(now: f)) == "全年开展主题宣传活动3项，通过板报、画廊等渠道宣传，发放宣传资料2000份，组织相关活动6次。")
        for topic in [CompetitionSummary(now: f), ServiceCentreSummary(now: f), CampaignSummary(now: f)] as [any SummaryTopic] {
            #expect(try #require(topic.subsection(input)).points.flatMap(\.sentences).flatMap(\.figures).allSatisfy { $0.indicator != nil })
        }
    }

    @Test("a sign-in sheet: title rows skipped, the card column found by its header, blank rows passed, a bad card named by its row")
    func signInSheet() throws {
        let rows: [(number: Int, cells: [String])] = [
            (1, ["职工篮球赛签到表"]), (2, ["序号", "姓名", "会员证号", "签名"]), (3, ["1", "张一", "GH00000001", ""]), (4, ["", "", "", ""]),
            (5, ["2", "王二", " gh2 ", ""]), (6, ["3", "张一", "GH1", ""]),
        ]
        #expect(try SignInSheet.cards(rows) == ["GH00000001", "GH00000002"])
        #expect(throws: FieldError(field: "file", message: "签到表第3行的会员证号“GH1X”无效（应为 GH 加数字）")) {
            try SignInSheet.cards([(1, ["会员证号"]), (3, ["GH1X"])])
        }
        #expect(throws: FieldError.self) { try SignInSheet.cards([(1, ["姓名"]), (2, ["张一"])]) }
        #expect(throws: FieldError.self) { try SignInSheet.cards([(1, ["会员证号"])]) }
    }
}
