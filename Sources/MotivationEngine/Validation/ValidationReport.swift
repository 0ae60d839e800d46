/// How trustworthy a segment model is on its training data: how well it predicts players it
/// did not see, how stable its clusters are under resampling, whether its clusters are really
/// ordered, whether its levels are fair across ages and steady from game to game, whether its
/// next targets are reached, and whether its age curve's centiles hold on players it did not see.
/// The README ("What `validate` reports") says what each number means and what a good value is.
public struct ValidationReport: Codable, Sendable {
    public var segment: SegmentKey
    public var modelId: String
    /// Training rows (players, or workouts for the `all` aggregation) the likelihood, stability
    /// and cluster checks ran on.
    public var players: Int
    public var holdout: Holdout
    public var stability: Stability
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

    /// The minimum, quartiles, median and maximum of some values.
    public struct Spread: Codable, Sendable, Equatable {
        public var minimum: Double
        public var lowerQuartile: Double
        public var median: Double
        public var upperQuartile: Double
        public var maximum: Double

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
        public var cluster: Int
        public var label: String
        public var size: Int
        public var share: Double
        public var minimum: Double?
        public var lowerQuartile: Double?
        public var median: Double?
        public var upperQuartile: Double?
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

    /// Spearman's rank correlation (average ranks for ties) of each player's level — the
    /// model's cluster for their row — with their age: near 0 for levels of skill. It sees a
    /// trend only; the mean level in each age band also shows levels that are low at both ends
    /// of life (what raw scores give), which a rank correlation can miss.
    public struct LevelVsAge: Codable, Sendable {
        public var players: Int
        /// nil when every player has the same level or the same age.
        public var spearman: Double?
        /// The mean level (cluster number) of the players in each age band with players.
        public var bands: [Band]

        public struct Band: Codable, Sendable, Equatable {
            /// `<18`, `18–29`, `30–39`, `40–49`, `50–64` or `≥65`.
            public var label: String
            public var players: Int
            public var meanLevel: Double

            enum CodingKeys: String, CodingKey {
                case label, players
                case meanLevel = "mean_level"
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(players, forKey: .players)
            try container.encode(spearman, forKey: .spearman)
            try container.encode(bands, forKey: .bands)
        }
    }

    /// Whether a player's single games land in the level of the player: each game is placed by
    /// `SegmentEngine.predictCluster` on its own score, age and start speed.
    public struct LevelStability: Codable, Sendable {
        /// Players with at least two placed games.
        public var players: Int
        /// Their games placed.
        public var games: Int
        /// Workouts the engine refused to place (values beyond its input limits).
        public var unplacedGames: Int
        /// The share of a player's games in the level of their row (their median game, by
        /// default), averaged over `players`.
        public var shareInPlayerLevel: Double?
        /// Pairs of consecutive games (by play time, else in input order) of one player.
        public var pairs: Int
        /// The share of `pairs` whose two games are in the same level.
        public var consecutiveSameLevel: Double?

        enum CodingKeys: String, CodingKey {
            case players, games, pairs
            case unplacedGames = "unplaced_games"
            case shareInPlayerLevel = "share_in_player_level"
            case consecutiveSameLevel = "consecutive_same_level"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(players, forKey: .players)
            try container.encode(games, forKey: .games)
            try container.encode(unplacedGames, forKey: .unplacedGames)
            try container.encode(shareInPlayerLevel, forKey: .shareInPlayerLevel)
            try container.encode(pairs, forKey: .pairs)
            try container.encode(consecutiveSameLevel, forKey: .consecutiveSameLevel)
        }
    }

    /// Next targets against real history: for every game of a player that has later games in the
    /// segment, the `cohort` next target of `SegmentEngine.analyze` for that game, and whether
    /// one of the player's next `window` games scores at least that much.
    public struct Reachability: Codable, Sendable {
        /// Games after a target in which it counts as reached (9, the personal policy's window).
        public var window: Int
        public var overall: Count
        /// By the level of the game the target was set for, level 0 first.
        public var byLevel: [LevelCount]

