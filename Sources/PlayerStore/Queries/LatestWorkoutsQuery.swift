import PostgresNIO
import SQLKit

/// The player look-up's query, written once for both backends: a player's last completed
/// workouts in a segment, newest first, each with the player's best score and workout count as
/// window totals (computed before the `LIMIT`).
///
/// On PostgreSQL it runs as a prepared statement, planned once per connection rather than for
/// every look-up (planning is four fifths of the query's cost; with it, the service answers
/// about twice as many look-ups a second). On SQLite it goes from the player's workouts to their
/// race configs by id: `CROSS JOIN` fixes the join order, and the `|| ''` and `+ 0` on the
/// segment columns keep it from using the segment index instead (without statistics it would
/// scan the whole segment for each workout: 300 ms instead of 1 ms).
struct LatestWorkoutsQuery: PostgresPreparedStatement {
    /// Score, start speed, age, time played (seconds since 1970), best score, workout count.
    typealias Row = (Double, Double?, Double?, Double, Double, Int)

    /// The statement's text on PostgreSQL.
    static let sql = text(.postgresql)
    /// The query on SQLite, parsed once.
    static let sqlite = NumberedQuery(text(.sqlite))
    /// The query on PostgreSQL through SQLKit (a connection without prepared statements), parsed once.
    static let postgresql = NumberedQuery(sql)

    let user: Int
    let gameMode: String
    let difficulty: Int
    let shortestSeconds: Int
    let longestSeconds: Int
    let limit: Int

    /// The query's text on `backend`, with the placeholders `$1…$6` of `binds`.
    static func text(_ backend: SQLBackend) -> String {
        let (real, count, text, number) =
            switch backend {
            case .postgresql: ("::double precision", "::bigint", "", "")
            case .sqlite: ("", "", " || ''", " + 0")
            }
        return """
            SELECT w.score\(real) AS score, rc."startSpeed"\(real) AS start_speed,
                   \(SQLDialectPieces.ageAtWorkout(backend)) AS age,
                   \(SQLDialectPieces.playedAtSeconds(backend)) AS played_at,
                   (MAX(w.score) OVER ())\(real) AS best, (COUNT(*) OVER ())\(count) AS workouts
            FROM "Workouts" w CROSS JOIN "RaceConfigs" rc
            \(SQLDialectPieces.dateOfBirthJoin(user: "$1"))
            WHERE rc."workoutId" = w.id AND w."userId" = $1 AND w."completedWorkout" = TRUE
              AND w.score IS NOT NULL AND w.score >= 0
              AND rc."gameMode"\(text) = $2 AND rc.difficulty\(number) = $3
              AND rc.duration\(number) >= $4 AND rc.duration\(number) < $5
            ORDER BY w."createdAt" DESC LIMIT $6
            """
    }

    /// The values of the placeholders `$1…$6`, in their order: the prepared statement's
    /// bindings and the portable query's binds alike.
    var binds: [any PostgresNonThrowingEncodable & Encodable & Sendable] {
        [user, gameMode, difficulty, shortestSeconds, longestSeconds, limit]
    }

    func makeBindings() throws -> PostgresBindings {
        let values = binds
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
