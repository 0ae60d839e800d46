import MotivationEngine
import Statistics

/// A rate metric of one arm or group as it accumulates: the decided players and how many
/// were left out.
struct ProportionTally {
    var proportion = Proportion()
    var leftOut = 0

    /// Counts a player; nil is a player whose outcome is not decided yet.
    @inline(__always)
    mutating func add(_ value: Bool?) {
        if let value { proportion.add(value) } else { leftOut += 1 }
    }

    /// The rate with its Wilson interval.
    func result(confidence: Double) -> RetentionReport.MetricResult {
        RetentionReport.MetricResult(
            included: proportion.trials, leftOut: leftOut, estimate: proportion.estimate,
            interval: proportion.wilsonInterval(confidence: confidence))
    }

    /// This rate minus `control`'s with Newcombe's interval; nil while either has no decided player.
    func difference(from control: ProportionTally, confidence: Double) -> RetentionReport.Difference? {
        ProportionDifference(proportion, minus: control.proportion, confidence: confidence).map {
            RetentionReport.Difference(difference: $0.estimate, interval: $0.interval)
        }
    }
}
