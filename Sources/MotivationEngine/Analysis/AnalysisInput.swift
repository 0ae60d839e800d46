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
    /// The player's earlier completed scores in the segment, oldest first, within the personal
    /// window's days (`score` is the newest): for the `personal` and `blended` policies when the
    /// caller has no database look-up.
    public var recentScores: [Double]?
    /// The target policy; nil means `cohort` (or the experiment's arm, where one runs).
    public var targetPolicy: TargetPolicyKind?

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

    enum CodingKeys: String, CodingKey {
        case gameMode = "game_mode"
        case difficulty
        case durationMinutes = "duration_minutes"
        case score, age, startSpeed
        case userId = "user_id"
        case recentScores = "recent_scores"
        case targetPolicy = "target_policy"
    }

    /// Decodes field by field, so that an error names its field even where Foundation's decoder
    /// would not (a number too large for its type); `user_id` may be a string or a whole number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        gameMode = try Self.field(String.self, .gameMode, in: container)
        difficulty = try Self.field(Int.self, .difficulty, in: container)
        durationMinutes = try Self.field(Double.self, .durationMinutes, in: container)
        guard container.contains(.score) else {
            throw DecodingError.keyNotFound(CodingKeys.score, .init(codingPath: container.codingPath, debugDescription: "score is required"))
        }
        guard let score = try Self.field(Double.self, .score, in: container) else {
            throw DecodingError.valueNotFound(
                Double.self, .init(codingPath: container.codingPath + [CodingKeys.score], debugDescription: "score is null"))
        }
        self.score = score
        age = try Self.field(Double.self, .age, in: container)
        startSpeed = try Self.field(Double.self, .startSpeed, in: container)
        if let number = try? container.decodeIfPresent(Int.self, forKey: .userId) {
            userId = String(number)
        } else {
            userId = try Self.field(String.self, .userId, in: container)
        }
        recentScores = try Self.field([Double].self, .recentScores, in: container)
        if let policy = try Self.field(String.self, .targetPolicy, in: container) {
            guard let kind = TargetPolicyKind(rawValue: policy) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: container.codingPath + [CodingKeys.targetPolicy],
                    debugDescription: "must be one of " + TargetPolicyKind.names
                        + ", got \"\(policy)\""))
            }
            targetPolicy = kind
        }
    }

    /// The value of `key`, nil when missing or null.
    /// - Throws: `DecodingError` with the key in its path, whatever the decoder threw.
    private static func field<Value: Decodable>(
        _ type: Value.Type, _ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>
    ) throws -> Value? {
        do {
            return try container.decodeIfPresent(type, forKey: key)
        } catch let error as DecodingError {
            throw error
        } catch {
            let problem =
                switch type {
                case is Int.Type: "must be a whole number within range"
                case is String.Type: "must be valid UTF-8 text"
                default: "must be a number within range"
                }
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [key], debugDescription: problem))
        }
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
