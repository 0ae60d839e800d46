import MotivationEngine

extension RetentionReport {
    /// One arm over all segments and clusters.
    public struct ArmResults: Codable, Sendable, Equatable {
        /// The arm's name.
        public var arm: String
        /// Players exposed in the arm.
        public var players: Int
        /// The arm's estimates of every metric.
        public var metrics: Metrics<MetricResult>
        /// Each metric minus control's; absent for the control arm itself and when control has
        /// no players. A metric's difference is null while either side has no decided player.
        public var vsControl: Metrics<Difference?>?

        enum CodingKeys: String, CodingKey {
            case arm, players, metrics
            case vsControl = "vs_control"
        }
    }
}
