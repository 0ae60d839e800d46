import Foundation
import MotivationEngine
import PostgresNIO
import SQLKit
import Synchronization

/// The engine's read-only queries on the Sphery tables. The same SQL runs on SQLite and
/// PostgreSQL except the date arithmetic (`SQLDialectPieces`).
public struct PlayerQueries: Sendable {
    let database: any SQLDatabase
    /// The database's dialect, told once.
    let backend: SQLBackend
    /// The PostgreSQL connection under `database`, when the look-up may use prepared statements.
    let postgres: PostgresConnection?

    /// Queries on `database`; give `postgres` (the connection under it) to prepare the player
    /// look-up's statement once per connection.
    public init(_ database: any SQLDatabase, postgres: PostgresConnection? = nil) {
        self.database = database
        backend = SQLBackend(database)
        self.postgres = postgres
    }

    /// Every `(gameMode, difficulty, duration)` with completed workouts, largest first.
    /// Durations are stored in seconds and grouped by whole minutes (rounded half away from
    /// zero, as `trainingRecord` does), so that a player counts once in a segment whatever
    /// stored durations their workouts in it have.
    public func segments() async throws -> [SegmentSummary] {
        let rows = try await run(
            #"""
            SELECT rc."gameMode" AS game_mode, rc.difficulty AS difficulty,
                   CAST(ROUND(rc.duration / 60.0) AS INTEGER) AS minutes,
                   COUNT(DISTINCT w."userId") AS players, COUNT(*) AS workouts
            FROM "Workouts" w JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
            WHERE w."completedWorkout" = \#(true)
            GROUP BY rc."gameMode", rc.difficulty, minutes
            """#)
        return try rows.map { row in
            SegmentSummary(
                segment: SegmentKey(
                    gameMode: try row.decode(column: "game_mode", as: String.self),
                    difficulty: try row.decode(column: "difficulty", as: Int.self),
                    durationMinutes: try row.decode(column: "minutes", as: Int.self)),
                players: try row.decode(column: "players", as: Int.self),
                workouts: try row.decode(column: "workouts", as: Int.self))
        }.sorted(by: SegmentSummary.largerFirst)
    }

    /// The completed workouts of a segment as training records, oldest first per player: the
    /// score, the age at the workout (from the date of birth; `nil` without health data) and
    /// the start speed. Nothing is filtered here: cleaning counts what it drops.
    public func workouts(in segment: SegmentKey) async throws -> [PlayerRecord] {
        let parts = SegmentDefaults(
            gameMode: segment.gameMode, difficulty: segment.difficulty, durationMinutes: segment.durationMinutes)
        return try await workoutsBySegment(matching: parts)[segment] ?? []
    }

    /// The completed workouts of every segment that `filter` matches, in one pass over the
    /// tables (one query, however many segments), as training records grouped by segment.
    public func workoutsBySegment(matching filter: SegmentDefaults) async throws -> [SegmentKey: [PlayerRecord]] {
        var conditions: SQLQueryString = ""
        if let mode = filter.gameMode { conditions = conditions + #" AND rc."gameMode" = "# + "\(bind: mode)" }
        if let difficulty = filter.difficulty { conditions = conditions + " AND rc.difficulty = \(bind: difficulty)" }
        if let minutes = filter.durationMinutes {
            let seconds = SQLDialectPieces.durationSeconds(minutes: minutes)
            conditions = conditions + " AND rc.duration >= \(bind: seconds.shortest) AND rc.duration < \(bind: seconds.longest)"
        }
        return try await reduceRows(completedWorkouts(where: conditions), into: [:]) { groups, row in
            let (segment, record) = try Self.trainingRecord(row)
            groups[segment, default: []].append(record)
        }
    }

    /// Every completed workout that `conditions` (SQL starting with ` AND`, on `w` and `rc`)
    /// leaves, with its segment, the player's age at the workout and its time, by user and then
    /// time: rows for `trainingRecord`.
    func completedWorkouts(where conditions: SQLQueryString) -> SQLQueryString {
        """
        SELECT rc."gameMode" AS game_mode, rc.difficulty AS difficulty, rc.duration AS duration,
               w."userId" AS user_id, w.score AS score, rc."startSpeed" AS start_speed,
               \(unsafeRaw: SQLDialectPieces.ageAtWorkout(backend)) AS age,
               \(unsafeRaw: SQLDialectPieces.playedAtSeconds(backend)) AS played_at
        FROM "Workouts" w
        JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
        \(unsafeRaw: SQLDialectPieces.dateOfBirthJoin())
        WHERE w."completedWorkout" = \(true)
        """ + conditions + #" ORDER BY w."userId", w."createdAt""#
    }

    /// One row of `completedWorkouts`: its segment and its record.
    static func trainingRecord(_ row: any SQLRow) throws -> (SegmentKey, PlayerRecord) {
        let seconds = try row.decode(column: "duration", as: Int.self)
        let segment = SegmentKey(
            gameMode: try row.decode(column: "game_mode", as: String.self),
            difficulty: try row.decode(column: "difficulty", as: Int.self),
            durationMinutes: Int((Double(seconds) / 60).rounded()))
        let record = PlayerRecord(
            userId: String(try row.decode(column: "user_id", as: Int.self)),
            score: try row.decodeNil(column: "score") ? nil : row.decode(column: "score", as: Double.self),
            age: try row.decodeNil(column: "age") ? nil : row.decode(column: "age", as: Double.self),
            startSpeed: try row.decodeNil(column: "start_speed") ? nil : row.decode(column: "start_speed", as: Double.self),
            durationMinutes: Double(seconds) / 60,
            playedAt: Date(timeIntervalSince1970: try row.decode(column: "played_at", as: Double.self)))
        return (segment, record)
    }

    /// Runs a query and folds its rows into `initial` with `update` as they arrive, so only what
    /// `update` keeps is held, never the result set.
    /// - Throws: `DatabaseError.missingSchema` for a missing table or column; `.queryFailed`
    ///   with the first error `update` threw (the rows after it are skipped).
    func reduceRows<State: Sendable>(
        _ query: SQLQueryString, into initial: State, _ update: @escaping @Sendable (inout State, any SQLRow) throws -> Void
    ) async throws -> State {
        let state = Mutex<(value: State, failure: (any Error)?)>((initial, nil))
        do {
            try await database.raw(query).run { row in
                state.withLock { state in
                    guard state.failure == nil else { return }
                    do {
                        try update(&state.value, row)
                    } catch {
                        state.failure = error
                    }
                }
            }
        } catch {
            throw SchemaErrors.describe(error)
        }
        let (value, failure) = state.withLock { $0 }
        if let failure { throw DatabaseError.queryFailed(String(describing: failure)) }
        return value
    }

    /// Runs a query, turning a missing table or column into `DatabaseError.missingSchema`.
    func run(_ query: SQLQueryString) async throws -> [any SQLRow] {
        do {
            return try await database.raw(query).all()
        } catch {
            throw SchemaErrors.describe(error)
        }
    }
}
