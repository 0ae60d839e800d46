import SQLKit

/// The few SQL fragments that differ between SQLite and PostgreSQL.
enum SQLDialectPieces {
    /// The player's age in fractional years at the workout (`w."createdAt"` minus `h.dob`).
    static func ageAtWorkout(_ database: any SQLDatabase) -> String {
        database.dialect.name == "postgresql" ? postgresAgeAtWorkout : #"((julianday(w."createdAt") - julianday(h.dob)) / 365.25)"#
    }

    static let postgresAgeAtWorkout = #"(EXTRACT(EPOCH FROM (w."createdAt" - h.dob::timestamptz)) / 31557600.0)::double precision"#

    /// The workout's time as seconds since 1970, for ordering and trends.
    static func playedAtSeconds(_ database: any SQLDatabase) -> String {
        database.dialect.name == "postgresql" ? postgresPlayedAtSeconds : #"((julianday(w."createdAt") - 2440587.5) * 86400.0)"#
    }

    static let postgresPlayedAtSeconds = #"EXTRACT(EPOCH FROM w."createdAt")::double precision"#
}
