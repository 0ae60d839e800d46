import MotivationEngine
import Statistics

extension RetentionReport {
    /// The Kaplan–Meier estimate of the share of an arm's players back for a workout, day by day
    /// after exposure (days 0 to 28), counting players whose window is still open up to the
    /// time they have been followed.
    public struct ReturnCurve: Codable, Sendable, Equatable {
        /// The arm.
        public var arm: String
        /// The arm's exposed players.
        public var players: Int
        /// The curve's points, day by day.
        public var points: [Point]

        /// The curve at one day.
        public struct Point: Codable, Sendable, Equatable {
            /// Days since exposure.
            public var day: Int
            /// 1 − S(day): the estimated share back by then; absent beyond the longest follow-up
            /// (and without players).
            public var returned: Double?
            /// Players not yet back and still followed at that day.
            public var atRisk: Int

            enum CodingKeys: String, CodingKey {
                case day, returned
                case atRisk = "at_risk"
            }
        }
    }
}

extension RetentionReport.ReturnCurve {
    /// The last day of the curve.
    static let lastDay = 28

    /// The curve of `arm` from its players' times to the next workout.
    init(arm: String, observations: [KaplanMeier.Observation]) {
        let estimate = KaplanMeier(observations)
        self.init(
            arm: arm, players: observations.count,
            points: (0...Self.lastDay).map { day in
                Point(
                    day: day, returned: estimate.survival(at: Double(day)).map { 1 - $0 },
                    atRisk: estimate.atRisk(at: Double(day)))
            })
    }
}
