import SQLKit

/// The few SQL fragments that differ between SQLite and PostgreSQL, and the pieces the queries
/// share: the segment's duration rule and the date-of-birth join.
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

    /// `LEFT JOIN` of the player's date of birth as `h.dob` onto the workouts `w`: the earliest
    /// one a player has (the application's table may hold several). With `user`, a bind
    /// placeholder, only that player's rows are read.
    static func dateOfBirthJoin(user: String? = nil) -> String {
        let only = user.map { #" WHERE "userId" = \#($0)"# } ?? ""
        return #"LEFT JOIN (SELECT "userId", MIN(dob) AS dob FROM "HealthData"\#(only) GROUP BY "userId") h ON h."userId" = w."userId""#
    }
}
