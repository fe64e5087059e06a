/// A validation failure that names the field and says why, in the user's language.
public struct FieldError: Error, Equatable, Sendable {
    /// The field's key in forms and JSON (`idNumber`, `phone`, …).
    public let field: String
    /// A Chinese message that names the field and the reason.
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Several field errors found in one form; the first one decides the API answer.
public struct FieldErrors: Error, Equatable, Sendable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError] = []) { self.errors = errors }
    public var isEmpty: Bool { errors.isEmpty }
    public mutating func append(_ error: FieldError) { errors.append(error) }

    /// Runs `body`; a thrown `FieldError` is collected instead of propagated.
    @discardableResult
    public mutating func collect<T>(_ body: () throws(FieldError) -> T) -> T? {
        do { return try body() } catch {
            errors.append(error)
            return nil
        }
    }

    /// Runs `body`, an input of its own; the errors it throws are collected with these.
    @discardableResult
    public mutating func collectAll<T>(_ body: () throws(FieldErrors) -> T) -> T? {
        do { return try body() } catch {
            errors += error.errors
            return nil
        }
    }

    public func throwIfAny() throws {
        if !errors.isEmpty { throw self }
    }
}

extension FieldErrors {
    /// The field errors carried by `error`, or nil when it is some other failure.
    public init?(_ error: any Error) {
        switch error {
        case let e as FieldErrors: self = e
        case let e as FieldError: self.init([e])
        default: return nil
        }
    }
}
