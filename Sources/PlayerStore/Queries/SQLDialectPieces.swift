import SQLKit

/// The few SQL fragments that differ between SQLite and PostgreSQL.
enum SQLDialectPieces {
    /// The player's age in fractional years at the workout (`w."createdAt"` minus `h.dob`).
    static func ageAtWorkout(_ database: any SQLDatabase) -> String {
        if database.dialect.name == "postgresql" {
            return #"(EXTRACT(EPOCH FROM (w."createdAt" - h.dob::timestamptz)) / 31557600.0)::double precision"#
        }
        return #"((julianday(w."createdAt") - julianday(h.dob)) / 365.25)"#
    }

    /// The workout's time as seconds since 1970, for ordering and trends.
    static func playedAtSeconds(_ database: any SQLDatabase) -> String {
        if database.dialect.name == "postgresql" {
            return #"EXTRACT(EPOCH FROM w."createdAt")::double precision"#
        }
        return #"((julianday(w."createdAt") - 2440587.5) * 86400.0)"#
    }
}
