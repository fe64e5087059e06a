/// SplitMix64: a small deterministic generator, so the demo township is the same on every run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Collection {
    /// A random element of a fixed, non-empty list written in the program (demo names, password alphabets), drawn as
    /// `randomElement(using:)` draws it. Never for a list input can make empty: an empty list has no element to give
    /// and stops the program.
    public func pick<G: RandomNumberGenerator>(using g: inout G) -> Element {
        self[index(startIndex, offsetBy: Int.random(in: 0..<count, using: &g))]
    }
}
