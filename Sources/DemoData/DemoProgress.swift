/// The size of a demo database: planned before it is written, and what was written.
public struct DemoPlan: Sendable, Equatable {
    /// `"Users"` rows.
    public var users: Int
    /// `"HealthData"` rows.
    public var healthData: Int
    /// `"Workouts"` rows, and as many `"RaceConfigs"` rows.
    public var workouts: Int

    /// Rows over the four tables.
    public var rows: Int { users + healthData + 2 * workouts }

    /// Progress after writing `users` users with their health data and workouts.
    public init(users: Int, healthData: Int, workouts: Int) {
        self.users = users
        self.healthData = healthData
        self.workouts = workouts
    }
}

/// How far writing a demo database has got.
public struct DemoProgress: Sendable, Equatable {
    /// Rows written so far, over the four tables.
    public var rowsWritten: Int
    /// Users whose rows are all written.
    public var usersWritten: Int
    /// Workouts written.
    public var workoutsWritten: Int
    /// What will be written in all.
    public var plan: DemoPlan

    /// Rows written as a share of all rows, 0…1.
    public var fraction: Double { plan.rows == 0 ? 1 : Double(rowsWritten) / Double(plan.rows) }
}
