import Fluent
import Vapor

/// Writes the audit log. Values passed as `before`/`after` must already be masked.
enum Audit {
    struct Actor: Sendable {
        var userID: Int?
        var username: String
        var orgID: Int?
        var ip: String?

        static let system = Actor(userID: nil, username: "system", orgID: nil, ip: nil)
    }

    static func record(
        _ action: any AuditAction, entity: String, id: Int? = nil, before: [String: String]? = nil,
        after: [String: String]? = nil, success: Bool = true, actor: Actor, at: Date, on db: any Database
    ) async throws {
        let e = AuditEntry()
        e.at = at
        e.userID = actor.userID
        e.username = actor.username
        e.orgID = actor.orgID
        e.ip = actor.ip
        e.action = action.auditCode
        e.entity = entity
        e.entityID = id
        e.before = before.map(json)
        e.after = after.map(json)
        e.success = success
        try await e.create(on: db)
    }

    static func json(_ dict: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(dict)) ?? Data(), as: UTF8.self)
    }

    /// Only the fields that changed, as two dictionaries.
    static func diff(_ before: [String: String], _ after: [String: String]) -> ([String: String], [String: String]) {
        let keys = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        return (before.filter { keys.contains($0.key) }, after.filter { keys.contains($0.key) })
    }
}

extension Request {
    var actor: Audit.Actor {
        Audit.Actor(userID: principal?.userID, username: principal?.username ?? "anonymous", orgID: principal?.scope.orgID, ip: clientIP)
    }

    func audit(
        _ action: any AuditAction, entity: String, id: Int? = nil, before: [String: String]? = nil,
        after: [String: String]? = nil, success: Bool = true, on db: (any Database)? = nil
    ) async throws {
        try await Audit.record(
            action, entity: entity, id: id, before: before, after: after, success: success,
            actor: actor, at: now, on: db ?? self.db)
    }
}
