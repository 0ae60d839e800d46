/// The analysis of one player: the answer of DESIGN.md, written on the wire by `EngineAPI`.
public struct Analysis: Sendable, Equatable {
    public var segment: SegmentKey
    public var playerData: PlayerData
    public var clusterPrediction: ClusterPrediction
    public var performanceTargets: PerformanceTargets
    public var motivationalMessage: MotivationalMessage
    public var model: ModelReference
}

/// The player's values as analysed (`null` where missing).
public struct PlayerData: Sendable, Equatable {
    public var score: Double
    public var age: Double?
    public var startSpeed: Double?
    public var durationMinutes: Double
}

/// The player's cluster and how sure the model is.
public struct ClusterPrediction: Sendable, Equatable {
    public var cluster: Int
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
    public var cluster: Int
    public var lowerPercentile: Double
    public var upperPercentile: Double
    public var targets: [Target]

    /// One target: a percentile of the segment and its score.
    public struct Target: Sendable, Equatable {
        public var percentile: Double
        public var score: Double
    }
}

/// The next target, the message, and where the target comes from.
public struct MotivationalMessage: Sendable, Equatable {
    public var message: String
    public var nextTarget: Double
    /// `nil` for a personal stretch goal above every percentile.
    public var nextTargetPercentile: Double?
    public var pointsToNextTarget: Double
    public var currentPercentile: Double
    public var status: TargetStatus
    /// The policy that set the target.
    public var targetPolicy: TargetPolicyKind
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
    public var id: String
    public var trainedAt: String
}
