/// The game configurations the demo database plays: game modes, difficulties and durations,
/// how often players choose them and how they scale a score.
public enum DemoCatalog {
    /// A game mode: its name in `RaceConfigs."gameMode"`, how often it is chosen and its points
    /// per minute for an average player at start speed 5 on Hard.
    public struct GameMode: Sendable, Equatable {
        /// The mode's name, e.g. `DualFlow`.
        public let name: String
        /// How often players choose it, relative to the other modes.
        public let weight: Double
        /// Points per minute of an average player at start speed 5 on Hard.
        public let pointsPerMinute: Double
    }

    /// A difficulty as stored in `RaceConfigs.difficulty` (-1 is Expert).
    public struct Difficulty: Sendable, Equatable {
        /// The stored value, -1 for Expert.
        public let value: Int
        /// Its name in the dashboard and the segment names, e.g. `Expert`.
        public let label: String
        /// How often players choose it, relative to the other difficulties.
        public let weight: Double
        /// Score multiplier against Hard.
        public let scoreFactor: Double
        /// How strongly a player's skill pulls them towards this difficulty.
        let skillPull: Double
    }

    /// A session length as stored in `RaceConfigs.duration` (seconds).
    public struct Duration: Sendable, Equatable {
        /// The stored duration in seconds.
        public let seconds: Int
        /// How often players choose it, relative to the other lengths.
        public let weight: Double
        /// The length in minutes.
        public var minutes: Double { Double(seconds) / 60 }
    }

    /// DualFlow, the original's mode, and two more.
    public static let gameModes: [GameMode] = [
        GameMode(name: "DualFlow", weight: 0.50, pointsPerMinute: 13_000),
        GameMode(name: "SphereRun", weight: 0.30, pointsPerMinute: 9_000),
        GameMode(name: "ReflexGrid", weight: 0.20, pointsPerMinute: 4_500),
    ]

    /// Easy, Medium, Hard and Expert (-1).
    public static let difficulties: [Difficulty] = [
        Difficulty(value: 1, label: "Easy", weight: 0.20, scoreFactor: 0.70, skillPull: -0.8),
        Difficulty(value: 2, label: "Medium", weight: 0.25, scoreFactor: 0.85, skillPull: -0.2),
        Difficulty(value: 3, label: "Hard", weight: 0.20, scoreFactor: 1.00, skillPull: 0.3),
        Difficulty(value: -1, label: "Expert", weight: 0.35, scoreFactor: 1.20, skillPull: 0.8),
    ]

    /// 5, 10 and 15 minutes.
    public static let durations: [Duration] = [
        Duration(seconds: 300, weight: 0.25),
        Duration(seconds: 600, weight: 0.55),
        Duration(seconds: 900, weight: 0.20),
    ]
}
