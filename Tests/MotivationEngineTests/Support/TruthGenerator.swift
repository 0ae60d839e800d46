import Foundation
import TestSupport

@testable import MotivationEngine

/// Players whose truth is known, for the honest-levels tests (issue 18): a latent skill
/// independent of age, scores that follow a smooth age curve (children and older adults score
/// less at the same skill), a start speed tied to skill, and several games per player with
/// log-normal noise.
///
/// The generator is mirrored draw for draw by `scripts/honest-levels/check.py`, so the same seed
/// gives the same players (and, through `train --csv` and `batch`, the same numbers) there.
/// Change both together.
///
/// The model, per player:
/// - skill ~ N(0, 1), drawn before and independently of the age;
/// - age: 10 % children 8–18, 70 % adults 18–50, 20 % 50–85 (uniform inside each group),
///   growing with the days between games;
/// - preferred start speed = 4.5 + 0.8·skill + 0.5·N(0, 1), rounded to 0.5, clamped to 1…10;
///   each game starts 0.5 lower (10 %) or higher (10 %) than preferred, clamped again;
/// - 6–20 games, 1–6 days apart;
/// - score = 100,000 · ageFactor(age) · exp(0.25·skill) · sqrt(speed/5) · exp(0.12·N(0, 1)),
///   rounded to whole points.
struct TruthPlayer: Sendable {
    let id: String
    let skill: Double
    /// Age at the first game.
    let age: Double
    /// Preferred start speed (the games' speeds vary around it).
    let speed: Double
    /// The games, oldest first (`playedAt` increasing).
    let games: [PlayerRecord]

    var scores: [Double] { games.map { $0.score! } }

    /// The player at their median game: the median score, age and start speed of their games
    /// (numpy's median, as the trainer's `median` aggregation makes a training row).
    var medianGame: (score: Double, age: Double, startSpeed: Double) {
        (
            LevelMetrics.median(games.map { $0.score! }), LevelMetrics.median(games.map { $0.age! }),
            LevelMetrics.median(games.map { $0.startSpeed! })
        )
    }
}

struct TruthGenerator {
    /// The one segment every player plays.
    static let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
    /// The score of a skill-0 player aged 25–32 at speed 5, before noise.
    static let baseScore = 100_000.0
    /// How strongly skill moves the score: exp(skillEffect · skill).
    static let skillEffect = 0.25
    /// Standard deviation of the per-game log-normal noise.
    static let gameNoise = 0.12
    /// The first game of the first player (2025-01-01T00:00:00Z).
    static let firstDay = Date(timeIntervalSince1970: 1_735_689_600)

    /// The age at which the age factor is 1.
    static let peakAge = 28.5
    /// Curvature in log-age below and above the peak: ageFactor(8) = 0.60, ageFactor(85) = 0.55.
    static let youngCurvature = -log(0.60) / pow(log(8 / peakAge), 2)
    static let oldCurvature = -log(0.55) / pow(log(85 / peakAge), 2)

    /// The typical score at `age` relative to the peak: exp(−k·ln(age/28.5)²), with a different k
    /// either side of the peak (smooth, with a zero slope at the peak). About 0.60 at 8, 0.79 at
    /// 12, 0.90 at 16, 0.99 at 25 and 32, 0.85 at 50, 0.71 at 65 and 0.55 at 85.
    static func ageFactor(_ age: Double) -> Double {
        let l = log(age / peakAge)
        return exp(-(l < 0 ? youngCurvature : oldCurvature) * l * l)
    }

    /// `count` players named `prefix0`, `prefix1`, … drawn from `seed`.
    static func players(count: Int, seed: UInt64, prefix: String) -> [TruthPlayer] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { player(id: "\(prefix)\($0)", random: &random) }
    }

    /// Training players and separate held-back players (a different stream, so the held-back
    /// players do not change with the number of training players).
    static func split(seed: UInt64, training: Int, heldBack: Int) -> (training: [TruthPlayer], heldBack: [TruthPlayer]) {
        (players(count: training, seed: seed, prefix: "t"), players(count: heldBack, seed: seed ^ heldBackSalt, prefix: "h"))
    }

    static let heldBackSalt: UInt64 = 0xD1B5_4A32_D192_ED03

    /// One player; the order of the draws is the contract with `check.py`.
    private static func player(id: String, random: inout SplitMix64) -> TruthPlayer {
        let skill = random.normal()
        let group = random.unit()
        let age: Double
        if group < 0.10 {
            age = 8 + 10 * random.unit()
        } else if group < 0.80 {
            age = 18 + 32 * random.unit()
        } else {
            age = 50 + 35 * random.unit()
        }
        let speed = clampSpeed(halfSteps(4.5 + 0.8 * skill + 0.5 * random.normal()))
        let count = 6 + Int(random.unit() * 15)
        var day = 0
        var games: [PlayerRecord] = []
        for _ in 0..<count {
            day += 1 + Int(random.unit() * 6)
            let change = random.unit()
            let gameSpeed = clampSpeed(change < 0.1 ? speed - 0.5 : change < 0.2 ? speed + 0.5 : speed)
            let noise = random.normal()
            let gameAge = hundredths(age + Double(day) / 365.25)
            let score =
                (baseScore * ageFactor(gameAge) * exp(skillEffect * skill) * (gameSpeed / 5).squareRoot()
                * exp(gameNoise * noise) + 0.5).rounded(.down)
            games.append(
                PlayerRecord(
                    userId: id, score: score, age: gameAge, startSpeed: gameSpeed,
                    durationMinutes: Double(segment.durationMinutes),
                    playedAt: firstDay.addingTimeInterval(Double(day) * 86_400)))
        }
        return TruthPlayer(id: id, skill: skill, age: hundredths(age), speed: speed, games: games)
    }

    /// Rounded half up to the nearest 0.5 (as `check.py`: floor(2x + 0.5) / 2).
    private static func halfSteps(_ x: Double) -> Double { (2 * x + 0.5).rounded(.down) / 2 }
    private static func clampSpeed(_ x: Double) -> Double { min(10, max(1, x)) }
    /// Rounded half up to two decimals.
    private static func hundredths(_ x: Double) -> Double { (100 * x + 0.5).rounded(.down) / 100 }
}

extension SplitMix64 {
    /// A standard normal deviate (Box–Muller, one of the pair; two uniforms per call), as
    /// `scripts/honest-levels/check.py` draws it.
    mutating func normal() -> Double {
        let u1 = 1 - unit()  // (0, 1]
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
