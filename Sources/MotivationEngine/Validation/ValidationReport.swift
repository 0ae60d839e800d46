/// How trustworthy a segment model is on its training data: how well it predicts players it
/// did not see, how stable its clusters are under resampling, and whether its clusters'
/// scores are really ordered.
public struct ValidationReport: Codable, Sendable {
    public var segment: SegmentKey
    public var modelId: String
    /// Training rows (players) the checks ran on.
    public var players: Int
    public var holdout: Holdout
    public var stability: Stability
    public var clusters: [ClusterScores]
    /// Whether every cluster's score quartiles and median are above the previous cluster's.
    public var ordered: Bool
    /// What breaks the order, in words (empty when ordered).
    public var orderProblems: [String]

    /// Mean per-player log-likelihood (standard units) on fitted and held-out players.
    public struct Holdout: Codable, Sendable {
        public var fraction: Double
        public var trainPlayers: Int
        public var testPlayers: Int
        public var trainMeanLogLikelihood: Double
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
        public var bootstraps: Int
        public var meanAdjustedRandIndex: Double
        public var minimumAdjustedRandIndex: Double
        public var adjustedRandIndices: [Double]

        enum CodingKeys: String, CodingKey {
            case bootstraps
            case meanAdjustedRandIndex = "mean_adjusted_rand_index"
            case minimumAdjustedRandIndex = "minimum_adjusted_rand_index"
            case adjustedRandIndices = "adjusted_rand_indices"
        }
    }

    /// The score distribution of the players the model puts in one cluster.
    public struct ClusterScores: Codable, Sendable {
        public var cluster: Int
        public var label: String
        public var size: Int
        public var share: Double
        public var minimum: Double
        public var lowerQuartile: Double
        public var median: Double
        public var upperQuartile: Double
        public var maximum: Double

        enum CodingKeys: String, CodingKey {
            case cluster, label, size, share, minimum, median, maximum
            case lowerQuartile = "lower_quartile"
            case upperQuartile = "upper_quartile"
        }
    }

    enum CodingKeys: String, CodingKey {
        case segment, players, holdout, stability, clusters, ordered
        case modelId = "model_id"
        case orderProblems = "order_problems"
    }
}
