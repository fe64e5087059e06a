import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

extension AppTests {
    @Suite("Concurrent writers") struct ConcurrencyTests {
        /// Two groups of writers on two event loops against one database file: no SQLITE_BUSY, no lost row.
        @Test("40 members created by concurrent requests: 0 errors, 40 rows, 40 distinct card numbers")
        func concurrentWriters() async throws {
            try await withFileApp { app, _ in
                let w = try await World.make(app)
                let staff = try await Client.api(app, w.users["staff"]!)
                let union = w.unionA.id!
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for i in 0..<40 {
                        group.addTask {
                            let id = try IDNumber.compose(region: "440606", birth: CalendarDate(year: 1990, month: 1, day: 1)!, sequence: i)
                            let r = try await staff.json(
                                .POST, "/api/v1/members", ["name": "并发\(i)", "idNumber": id.value, "unionId": union])
                            return r.status.code
                        }
                    }
                    var codes: [UInt] = []
                    for try await c in group { codes.append(c) }
                    return codes
                }
                #expect(statuses.filter { $0 != 201 }.isEmpty, "\(statuses)")
                #expect(try await Member.query(on: app.db).count() == 40)
                let cards = Set(try await Member.query(on: app.db).all().map(\.cardNumber))
                #expect(cards.count == 40)
            }
        }
    }
}
