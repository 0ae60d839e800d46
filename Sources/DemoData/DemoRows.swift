/// A `"Users"` row of the demo database.
public struct DemoUser: Sendable, Equatable {
    /// `"Users".id`.
    public let id: Int
    /// `"Users".username`, unique.
    public let username: String
}

/// A `"HealthData"` row. Any of the measurements may be missing, as in the real application.
public struct DemoHealthData: Sendable, Equatable {
    /// `"HealthData".id`.
    public let id: Int
    /// The user the measurements belong to.
    public let userId: Int
    /// Date of birth as days since 1970-01-01.
    public let dob: Int64?
    /// Kilograms.
    public let weight: Double?
    /// Centimetres.
    public let height: Double?

    /// The date of birth as the application stores it on SQLite, `YYYY-MM-DD`.
    public var dobText: String? { dob.map(DemoCalendar.dateText(days:)) }
}

/// A `"Workouts"` row.
public struct DemoWorkout: Sendable, Equatable {
    /// `"Workouts".id`.
    public let id: Int
    /// The user who played.
    public let userId: Int
    /// The score; `nil` for a few dirty rows.
    public let score: Double?
    /// Whether the workout was played to the end (only completed ones are trained on).
    public let completedWorkout: Bool
    /// Seconds since 1970-01-01T00:00:00Z.
    public let createdAt: Int64

    /// The timestamp as the application stores it on SQLite, `YYYY-MM-DDTHH:MM:SSZ`.
    public var createdAtText: String { DemoCalendar.timestampText(seconds: createdAt) }
}

/// A `"RaceConfigs"` row: the game configuration of one workout.
public struct DemoRaceConfig: Sendable, Equatable {
    /// `"RaceConfigs".id`.
    public let id: Int
    /// The workout it configured.
    public let workoutId: Int
    /// The game mode, e.g. `DualFlow`.
    public let gameMode: String
    /// -1 is Expert.
    public let difficulty: Int
    /// Seconds.
    public let duration: Int
    /// The start speed; nil for a few dirty rows.
    public let startSpeed: Double?
}

/// The rows of a run of consecutive users: each user's health data (if any), workouts and
/// their race configurations, in id order.
public struct DemoBatch: Sendable, Equatable {
    /// The batch's users.
    public var users: [DemoUser] = []
    /// Their health data (not every user has some).
    public var healthData: [DemoHealthData] = []
    /// Their workouts.
    public var workouts: [DemoWorkout] = []
    /// The race configuration of each workout.
    public var raceConfigs: [DemoRaceConfig] = []

    /// All rows of the batch, over the four tables.
    public var rowCount: Int { users.count + healthData.count + workouts.count + raceConfigs.count }
}
