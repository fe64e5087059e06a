import Domain
import Testing

/// “全部及时处理和回复” is said only when every deadline it rests on was met: one missed deadline of any kind, or one
/// overdue now, and the sentence gives the true on-time figures instead.
@Suite("Petition claims")
struct PetitionClaimTests {
    static func sentence(_ f: PetitionFigures) throws -> String {
        var input = SummaryInput(orgName: "示例镇总工会", period: try .year(2025), date: CalendarDate(clamping: 2026, 1, 10))
        input.topics = [PetitionSummary(now: f, before: nil)]
        return try #require(SummaryComposer.compose(input).sections.first?.subsections.first?.points.first?.text)
    }

    /// Ten petitions, every deadline of every kind due twice and met, unless `missed` names one kind missed once.
    static func figures(missed: PetitionDeadlineKind? = nil) -> PetitionFigures {
        var f = PetitionFigures()
        (f.received, f.transferred, f.direct, f.transferBody) = (10, 6, 4, "市总工会")
        let answerMissed = [.handling, .reviewAnswer, .recheckAnswer].contains(missed)
        (f.acceptanceDue, f.acceptanceOnTime) = (10, missed == .acceptance ? 9 : 10)
        (f.handlingDue, f.handlingOnTime) = (10, answerMissed ? 9 : 10)
        f.deadlines = PetitionDeadlineKind.allCases.map { DeadlineRecord(kind: $0, due: 2, onTime: $0 == missed ? 1 : 2) }
        return f
    }

    @Test("every deadline met and none overdue: the claim")
    func allMet() throws {
        #expect(try Self.sentence(Self.figures()) == "1、全年共收到信访事件10宗，其中市总工会转办6宗，镇总工会接访4宗，全部及时处理和回复。")
    }

    @Test("one missed deadline of each kind withholds the claim and gives the on-time figures", arguments: PetitionDeadlineKind.allCases)
    func missed(_ kind: PetitionDeadlineKind) throws {
        let f = Self.figures(missed: kind)
        #expect(!f.allHandledInTime)
        let text = try Self.sentence(f)
        #expect(!text.contains("全部及时"), "\(kind)")
        #expect(text.contains("按期办结\(f.handlingOnTime)宗，按期办结率\(f.handlingOnTime * 10)%"), "\(text)")
        if kind == .acceptance || kind == .transferReply { #expect(text.contains("\(kind.label)逾期1宗"), "\(text)") }
    }

    @Test("a deadline overdue now withholds the claim")
    func overdue() throws {
        var f = Self.figures()
        f.overdue = 1
        let text = try Self.sentence(f)
        #expect(!f.allHandledInTime && !text.contains("全部及时"))
    }
}
