import Foundation
import MotivationEngine

/// Whether an experiment's arms keep players coming back, compared with its control arm:
/// per arm and per segment, cluster and arm, the four retention metrics with confidence
/// intervals and their differences to control, the return curves, whether the sample is
/// large enough, and a verdict in plain words that claims no effect its interval does not
/// support.
///
/// Built from one row per exposed player by `init(outcomes:settings:experiment:)`. Every number
/// is finite (an estimate without data is absent), so the report always encodes as JSON; keys
/// are snake_case and dates are as the caller's encoder writes them (ISO 8601 is intended).
public struct RetentionReport: Codable, Sendable, Equatable {
    /// The experiment's name.
    public var experiment: String
    /// The report's "now".
    public var asOf: Date
    /// The confidence level of every interval.
    public var confidence: Double
    /// K, the follow-up workouts in which a player may reach the target.
    public var hitWorkouts: Int
    /// The arm the others are compared with.
    public var controlArm: String
    /// Exposed players, all arms.
    public var players: Int
    /// Per arm, control first, then the planned arms, then any other arm found in the data.
    public var arms: [ArmResults]
    /// Per segment, cluster and arm (only those with players), compared with the control players
    /// of the same segment and cluster.
    public var groups: [GroupResults]
    /// The share of players back for a workout, day by day, per arm (in the order of `arms`).
    public var returnCurves: [ReturnCurve]
    /// Whether the 7-day return rate has the sample the experiment needs.
    public var power: Power
    /// The conclusion in plain sentences: one per compared arm on the 7-day return, and whether
    /// the experiment must keep running.
    public var verdict: [String]

    enum CodingKeys: String, CodingKey {
        case experiment, confidence, players, arms, groups, power, verdict
        case asOf = "as_of"
        case hitWorkouts = "hit_workouts"
        case controlArm = "control_arm"
        case returnCurves = "return_curves"
    }
}
