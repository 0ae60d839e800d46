import PostgresNIO

/// The player look-up's query on PostgreSQL as a prepared statement: planned once per
/// connection rather than for every look-up (planning is four fifths of the query's cost; with
/// it, the service answers about twice as many look-ups a second). The same query as the
/// portable one in `PlayerQueries.history`, with PostgreSQL's date arithmetic.
struct LatestWorkoutsStatement: PostgresPreparedStatement {
    /// Score, start speed, age, time played (seconds since 1970), best score, workout count.
    typealias Row = (Double, Double?, Double?, Double, Double, Int)

    static let sql = """
        SELECT w.score::double precision, rc."startSpeed"::double precision,
               \(SQLDialectPieces.postgresAgeAtWorkout),
               \(SQLDialectPieces.postgresPlayedAtSeconds),
               (MAX(w.score) OVER ())::double precision, (COUNT(*) OVER ())::bigint
        FROM "Workouts" w CROSS JOIN "RaceConfigs" rc
        LEFT JOIN (SELECT "userId", MIN(dob) AS dob FROM "HealthData" WHERE "userId" = $1 GROUP BY "userId") h
            ON h."userId" = w."userId"
        WHERE rc."workoutId" = w.id AND w."userId" = $1 AND w."completedWorkout" = TRUE
          AND w.score IS NOT NULL AND w.score >= 0
          AND rc."gameMode" = $2 AND rc.difficulty = $3 AND rc.duration >= $4 AND rc.duration < $5
        ORDER BY w."createdAt" DESC LIMIT $6
        """

    let user: Int
    let gameMode: String
    let difficulty: Int
    let shortestSeconds: Int
    let longestSeconds: Int
    let limit: Int

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(user)
        bindings.append(gameMode)
        bindings.append(difficulty)
        bindings.append(shortestSeconds)
        bindings.append(longestSeconds)
        bindings.append(limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
