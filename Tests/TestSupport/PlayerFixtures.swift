import Foundation
import GaussianMixture
import MotivationEngine

/// Deterministic synthetic players for the engine tests: four well-separated score levels
/// (level 0 lowest), several workouts per player, ages that vary per player independently of
/// the level (so the age curve is flat and the levels stay separated once graded), start speeds
/// that rise with the level.
public struct SyntheticPlayers: Sendable {
    /// Mean score of each level; levels are ~8 within-level standard deviations apart.
    public static let levelScores: [Double] = [20_000, 60_000, 100_000, 140_000]

    /// One synthetic player: their id, true level and workouts.
    public struct Player: Sendable {
        /// The player's id, `u0`, `u1`, ….
        public let id: String
        /// The true level, 0 to 3.
        public let level: Int
        /// The player's workouts, oldest first.
        public let workouts: [PlayerRecord]
    }

    /// The players, in id order.
    public let players: [Player]

    /// Every workout of every player, player by player.
    public var records: [PlayerRecord] { players.flatMap(\.workouts) }

    /// `count` players, levels assigned round-robin (so every level has `count / 4` players).
    public init(
        count: Int, seed: UInt64 = 7, workouts: ClosedRange<Int> = 3...5, duration: Double = 10,
        constantStartSpeed: Double? = nil
    ) {
        var random = SeededGenerator(seed: seed)
        var players: [Player] = []
        for p in 0..<count {
            let level = p % 4
            let id = "u\(p)"
            let base = Self.levelScores[level] + 4_000 * random.normal()
            let age = min(90, max(8, 34 + 5 * random.normal()))
            let speed = constantStartSpeed ?? (3 + 0.8 * Double(level) + 0.3 * random.normal())
            let n = workouts.lowerBound + Int(random.nextUnit() * Double(workouts.count))
            let records = (0..<n).map { w in
                PlayerRecord(
                    userId: id, score: (base + 2_500 * random.normal()).rounded(),
                    age: age + Double(w) * 0.05, startSpeed: constantStartSpeed ?? (speed + 0.1 * random.normal()),
                    durationMinutes: duration)
            }
            players.append(Player(id: id, level: level, workouts: records))
        }
        self.players = players
    }

    /// The player's training row `[score, age, startSpeed]` as `median` aggregation makes it
    /// (computed here independently of the engine).
    public static func medianRow(_ player: Player) -> [Double] {
        [\PlayerRecord.score, \.age, \.startSpeed].map { key in
            median(player.workouts.map { $0[keyPath: key]! })
        }
    }

    /// The median of `values` (the mean of the middle two for an even count).
    public static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

extension SeededGenerator {
    /// A standard normal deviate (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = max(nextUnit(), 1e-12), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// `values` in a random order fixed by the generator (Fisher–Yates).
    public mutating func shuffled<T>(_ values: [T]) -> [T] {
        var result = values
        guard result.count > 1 else { return result }
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            let j = Int(nextUnit() * Double(i + 1))
            result.swapAt(i, j)
        }
        return result
    }
}

/// Models shared by several suites (trained once per test process).
public enum Fixtures {
    /// DualFlow, Expert difficulty, 10 minutes.
    public static let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
    /// A whole second, so the ISO 8601 model file keeps it exactly.
    public static let trainedAt = Date(timeIntervalSince1970: 1_750_000_000)

    /// 240 players, 60 per level.
    public static let players = SyntheticPlayers(count: 240)

    /// The default options on `players`.
    public static let model: SegmentModel = {
        do {
            return try SegmentTrainer().train(players.records, segment: segment, trainedAt: trainedAt)
        } catch {
            fatalError("fixture training failed: \(error)")
        }
    }()

    /// The engine of `model`.
    public static let engine = SegmentEngine(model: model)

    /// Three versions of `segment`'s model, distinct by their training seed (so by their ids):
    /// what a registry holds after three trainings.
    public static let versions: [SegmentModel] = (1...3).map { seed in
        var options = TrainingOptions()
        options.seed = UInt64(seed)
        options.restarts = 1
        return train(segment, options: options)
    }

    /// A model of another segment than `segment`, trained on the same players with `seed`.
    public static func otherSegment(seed: UInt64 = 42) -> SegmentModel {
        var options = TrainingOptions()
        options.seed = seed
        options.restarts = 1
        return train(SegmentKey(gameMode: "SpeedRun", difficulty: 1, durationMinutes: 5), options: options)
    }

    private static func train(_ segment: SegmentKey, options: TrainingOptions) -> SegmentModel {
        do {
            return try SegmentTrainer(options: options).train(players.records, segment: segment, trainedAt: trainedAt)
        } catch {
            fatalError("fixture training failed: \(error)")
        }
    }

    /// A fresh temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("engine-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
