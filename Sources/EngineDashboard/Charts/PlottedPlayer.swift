import EngineServer
import MotivationEngine

/// One training player as a model's charts draw them: their row (the median game, by default)
/// and the level the model gives it.
struct PlottedPlayer: Equatable {
    let score: Double
    let age: Double
    let cluster: Int

    /// Points drawn at most (an even sample of the players beyond that).
    static let maximum = 2_000

    /// An even sample of at most `maximum` of `rows`, each with its level; rows without a finite
    /// score and age, or that the model refuses, are left out.
    /// - Parameter rows: the players' rows in `Feature.recorded` order (score, age, startSpeed,
    ///   duration), as `SegmentTrainer.playerRows` gives them.
    static func sample(_ rows: [[Double]], engine: SegmentEngine, maximum: Int = maximum) -> [PlottedPlayer] {
        let step = max(1, (rows.count + maximum - 1) / maximum)
        return stride(from: 0, to: rows.count, by: step).compactMap { index in
            let row = rows[index]
            guard row.count >= 2, row[0].isFinite, row[1].isFinite else { return nil }
            let value = { (j: Int) in row.count > j && row[j].isFinite ? row[j] : nil }
            let input = AnalysisInput(durationMinutes: value(3), score: row[0], age: row[1], startSpeed: value(2))
            guard let prediction = try? engine.predictCluster(input) else { return nil }
            return PlottedPlayer(score: row[0], age: row[1], cluster: prediction.cluster)
        }
    }
}
