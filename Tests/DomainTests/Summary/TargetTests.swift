import Domain
import Testing

@Suite("Targets")
struct TargetTests {
    static func definition(_ code: IndicatorCode) throws -> IndicatorDefinition {
        try #require((Indicators.organization + Indicators.relief + Indicators.petitions).first { $0.code == code })
    }

    @Test("a ceiling is passed, not reached: 逾期未办 target 0, actual 1; 届满未换届 target 3, actual 12")
    func limits() throws {
        let overdue = try Self.definition(.petitionsOverdue)
        #expect(overdue.direction == .limit)
        let one = TargetProgress(target: 0, value: IndicatorValue(count: 1), definition: overdue)
        #expect(!one.met && one.gap == 1 && one.gapPhrase(overdue) == "超出目标1宗")
        #expect(TargetProgress(target: 0, value: IndicatorValue(count: 0), definition: overdue).met)
        let terms = try Self.definition(.orgReElectionsOverdue)
        let twelve = TargetProgress(target: 3, value: IndicatorValue(count: 12), definition: terms)
        #expect(!twelve.met && twelve.gapPhrase(terms) == "超出目标9个")
        #expect(TargetProgress(target: 3, value: IndicatorValue(count: 3), definition: terms).met)
    }

    @Test("a rate to reach is short by percentage points, with the records still missing")
    func rates() throws {
        let coverage = try Self.definition(.orgCoverage8)
        // 48 of 50 employers: 96%, 4 points and 2 employers short of 100%.
        let p = TargetProgress(target: 100, value: IndicatorValue(48, of: 50), definition: coverage)
        #expect(!p.met && p.gap == 4 && p.recordsShort == 2 && p.gapPhrase(coverage) == "尚差4个百分点")
        #expect(TargetProgress(target: 90, value: IndicatorValue(45, of: 50), definition: coverage).met)
        // Never a count of records quoted as percent (the “尚差3901%” of a rate set against a count).
        let wide = TargetProgress(target: 100, value: IndicatorValue(1, of: 3902), definition: coverage)
        #expect(wide.gap == 100 && wide.recordsShort == 3901 && wide.gapPhrase(coverage) == "尚差100个百分点")
    }

    @Test("counts and money to reach are short in their own unit")
    func counts() throws {
        let members = try Self.definition(.membersNew)
        #expect(TargetProgress(target: 300, value: IndicatorValue(count: 280), definition: members).gapPhrase(members) == "尚差20人")
        let money = try Self.definition(.reliefMoney)
        #expect(TargetProgress(target: 8_000_000, value: IndicatorValue(count: 6_500_000), definition: money).gapPhrase(money) == "尚差1.5万元")
        #expect(TargetProgress(target: 300, value: IndicatorValue(count: 300), definition: members).gapPhrase(members) == nil)
    }

    @Test("a target in another unit than its indicator's is refused, saying which unit it takes")
    func units() throws {
        func refusal(_ code: IndicatorCode, _ value: String) throws -> String? {
            let d = try Self.definition(code)
            do {
                _ = try TargetFields.validate(FormFields(["indicator": code.rawValue, "year": "2026", "value": value]), definition: d)
                return nil
            } catch { return error.errors.first { $0.field == "value" }?.message }
        }
        #expect(try refusal(.membersNew, "80%") == "“新发展会员”按人计，目标值应为整数，不是百分数")
        #expect(try refusal(.reliefMoney, "100%") == "“帮扶资金”是金额，目标值应写金额（如 5万），不是百分数")
        #expect(try refusal(.orgCoverage8, "5万") == "“8人以上企业工会组建率”是比率，目标值应为百分数（如 100%），不是金额")
        for (code, value) in [(IndicatorCode.orgCoverage8, "95%"), (.reliefMoney, "8万"), (.membersNew, "300")] {
            #expect(try refusal(code, value) == nil, "\(code) \(value)")
        }
    }
}
