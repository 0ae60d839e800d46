import GaussianMixture
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deterministic "player-like" data on raw scales, the shape of the data the speed goals
/// are set for: four player levels; per row `score` (~1e5), `age` (~30), `startSpeed` (~5)
/// and `duration_minutes` (whole minutes). Within a level the score's spread is ~2e4 and the
/// start speed's ~0.5; the levels overlap, and the component covariances have condition
/// numbers around 1e9.
///
/// `compare_sklearn.py` draws from the same distribution with numpy (its own random stream,
/// so not the same rows); the scikit-learn comparison itself has both sides read one CSV.
public enum PlayerData {
    /// The column names, in order.
    public static let columns = ["score", "age", "startSpeed", "duration_minutes"]

    /// One player level: its share of the rows and its per-column means and spreads.
    public struct Level: Sendable {
        public let weight: Double
        public let scoreMean: Double, scoreSpread: Double
        public let ageMean: Double, ageSpread: Double
        public let speedMean: Double, speedSpread: Double
        public let durationMean: Double, durationSpread: Double
    }

    /// The four levels (must match LEVELS in compare_sklearn.py).
    public static let levels: [Level] = [
        Level(weight: 0.40, scoreMean: 60_000, scoreSpread: 15_000, ageMean: 27, ageSpread: 5,
              speedMean: 4.5, speedSpread: 0.5, durationMean: 28, durationSpread: 8),
        Level(weight: 0.30, scoreMean: 80_000, scoreSpread: 15_000, ageMean: 29, ageSpread: 6,
              speedMean: 4.9, speedSpread: 0.5, durationMean: 31, durationSpread: 9),
        Level(weight: 0.20, scoreMean: 100_000, scoreSpread: 18_000, ageMean: 31, ageSpread: 6,
              speedMean: 5.3, speedSpread: 0.6, durationMean: 35, durationSpread: 10),
        Level(weight: 0.10, scoreMean: 130_000, scoreSpread: 25_000, ageMean: 34, ageSpread: 7,
              speedMean: 5.8, speedSpread: 0.6, durationMean: 40, durationSpread: 12),
    ]

    /// Correlation of the start speed with the score inside a level.
    public static let speedScoreCorrelation = 0.6
    /// Correlation of the duration with the score inside a level.
    public static let durationScoreCorrelation = 0.3

    /// `rows` rows and the level (0...3) each was drawn from.
    public static func generate(rows: Int, seed: UInt64) -> (values: [Double], levels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var values = [Double](repeating: 0, count: rows * 4)
        var labels = [Int](repeating: 0, count: rows)
        let cumulative = levels.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1.weight) }
        for row in 0..<rows {
            let u = generator.nextUnit()
            var level = levels.count - 1
            for (index, bound) in cumulative.enumerated() where u < bound {
                level = index
                break
            }
            let p = levels[level]
            let z1 = normal(&generator), z2 = normal(&generator)
            let z3 = normal(&generator), z4 = normal(&generator)
            let rho = speedScoreCorrelation, tau = durationScoreCorrelation
            values[row * 4 + 0] = p.scoreMean + p.scoreSpread * z1
            values[row * 4 + 1] = p.ageMean + p.ageSpread * z2
            values[row * 4 + 2] = p.speedMean + p.speedSpread * (rho * z1 + (1 - rho * rho).squareRoot() * z3)
            let minutes = p.durationMean + p.durationSpread * (tau * z1 + (1 - tau * tau).squareRoot() * z4)
            values[row * 4 + 3] = max(1, minutes.rounded())
            labels[row] = level
        }
        return (values, labels)
    }

    /// The generated rows as a `Matrix` (rows × 4).
    public static func matrix(rows: Int, seed: UInt64) -> Matrix {
        // Cannot fail: the value count is rows × 4 by construction.
        try! Matrix(rows: rows, columns: 4, values: generate(rows: rows, seed: seed).values)
    }

    /// A standard normal value (Box–Muller, one value per call).
    @inline(__always)
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let u1 = 1 - generator.nextUnit()  // (0, 1]
        let u2 = generator.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
