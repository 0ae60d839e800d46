import Foundation
import MotivationEngine
import SQLKit

extension PlayerQueries {
    /// The trend window when none is given.
    public static let defaultTrendWorkouts = 10

    /// A player's latest completed workout, personal best and trend over the last `trendWorkouts`
    /// completed workouts in `segment`. The queries go from the player's workouts to their race
    /// configs by id: `CROSS JOIN` fixes SQLite's join order, and the `|| ''` and `+ 0` on the
    /// segment columns keep it from using the segment index instead (without statistics it
    /// would scan the whole segment for each workout: 300 ms instead of 1 ms).
    /// - Throws: `DatabaseError.unknownUser` when there is no such user, `.noWorkouts` when the
    ///   user has no completed workout in the segment.
    public func history(
        user: Int, in segment: SegmentKey, trendWorkouts: Int = PlayerQueries.defaultTrendWorkouts
    ) async throws -> PlayerHistory {
        let users = try await run(#"SELECT id FROM "Users" WHERE id = \#(bind: user)"#)
        guard !users.isEmpty else { throw DatabaseError.unknownUser(String(user)) }
        let minutes = segment.durationMinutes
        // The player's completed, scored workouts in the segment (both queries below).
        let playerWorkouts: SQLQueryString = """
            rc."workoutId" = w.id AND w."userId" = \(bind: user) AND w."completedWorkout" = \(true)
              AND w.score IS NOT NULL
              AND rc."gameMode" || '' = \(bind: segment.gameMode) AND rc.difficulty + 0 = \(bind: segment.difficulty)
              AND rc.duration + 0 >= \(bind: minutes * 60 - 30) AND rc.duration + 0 < \(bind: minutes * 60 + 30)
            """
        let recent = try await run(
            """
            SELECT w.score AS score, rc."startSpeed" AS start_speed,
                   \(unsafeRaw: SQLDialectPieces.ageAtWorkout(database)) AS age,
                   \(unsafeRaw: SQLDialectPieces.playedAtSeconds(database)) AS played_at
            FROM "Workouts" w CROSS JOIN "RaceConfigs" rc
            LEFT JOIN (SELECT "userId", MIN(dob) AS dob FROM "HealthData" WHERE "userId" = \(bind: user) GROUP BY "userId") h
                ON h."userId" = w."userId"
            """ + " WHERE " + playerWorkouts + #" ORDER BY w."createdAt" DESC LIMIT \#(literal: max(1, trendWorkouts))"#)
        guard let latest = recent.first else {
            throw DatabaseError.noWorkouts(user: String(user), segment: segment.description)
        }
        let summary = try await run(
            #"SELECT MAX(w.score) AS best, COUNT(*) AS workouts FROM "Workouts" w CROSS JOIN "RaceConfigs" rc WHERE "#
                + playerWorkouts)
        let scores = try recent.reversed().map { try $0.decode(column: "score", as: Double.self) }
        return PlayerHistory(
            userId: user, segment: segment,
            latestScore: try latest.decode(column: "score", as: Double.self),
            latestAge: try latest.decodeNil(column: "age") ? nil : latest.decode(column: "age", as: Double.self),
            latestStartSpeed: try latest.decodeNil(column: "start_speed")
                ? nil : latest.decode(column: "start_speed", as: Double.self),
            latestPlayedAt: Date(timeIntervalSince1970: try latest.decode(column: "played_at", as: Double.self)),
            personalBest: try summary[0].decode(column: "best", as: Double.self),
            completedWorkouts: try summary[0].decode(column: "workouts", as: Int.self),
            trend: PlayerHistory.Trend(scores: scores))
    }
}
