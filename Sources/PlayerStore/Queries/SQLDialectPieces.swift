import SQLKit

/// The SQL fragments that differ between SQLite and PostgreSQL (date arithmetic, casts), and the
/// pieces the queries share: the segment's duration rule and the date-of-birth join. A query
/// takes its dialect's fragments from here, given the `SQLBackend` its connection was told once.
enum SQLDialectPieces {
    /// A workout belongs to a segment of `m` minutes when its stored duration is within this
    /// many seconds of `m · 60` (at least `m · 60 − 30`, less than `m · 60 + 30`).
    static let durationToleranceSeconds = 30

    /// The stored durations, in seconds, of a segment of `minutes`: from `shortest` (included)
    /// to `longest` (excluded).
    static func durationSeconds(minutes: Int) -> (shortest: Int, longest: Int) {
        (minutes * 60 - durationToleranceSeconds, minutes * 60 + durationToleranceSeconds)
    }

    /// The player's age in fractional years at the workout (`w."createdAt"` minus `h.dob`).
    static func ageAtWorkout(_ backend: SQLBackend) -> String {
        switch backend {
        case .postgresql: #"(EXTRACT(EPOCH FROM (w."createdAt" - h.dob::timestamptz)) / 31557600.0)::double precision"#
        case .sqlite: #"((julianday(w."createdAt") - julianday(h.dob)) / 365.25)"#
        }
    }

    /// The workout's time as seconds since 1970, for ordering and trends.
    static func playedAtSeconds(_ backend: SQLBackend) -> String {
        switch backend {
        case .postgresql: #"EXTRACT(EPOCH FROM w."createdAt")::double precision"#
        case .sqlite: #"((julianday(w."createdAt") - 2440587.5) * 86400.0)"#
        }
    }

    /// Milliseconds since 1970 of a time column, as a `BIGINT`: exact on SQLite (`julianday`
    /// keeps whole milliseconds internally, for both of its text formats; never compare the
    /// texts, whose formats do not sort together), truncated from microseconds on PostgreSQL.
    static func milliseconds(_ column: String, _ backend: SQLBackend) -> String {
        switch backend {
        case .postgresql: "floor(EXTRACT(EPOCH FROM \(column)) * 1000)::bigint"
        // 210866760000000 = julianday('1970-01-01') * 86400000
        case .sqlite: "(CAST(round(julianday(\(column)) * 86400000.0) AS INTEGER) - 210866760000000)"
        }
    }

    /// A player's numeric id from a text `column`, or NULL when it is not all digits (at most 18,
    /// so it fits a `BIGINT`): such a player has no workouts, and no cast can fail.
    static func numericUserId(_ column: String, _ backend: SQLBackend) -> String {
        switch backend {
        case .postgresql: "CASE WHEN \(column) ~ '^[0-9]{1,18}$' THEN \(column)::bigint END"
        case .sqlite:
            "CASE WHEN \(column) <> '' AND \(column) NOT GLOB '*[^0-9]*' AND length(\(column)) <= 18 "
                + "THEN CAST(\(column) AS INTEGER) END"
        }
    }

    /// `LEFT JOIN` of the player's date of birth as `h.dob` onto the workouts `w`: the earliest
    /// one a player has (the application's table may hold several). With `user`, a bind
    /// placeholder, only that player's rows are read.
    static func dateOfBirthJoin(user: String? = nil) -> String {
        let only = user.map { #" WHERE "userId" = \#($0)"# } ?? ""
        return #"LEFT JOIN (SELECT "userId", MIN(dob) AS dob FROM "HealthData"\#(only) GROUP BY "userId") h ON h."userId" = w."userId""#
    }
}
