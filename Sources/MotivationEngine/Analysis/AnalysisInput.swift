/// One player to analyse: the segment (any part may be left out when the loaded models make it
/// unambiguous) and the player's current form. `age` and `startSpeed` may be missing: the
/// mixture is then marginalised over them. Its JSON is read by `EngineAPI`.
public struct AnalysisInput: Sendable, Equatable {
    /// The game mode, e.g. `DualFlow`; nil when the loaded models leave one.
    public var gameMode: String?
    /// The difficulty, -1 for Expert; nil when the loaded models leave one.
    public var difficulty: Int?
    /// The session length in minutes; nil when the loaded models leave one.
    public var durationMinutes: Double?
    /// The player's current score (required).
    public var score: Double
    /// The player's age in years; nil marginalises it out.
    public var age: Double?
    /// The start speed; nil marginalises it out.
    public var startSpeed: Double?
    /// The player's id, when known: it keeps the message wording stable across refreshes.
    public var userId: String?
    /// The player's earlier completed scores in the segment, oldest first, within the personal
    /// window's days (`score` is the newest): for the `personal` and `blended` policies when the
    /// caller has no database look-up.
    public var recentScores: [Double]?
    /// The target policy; nil means `cohort` (or the experiment's arm, where one runs).
    public var targetPolicy: TargetPolicyKind?

    /// An input with the given values; only the score is required.
    public init(
        gameMode: String? = nil, difficulty: Int? = nil, durationMinutes: Double? = nil, score: Double,
        age: Double? = nil, startSpeed: Double? = nil, userId: String? = nil, recentScores: [Double]? = nil,
        targetPolicy: TargetPolicyKind? = nil
    ) {
        self.gameMode = gameMode
        self.difficulty = difficulty
        self.durationMinutes = durationMinutes
        self.score = score
        self.age = age
        self.startSpeed = startSpeed
        self.userId = userId
        self.recentScores = recentScores
        self.targetPolicy = targetPolicy
    }
}

/// Limits beyond which an input value is absurd rather than exceptional.
public enum AnalysisLimits {
    /// No Sphery score comes near this.
    public static let maximumScore = 1e9
    /// No start speed comes near this.
    public static let maximumStartSpeed = 100.0
    /// The longest player id, in characters (the longest `X-Request-Id` too).
    public static let maximumUserIdLength = 128
}
