import SQLKit

/// The few SQL fragments that differ between SQLite and PostgreSQL, and the segment rule the
/// queries share.
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
    static func ageAtWorkout(_ database: any SQLDatabase) -> String {
        SQLBackend(database) == .postgresql ? postgresAgeAtWorkout : #"((julianday(w."createdAt") - julianday(h.dob)) / 365.25)"#
    }

    static let postgresAgeAtWorkout = #"(EXTRACT(EPOCH FROM (w."createdAt" - h.dob::timestamptz)) / 31557600.0)::double precision"#

    /// The workout's time as seconds since 1970, for ordering and trends.
    static func playedAtSeconds(_ database: any SQLDatabase) -> String {
        SQLBackend(database) == .postgresql ? postgresPlayedAtSeconds : #"((julianday(w."createdAt") - 2440587.5) * 86400.0)"#
    }

    static let postgresPlayedAtSeconds = #"EXTRACT(EPOCH FROM w."createdAt")::double precision"#
}
