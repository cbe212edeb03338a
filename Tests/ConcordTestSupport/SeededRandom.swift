import Foundation

/// The one random source of the tests: SplitMix64 from a seed, so that a failure found with one
/// seed can be run again. The seed is `CONCORD_TEST_SEED` when set, else a fixed one; tests
/// name it in their failure messages.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// The seed this source started from.
    public let seed: UInt64

    /// A source from `seed`, or from `CONCORD_TEST_SEED`, or from a fixed seed.
    public init(seed: UInt64? = nil) {
        let chosen = seed ?? ProcessInfo.processInfo.environment["CONCORD_TEST_SEED"].flatMap { UInt64($0) } ?? 0x5EED_C0DC_0A4D
        self.seed = chosen
        state = chosen
    }

    /// The next number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
