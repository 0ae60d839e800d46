import Foundation
import Logging
import MotivationEngine
import PostgresNIO
import SQLKit

extension PlayerQueries {
    /// The logger of prepared statements (the driver's own messages; nothing at `info`).
    private static let statementLogger = Logger(label: "sphery.database.statements")

    /// A player's latest completed workout, personal best, trend over the last `trendWorkouts`
    /// completed workouts in `segment` and the window of their personal target (`personal`), in
    /// one query, `LatestWorkoutsQuery` (a second one only to tell an unknown user from one
    /// without workouts; on a PostgreSQL connection given to `init`, a prepared statement).
    /// - Throws: `DatabaseError.unknownUser` when there is no such user, `.noWorkouts` when the
    ///   user has no completed workout in the segment.
    public func history(
        user: Int, in segment: SegmentKey, trendWorkouts: Int = PlayerHistory.defaultTrendWorkouts,
        personal: PersonalTargetSettings = .standard
    ) async throws -> PlayerHistory {
        let seconds = SQLDialectPieces.durationSeconds(minutes: segment.durationMinutes)
        let trendWorkouts = max(1, trendWorkouts)
        let limit = max(trendWorkouts, personal.workouts)
        let query = LatestWorkoutsQuery(
            user: user, gameMode: segment.gameMode, difficulty: segment.difficulty,
            shortestSeconds: seconds.shortest, longestSeconds: seconds.longest, limit: limit)
        var recent: [LatestWorkout] = []
        if let postgres {
            let rows = try await postgres.execute(query, logger: Self.statementLogger)
            for try await row in rows { recent.append(LatestWorkout(row)) }
        } else {
            let portable = backend == .postgresql ? LatestWorkoutsQuery.postgresql : LatestWorkoutsQuery.sqlite
            recent = try await run(portable.query(binds: query.binds)).map(LatestWorkout.init)
        }
        guard let latest = recent.first else {
            let users = try await run(#"SELECT id FROM "Users" WHERE id = \#(bind: user)"#)
            guard !users.isEmpty else { throw DatabaseError.unknownUser(String(user)) }
            throw DatabaseError.noWorkouts(user: String(user), segment: segment.description)
        }
        let scores = recent.prefix(trendWorkouts).reversed().map(\.score)
        // The personal window counts back from the latest workout, so a gap in play keeps it.
        let windowStart = latest.playedAt - Double(personal.days) * 86_400
        let window = recent.prefix(personal.workouts).prefix { $0.playedAt >= windowStart }.reversed().map(\.score)
        return PlayerHistory(
            userId: user, segment: segment, latestScore: latest.score, latestAge: latest.age,
            latestStartSpeed: latest.startSpeed, latestPlayedAt: Date(timeIntervalSince1970: latest.playedAt),
            personalBest: latest.best, completedWorkouts: latest.workouts, recentScores: scores,
            windowScores: window)
    }
}

/// One row of the look-up: a workout, with the player's best score and workout count.
private struct LatestWorkout {
    let score: Double
    let startSpeed: Double?
    let age: Double?
    let playedAt: Double
    let best: Double
    let workouts: Int

    init(_ row: LatestWorkoutsQuery.Row) {
        (score, startSpeed, age, playedAt, best, workouts) = row
    }

    init(_ row: any SQLRow) throws {
        score = try row.decode(column: "score", as: Double.self)
        startSpeed = try row.decodeNil(column: "start_speed") ? nil : row.decode(column: "start_speed", as: Double.self)
        age = try row.decodeNil(column: "age") ? nil : row.decode(column: "age", as: Double.self)
        playedAt = try row.decode(column: "played_at", as: Double.self)
        best = try row.decode(column: "best", as: Double.self)
        workouts = try row.decode(column: "workouts", as: Int.self)
    }
}
