import MotivationEngine
import PlayerStore
import SQLKit

/// Collects a simulation's rows (workouts, their race configurations, exposures) and writes
/// them in multi-row statements: on SQLite, `VALUES` lists within its bound-parameter limit; on
/// PostgreSQL, column arrays through `unnest` (see `DemoInsert`).
struct SimulationWriter {
    let database: any SQLDatabase
    private var nextWorkoutId: Int
    private var nextRaceConfigId: Int
    private var workouts: [DemoWorkout] = []
    private var raceConfigs: [DemoRaceConfig] = []
    private var exposures: [PredictionRecord] = []

    /// Exposures per statement: 21 binds each keeps a statement within SQLite's limit.
    private static let exposuresPerStatement = 1_000

    /// A writer continuing the ids of `database`'s workouts and race configurations.
    init(_ database: any SQLDatabase) async throws {
        self.database = database
        nextWorkoutId = try await Self.largestId(in: "Workouts", of: database) + 1
        nextRaceConfigId = try await Self.largestId(in: "RaceConfigs", of: database) + 1
    }

    /// Rows waiting to be written.
    var pendingRows: Int { workouts.count + raceConfigs.count + exposures.count }

    /// Adds a completed workout of `player` in their segment.
    mutating func addWorkout(of player: SimulatedPlayer, score: Double, at time: Int64) {
        workouts.append(DemoWorkout(id: nextWorkoutId, userId: player.userId, score: score, completedWorkout: true, createdAt: time))
        raceConfigs.append(
            DemoRaceConfig(
                id: nextRaceConfigId, workoutId: nextWorkoutId, gameMode: player.segment.gameMode,
                difficulty: player.segment.difficulty, duration: player.durationSeconds, startSpeed: player.startSpeed))
        nextWorkoutId += 1
        nextRaceConfigId += 1
    }

    /// Adds an exposure.
    mutating func addExposure(_ record: PredictionRecord) {
        exposures.append(record)
    }

    /// Writes the waiting rows.
    mutating func flush() async throws {
        try await DemoDatabase.insert(workouts, into: database, rowsPerStatement: 500)
        try await DemoDatabase.insert(raceConfigs, into: database, rowsPerStatement: 500)
        var start = exposures.startIndex
        while start < exposures.endIndex {
            let end = min(start + Self.exposuresPerStatement, exposures.endIndex)
            try await PredictionRecord.insert(Array(exposures[start..<end]), on: database)
            start = end
        }
        workouts.removeAll(keepingCapacity: true)
        raceConfigs.removeAll(keepingCapacity: true)
        exposures.removeAll(keepingCapacity: true)
    }

    private static func largestId(in table: String, of database: any SQLDatabase) async throws -> Int {
        try await PlayerQueries(database).largestId(in: table)
    }
}
