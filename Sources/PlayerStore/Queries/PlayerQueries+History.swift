import Foundation
import MotivationEngine
import SQLKit

extension PlayerQueries {
    /// The trend window when none is given.
    public static let defaultTrendWorkouts = 10

    /// A player's latest completed workout, personal best and trend over the last `trendWorkouts`
    /// completed workouts in `segment`, in one query (a second one only to tell an unknown user
    /// from one without workouts). The query goes from the player's workouts to their race
    /// configs by id: `CROSS JOIN` fixes SQLite's join order, and the `|| ''` and `+ 0` on the
    /// segment columns keep it from using the segment index instead (without statistics it
    /// would scan the whole segment for each workout: 300 ms instead of 1 ms).
    /// - Throws: `DatabaseError.unknownUser` when there is no such user, `.noWorkouts` when the
    ///   user has no completed workout in the segment.
    public func history(
        user: Int, in segment: SegmentKey, trendWorkouts: Int = PlayerQueries.defaultTrendWorkouts
    ) async throws -> PlayerHistory {
        let minutes = segment.durationMinutes
        // One query in the common case: the last workouts, with the best score and the count of
        // all of them as window totals (computed before the LIMIT).
        let recent = try await run(
            """
            SELECT w.score AS score, rc."startSpeed" AS start_speed,
                   \(unsafeRaw: SQLDialectPieces.ageAtWorkout(database)) AS age,
                   \(unsafeRaw: SQLDialectPieces.playedAtSeconds(database)) AS played_at,
                   MAX(w.score) OVER () AS best, COUNT(*) OVER () AS workouts
            FROM "Workouts" w CROSS JOIN "RaceConfigs" rc
            LEFT JOIN (SELECT "userId", MIN(dob) AS dob FROM "HealthData" WHERE "userId" = \(bind: user) GROUP BY "userId") h
                ON h."userId" = w."userId"
            WHERE rc."workoutId" = w.id AND w."userId" = \(bind: user) AND w."completedWorkout" = \(true)
              AND w.score IS NOT NULL
              AND rc."gameMode" || '' = \(bind: segment.gameMode) AND rc.difficulty + 0 = \(bind: segment.difficulty)
              AND rc.duration + 0 >= \(bind: minutes * 60 - 30) AND rc.duration + 0 < \(bind: minutes * 60 + 30)
            ORDER BY w."createdAt" DESC LIMIT \(literal: max(1, trendWorkouts))
            """)
        guard let latest = recent.first else {
            let users = try await run(#"SELECT id FROM "Users" WHERE id = \#(bind: user)"#)
            guard !users.isEmpty else { throw DatabaseError.unknownUser(String(user)) }
            throw DatabaseError.noWorkouts(user: String(user), segment: segment.description)
        }
        let scores = try recent.reversed().map { try $0.decode(column: "score", as: Double.self) }
        return PlayerHistory(
            userId: user, segment: segment,
            latestScore: try latest.decode(column: "score", as: Double.self),
            latestAge: try latest.decodeNil(column: "age") ? nil : latest.decode(column: "age", as: Double.self),
            latestStartSpeed: try latest.decodeNil(column: "start_speed")
                ? nil : latest.decode(column: "start_speed", as: Double.self),
            latestPlayedAt: Date(timeIntervalSince1970: try latest.decode(column: "played_at", as: Double.self)),
            personalBest: try latest.decode(column: "best", as: Double.self),
            completedWorkouts: try latest.decode(column: "workouts", as: Int.self),
            trend: PlayerHistory.Trend(scores: scores))
    }
}
