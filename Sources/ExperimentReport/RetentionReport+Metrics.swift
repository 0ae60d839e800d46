import MotivationEngine

extension RetentionReport {
    /// One value per retention metric.
    public struct Metrics<Value: Sendable>: Sendable {
        /// A follow-up workout in the same segment reached the target, within the next K
        /// (a proportion).
        public var targetHit: Value
        /// The player was back for a workout (any segment) within 7 days (a proportion; the
        /// experiment's primary metric).
        public var returnedWithin7Days: Value
        /// The player was back within 28 days (a proportion).
        public var returnedWithin28Days: Value
        /// Completed workouts (any segment) in the 28 days after exposure (a mean).
        public var workoutsWithin28Days: Value

        enum CodingKeys: String, CodingKey {
            case targetHit = "target_hit"
            case returnedWithin7Days = "returned_7d"
            case returnedWithin28Days = "returned_28d"
            case workoutsWithin28Days = "workouts_28d"
        }
    }
}

extension RetentionReport.Metrics: Encodable where Value: Encodable {}
extension RetentionReport.Metrics: Decodable where Value: Decodable {}
extension RetentionReport.Metrics: Equatable where Value: Equatable {}
