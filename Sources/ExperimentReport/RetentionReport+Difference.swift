import MotivationEngine
import Statistics

extension RetentionReport {
    /// An arm's metric minus control's: Newcombe's hybrid score interval for a rate, Welch's
    /// for the mean.
    public struct Difference: Codable, Sendable, Equatable {
        /// The arm's estimate minus control's (a rate difference of 0.041 is 4.1 points).
        public var difference: Double
        /// Absent when a side has a single player (the mean's spread is then unknown).
        public var ciLow: Double?
        /// The upper end of the difference's interval; nil without one.
        public var ciHigh: Double?
        /// Whether the interval leaves out zero, i.e. the data support a difference.
        public var excludesZero: Bool

        /// A difference with its interval, if one could be computed.
        public init(difference: Double, interval: ConfidenceInterval?) {
            self.difference = difference
            ciLow = interval?.low
            ciHigh = interval?.high
            excludesZero = interval?.excludesZero ?? false
        }

        enum CodingKeys: String, CodingKey {
            case difference
            case ciLow = "ci_low"
            case ciHigh = "ci_high"
            case excludesZero = "excludes_zero"
        }
    }
}
