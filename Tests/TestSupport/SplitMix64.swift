import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so simulated experiments,
/// known-truth players and fuzz cases are the same on every run and platform. Shared by the
/// test targets.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator seeded with `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A Beta(a, b) draw for whole a, b: Γ(a) / (Γ(a) + Γ(b)), each gamma a sum of exponentials.
    public mutating func beta(_ a: Int, _ b: Int) -> Double {
        let x = gamma(a)
        return x / (x + gamma(b))
    }

    /// A Gamma(shape, 1) draw for a whole shape.
    private mutating func gamma(_ shape: Int) -> Double {
        (0..<shape).reduce(0) { sum, _ in sum - log1p(-unit()) }
    }
}
