import Domain
import Fluent
import Vapor

extension DemoTownship {
    /// The year's targets as the city federation sets them (考核目标), and next year's; a county's are its towns' together.
    static func insertTargets(org: Int, today: CalendarDate, scale: Int, on db: any Database) async throws {
        for (year, indicator, value) in [
            (today.year, "org.coverage8", 100), (today.year, "members.new", 300 * scale), (today.year, "petitions.handledOnTime", 100),
            (today.year, "relief.money", 8_000_000 * scale), (today.year + 1, "org.coverage8", 100),
            (today.year + 1, "members.new", 320 * scale),
        ] {
            let t = Target()
            (t.$org.id, t.year, t.indicator, t.value) = (org, year, indicator, value)
            try await t.create(on: db)
        }
    }
}
