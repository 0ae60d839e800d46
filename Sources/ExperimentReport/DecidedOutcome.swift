import Foundation
import MotivationEngine
import Statistics

/// One exposure's metrics as far as they are decided at the report's `asOf`: nil for a metric
/// whose window is still open (right-censored). The rules are those of
/// `RetentionReportSettings`.
struct DecidedOutcome {
    /// The short return window, in days.
    static let shortWindow = 7.0
    /// The long return window, in days; also when an undecided target counts as missed.
    static let longWindow = 28.0

    var targetHit: Bool?
    var returnedWithin7Days: Bool?
    var returnedWithin28Days: Bool?
    var workoutsWithin28Days: Int?
    /// The time to the next workout: an event when it came by `asOf`, else censored at the time
    /// elapsed (0 for an exposure after `asOf`).
    var nextWorkout: KaplanMeier.Observation

    init(_ outcome: ExposureOutcome, asOf: Date, hitWorkouts: Int) {
        let elapsed = max(0, outcome.exposedAt.distance(to: asOf) / 86_400)
        // A workout after asOf is not known at asOf.
        let returnDay = outcome.daysToNextWorkout.flatMap { $0 <= elapsed ? max(0, $0) : nil }
        if elapsed >= Self.shortWindow {
            returnedWithin7Days = returnDay.map { $0 <= Self.shortWindow } ?? false
        }
        if elapsed >= Self.longWindow {
            returnedWithin28Days = returnDay.map { $0 <= Self.longWindow } ?? false
            workoutsWithin28Days = outcome.workoutsWithin28Days
        }
        if outcome.reachedTarget || outcome.followUpWorkouts >= hitWorkouts || elapsed >= Self.longWindow {
            targetHit = outcome.reachedTarget
        }
        nextWorkout = KaplanMeier.Observation(time: returnDay ?? elapsed, event: returnDay != nil)
    }
}
