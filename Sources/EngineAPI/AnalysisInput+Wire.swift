import MotivationEngine

extension AnalysisInput: Decodable {
    /// The keys of the analysis input: the segment's, the player's values, and the options.
    public enum Key: UInt8, WireKey {
        case gameMode, difficulty, durationMinutes, score, age, startSpeed, userId, targetPolicy, recentScores

        /// The key as JSON spells it.
        public var name: StaticString {
            switch self {
            case .gameMode: "game_mode"
            case .difficulty: "difficulty"
            case .durationMinutes: "duration_minutes"
            case .score: "score"
            case .age: "age"
            case .startSpeed: "startSpeed"
            case .userId: "user_id"
            case .targetPolicy: "target_policy"
            case .recentScores: "recent_scores"
            }
        }
    }

    /// Decodes field by field, so that an error names its field even where Foundation's decoder
    /// would not (a number too large for its type); `user_id` may be a string or a whole number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        // In key order, so that the first field at fault is the one named.
        let gameMode = try Self.field(String.self, .gameMode, in: container)
        let difficulty = try Self.field(Int.self, .difficulty, in: container)
        let durationMinutes = try Self.field(Double.self, .durationMinutes, in: container)
        guard container.contains(.score) else {
            throw DecodingError.keyNotFound(Key.score, .init(codingPath: container.codingPath, debugDescription: "score is required"))
        }
        guard let score = try Self.field(Double.self, .score, in: container) else {
            throw DecodingError.valueNotFound(
                Double.self, .init(codingPath: container.codingPath + [Key.score], debugDescription: "score is null"))
        }
        let age = try Self.field(Double.self, .age, in: container)
        let startSpeed = try Self.field(Double.self, .startSpeed, in: container)
        var userId: String?
        if let number = try? container.decodeIfPresent(Int.self, forKey: .userId) {
            userId = String(number)
        } else {
            userId = try Self.field(String.self, .userId, in: container)
        }
        let recentScores = try Self.field([Double].self, .recentScores, in: container)
        var policy: TargetPolicyKind?
        if let name = try Self.field(String.self, .targetPolicy, in: container) {
            guard let kind = TargetPolicyKind(rawValue: name) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: container.codingPath + [Key.targetPolicy],
                        debugDescription: "must be one of " + TargetPolicyKind.names + ", got \"\(name)\""))
            }
            policy = kind
        }
        self.init(
            gameMode: gameMode, difficulty: difficulty, durationMinutes: durationMinutes, score: score, age: age,
            startSpeed: startSpeed, userId: userId, recentScores: recentScores, targetPolicy: policy)
    }

    /// The value of `key`, nil when missing or null.
    /// - Throws: `DecodingError` with the key in its path, whatever the decoder threw.
    private static func field<Value: Decodable>(
        _ type: Value.Type, _ key: Key, in container: KeyedDecodingContainer<Key>
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
