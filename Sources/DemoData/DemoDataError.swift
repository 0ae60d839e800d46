/// Why a demo database was not written.
public enum DemoDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database already holds Sphery data; the demo never mixes with or overwrites it
    /// unless asked to replace it.
    case databaseNotEmpty(users: Int, workouts: Int)
    /// The number of users is not positive.
    case invalidUserCount(Int)

    /// The problem in words, naming the option at fault.
    public var description: String {
        switch self {
        case .databaseNotEmpty(let users, let workouts):
            return "the database already has \(users) users and \(workouts) workouts; "
                + "refusing to write demo data into it (use --replace to drop and recreate the Sphery tables)"
        case .invalidUserCount(let count):
            return "the number of users must be at least 1, got \(count)"
        }
    }
}
