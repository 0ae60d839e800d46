import MotivationEngine

extension RetentionReport {
    /// One arm within one segment and cluster.
    public struct GroupResults: Codable, Sendable, Equatable {
        /// The group's segment.
        public var segment: SegmentKey
        /// The group's cluster (level) in the model that exposed the players.
        public var cluster: Int
        /// The cluster's name (empty when the data do not name it).
        public var clusterLabel: String
        /// The arm.
        public var arm: String
        /// Players exposed in the arm, segment and cluster.
        public var players: Int
        /// The group's estimates of every metric.
        public var metrics: Metrics<MetricResult>
        /// Each metric minus that of the control players of the same segment and cluster; absent
        /// for control and when the segment and cluster have no control players.
        public var vsControl: Metrics<Difference?>?

        enum CodingKeys: String, CodingKey {
            case segment, cluster, arm, players, metrics
            case clusterLabel = "cluster_label"
            case vsControl = "vs_control"
        }
    }
}
