import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A fund with money in it and a round paid from it, made through the API as federation staff would.
struct ReliefSetup {
    var fundID: Int
    var roundID: Int
    var staff: Client

    static func make(
        _ app: Application, _ w: World, kind: String = "festival", standard: String = "500", secondAbove: String = "1000",
        reportsUpward: Bool = false, budget: String = "5万", fundAmount: String = "1,000", by user: String = "staff"
    ) async throws -> ReliefSetup {
        let staff = try await Client.api(app, w.users[user]!)
        let fund = try await staff.json(.POST, "/api/v1/relief/funds", ["name": "帮扶专项资金"])
        #expect(fund.status == .created, "\(fund.text)")
        let fundID = try #require(fund.jsonObject["id"] as? Int)
        let entry = try await staff.json(
            .POST, "/api/v1/relief/funds/\(fundID)/entries", ["source": "allocation", "amount": fundAmount, "onDate": "2026-11-01"])
        #expect(entry.status == .created, "\(entry.text)")
        let round = try await staff.json(
            .POST, "/api/v1/relief/rounds",
            [
                "name": "2026年\(kind)测试批次", "kind": kind, "startsOn": "2026-11-01", "endsOn": "2026-12-31", "fundId": fundID,
                "budget": budget, "standard_default": standard, "secondApprovalAbove": secondAbove, "reportsUpward": reportsUpward,
            ])
        #expect(round.status == .created, "\(round.text)")
        return ReliefSetup(fundID: fundID, roundID: try #require(round.jsonObject["id"] as? Int), staff: staff)
    }
}

extension Fixtures {
    /// An application of `member` made by the union officer and submitted.
    static func submittedApplication(_ app: Application, _ w: World, _ s: ReliefSetup, idNumber: String, union: Organization? = nil) async throws
        -> String
    {
        let m = try await Fixtures.member(app, id: idNumber, union: union ?? w.unionA)
        // The union officer applies for their own union; the federation's admin for any other.
        let officer = try await Client.api(app, w.users[union == nil ? "officer" : "admin"]!)
        let base = "/api/v1/relief/applications/\(try await application(officer, round: s.roundID, member: m))"
        #expect(try await officer.json(.POST, base + "/steps", ["action": "submit"]).status == .ok)
        return base
    }

    /// A 送温暖 application of `member` in the round, as a draft made by `client`; its id.
    static func application(_ client: Client, round: Int, member: Member) async throws -> Int {
        let created = try await client.json(
            .POST, "/api/v1/relief/applications",
            ["roundId": round, "memberId": member.id!, "festivalTarget": true, "documents": ["applicationForm"]])
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.jsonObject["id"] as? Int)
    }

    /// A hardship file of `member`, made over the API by `client` (the member's union officer or a federation cadre).
    static func hardshipFile(_ client: Client, member: Member) async throws -> Int {
        let created = try await client.json(
            .POST, "/api/v1/relief/files",
            ["memberId": member.id!, "tier": "deep", "mainCause": "illness", "region": "440606", "householdSize": 3, "wages": "4万",
             "unavoidableCosts": "0"])
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.jsonObject["id"] as? Int)
    }
}
