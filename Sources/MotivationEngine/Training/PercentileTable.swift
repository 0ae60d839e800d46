/// The segment's per-player score distribution as its percentiles 0, 1, …, 100 (numpy's
/// default linear interpolation), which answers both "what score is the 75th percentile"
/// and "at which percentile is this score" (interpolated, not bucketed).
public struct PercentileTable: Codable, Sendable, Equatable {
    /// `scores[p]` is the `p`-th percentile, `p` in `0...100`; non-decreasing.
    public let scores: [Double]

    /// The percentiles of `values` (which must not be empty).
    init(_ values: [Double]) {
        let sorted = values.sorted()
        scores = (0...100).map { Self.percentile(Double($0), ofSorted: sorted) }
    }

    /// The `q`-th percentile of sorted values with linear interpolation (numpy's default).
    static func percentile(_ q: Double, ofSorted sorted: [Double]) -> Double {
        let position = q / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// The score at percentile `p` (0…100, interpolated between whole percentiles).
    public func score(atPercentile p: Double) -> Double {
        let clamped = min(max(p, 0), 100)
        let lower = Int(clamped.rounded(.down))
        guard lower < 100 else { return scores[100] }
        return scores[lower] + (scores[lower + 1] - scores[lower]) * (clamped - Double(lower))
    }

    /// The percentile (0…100) of `score`: the inverse of `score(atPercentile:)`; on a run of
    /// equal percentile scores, the highest percentile of the run.
    public func percentile(of score: Double) -> Double {
        if score < scores[0] { return 0 }
        if score >= scores[100] { return 100 }
        var low = 0, high = 100  // scores[low] <= score < scores[high]
        while high - low > 1 {
            let middle = (low + high) / 2
            if scores[middle] <= score { low = middle } else { high = middle }
        }
        return Double(low) + (score - scores[low]) / (scores[high] - scores[low])
    }
}
