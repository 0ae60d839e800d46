/// The settings of the `personal` and `blended` policies.
public struct PersonalTargetSettings: Codable, Sendable, Equatable {
    /// The percentile of the player's window that is their target (60).
    public var percentile: Double
    /// The most recent completed workouts the window holds (9).
    public var workouts: Int
    /// Only workouts of the last `days` days count (28), counted back from the player's latest
    /// workout: a gap in play neither empties the window nor lowers the target.
    public var days: Int
    /// Below this many workouts in the window the cohort ladder sets the target, and says so (3).
    public var minimumWorkouts: Int
    /// `blended` keeps the cohort target when this percentile of the window reaches it (90).
    public var reachPercentile: Double

    enum CodingKeys: String, CodingKey {
        case percentile, workouts, days
        case minimumWorkouts = "minimum_workouts"
        case reachPercentile = "reach_percentile"
    }

    /// The defaults: the 60th percentile of the last 9 games within 28 days, from 3 games; the
    /// cohort target counts as within reach when the 90th percentile of those games reaches it.
    public static let standard = PersonalTargetSettings(
        percentile: 60, workouts: 9, days: 28, minimumWorkouts: 3, reachPercentile: 90)

    /// Settings with the given percentile, window (`workouts` within `days`), minimum history and reach percentile.
    public init(percentile: Double, workouts: Int, days: Int, minimumWorkouts: Int, reachPercentile: Double) {
        self.percentile = percentile
        self.workouts = workouts
        self.days = days
        self.minimumWorkouts = minimumWorkouts
        self.reachPercentile = reachPercentile
    }

    /// The player's window: the last `workouts` of `earlier` scores (oldest first) and the
    /// latest `score`, sorted.
    func window(score: Double, earlier: [Double]) -> [Double] {
        (earlier + [score]).suffix(workouts).sorted()
    }

    /// How high the player's best recent games go: the `reachPercentile` of their window.
    /// `blended` keeps a cohort target at or below it.
    public func reach(score: Double, earlier: [Double]) -> Double {
        PercentileTable.percentile(reachPercentile, ofSorted: window(score: score, earlier: earlier))
    }

    /// Why the settings cannot be used, naming the setting; nil when they can.
    public var problem: String? {
        if !(percentile > 0 && percentile <= 100) { return "percentile: must be above 0 and at most 100, got \(percentile)" }
        if !(reachPercentile > 0 && reachPercentile <= 100) {
            return "reach_percentile: must be above 0 and at most 100, got \(reachPercentile)"
        }
        if workouts < 1 { return "workouts: must be at least 1, got \(workouts)" }
        if days < 1 { return "days: must be at least 1, got \(days)" }
        if minimumWorkouts < 1 || minimumWorkouts > workouts {
            return "minimum_workouts: must be between 1 and workouts (\(workouts)), got \(minimumWorkouts)"
        }
        return nil
    }
}
