import MotivationEngine
import Statistics

extension RetentionReport {
    /// One metric of one arm or group: how many players it is decided for and its estimate.
    public struct MetricResult: Codable, Sendable, Equatable {
        /// Players whose outcome is decided (their window has elapsed).
        public var included: Int
        /// Players left out because their window has not elapsed yet.
        public var leftOut: Int
        /// The share (rates) or the mean (workouts) over the included players; absent without them.
        public var estimate: Double?
        /// The interval at the report's confidence: Wilson's for a rate, the t interval for the
        /// mean; absent without included players (and, for the mean, with a single one).
        public var ciLow: Double?
        /// The upper end of the estimate's interval; nil without one.
        public var ciHigh: Double?

        /// A result over `included` players (`leftOut` still in an open window) with its estimate and interval.
        public init(included: Int, leftOut: Int, estimate: Double?, interval: ConfidenceInterval?) {
            self.included = included
            self.leftOut = leftOut
            self.estimate = estimate
            ciLow = interval?.low
            ciHigh = interval?.high
        }

        enum CodingKeys: String, CodingKey {
            case included, estimate
            case leftOut = "left_out"
            case ciLow = "ci_low"
            case ciHigh = "ci_high"
        }
    }
}
