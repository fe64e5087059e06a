import Foundation

/// The password rules of 等保 2.0 / ASVS L2: length, character classes, common list, age.
public struct PasswordPolicy: Sendable {
    public var minLength = 8
    public var maxLength = 128
    public var requiredClasses = 3
    /// Days before a password must be changed; 0 turns the rule off.
    public var maxAgeDays = 90
    /// Lower-cased common passwords that are refused.
    public var common: Set<String> = []

    public init(minLength: Int = 8, maxLength: Int = 128, requiredClasses: Int = 3, maxAgeDays: Int = 90, common: Set<String> = []) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.requiredClasses = requiredClasses
        self.maxAgeDays = maxAgeDays
        self.common = common
    }

    /// Checks a new password; `username` may not appear in it.
    public func validate(_ password: String, username: String = "", field: String = "newPassword") throws(FieldError) {
        let n = password.count
        if n < minLength { throw FieldError(field: field, message: "密码至少需要\(minLength)个字符") }
        if n > maxLength { throw FieldError(field: field, message: "密码不能超过\(maxLength)个字符") }
        var classes = 0
        if password.contains(where: { $0.isASCII && $0.isUppercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isLowercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isNumber }) { classes += 1 }
        if password.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) { classes += 1 }
        if classes < requiredClasses {
            throw FieldError(field: field, message: "密码需包含大写字母、小写字母、数字、符号中的至少\(requiredClasses)类")
        }
        let lower = password.lowercased()
        if common.contains(lower) {
            throw FieldError(field: field, message: "该密码过于常见，容易被猜中，请换一个")
        }
        if !username.isEmpty, lower.contains(username.lowercased()) {
            throw FieldError(field: field, message: "密码不能包含用户名")
        }
    }

    /// True when a password set at `changedAt` must be changed at `now`.
    public func isExpired(changedAt: Date, now: Date) -> Bool {
        maxAgeDays > 0 && now.timeIntervalSince(changedAt) > Double(maxAgeDays) * 86_400
    }
}

/// Lockout after repeated failures. Failures are counted per account *and* source address,
/// so an attacker who guesses from one address locks only that address out of the account,
/// never the account's owner signing in from elsewhere.
public struct LockoutPolicy: Sendable {
    public var maxFailures = 5
    public var window: TimeInterval = 15 * 60
    public var lockFor: TimeInterval = 15 * 60

    public init(maxFailures: Int = 5, window: TimeInterval = 900, lockFor: TimeInterval = 900) {
        self.maxFailures = maxFailures
        self.window = window
        self.lockFor = lockFor
    }

    /// The time the lock ends, given the failure times of one account and source, or nil.
    public func lockedUntil(failures: [Date], now: Date) -> Date? {
        let sorted = failures.sorted()
        guard sorted.count >= maxFailures else { return nil }
        // Find the latest run of `maxFailures` inside one window; the lock starts at its last failure.
        for end in stride(from: sorted.count - 1, through: maxFailures - 1, by: -1) {
            let start = sorted[end - maxFailures + 1]
            if sorted[end].timeIntervalSince(start) <= window {
                let until = sorted[end].addingTimeInterval(lockFor)
                return until > now ? until : nil
            }
        }
        return nil
    }
}

/// Idle and absolute session lifetimes (ASVS 3.3.2: 30 minutes idle, 12 hours in all).
public struct SessionPolicy: Sendable {
    public var idle: TimeInterval = 30 * 60
    public var absolute: TimeInterval = 12 * 3600

    public init(idle: TimeInterval = 1800, absolute: TimeInterval = 43_200) {
        self.idle = idle
        self.absolute = absolute
    }

    public func isAlive(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) <= idle && now.timeIntervalSince(createdAt) <= absolute
    }
}
