import Foundation
import GaussianMixture

/// The draws the demo data needs, on top of the engine's seeded generator. Every draw uses
/// `nextUnit()` (53 bits, platform independent), so a seed gives the same database everywhere.
struct DemoRandom {
    private var generator: SeededGenerator

    /// A stream fixed by the database seed and a stream number (one stream per user), so a user's
    /// rows do not depend on how many users came before or on batch sizes.
    init(seed: UInt64, stream: UInt64) {
        var mixed = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        mixed = (mixed ^ (mixed >> 31)) &* 0xD6E8_FEB8_6659_FD93
        generator = SeededGenerator(seed: mixed ^ (mixed >> 32))
    }

    /// Uniform in `[0, 1)`.
    mutating func unit() -> Double { generator.nextUnit() }

    /// Uniform in `[lower, upper)`.
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// An integer uniform in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + min(Int(unit() * Double(range.count)), range.count - 1)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A standard normal draw (Box–Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 0x1.0p-53)
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// A normal draw with the given mean and standard deviation.
    mutating func normal(mean: Double, deviation: Double) -> Double {
        mean + deviation * normal()
    }

    /// An exponential draw with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * Foundation.log(1 - unit())
    }

    /// The index of a weighted choice (weights need not sum to one).
    mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var threshold = unit() * total
        for (index, weight) in weights.enumerated() {
            threshold -= weight
            if threshold < 0 { return index }
        }
        return weights.count - 1
    }
}
