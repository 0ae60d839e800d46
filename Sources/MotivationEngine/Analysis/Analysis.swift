/// The analysis of one player: the answer of DESIGN.md, written on the wire by `EngineAPI`.
public struct Analysis: Sendable, Equatable {
    /// The segment the player was analysed in.
    public var segment: SegmentKey
    /// The player's values as analysed.
    public var playerData: PlayerData
    /// The player's level and how sure the model is.
    public var clusterPrediction: ClusterPrediction
    /// The level's target range and its scores.
    public var performanceTargets: PerformanceTargets
    /// The next target, the message, and why the target is what it is.
    public var motivationalMessage: MotivationalMessage
    /// The model that made the analysis.
    public var model: ModelReference
}

/// The player's values as analysed (`null` where missing).
public struct PlayerData: Sendable, Equatable {
    /// The score analysed.
    public var score: Double
    /// The age in years; nil when not given.
    public var age: Double?
    /// The start speed; nil when not given.
    public var startSpeed: Double?
    /// The session length in minutes.
    public var durationMinutes: Double
}

/// The player's cluster and how sure the model is.
public struct ClusterPrediction: Sendable, Equatable {
    /// The level, 0 the lowest.
    public var cluster: Int
    /// The level's name in the requested language, e.g. `Advanced`.
    public var clusterLabel: String
    /// The probability of the predicted cluster.
    public var confidence: Double
    /// The probability of every cluster, in cluster order.
    public var probabilities: [Double]
    /// Features that were missing and marginalised out (the confidence is then lower).
    public var missingFeatures: [Feature]
}

/// A cluster's target range and its scores.
public struct PerformanceTargets: Sendable, Equatable {
    /// The level the range belongs to.
    public var cluster: Int
    /// The range's lower percentile, e.g. 75.
    public var lowerPercentile: Double
    /// The range's upper percentile, e.g. 90.
    public var upperPercentile: Double
    /// The range's ends, with their scores for the player's age.
    public var targets: [Target]

    /// One target: a percentile of the segment and its score.
    public struct Target: Sendable, Equatable {
        /// The percentile (for the player's age).
        public var percentile: Double
        /// The score it takes, in points.
        public var score: Double
    }
}

/// The next target, the message, and where the target comes from.
public struct MotivationalMessage: Sendable, Equatable {
    /// The encouraging message in the requested language.
    public var message: String
    /// The next target, in points; never below the score without saying why.
    public var nextTarget: Double
    /// `nil` for a personal stretch goal above every percentile.
    public var nextTargetPercentile: Double?
    /// Points from the score to the next target (0 when it is to hold the level).
    public var pointsToNextTarget: Double
    /// The score's percentile among players of the player's age in the segment.
    public var currentPercentile: Double
    /// Where the score stands against the level's range, which picks the message.
    public var status: TargetStatus
    /// The policy that set the target.
    public var targetPolicy: TargetPolicyKind
    /// Where the target comes from, in numbers and words.
    public var targetReason: TargetReason
    /// Whether the game should show the target: false in an experiment's `control` arm, where
    /// the target is still computed (to measure whether players reach it unseen) but hidden.
    public var targetShown: Bool
    /// The message template's id (`status#position`), for the exposure log.
    public var templateId: String
}

/// Why the target is what it is, so the game can show it.
public struct TargetReason: Sendable, Equatable {
    /// Where the target comes from.
    public var source: TargetSource
    /// The percentile: of the segment's players for `cohort`, of the player's window for `personal`.
    public var percentile: Double?
    /// Players the cohort percentile is taken over (`null` for a personal target).
    public var population: Int?
    /// The player's own games the personal percentile is taken over (`null` for a cohort target).
    public var windowSize: Int?
    /// The reason in words.
    public var text: String

    /// A reason from `source` at `percentile` over `population` players (or the player's `windowSize` games), worded as `text`.
    public init(source: TargetSource, percentile: Double?, population: Int?, windowSize: Int? = nil, text: String) {
        self.source = source
        self.percentile = percentile
        self.population = population
        self.windowSize = windowSize
        self.text = text
    }
}

/// Which model made the analysis.
public struct ModelReference: Sendable, Equatable {
    /// The model's id, e.g. `DualFlow_-1_10-107661d60f5a9fd`.
    public var id: String
    /// When the model was trained, ISO 8601 in UTC.
    public var trainedAt: String
}
