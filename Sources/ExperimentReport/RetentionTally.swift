import MotivationEngine

/// The four metrics of one arm or group as its players are added.
struct RetentionTally {
    var players = 0
    var targetHit = ProportionTally()
    var returnedWithin7Days = ProportionTally()
    var returnedWithin28Days = ProportionTally()
    var workoutsWithin28Days = MeanTally()

    /// Counts one exposed player.
    @inline(__always)
    mutating func add(_ outcome: DecidedOutcome) {
        players += 1
        targetHit.add(outcome.targetHit)
        returnedWithin7Days.add(outcome.returnedWithin7Days)
        returnedWithin28Days.add(outcome.returnedWithin28Days)
        workoutsWithin28Days.add(outcome.workoutsWithin28Days)
    }

    /// Each metric with its interval.
    func results(confidence: Double) -> RetentionReport.Metrics<RetentionReport.MetricResult> {
        RetentionReport.Metrics(
            targetHit: targetHit.result(confidence: confidence),
            returnedWithin7Days: returnedWithin7Days.result(confidence: confidence),
            returnedWithin28Days: returnedWithin28Days.result(confidence: confidence),
            workoutsWithin28Days: workoutsWithin28Days.result(confidence: confidence))
    }

    /// Each metric minus `control`'s.
    func differences(from control: RetentionTally, confidence: Double) -> RetentionReport.Metrics<RetentionReport.Difference?> {
        RetentionReport.Metrics(
            targetHit: targetHit.difference(from: control.targetHit, confidence: confidence),
            returnedWithin7Days: returnedWithin7Days.difference(from: control.returnedWithin7Days, confidence: confidence),
            returnedWithin28Days: returnedWithin28Days.difference(from: control.returnedWithin28Days, confidence: confidence),
            workoutsWithin28Days: workoutsWithin28Days.difference(from: control.workoutsWithin28Days, confidence: confidence))
    }
}
