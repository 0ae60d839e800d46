/// A `"Users"` row of the demo database.
public struct DemoUser: Sendable, Equatable {
    public let id: Int
    public let username: String
}

/// A `"HealthData"` row. Any of the measurements may be missing, as in the real application.
public struct DemoHealthData: Sendable, Equatable {
    public let id: Int
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
    public let id: Int
    public let userId: Int
    /// The score; `nil` for a few dirty rows.
    public let score: Double?
    public let completedWorkout: Bool
    /// Seconds since 1970-01-01T00:00:00Z.
    public let createdAt: Int64

    /// The timestamp as the application stores it on SQLite, `YYYY-MM-DDTHH:MM:SSZ`.
    public var createdAtText: String { DemoCalendar.timestampText(seconds: createdAt) }
}

/// A `"RaceConfigs"` row: the game configuration of one workout.
public struct DemoRaceConfig: Sendable, Equatable {
    public let id: Int
    public let workoutId: Int
    public let gameMode: String
    /// -1 is Expert.
    public let difficulty: Int
    /// Seconds.
    public let duration: Int
    public let startSpeed: Double?
}

/// The rows of a run of consecutive users: each user's health data (if any), workouts and
/// their race configurations, in id order.
public struct DemoBatch: Sendable, Equatable {
    public var users: [DemoUser] = []
    public var healthData: [DemoHealthData] = []
    public var workouts: [DemoWorkout] = []
    public var raceConfigs: [DemoRaceConfig] = []

    /// All rows of the batch, over the four tables.
    public var rowCount: Int { users.count + healthData.count + workouts.count + raceConfigs.count }
}