        public struct Count: Codable, Sendable, Equatable {
            /// Targets set (games with later games).
            public var targets: Int
            /// Targets reached within the window.
            public var reached: Int
            /// `reached / targets`; nil without targets.
            public var share: Double? { targets == 0 ? nil : Double(reached) / Double(targets) }

            public init(targets: Int = 0, reached: Int = 0) {
                self.targets = targets
                self.reached = reached
            }

            enum CodingKeys: String, CodingKey { case targets, reached, share }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                targets = try container.decode(Int.self, forKey: .targets)
                reached = try container.decode(Int.self, forKey: .reached)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(targets, forKey: .targets)
                try container.encode(reached, forKey: .reached)
                try container.encode(share, forKey: .share)
            }
        }

        public struct LevelCount: Codable, Sendable, Equatable {
            public var cluster: Int
            public var label: String
            public var targets: Int
            public var reached: Int
            public var share: Double? { targets == 0 ? nil : Double(reached) / Double(targets) }

            enum CodingKeys: String, CodingKey { case cluster, label, targets, reached, share }

            init(cluster: Int, label: String, count: Count) {
                self.cluster = cluster
                self.label = label
                targets = count.targets
                reached = count.reached
            }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                cluster = try container.decode(Int.self, forKey: .cluster)
                label = try container.decode(String.self, forKey: .label)
                targets = try container.decode(Int.self, forKey: .targets)
                reached = try container.decode(Int.self, forKey: .reached)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(cluster, forKey: .cluster)
                try container.encode(label, forKey: .label)
                try container.encode(targets, forKey: .targets)
                try container.encode(reached, forKey: .reached)
                try container.encode(share, forKey: .share)
            }
        }

        enum CodingKeys: String, CodingKey {
            case window, overall
            case byLevel = "by_level"
        }
    }

    /// The age curve's centiles on players it was not fitted on: the players are split (by
    /// player, with the hold-out fraction and the training seed), a curve is fitted as training
    /// fits one on the first part's rows, and the second part's rows are compared with it.
    public struct Calibration: Codable, Sendable {
        public var fitPlayers: Int
        public var heldOutPlayers: Int
        /// The centiles checked: 10, 25, 50, 75, 90.
        public var centiles: [Double]
        /// Age bands with held-out players, youngest first.
        public var bands: [Band]
        /// Every held-out player.
        public var overall: Band

        /// One age band's held-out players.
        public struct Band: Codable, Sendable {
            /// `<18`, `18–29`, `30–39`, `40–49`, `50–64`, `≥65`, or `all ages`.
            public var label: String
            /// The youngest age in the band (inclusive), nil for `<18` and `all ages`.
            public var minimumAge: Double?
            /// The age the band ends before, nil for `≥65` and `all ages`.
            public var endAge: Double?
            public var players: Int
            /// For each centile, the share of the band's scores below it at the player's age.
            public var below: [Below]
            /// The largest |share − centile| in percentage points.
            public var maximumDeviation: Double
            /// Half the width of a 95 % binomial interval for a share of 50 % among `players`, in
            /// points: a deviation well inside it is sampling noise, not a miscalibrated curve.
            public var samplingMargin: Double

            enum CodingKeys: String, CodingKey {
                case label, players, below
                case minimumAge = "minimum_age"
                case endAge = "end_age"
                case maximumDeviation = "maximum_deviation"
                case samplingMargin = "sampling_margin"
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(label, forKey: .label)
                try container.encode(minimumAge, forKey: .minimumAge)
                try container.encode(endAge, forKey: .endAge)
                try container.encode(players, forKey: .players)
                try container.encode(below, forKey: .below)
                try container.encode(maximumDeviation, forKey: .maximumDeviation)
                try container.encode(samplingMargin, forKey: .samplingMargin)
            }
        }

        /// The share of scores below one centile.
        public struct Below: Codable, Sendable, Equatable {
            public var centile: Double
            public var share: Double
            /// `100 · share − centile`, in percentage points.
            public var deviation: Double
        }

        enum CodingKeys: String, CodingKey {
            case centiles, bands, overall
            case fitPlayers = "fit_players"
            case heldOutPlayers = "held_out_players"
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
