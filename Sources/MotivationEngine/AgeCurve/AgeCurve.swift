import Foundation
import Statistics

/// A segment's centile curves of score against age, by Cole & Green's LMS method: at every age
/// the score follows a Box-Cox power `L` of a normal distribution with median `M(age)` and
/// coefficient of variation `S(age)`. The z of a score `x` at age `a` is
/// `((x / M(a))^L − 1) / (L · S(a))` (`log(x / M(a)) / S(a)` when `L` is 0), and the centile
/// `p` is `M(a) · (1 + L · S(a) · z_p)^(1/L)`.
///
/// The z — the **age-graded score** — places a player among players of their age, whatever that
/// age. Centiles of one age never cross: the score rises with z at every age. `M` and `S` are
/// stored on an even grid of ages and interpolated linearly between grid points; ages outside
/// the grid are read at its nearest end (see `reading(atAge:)`).
public struct AgeCurve: Codable, Sendable, Equatable {
    /// The method that fitted the curve (`lms`).
    public let method: String
    /// The grid of ages in years, evenly spaced and increasing: the youngest to the oldest player
    /// the curve was fitted on (one age when every player had the same age).
    public let ages: [Double]
    /// The Box-Cox power `L`, one for every age.
    public let power: Double
    /// The median score `M` at each grid age.
    public let median: [Double]
    /// The coefficient of variation `S` at each grid age.
    public let variation: [Double]
    /// Players (one row each) the curve was fitted on.
    public let players: Int

    enum CodingKeys: String, CodingKey {
        case method, ages, players
        case power = "l"
        case median = "m"
        case variation = "s"
    }

    /// The z beyond which a score is not graded further (about 1 in 30,000 each side).
    public static let zLimit = 4.0

    /// A curve with the LMS values at `ages` (increasing), fitted on `players` players.
    public init(ages: [Double], power: Double, median: [Double], variation: [Double], players: Int) {
        method = "lms"
        self.ages = ages
        self.power = power
        self.median = median
        self.variation = variation
        self.players = players
    }

    /// The youngest and the oldest age the curve knows.
    public var ageRange: ClosedRange<Double> { ages[0]...ages[ages.count - 1] }

    /// The curve at one age: `M`, `S`, and the age it was read at (the age clamped to `ageRange`).
    public func reading(atAge age: Double) -> Reading {
        let first = ages[0], last = ages[ages.count - 1]
        guard ages.count > 1, age > first else { return Reading(age: first, median: median[0], variation: variation[0], power: power) }
        guard age < last else {
            return Reading(age: last, median: median[ages.count - 1], variation: variation[ages.count - 1], power: power)
        }
        let position = (age - first) / (last - first) * Double(ages.count - 1)
        let lower = min(Int(position), ages.count - 2)
        let fraction = position - Double(lower)
        return Reading(
            age: age, median: median[lower] + (median[lower + 1] - median[lower]) * fraction,
            variation: variation[lower] + (variation[lower + 1] - variation[lower]) * fraction, power: power)
    }

    /// The LMS parameters at one age.
    public struct Reading: Sendable, Equatable {
        /// The age the curve was read at (inside the curve's range).
        public let age: Double
        /// `M`: the median score at that age.
        public let median: Double
        /// `S`: the coefficient of variation at that age.
        public let variation: Double
        /// `L`: the Box-Cox power.
        public let power: Double

        /// The age-graded z of `score`, within ±`AgeCurve.zLimit` (a score of 0 or less is the lowest).
        public func z(of score: Double) -> Double {
            guard score > 0 else { return -AgeCurve.zLimit }
            let ratio = score / median
            let z = abs(power) < 1e-9 ? Foundation.log(ratio) / variation : (Foundation.pow(ratio, power) - 1) / (power * variation)
            return min(max(z, -AgeCurve.zLimit), AgeCurve.zLimit)
        }

        /// The percentile (0…100) of `score` among players of this age.
        public func percentile(of score: Double) -> Double {
            100 * NormalDistribution.cumulative(z(of: score))
        }

        /// The score at standard-normal quantile `z`: `M · (1 + L·S·z)^(1/L)`. Where the power
        /// transform has no value (a base at or below 0), the lower tail is 0 and the upper
        /// tail is held at the z where the base is 1 % (never reached for the ladder's percentiles
        /// on a fitted curve: training keeps the base above it for |z| ≤ `AgeCurve.zLimit`).
        public func score(atZ z: Double) -> Double {
            if abs(power) < 1e-9 { return median * Foundation.exp(variation * z) }
            let base = 1 + power * variation * z
            guard base > 0.01 else { return power > 0 ? 0 : median * Foundation.pow(0.01, 1 / power) }
            return median * Foundation.pow(base, 1 / power)
        }

        /// The score at percentile `p` (0 < p < 100) among players of this age.
        public func score(atPercentile p: Double) -> Double {
            score(atZ: NormalDistribution.quantile(p / 100))
        }
    }
}
