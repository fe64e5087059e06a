import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A petition body as federation staff would post it; `extra` overrides or adds fields.
func petitionBody(_ w: World, _ extra: [String: Any] = [:]) -> [String: Any] {
    var body: [String: Any] = [
        "source": "visit", "receivedOn": "2026-11-10", "petitionerName": "李秀英", "petitionerPhone": "13800138000", "category": "wages",
        "employerName": "测试镇宏达五金有限公司", "summary": "6名职工反映被拖欠两个月工资", "requests": "要求足额支付", "workers": 6,
        "handlerA": w.users["staff"]!.id!, "handlerB": w.users["admin"]!.id!,
    ]
    for (k, v) in extra { body[k] = v }
    return body
}

extension Fixtures {
    /// A petition registered over the API by `client` (in the client's own federation unless `orgId` is given).
    static func petition(_ client: Client, _ w: World, handlers: (Int, Int)? = nil, _ extra: [String: Any] = [:]) async throws -> Int {
        var body = petitionBody(w, extra)
        if let (a, b) = handlers { (body["handlerA"], body["handlerB"]) = (a, b) }
        let created = try await client.json(.POST, "/api/v1/petitions", body)
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.jsonObject["id"] as? Int)
    }

    /// A labour-dispute mediation taken from a petition.
    static func mediation(_ client: Client, petition: Int) async throws -> Int {
        let created = try await client.json(
            .POST, "/api/v1/mediations",
            ["petitionId": petition, "applicantName": "李秀英", "workers": 6, "employerName": "测试镇宏达五金有限公司", "claim": "拖欠两个月工资",
             "claimAmount": "3万", "appliedOn": "2026-11-12", "mediators": "陈调解"])
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.jsonObject["id"] as? Int)
    }
}
