/// One player to analyse: the segment (any part may be left out when the loaded models make it
/// unambiguous) and the player's current form. `age` and `startSpeed` may be missing: the
/// mixture is then marginalised over them.
public struct AnalysisInput: Codable, Sendable, Equatable {
    public var gameMode: String?
    public var difficulty: Int?
    public var durationMinutes: Double?
    /// The player's current score (required).
    public var score: Double
    public var age: Double?
    public var startSpeed: Double?
    /// The player's id, when known: it keeps the message wording stable across refreshes.
    public var userId: String?

    public init(
        gameMode: String? = nil, difficulty: Int? = nil, durationMinutes: Double? = nil, score: Double,
        age: Double? = nil, startSpeed: Double? = nil, userId: String? = nil
    ) {
        self.gameMode = gameMode
        self.difficulty = difficulty
        self.durationMinutes = durationMinutes
        self.score = score
        self.age = age
        self.startSpeed = startSpeed
        self.userId = userId
    }

    enum CodingKeys: String, CodingKey {
        case gameMode = "game_mode"
        case difficulty
        case durationMinutes = "duration_minutes"
        case score, age, startSpeed
        case userId = "user_id"
    }
}

/// Limits beyond which an input value is absurd rather than exceptional.
public enum AnalysisLimits {
    /// No Sphery score comes near this.
    public static let maximumScore = 1e9
    /// No start speed comes near this.
    public static let maximumStartSpeed = 100.0
}
