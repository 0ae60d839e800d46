import SQLKit

/// The Sphery application's four tables, with its own (quoted camelCase) names. The engine only
/// reads them; `create` exists for the demo database and the tests, never for production.
public enum ApplicationSchema {
    /// The tables and the columns the engine reads, for error messages and checks.
    public static let columns: [String: [String]] = [
        "Users": ["id", "username"],
        "HealthData": ["id", "userId", "dob", "weight", "height"],
        "Workouts": ["id", "userId", "score", "completedWorkout", "createdAt"],
        "RaceConfigs": ["id", "workoutId", "gameMode", "difficulty", "duration", "startSpeed"],
    ]

    /// Creates the four tables and their indexes if they do not exist. Dates are `DATE` and
    /// `TIMESTAMPTZ` on PostgreSQL and ISO 8601 text on SQLite (`YYYY-MM-DD`,
    /// `YYYY-MM-DDTHH:MM:SSZ`).
    public static func create(on database: any SQLDatabase) async throws {
        let postgres = SQLBackend(database) == .postgresql
        let key = postgres ? "BIGINT PRIMARY KEY" : "INTEGER PRIMARY KEY"
        let real = postgres ? "DOUBLE PRECISION" : "REAL"
        let date = postgres ? "DATE" : "TEXT"
        let timestamp = postgres ? "TIMESTAMPTZ" : "TEXT"
        let boolean = postgres ? "BOOLEAN" : "INTEGER"
        let statements = [
            #"CREATE TABLE IF NOT EXISTS "Users" (id \#(key), username TEXT NOT NULL)"#,
            #"CREATE TABLE IF NOT EXISTS "HealthData" (id \#(key), "userId" BIGINT NOT NULL REFERENCES "Users"(id), dob \#(date), weight \#(real), height \#(real))"#,
            #"CREATE TABLE IF NOT EXISTS "Workouts" (id \#(key), "userId" BIGINT NOT NULL REFERENCES "Users"(id), score \#(real), "completedWorkout" \#(boolean) NOT NULL, "createdAt" \#(timestamp) NOT NULL)"#,
            #"CREATE TABLE IF NOT EXISTS "RaceConfigs" (id \#(key), "workoutId" BIGINT NOT NULL REFERENCES "Workouts"(id), "gameMode" TEXT NOT NULL, difficulty INTEGER NOT NULL, duration INTEGER NOT NULL, "startSpeed" \#(real))"#,
            #"CREATE INDEX IF NOT EXISTS "HealthData_userId" ON "HealthData" ("userId")"#,
            #"CREATE INDEX IF NOT EXISTS "Workouts_userId_createdAt" ON "Workouts" ("userId", "createdAt")"#,
            #"CREATE INDEX IF NOT EXISTS "RaceConfigs_workoutId" ON "RaceConfigs" ("workoutId")"#,
            #"CREATE INDEX IF NOT EXISTS "RaceConfigs_segment" ON "RaceConfigs" ("gameMode", difficulty, duration)"#,
        ]
        for statement in statements {
            try await database.raw(SQLQueryString(statement)).run()
        }
    }
}
