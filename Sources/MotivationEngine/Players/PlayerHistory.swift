import Foundation

/// One player's recent form in a segment, for the live analysis: the latest completed workout,
/// the personal best and the trend over the last workouts.
public struct PlayerHistory: Sendable, Equatable {
    /// The player's id (`"Users".id`).
    public var userId: Int
    /// The segment the history is in.
    public var segment: SegmentKey
    /// The latest completed workout's values (`age` is nil without a date of birth).
    public var latestScore: Double
    /// The player's age at the latest workout; nil without a date of birth.
    public var latestAge: Double?
    /// The latest workout's start speed; nil when not recorded.
    public var latestStartSpeed: Double?
    /// When the latest workout was played.
    public var latestPlayedAt: Date
    /// The best score of all the player's completed workouts in the segment.
    public var personalBest: Double
    /// Completed workouts in the segment.
    public var completedWorkouts: Int
    /// The scores of the last workouts (the trend's window), oldest first.
    public var recentScores: [Double]
    /// The scores the personal target is taken over, oldest first, ending with the latest: the
    /// last workouts (up to the personal window's count) within its days of the latest workout.
    public var windowScores: [Double]
    /// The trend over `recentScores`.
    public var trend: Trend

    /// How many of the last workouts the trend is taken over when none is asked for.
    public static let defaultTrendWorkouts = 10

    /// The least-squares slope of the scores of the last workouts, oldest to newest.
    public struct Trend: Sendable, Equatable {
        /// Workouts the trend is taken over.
        public var workouts: Int
        /// Change of score per workout.
        public var slopePerWorkout: Double
        /// Whether the slope is positive (with at least two workouts).
        public var improving: Bool

        /// The trend of `scores`, oldest first.
        public init(scores: [Double]) {
            workouts = scores.count
            guard scores.count >= 2 else {
                slopePerWorkout = 0
                improving = false
                return
            }
            let n = Double(scores.count)
            let meanIndex = (n - 1) / 2, meanScore = scores.reduce(0, +) / n
            var covariance = 0.0, variance = 0.0
            for (index, score) in scores.enumerated() {
                covariance += (Double(index) - meanIndex) * (score - meanScore)
                variance += (Double(index) - meanIndex) * (Double(index) - meanIndex)
            }
            slopePerWorkout = covariance / variance
            improving = slopePerWorkout > 0
        }
    }

    /// A history of the given values; `trend` is taken over `recentScores`.
    public init(
        userId: Int, segment: SegmentKey, latestScore: Double, latestAge: Double?, latestStartSpeed: Double?,
        latestPlayedAt: Date, personalBest: Double, completedWorkouts: Int, recentScores: [Double], windowScores: [Double]
    ) {
        self.userId = userId
        self.segment = segment
        self.latestScore = latestScore
        self.latestAge = latestAge
        self.latestStartSpeed = latestStartSpeed
        self.latestPlayedAt = latestPlayedAt
        self.personalBest = personalBest
        self.completedWorkouts = completedWorkouts
        self.recentScores = recentScores
        self.windowScores = windowScores
        trend = Trend(scores: recentScores)
    }

    /// The analysis input for the latest workout under `policy`, with the window's earlier scores.
    public func analysisInput(policy: TargetPolicyKind? = nil) -> AnalysisInput {
        AnalysisInput(
            gameMode: segment.gameMode, difficulty: segment.difficulty, durationMinutes: Double(segment.durationMinutes),
            score: latestScore, age: latestAge, startSpeed: latestStartSpeed, userId: String(userId),
            recentScores: Array(windowScores.dropLast()), targetPolicy: policy)
    }
}
