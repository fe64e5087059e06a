import Fluent
import Vapor

/// A staff account: one role, one org node whose subtree it sees.
final class User: Model, @unchecked Sendable {
    static let schema = "users"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [
            $id, $username, $displayName, $role, $org, $passwordHash, $passwordChangedAt, $mustChangePassword, $disabled, $awaySince,
            $createdAt,
        ]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "role") var role: String
    @Parent(key: "org_id") var org: Organization
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "password_changed_at") var passwordChangedAt: Date
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "disabled") var disabled: Bool
    /// The day a petition handler was marked away (休假、外出); their petitions then sit on the B handler's queue.
    @OptionalField(key: "away_since") var awaySince: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A signed-in session, kept in the database so it survives restarts and serves several processes.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $user, $createdAt, $lastSeenAt, $ip] }

    /// SHA-256 of the cookie token; the token itself is never stored.
    @ID(custom: .id, generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "ip") var ip: String?

    init() {}
}

/// A failed sign-in, counted per account and source address for the lockout.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $username, $source, $at] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "username") var username: String
    @Field(key: "source") var source: String
    @Field(key: "at") var at: Date

    init() {}
}

/// A bearer token for `/api/v1`, stored hashed; it acts as its user with the same role and scope.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $user, $name, $tokenHash, $createdAt, $lastUsedAt, $revoked, $expiresAt, $revokedAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @Field(key: "revoked") var revoked: Bool
    /// Nil for tokens issued before tokens expired: they expire the configured number of days after `createdAt`.
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

/// An earlier password of a user (its hash), so that a change cannot go back to one of the last few.
final class PasswordHistory: Model, @unchecked Sendable {
    static let schema = "password_history"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] { [$id, $user, $passwordHash, $replacedAt] }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: User
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "replaced_at") var replacedAt: Date

    init() {}
}

/// 操作日志: append-only; the database refuses updates and deletes.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"
    /// The property wrappers below, in order, so that Fluent reads them without reflection (ModelPropertiesTests).
    var properties: [any AnyProperty] {
        [$id, $at, $userID, $username, $orgID, $ip, $action, $entity, $entityID, $before, $after, $success]
    }

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "username") var username: String
    @OptionalField(key: "org_id") var orgID: Int?
    @OptionalField(key: "ip") var ip: String?
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @OptionalField(key: "entity_id") var entityID: Int?
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @Field(key: "success") var success: Bool

    init() {}
}
