import ArgumentParser
import MotivationEngine

/// The settings of the personal target (`personal` and `blended` policies).
struct PersonalTargetOptions: ParsableArguments {
    @Option(
        name: .customLong("personal-percentile"), help: "The percentile of the player's own recent games that is their personal target.")
    var personalPercentile: Double = PersonalTargetSettings.standard.percentile

    @Option(name: .customLong("personal-workouts"), help: "The most recent completed workouts the personal target is taken over.")
    var personalWorkouts: Int = PersonalTargetSettings.standard.workouts

    @Option(name: .customLong("personal-days"), help: "Only workouts this many days back from the player's latest count.")
    var personalDays: Int = PersonalTargetSettings.standard.days

    @Option(name: .customLong("personal-minimum"), help: "Below this many workouts in the window, the cohort target is used.")
    var personalMinimum: Int = PersonalTargetSettings.standard.minimumWorkouts

    @Option(
        name: .customLong("reach-percentile"),
        help: "blended keeps the cohort target when this percentile of the player's window reaches it.")
    var reachPercentile: Double = PersonalTargetSettings.standard.reachPercentile

    /// The personal target's settings.
    func personal() throws -> PersonalTargetSettings {
        let settings = PersonalTargetSettings(
            percentile: personalPercentile, workouts: personalWorkouts, days: personalDays,
            minimumWorkouts: personalMinimum, reachPercentile: reachPercentile)
        if let problem = settings.problem { throw ValidationError("personal target: \(problem)") }
        return settings
    }
}
