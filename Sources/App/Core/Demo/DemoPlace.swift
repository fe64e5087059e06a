import Domain
import Fluent
import SQLKit

/// The names and size of one demo township. The default is the 示例镇 of `serve --demo`; the county demo makes
/// twenty larger ones with their own names, region codes, seeds and account prefixes.
struct DemoPlace: Sendable {
    /// A joint union: how many employers of eight or more staff, and how many smaller ones, it gathers.
    struct Joint: Sendable {
        var bigger: Int
        var small: Int
    }

    var name = "示例镇"
    /// How its cadres' titles begin (镇总工会主席).
    var cadreTitle = "镇总工会"
    var regionCode = "440606"
    /// Where the hardship households' family members were born (GB/T 2260).
    var familyRegion = "440606"
    var employers = 150
    var enterpriseUnions = 28
    var joints = [Joint(bigger: 12, small: 15), Joint(bigger: 10, small: 15)]
    var members = 3000
    var accountPrefix = ""
    var seed: UInt64 = 20_261_126
}

/// What must stay unique across every place loaded into one database: ID numbers, phone numbers, card numbers.
struct DemoRegister {
    var usedIDs = Set<String>()
    var usedPhones = Set<String>()
    /// Card numbers given so far.
    var cards = 0

    /// The card counter continues after the demo's members.
    func saveCardCounter(on db: any Database) async throws {
        try await db.sql.raw("INSERT INTO counters (name, value) VALUES ('card', \(bind: cards))").run()
    }
}
