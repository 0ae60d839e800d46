/// The analysis of one player, key for key the JSON of DESIGN.md.
public struct Analysis: Codable, Sendable, Equatable {
    public var segment: SegmentKey
    public var playerData: PlayerData
    public var clusterPrediction: ClusterPrediction
    public var performanceTargets: PerformanceTargets
    public var motivationalMessage: MotivationalMessage
    public var model: ModelReference

    enum CodingKeys: String, CodingKey {
        case segment, model
        case playerData = "player_data"
        case clusterPrediction = "cluster_prediction"
        case performanceTargets = "performance_targets"
        case motivationalMessage = "motivational_message"
    }
}

/// The player's values as analysed (`null` where missing).
public struct PlayerData: Codable, Sendable, Equatable {
    public var score: Double
    public var age: Double?
    public var startSpeed: Double?
    public var durationMinutes: Double

    enum CodingKeys: String, CodingKey {
        case score, age, startSpeed
        case durationMinutes = "duration_minutes"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encode(age, forKey: .age)  // null when missing, as the seed's shape has it
        try container.encode(startSpeed, forKey: .startSpeed)
        try container.encode(durationMinutes, forKey: .durationMinutes)
    }
}

/// The player's cluster and how sure the model is.
public struct ClusterPrediction: Codable, Sendable, Equatable {
    public var cluster: Int
    public var clusterLabel: String
    /// The probability of the predicted cluster.
    public var confidence: Double
    /// The probability of every cluster, in cluster order.
    public var probabilities: [Double]
    /// Features that were missing and marginalised out (the confidence is then lower).
    public var missingFeatures: [Feature]

    enum CodingKeys: String, CodingKey {
        case cluster, confidence, probabilities
        case clusterLabel = "cluster_label"
        case missingFeatures = "missing_features"
    }
}

/// A cluster's target range and its scores.
public struct PerformanceTargets: Codable, Sendable, Equatable {
    public var cluster: Int
    public var lowerPercentile: Double
    public var upperPercentile: Double
    public var targets: [Target]

    /// One target: a percentile of the segment and its score.
    public struct Target: Codable, Sendable, Equatable {
        public var percentile: Double
        public var score: Double
    }

    enum CodingKeys: String, CodingKey {
        case cluster, targets
        case lowerPercentile = "lower_percentile"
        case upperPercentile = "upper_percentile"
    }
}

/// The next target, the message, and where the target comes from.
public struct MotivationalMessage: Codable, Sendable, Equatable {
    public var message: String
    public var nextTarget: Double
    /// `nil` for a personal stretch goal above every percentile.
    public var nextTargetPercentile: Double?
    public var pointsToNextTarget: Double
    public var currentPercentile: Double
    public var status: TargetStatus
    /// The policy that set the target (`cohort`, `personal`, `blended`).
    public var targetPolicy: String
    public var targetReason: TargetReason
    /// Whether the game should show the target: false in an experiment's `control` arm, where
    /// the target is still computed (to measure whether players reach it unseen) but hidden.
    public var targetShown: Bool
    /// The message template's id (`status#position`), for the exposure log.
    public var templateId: String

    enum CodingKeys: String, CodingKey {
        case message, status
        case targetShown = "target_shown"
        case templateId = "template_id"
        case nextTarget = "next_target"
        case nextTargetPercentile = "next_target_percentile"
        case pointsToNextTarget = "points_to_next_target"
        case currentPercentile = "current_percentile"
        case targetPolicy = "target_policy"
        case targetReason = "target_reason"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        try container.encode(nextTarget, forKey: .nextTarget)
        try container.encode(nextTargetPercentile, forKey: .nextTargetPercentile)
        try container.encode(pointsToNextTarget, forKey: .pointsToNextTarget)
        try container.encode(currentPercentile, forKey: .currentPercentile)
        try container.encode(status, forKey: .status)
        try container.encode(targetPolicy, forKey: .targetPolicy)
        try container.encode(targetReason, forKey: .targetReason)
        try container.encode(targetShown, forKey: .targetShown)
        try container.encode(templateId, forKey: .templateId)
    }
}

/// Why the target is what it is, so the game can show it.
public struct TargetReason: Codable, Sendable, Equatable {
    /// `cohort` (a percentile of the segment's players), `personal` (a percentile of the
    /// player's own recent games) or `personal_step` (a step above the player's score).
    public var source: String
    /// The percentile: of the segment's players for `cohort`, of the player's window for `personal`.
    public var percentile: Double?
    /// Players the cohort percentile is taken over (`null` for a personal target).
    public var population: Int?
    /// The player's own games the personal percentile is taken over (`null` for a cohort target).
    public var windowSize: Int?
    /// The reason in words.
    public var text: String

    public init(source: String, percentile: Double?, population: Int?, windowSize: Int? = nil, text: String) {
        self.source = source
        self.percentile = percentile
        self.population = population
        self.windowSize = windowSize
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case source, percentile, population, text
        case windowSize = "window_size"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Every key stays, `null` where it does not apply.
        try container.encode(source, forKey: .source)
        try container.encode(percentile, forKey: .percentile)
        try container.encode(population, forKey: .population)
        try container.encode(windowSize, forKey: .windowSize)
        try container.encode(text, forKey: .text)
    }
}

/// Which model made the analysis.
public struct ModelReference: Codable, Sendable, Equatable {
    public var id: String
    public var trainedAt: String

    enum CodingKeys: String, CodingKey {
        case id
        case trainedAt = "trained_at"
    }
}
