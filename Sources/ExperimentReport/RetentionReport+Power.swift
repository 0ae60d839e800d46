import MotivationEngine
import Statistics

extension RetentionReport {
    /// The sample the 7-day return rate needs to detect the planned difference, against the
    /// sample it has.
    public struct Power: Codable, Sendable, Equatable {
        /// The difference to detect (absolute; 0.05 is 5 points).
        public var minimumDetectableEffect: Double
        /// The planned probability of detecting it.
        public var power: Double
        /// Control's 7-day return rate the calculation starts from.
        public var baseline: Double
        /// Whether `baseline` was observed; when control has no complete window yet it is 0.5,
        /// the most cautious value.
        public var baselineObserved: Bool
        /// Players per arm with a complete 7-day window needed (`SampleSize.perArm`).
        public var requiredPerArm: Int
        /// The arm with the fewest players with a complete 7-day window.
        public var smallestArm: String
        /// That arm's players with a complete 7-day window.
        public var smallestArmIncluded: Int
        /// Whether every arm has the required players.
        public var reached: Bool

        enum CodingKeys: String, CodingKey {
            case power, baseline, reached
            case minimumDetectableEffect = "minimum_detectable_effect"
            case baselineObserved = "baseline_observed"
            case requiredPerArm = "required_per_arm"
            case smallestArm = "smallest_arm"
            case smallestArmIncluded = "smallest_arm_included"
        }
    }
}
