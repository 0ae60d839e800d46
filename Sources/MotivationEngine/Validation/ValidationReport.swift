/// How trustworthy a segment model is on its training data: how well it predicts players it
/// did not see, how stable its clusters are under resampling, whether its clusters are really
/// ordered, whether its levels are fair across ages and steady from game to game, whether its
/// next targets are reached, and whether its age curve's centiles hold on players it did not see.
/// The README ("What `validate` reports") says what each number means and what a good value is.
public struct ValidationReport: Codable, Sendable {
    /// The segment validated.
    public var segment: SegmentKey
    /// The id of the model validated.
    public var modelId: String
    /// Training rows (players, or workouts for the `all` aggregation) the likelihood, stability
    /// and cluster checks ran on.
    public var players: Int
    /// How the mixture predicts players it was not fitted on.
    public var holdout: Holdout
    /// How stable the clusters are under resampling.
    public var stability: Stability
    /// Each cluster's players, lowest level first.
    public var clusters: [ClusterScores]
    /// What the order check compares: `age_graded_score` for skill levels (levels of skill
    /// overlap in raw score across ages by design), `score` for the seed's levels.
    public var orderedBy: Feature
    /// Whether every cluster's quartiles and median of `orderedBy` are above the previous cluster's.
    public var ordered: Bool
    /// What breaks the order, in words (empty when ordered).
    public var orderProblems: [String]
    /// Spearman's correlation of the players' levels with their ages.
    public var levelVsAge: LevelVsAge
    /// Whether a player's games land in the same level.
    public var levelStability: LevelStability
    /// Whether next targets are reached in the games that follow; nil when the workouts carry no
    /// play times (a CSV file), which the order of games needs.
    public var reachability: Reachability?
    /// The age curve refitted on some players and checked on the others; nil for a model
    /// without an age curve (format 1) or too few players to refit one.
    public var calibration: Calibration?

    /// Mean per-player log-likelihood (standard units) on fitted and held-out players.
    public struct Holdout: Codable, Sendable {
        /// The share of players held out, e.g. 0.2.
        public var fraction: Double
        /// Players the check's mixture was fitted on.
        public var trainPlayers: Int
        /// Players held out.
        public var testPlayers: Int
        /// Mean log-likelihood per fitted player.
        public var trainMeanLogLikelihood: Double
        /// Mean log-likelihood per held-out player: close to the fitted one for a model that generalises.
        public var testMeanLogLikelihood: Double

        enum CodingKeys: String, CodingKey {
            case fraction
            case trainPlayers = "train_players"
            case testPlayers = "test_players"
            case trainMeanLogLikelihood = "train_mean_log_likelihood"
            case testMeanLogLikelihood = "test_mean_log_likelihood"
        }
    }

    /// Agreement (adjusted Rand index) between the model's clusters and those of models
    /// retrained on bootstrap resamples (each drawn player once, about 63 % of them), over all
    /// players.
    public struct Stability: Codable, Sendable {
        /// Bootstrap resamples refitted.
        public var bootstraps: Int
        /// The mean adjusted Rand index (1 is identical clusters, 0 is chance).
        public var meanAdjustedRandIndex: Double
        /// The lowest adjusted Rand index of any resample.
        public var minimumAdjustedRandIndex: Double
        /// Every resample's adjusted Rand index.
        public var adjustedRandIndices: [Double]

        enum CodingKeys: String, CodingKey {
            case bootstraps
            case meanAdjustedRandIndex = "mean_adjusted_rand_index"
            case minimumAdjustedRandIndex = "minimum_adjusted_rand_index"
            case adjustedRandIndices = "adjusted_rand_indices"
        }
    }

    /// The minimum, quartiles, median and maximum of some values.
    public struct Spread: Codable, Sendable, Equatable {
        /// The smallest value.
        public var minimum: Double
        /// The 25th percentile.
        public var lowerQuartile: Double
        /// The median.
        public var median: Double
        /// The 75th percentile.
        public var upperQuartile: Double
        /// The largest value.
        public var maximum: Double

