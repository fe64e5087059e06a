import Domain
import Fluent
import Vapor

extension DemoTownship {
    /// The year's targets as the city federation sets them (考核目标), and next year's; a county's are its towns' together.
    static func insertTargets(org: Int, today: CalendarDate, scale: Int, on db: any Database) async throws {
        let targets: [(Int, IndicatorCode, Int)] = [
            (today.year, .orgCoverage8, 100), (today.year, .membersNew, 300 * scale), (today.year, .petitionsHandledOnTime, 100),
            (today.year, .reliefMoney, 8_000_000 * scale), (today.year + 1, .orgCoverage8, 100),
            (today.year + 1, .membersNew, 320 * scale),
        ]
        for (year, indicator, value) in targets {
            let t = Target()
            (t.$org.id, t.year, t.indicator, t.value) = (org, year, indicator.rawValue, value)
            try await t.create(on: db)
        }
    }
}
