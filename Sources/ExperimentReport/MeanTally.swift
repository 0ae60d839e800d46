import MotivationEngine
import Statistics

/// A mean metric of one arm or group as it accumulates: the decided players' values and how
/// many were left out.
struct MeanTally {
    var moments = SampleMoments()
    var leftOut = 0

    /// Counts a player; nil is a player whose outcome is not decided yet.
    @inline(__always)
    mutating func add(_ value: Int?) {
        if let value { moments.add(Double(value)) } else { leftOut += 1 }
    }

    /// The mean with its t interval.
    func result(confidence: Double) -> RetentionReport.MetricResult {
        RetentionReport.MetricResult(
            included: moments.count, leftOut: leftOut, estimate: moments.mean,
            interval: moments.tInterval(confidence: confidence))
    }

    /// This mean minus `control`'s with Welch's interval; nil while either has no decided player.
    func difference(from control: MeanTally, confidence: Double) -> RetentionReport.Difference? {
        MeanDifference(moments, minus: control.moments, confidence: confidence).map {
            RetentionReport.Difference(difference: $0.estimate, interval: $0.interval)
        }
    }
}
