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

/// Spearman's rank correlation (ties share their mean rank); nil for fewer than three pairs or
/// a constant side.
func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 3 else { return nil }
    func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { ranks[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        return ranks
    }
    let (a, b) = (ranks(x), ranks(y))
    let n = Double(a.count)
    let (meanA, meanB) = (a.reduce(0, +) / n, b.reduce(0, +) / n)
    var (sab, saa, sbb) = (0.0, 0.0, 0.0)
    for i in a.indices {
        sab += (a[i] - meanA) * (b[i] - meanB)
        saa += (a[i] - meanA) * (a[i] - meanA)
        sbb += (b[i] - meanB) * (b[i] - meanB)
    }
    guard saa > 0, sbb > 0 else { return nil }
    return sab / (saa * sbb).squareRoot()
}
