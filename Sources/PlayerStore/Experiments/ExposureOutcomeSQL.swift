import SQLKit

/// The SQL of the retention report's one query, for SQLite and PostgreSQL.
///
/// Times are compared as whole milliseconds since 1970 (`BIGINT`), computed by each dialect from
/// its own storage (ISO 8601 text of two formats on SQLite, `TIMESTAMPTZ` on PostgreSQL), so the
/// rest of the query is the same text on both.
enum ExposureOutcomeSQL {
    static let millisecondsPerDay = 86_400_000

    /// One row per player exposed in `experiment`: their first exposure, and the completed
    /// workouts after it aggregated per player (see `ExposureOutcome` for each column's meaning).
    static func query(experiment: String, followUpWorkouts: Int, postgres: Bool) -> SQLQueryString {
        let exposedAt = milliseconds("p.created_at", postgres: postgres)
        let playedAt = milliseconds(#"w."createdAt""#, postgres: postgres)
        let player = numericUserId("r.user_id", postgres: postgres)
        let week = 7 * millisecondsPerDay
        let month = 28 * millisecondsPerDay
        return """
            WITH logged AS (
                SELECT p.id, p.user_id, p.game_mode, p.difficulty, p.duration_minutes, p.cluster, p.cluster_label,
                       p.arm, p.next_target, \(unsafeRaw: exposedAt) AS exposed_ms
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
                       r.next_target, r.exposed_ms, \(unsafeRaw: player) AS player
                FROM ranked r
                LEFT JOIN engine_experiment_assignments a ON a.experiment = \(bind: experiment) AND a.user_id = r.user_id
                WHERE r.exposure = 1
            ),
            later AS (
                SELECT e.user_id, w.id AS workout, w.score, e.next_target, \(unsafeRaw: playedAt) - e.exposed_ms AS after_ms,
                       CASE WHEN rc."gameMode" = e.game_mode AND rc.difficulty = e.difficulty
                                 AND rc.duration >= e.duration_minutes * 60 - 30 AND rc.duration < e.duration_minutes * 60 + 30
                            THEN 1 ELSE 0 END AS same_segment
                FROM exposed e
                JOIN "Workouts" w ON w."userId" = e.player
                LEFT JOIN "RaceConfigs" rc ON rc."workoutId" = w.id
                WHERE w."completedWorkout" = \(true) AND \(unsafeRaw: playedAt) > e.exposed_ms
            ),
            positioned AS (
                SELECT l.*, ROW_NUMBER() OVER (PARTITION BY l.user_id, l.same_segment ORDER BY l.after_ms, l.workout) AS position
                FROM later l
            ),
            outcomes AS (
                SELECT user_id, MIN(after_ms) AS next_after_ms,
                       SUM(CASE WHEN after_ms <= \(literal: week) THEN 1 ELSE 0 END) AS within_7_days,
                       SUM(CASE WHEN after_ms <= \(literal: month) THEN 1 ELSE 0 END) AS within_28_days,
                       SUM(CASE WHEN same_segment = 1 AND position <= \(literal: followUpWorkouts) THEN 1 ELSE 0 END) AS follow_ups,
                       MAX(CASE WHEN same_segment = 1 AND position <= \(literal: followUpWorkouts) AND score >= next_target
                                THEN 1 ELSE 0 END) AS reached
                FROM positioned
                GROUP BY user_id
            )
            SELECT e.user_id, e.game_mode, e.difficulty, e.duration_minutes, e.cluster, e.cluster_label, e.arm,
                   e.next_target, e.exposed_ms, o.next_after_ms,
                   COALESCE(o.within_7_days, 0) AS within_7_days, COALESCE(o.within_28_days, 0) AS within_28_days,
                   COALESCE(o.follow_ups, 0) AS follow_ups, COALESCE(o.reached, 0) AS reached
            FROM exposed e
            LEFT JOIN outcomes o ON o.user_id = e.user_id
            ORDER BY e.user_id
            """
    }

    /// Milliseconds since 1970 of a time column: exact on SQLite (`julianday` keeps whole
    /// milliseconds internally, for both text formats), truncated from microseconds on PostgreSQL.
    static func milliseconds(_ column: String, postgres: Bool) -> String {
        postgres
            ? "floor(EXTRACT(EPOCH FROM \(column)) * 1000)::bigint"
            // 210866760000000 = julianday('1970-01-01') * 86400000
            : "(CAST(round(julianday(\(column)) * 86400000.0) AS INTEGER) - 210866760000000)"
    }

    /// The player's numeric id from the log's text `user_id`, or NULL when it is not all digits
    /// (at most 18, so it fits a `BIGINT`): such a player has no workouts, and no cast can fail.
    static func numericUserId(_ column: String, postgres: Bool) -> String {
        postgres
            ? "CASE WHEN \(column) ~ '^[0-9]{1,18}$' THEN \(column)::bigint END"
            : "CASE WHEN \(column) <> '' AND \(column) NOT GLOB '*[^0-9]*' AND length(\(column)) <= 18 "
                + "THEN CAST(\(column) AS INTEGER) END"
    }
}
