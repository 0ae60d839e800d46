// The checks of honest levels (issue 18): levels fair across ages and steady from game to game,
// next targets reached, and age-curve centiles that hold on players the fit did not see.
extension ValidationReport {
    /// Spearman's rank correlation (average ranks for ties) of each player's level — the
    /// model's cluster for their row — with their age: near 0 for levels of skill. It sees a
    /// trend only; the mean level in each age band also shows levels that are low at both ends
    /// of life (what raw scores give), which a rank correlation can miss.
    public struct LevelVsAge: Codable, Sendable {
        /// Players with an age.
        public var players: Int
        /// nil when every player has the same level or the same age.
        public var spearman: Double?
        /// The mean level (cluster number) of the players in each age band with players.
        public var bands: [Band]

        /// The players of one age band.
        public struct Band: Codable, Sendable, Equatable {
            /// `<18`, `18–29`, `30–39`, `40–49`, `50–64` or `≥65`.
            public var label: String
            /// Players in the band.
            public var players: Int
            /// Their mean level (cluster number).
            public var meanLevel: Double

            enum CodingKeys: String, CodingKey {
                case label, players
                case meanLevel = "mean_level"
            }
        }

        /// Encodes every key, `null` for a correlation not computed.
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

        /// Encodes every key, `null` for a share not computed.
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
        /// Every target set, over all levels.
        public var overall: Count
        /// By the level of the game the target was set for, level 0 first.
        public var byLevel: [LevelCount]

        /// Targets set and reached.
        public struct Count: Codable, Sendable, Equatable {
            /// Targets set (games with later games).
            public var targets: Int
            /// Targets reached within the window.
            public var reached: Int
            /// `reached / targets`; nil without targets.
            public var share: Double? { targets == 0 ? nil : Double(reached) / Double(targets) }

            /// A count of `targets` set and `reached` of them.
            public init(targets: Int = 0, reached: Int = 0) {
                self.targets = targets
                self.reached = reached
            }

            enum CodingKeys: String, CodingKey { case targets, reached, share }

            /// Decodes the counts; the share is derived.
            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                targets = try container.decode(Int.self, forKey: .targets)
                reached = try container.decode(Int.self, forKey: .reached)
            }

            /// Encodes the counts and the share (`null` without targets).
            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(targets, forKey: .targets)
                try container.encode(reached, forKey: .reached)
                try container.encode(share, forKey: .share)
            }
        }

        /// Targets set and reached for one level.
        public struct LevelCount: Codable, Sendable, Equatable {
            /// The level, 0 the lowest.
            public var cluster: Int
            /// The level's name.
            public var label: String
            /// Targets set for games at this level.
            public var targets: Int
            /// Targets reached within the window.
            public var reached: Int
            /// `reached / targets`; nil without targets.
            public var share: Double? { targets == 0 ? nil : Double(reached) / Double(targets) }

            enum CodingKeys: String, CodingKey { case cluster, label, targets, reached, share }

            init(cluster: Int, label: String, count: Count) {
                self.cluster = cluster
                self.label = label
                targets = count.targets
                reached = count.reached
            }

            /// Decodes the counts; the share is derived.
            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                cluster = try container.decode(Int.self, forKey: .cluster)
                label = try container.decode(String.self, forKey: .label)
                targets = try container.decode(Int.self, forKey: .targets)
                reached = try container.decode(Int.self, forKey: .reached)
            }

            /// Encodes the counts and the share (`null` without targets).
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
        /// Players the check's curve was fitted on.
        public var fitPlayers: Int
        /// Players held out to check it.
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
            /// Held-out players in the band.
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

            /// Encodes every key, `null` for an open end of the band.
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
            /// The centile, e.g. 25.
            public var centile: Double
            /// The share of scores below it, 0 to 1.
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
}