        /// A spread of the given five values.
        public init(minimum: Double, lowerQuartile: Double, median: Double, upperQuartile: Double, maximum: Double) {
            self.minimum = minimum
            self.lowerQuartile = lowerQuartile
            self.median = median
            self.upperQuartile = upperQuartile
            self.maximum = maximum
        }

        /// The spread of `values` (numpy's linear interpolation); nil when there are none.
        init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            func quantile(_ q: Double) -> Double { PercentileTable.percentile(q, ofSorted: sorted) }
            minimum = quantile(0)
            lowerQuartile = quantile(25)
            median = quantile(50)
            upperQuartile = quantile(75)
            maximum = quantile(100)
        }

        enum CodingKeys: String, CodingKey {
            case minimum, median, maximum
            case lowerQuartile = "lower_quartile"
            case upperQuartile = "upper_quartile"
        }
    }

    /// The players the model puts in one cluster: their scores, their age-graded scores (for a
    /// model with an age curve) and their mean age. The five score values are missing for an
    /// empty cluster.
    public struct ClusterScores: Codable, Sendable {
        /// The cluster (level), 0 the lowest.
        public var cluster: Int
        /// The level's name.
        public var label: String
        /// Players in the cluster.
        public var size: Int
        /// Their share of all players, 0 to 1.
        public var share: Double
        /// The lowest score; nil for an empty cluster.
        public var minimum: Double?
        /// The 25th percentile of the scores; nil for an empty cluster.
        public var lowerQuartile: Double?
        /// The median score; nil for an empty cluster.
        public var median: Double?
        /// The 75th percentile of the scores; nil for an empty cluster.
        public var upperQuartile: Double?
        /// The highest score; nil for an empty cluster.
        public var maximum: Double?
        /// The spread of the members' age-graded scores (z among players of their age); nil
        /// without an age curve or for an empty cluster.
        public var ageGraded: Spread?
        /// The members' mean age; nil for an empty cluster.
        public var ageMean: Double?

        /// The spread of the members' scores; nil for an empty cluster.
        public var scores: Spread? {
            guard let minimum, let lowerQuartile, let median, let upperQuartile, let maximum else { return nil }
            return Spread(minimum: minimum, lowerQuartile: lowerQuartile, median: median, upperQuartile: upperQuartile, maximum: maximum)
        }

        enum CodingKeys: String, CodingKey {
            case cluster, label, size, share, minimum, median, maximum
            case lowerQuartile = "lower_quartile"
            case upperQuartile = "upper_quartile"
            case ageGraded = "age_graded"
            case ageMean = "age_mean"
        }
    }

    enum CodingKeys: String, CodingKey {
        case segment, players, holdout, stability, clusters, ordered, reachability, calibration
        case modelId = "model_id"
        case orderedBy = "ordered_by"
        case orderProblems = "order_problems"
        case levelVsAge = "level_vs_age"
        case levelStability = "level_stability"
    }

    /// Encodes every key, `null` for a check not computed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(segment, forKey: .segment)
        try container.encode(modelId, forKey: .modelId)
        try container.encode(players, forKey: .players)
        try container.encode(holdout, forKey: .holdout)
        try container.encode(stability, forKey: .stability)
        try container.encode(clusters, forKey: .clusters)
        try container.encode(orderedBy, forKey: .orderedBy)
        try container.encode(ordered, forKey: .ordered)
        try container.encode(orderProblems, forKey: .orderProblems)
        try container.encode(levelVsAge, forKey: .levelVsAge)
        try container.encode(levelStability, forKey: .levelStability)
        // null rather than missing: "not computed" is part of the answer.
        try container.encode(reachability, forKey: .reachability)
        try container.encode(calibration, forKey: .calibration)
    }
}
