import Synchronization

/// One field an input reads, as the API documents it: its key, what it holds, and whether it must be given.
/// Each input (`…Fields`, an action, a period) lists its fields once beside its `validate` (`inputFields`); a route's
/// OpenAPI entry is made from that list, and a test proves the list is exactly what the `validate` reads.
public struct InputField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Free text or a code.
        case text
        /// A whole number.
        case integer
        /// A record's id (a positive whole number).
        case id
        /// An amount in yuan as typed (`1234.50`, `1.2万`), kept as fen.
        case money
        /// `2026-05-01`.
        case date
        /// true / false.
        case flag
        /// One of these codes.
        case choice([String])
        /// Several of these codes (any text when empty).
        case list([String])
    }

    public var name: String
    public var kind: Kind
    public var required: Bool

    public init(_ name: String, _ kind: Kind = .text, required: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
    }

    /// A field holding one of `type`'s codes.
    public static func choice<C: Choice>(_ name: String, _ type: C.Type, required: Bool = false) -> InputField {
        InputField(name, .choice(C.allCases.map(\.rawValue)), required: required)
    }

    /// A field holding several of `type`'s codes.
    public static func list<C: Choice>(_ name: String, _ type: C.Type) -> InputField {
        InputField(name, .list(C.allCases.map(\.rawValue)))
    }
}

/// The keys read from `FormFields` while it is set (`FormFields.$reads`): how a test sees what a `validate` reads.
public final class FieldReads: Sendable {
    private let keys = Mutex<Set<String>>([])
    public init() {}
    public var all: Set<String> { keys.withLock { $0 } }
    func note(_ key: String) { _ = keys.withLock { $0.insert(key) } }
}
