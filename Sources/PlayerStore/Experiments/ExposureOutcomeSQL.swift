import SQLKit

/// The SQL of the retention report's one query, for SQLite and PostgreSQL.
///
/// Times are measured in whole milliseconds since 1970 (`BIGINT`, `SQLDialectPieces.milliseconds`),
/// computed by each dialect from its own storage, so the rest of the query is the same text on
/// both, except how the workouts after an exposure are found.
enum ExposureOutcomeSQL {
    static let millisecondsPerDay = 86_400_000

    /// One row per player exposed in `experiment`: their first exposure, and the completed
    /// workouts after it aggregated per player (see `ExposureOutcome` for each column's meaning).
    /// A player without such workouts keeps one row of NULL workout columns through the outer
    /// join, so the aggregation needs no second join back to the exposures (which SQLite, without
    /// an index on a materialised table, would run as a nested scan).
    static func query(experiment: String, followUpWorkouts: Int, backend: SQLBackend) -> SQLQueryString {
        let exposedAt = SQLDialectPieces.milliseconds("p.created_at", backend)
        let playedAt = SQLDialectPieces.milliseconds(#"w."createdAt""#, backend)
        let player = SQLDialectPieces.numericUserId("r.user_id", backend)
        // PostgreSQL compares the timestamps themselves: exact to the microsecond, and a range
        // of the workouts' (userId, createdAt) index instead of a filter on every workout.
        let playedAfterExposure =
            switch backend {
            case .postgresql: #"w."createdAt" > e.exposed_at"#
            case .sqlite: "\(playedAt) > e.exposed_ms"
            }
        let week = 7 * millisecondsPerDay
        let month = 28 * millisecondsPerDay
        return """
            WITH logged AS (
                SELECT p.id, p.user_id, p.game_mode, p.difficulty, p.duration_minutes, p.cluster, p.cluster_label,
                       p.arm, p.next_target, p.created_at AS exposed_at, \(unsafeRaw: exposedAt) AS exposed_ms
                FROM engine_predictions p
                WHERE p.experiment = \(bind: experiment) AND p.user_id IS NOT NULL
            ),
            ranked AS (
                SELECT l.*, ROW_NUMBER() OVER (PARTITION BY l.user_id ORDER BY l.exposed_ms, l.id) AS exposure
                FROM logged l
            ),
            exposed AS (
                SELECT r.user_id, r.game_mode, r.difficulty, r.duration_minutes, r.cluster,
                       COALESCE(r.cluster_label, '') AS cluster_label, COALESCE(a.arm, r.arm) AS arm,
                       r.next_target, r.exposed_at, r.exposed_ms, \(unsafeRaw: player) AS player
                FROM ranked r
                LEFT JOIN engine_experiment_assignments a ON a.experiment = \(bind: experiment) AND a.user_id = r.user_id
                WHERE r.exposure = 1
            ),
            later AS (
                SELECT e.*, w.id AS workout, w.score, \(unsafeRaw: playedAt) - e.exposed_ms AS after_ms,
                       CASE WHEN rc."gameMode" = e.game_mode AND rc.difficulty = e.difficulty
                                 AND rc.duration >= e.duration_minutes * 60 - \(unsafeRaw: String(SQLDialectPieces.durationToleranceSeconds))
                                 AND rc.duration < e.duration_minutes * 60 + \(unsafeRaw: String(SQLDialectPieces.durationToleranceSeconds))
                            THEN 1 ELSE 0 END AS same_segment
                FROM exposed e
                LEFT JOIN "Workouts" w
                    ON w."userId" = e.player AND w."completedWorkout" = \(true) AND \(unsafeRaw: playedAfterExposure)
                LEFT JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
            ),
            positioned AS (
                SELECT l.*, ROW_NUMBER() OVER (PARTITION BY l.user_id, l.same_segment ORDER BY l.after_ms, l.workout) AS position
                FROM later l
            )
            SELECT user_id, game_mode, difficulty, duration_minutes, cluster, cluster_label, arm, next_target, exposed_ms,
                   MIN(after_ms) AS next_after_ms,
                   SUM(CASE WHEN after_ms <= \(literal: week) THEN 1 ELSE 0 END) AS within_7_days,
                   SUM(CASE WHEN after_ms <= \(literal: month) THEN 1 ELSE 0 END) AS within_28_days,
                   SUM(CASE WHEN same_segment = 1 AND position <= \(literal: followUpWorkouts) THEN 1 ELSE 0 END) AS follow_ups,
                   MAX(CASE WHEN same_segment = 1 AND position <= \(literal: followUpWorkouts) AND score >= next_target
                            THEN 1 ELSE 0 END) AS reached
            FROM positioned
            GROUP BY user_id, game_mode, difficulty, duration_minutes, cluster, cluster_label, arm, next_target, exposed_ms
            ORDER BY user_id
            """
    }
}
