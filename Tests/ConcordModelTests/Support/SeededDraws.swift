/// A fixed sequence of pseudo-random numbers (a 64-bit linear congruential generator), so that
/// the tests that hold fast paths to their definitions draw the same inputs on every run.
struct SeededDraws {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The next number, in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
