import Foundation
import MotivationEngine
import SQLKit

/// The retention report's reads of the exposure log (`engine_predictions`,
/// `engine_experiment_assignments`) and the application's workouts, on SQLite or PostgreSQL.
/// The engine's tables must exist (`EngineSchema.migrate`); the queries never write.
public struct ExposureOutcomeQuery: ExposureOutcomeSource {
    let database: any SQLDatabase
    /// The database's dialect, told once.
    let backend: SQLBackend
    /// Whether the engine's tables were checked when the queries were made (`verified(_:)`),
    /// so that no read checks them again.
    private let logVerified: Bool

    /// Queries on `database`; each read checks the engine's tables first.
    public init(_ database: any SQLDatabase) {
        self.init(database, logVerified: false)
    }

    private init(_ database: any SQLDatabase, logVerified: Bool) {
        self.database = database
        backend = SQLBackend(database)
        self.logVerified = logVerified
    }

    /// Queries on `database` whose engine tables are checked once, now: for a caller that reads
    /// several times (the retention report reads the experiments, the clock and the outcomes).
    /// - Throws: `ExposureLogError` when the engine's tables are missing or too old.
    public static func verified(_ database: any SQLDatabase) async throws -> ExposureOutcomeQuery {
        try await ExposureOutcomeQuery(database).requireExposureLog()
        return ExposureOutcomeQuery(database, logVerified: true)
    }

    /// Checks the engine's tables unless that was done when the queries were made.
    func checkLog() async throws {
        if !logVerified { try await requireExposureLog() }
    }

    /// What happened after each player's first exposure in `experiment`, one outcome per player,
    /// ordered by user id, in one query that aggregates the workouts in the database.
    ///
    /// The first exposure is the earliest (then lowest id) record of the player in the
    /// experiment; their arm is the one assigned to them (the record's own when no assignment
    /// is stored). Only completed workouts strictly after the exposure count. Players whose log id
    /// is not a whole number have no workouts.
    /// - Parameter followUpWorkouts: K, how many same-segment workouts after the exposure are
    ///   counted and looked at for the target (at least 1).
    /// - Throws: `ExposureLogError` when the engine's tables are missing or too old;
    ///   `DatabaseError.missingSchema` when an application table is missing.
    public func outcomes(
        experiment: String, followUpWorkouts: Int = ExposureOutcome.defaultFollowUpWorkouts
    ) async throws -> [ExposureOutcome] {
        try await checkLog()
        let query = ExposureOutcomeSQL.query(
            experiment: experiment, followUpWorkouts: max(1, followUpWorkouts), backend: backend)
        return try await PlayerQueries(database).reduceRows(query, into: []) { outcomes, row in
            outcomes.append(try Self.outcome(row))
        }
    }

    /// One row of the outcome query.
    private static func outcome(_ row: any SQLRow) throws -> ExposureOutcome {
        let exposedMilliseconds = try row.decode(column: "exposed_ms", as: Int64.self)
        let nextMilliseconds = try row.decode(column: "next_after_ms", as: Int64?.self)
        return ExposureOutcome(
            userId: try row.decode(column: "user_id", as: String.self),
            segment: SegmentKey(
                gameMode: try row.decode(column: "game_mode", as: String.self),
                difficulty: try row.decode(column: "difficulty", as: Int.self),
                durationMinutes: try row.decode(column: "duration_minutes", as: Int.self)),
            cluster: try row.decode(column: "cluster", as: Int.self),
            clusterLabel: try row.decode(column: "cluster_label", as: String.self),
            arm: try row.decode(column: "arm", as: String.self),
            exposedAt: Date(timeIntervalSince1970: Double(exposedMilliseconds) / 1_000),
            target: try row.decode(column: "next_target", as: Double.self),
            daysToNextWorkout: nextMilliseconds.map { Double($0) / Double(ExposureOutcomeSQL.millisecondsPerDay) },
            workoutsWithin7Days: try row.decode(column: "within_7_days", as: Int.self),
            workoutsWithin28Days: try row.decode(column: "within_28_days", as: Int.self),
            followUpWorkouts: try row.decode(column: "follow_ups", as: Int.self),
            reachedTarget: try row.decode(column: "reached", as: Int.self) != 0)
    }
}
