import Statistics

/// Where one player's scores stand: among players of their age, through the segment's age
/// curve read at that age, or — without an age, or with a format 1 model that has no curve —
/// among all the segment's players, through its percentile table.
public struct PercentileScale: Sendable {
    /// The age curve at the player's age; nil for the unconditional scale.
    public let reading: AgeCurve.Reading?
    let table: PercentileTable

    /// The scale of a player of `age` in `model`.
    init(model: SegmentModel, age: Double?) {
        self.init(table: model.percentiles, reading: age.flatMap { age in model.ageCurve?.reading(atAge: age) })
    }

    /// The scale of `reading`, or of `table` when it is nil.
    init(table: PercentileTable, reading: AgeCurve.Reading? = nil) {
        self.table = table
        self.reading = reading
    }

    /// The percentile (0…100) of `score`.
    public func percentile(of score: Double) -> Double {
        reading?.percentile(of: score) ?? table.percentile(of: score)
    }

    /// The score at percentile `p`.
    public func score(atPercentile p: Double) -> Double {
        reading?.score(atPercentile: p) ?? table.score(atPercentile: p)
    }

    /// The age-graded score of `score`: its z among players of the age, or, on the unconditional
    /// scale, the z of its percentile among all players (within ±`AgeCurve.zLimit`).
    public func gradedScore(of score: Double) -> Double {
        if let reading { return reading.z(of: score) }
        let z = NormalDistribution.quantile(table.percentile(of: score) / 100)
        return min(max(z, -AgeCurve.zLimit), AgeCurve.zLimit)
    }
}
