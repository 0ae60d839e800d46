import Foundation

/// What happened after a player was first exposed in an experiment: one row per exposed
/// player, as the report's database query produces it.
///
/// The counts and times are as of the query; the report decides with its `asOf` which of them
/// are complete (see `RetentionReportSettings` for the censoring rules).
public struct ExposureOutcome: Sendable, Equatable {
    /// Same-segment workouts after the exposure that are looked at when none are given (K).
    public static let defaultFollowUpWorkouts = 5

    /// The player, as the exposure log names them.
    public var userId: String
    /// The segment the player was exposed in.
    public var segment: SegmentKey
    /// The player's cluster at exposure.
    public var cluster: Int
    /// The cluster's name, e.g. `Advanced` (empty when unknown).
    public var clusterLabel: String
    /// The experiment arm, e.g. `control`, `cohort`, `personal`, `blended`.
    public var arm: String
    /// When the player was first exposed.
    public var exposedAt: Date
    /// The target score computed at exposure (also for control, where it was not shown).
    public var target: Double
    /// Days from exposure to the player's next completed workout in any segment; nil when there
    /// has been none yet.
    public var daysToNextWorkout: Double?
    /// Completed workouts (any segment) in (exposedAt, exposedAt + 7 days].
    public var workoutsWithin7Days: Int
    /// Completed workouts (any segment) in (exposedAt, exposedAt + 28 days].
    public var workoutsWithin28Days: Int
    /// Completed workouts in the same segment after exposure, counted up to K (the query caps it).
    public var followUpWorkouts: Int
    /// Whether one of the next K completed workouts in the same segment scored at least `target`.
    public var reachedTarget: Bool

    /// An outcome with the given values.
    public init(
        userId: String, segment: SegmentKey, cluster: Int, clusterLabel: String, arm: String,
        exposedAt: Date, target: Double, daysToNextWorkout: Double?, workoutsWithin7Days: Int,
        workoutsWithin28Days: Int, followUpWorkouts: Int, reachedTarget: Bool
    ) {
        self.userId = userId
        self.segment = segment
        self.cluster = cluster
        self.clusterLabel = clusterLabel
        self.arm = arm
        self.exposedAt = exposedAt
        self.target = target
        self.daysToNextWorkout = daysToNextWorkout
        self.workoutsWithin7Days = workoutsWithin7Days
        self.workoutsWithin28Days = workoutsWithin28Days
        self.followUpWorkouts = followUpWorkouts
        self.reachedTarget = reachedTarget
    }
}
