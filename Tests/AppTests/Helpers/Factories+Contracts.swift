import Domain
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

extension Fixtures {
    /// A wage negotiation requested over the API by `client` for `employer` (conducted by `org`, the client's own by
    /// default), with three negotiators a side seated.
    static func negotiation(_ client: Client, employer: Employer, org: Organization? = nil, requestedOn: String = "2026-09-01", kind: String = "wage")
        async throws -> Int
    {
        var body: [String: Any] = [
            "kind": kind, "level": "enterprise", "employerId": employer.id!, "requestedBy": "union", "requestedOn": requestedOn,
            "request": "开展年度工资集体协商",
        ]
        if let org { body["orgId"] = org.id! }
        let created = try await client.json(.POST, "/api/v1/negotiations", body)
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(created.jsonObject["id"] as? Int)
        for side in ["workers", "employer"] {
            for k in 0..<3 {
                let seat = try await client.json(
                    .POST, "/api/v1/negotiations/\(id)/negotiators",
                    ["side": side, "name": "\(side == "workers" ? "职工" : "企业")代表\(k)", "chief": k == 0, "joinedOn": requestedOn])
                #expect(seat.status == .ok, "\(seat.text)")
            }
        }
        return id
    }

    /// A contract registered as it stands over the API (in force from `effectiveOn` when given).
    static func contract(_ client: Client, _ fields: [String: Any]) async throws -> Int {
        var body: [String: Any] = [
            "kind": "wage", "level": "enterprise", "signedOn": "2026-03-01", "startsOn": "2026-03-01", "endsOn": "2027-02-28", "workers": 40,
        ]
        for (k, v) in fields { body[k] = v }
        let created = try await client.json(.POST, "/api/v1/contracts", body)
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.jsonObject["id"] as? Int)
    }
}
