import Foundation

@testable import MotivationEngine

/// One held-back player as the engine scored them at their median game.
struct ScoredTruthPlayer: Sendable {
    let skill: Double
    let age: Double
    /// The score analysed (the median of the player's games).
    let score: Double
    /// The 90th percentile of the player's own games (numpy's linear interpolation).
    let ownP90: Double
    let level: Int
    let nextTarget: Double
}

/// The honest-levels numbers of issue 18 on held-back players whose truth is known.
struct LevelMeasurement: Sendable, CustomStringConvertible {
    let players: Int
    /// Players the engine refused (their errors; none expected).
    let failures: [String]
    /// Spearman(level, latent skill), average ranks for ties.
    let levelVsSkill: Double
    /// Spearman(level, age).
    let levelVsAge: Double
    /// Share of next targets at or below the player's own 90th-percentile game.
    let targetsWithinOwnP90: Double
    /// Next targets below the score analysed (must be none).
    let targetsBelowScore: Int
    /// Players per level, level 0 first.
    let levelCounts: [Int]
    /// Median of (next target − score) / score.
    let medianStep: Double

    var description: String {
        String(
            format: "players %d (refused %d), Spearman(level, skill) %.3f, Spearman(level, age) %+.3f, "
                + "targets ≤ own p90 %.1f %%, targets below score %d, levels %@, median step %.1f %%",
            players, failures.count, levelVsSkill, levelVsAge, 100 * targetsWithinOwnP90, targetsBelowScore,
            levelCounts.map(String.init).joined(separator: "/"), 100 * medianStep)
    }

    /// The acceptance thresholds of issue 18 this measurement misses (empty when it passes).
    var missedThresholds: [String] {
        var missed: [String] = []
        if !(levelVsSkill >= LevelAcceptance.minimumLevelVsSkill) {
            missed.append("Spearman(level, skill) \(levelVsSkill) < \(LevelAcceptance.minimumLevelVsSkill)")
        }
        if !(abs(levelVsAge) <= LevelAcceptance.maximumAbsLevelVsAge) {
            missed.append("|Spearman(level, age)| \(abs(levelVsAge)) > \(LevelAcceptance.maximumAbsLevelVsAge)")
        }
        if !(targetsWithinOwnP90 >= LevelAcceptance.minimumTargetsWithinOwnP90) {
            missed.append("targets ≤ own p90 \(targetsWithinOwnP90) < \(LevelAcceptance.minimumTargetsWithinOwnP90)")
        }
        if targetsBelowScore > 0 { missed.append("\(targetsBelowScore) targets below the score") }
        if !failures.isEmpty { missed.append("\(failures.count) players refused, first: \(failures[0])") }
        return missed
    }
}

/// The acceptance thresholds of issue 18 ("Honest levels"), for `train`/`batch` with default options.
enum LevelAcceptance {
    static let minimumLevelVsSkill = 0.85
    static let maximumAbsLevelVsAge = 0.10
    static let minimumTargetsWithinOwnP90 = 0.70
}

/// Statistics for the honest-levels measurement (each as numpy/scipy compute it; mirrored by
/// `scripts/honest-levels/check.py`).
enum LevelMetrics {
    /// Trains on `training` with `options` and measures the model on `heldBack`.
    static func measure(
        options: TrainingOptions, training: [TruthPlayer], heldBack: [TruthPlayer]
    ) throws -> LevelMeasurement {
        let model = try SegmentTrainer(options: options).train(
            training.flatMap(\.games), segment: TruthGenerator.segment, trainedAt: Date(timeIntervalSince1970: 1_750_000_000))
        return measure(engine: SegmentEngine(model: model), heldBack: heldBack)
    }

    /// Scores every held-back player at their median game (`cohort` policy) and measures.
    static func measure(engine: SegmentEngine, heldBack: [TruthPlayer]) -> LevelMeasurement {
        var scored: [ScoredTruthPlayer] = []
        var failures: [String] = []
        for player in heldBack {
            let game = player.medianGame
            let input = AnalysisInput(
                gameMode: TruthGenerator.segment.gameMode, difficulty: TruthGenerator.segment.difficulty,
                durationMinutes: Double(TruthGenerator.segment.durationMinutes), score: game.score, age: game.age,
                startSpeed: game.startSpeed, userId: player.id, targetPolicy: .cohort)
            do {
                let analysis = try engine.analyze(input)
                scored.append(
                    ScoredTruthPlayer(
                        skill: player.skill, age: game.age, score: game.score,
                        ownP90: percentile(90, of: player.scores), level: analysis.clusterPrediction.cluster,
                        nextTarget: analysis.motivationalMessage.nextTarget))
            } catch {
                failures.append("\(player.id): \(error)")
            }
        }
        return measure(scored, failures: failures, levels: engine.model.clusters.count)
    }

    /// The measurement of players already scored (by the engine, or read back from `batch`).
    static func measure(_ scored: [ScoredTruthPlayer], failures: [String] = [], levels: Int) -> LevelMeasurement {
        let levelValues = scored.map { Double($0.level) }
        var counts = [Int](repeating: 0, count: max(levels, (scored.map(\.level).max() ?? -1) + 1))
        for player in scored { counts[player.level] += 1 }
        return LevelMeasurement(
            players: scored.count, failures: failures,
            levelVsSkill: spearman(levelValues, scored.map(\.skill)),
            levelVsAge: spearman(levelValues, scored.map(\.age)),
            targetsWithinOwnP90: scored.isEmpty
                ? .nan : Double(scored.count(where: { $0.nextTarget <= $0.ownP90 })) / Double(scored.count),
            targetsBelowScore: scored.count(where: { $0.nextTarget < $0.score }),
            levelCounts: counts,
            medianStep: scored.isEmpty ? .nan : median(scored.map { ($0.nextTarget - $0.score) / $0.score }))
    }

    /// Spearman's rank correlation (the library's, checked against scipy in
    /// `SegmentValidationTests`); NaN when either side is constant.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        RankCorrelation.spearman(x, y) ?? .nan
    }

    /// The `q`-th percentile with linear interpolation (numpy's default; the engine's own
    /// `PercentileTable.percentile`); `values` not empty.
    static func percentile(_ q: Double, of values: [Double]) -> Double {
        PercentileTable.percentile(q, ofSorted: values.sorted())
    }

    /// numpy's median (the engine's `Aggregation.median`); `values` not empty.
    static func median(_ values: [Double]) -> Double {
        Aggregation.median(values)
    }
}
