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
}
