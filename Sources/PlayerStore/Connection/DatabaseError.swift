/// Why the player database cannot be used, in words for the person running the engine.
public enum DatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database URL or path is malformed.
    case invalidLocation(String, reason: String)
    /// The database cannot be reached or opened.
    case unreachable(String, reason: String)
    /// A table or column the engine reads is missing.
    case missingSchema(String)
    /// The user does not exist.
    case unknownUser(String)
    /// The user exists but has no completed workout in the segment.
    case noWorkouts(user: String, segment: String)
    /// A query failed.
    case queryFailed(String)

    /// The problem in words, naming the table, user or segment; never a password.
    public var description: String {
        switch self {
        case .invalidLocation(let text, let reason): return "invalid database location '\(text)': \(reason)"
        case .unreachable(let location, let reason): return "cannot reach the database (\(location)): \(reason)"
        case .missingSchema(let what): return "the database lacks \(what); is it a Sphery database? (demo-data makes one)"
        case .unknownUser(let id): return "no user with id \(id)"
        case .noWorkouts(let user, let segment): return "user \(user) has no completed workout in \(segment)"
        case .queryFailed(let message): return "a database query failed: \(message)"
        }
    }
}

extension DatabaseError {
    /// `unreachable` with the driver's own account of `error` (its default description hides
    /// the cause), the password taken out.
    static func unreachable(_ location: DatabaseLocation, _ error: any Error, hiding password: String?) -> DatabaseError {
        var reason = String(reflecting: error)
        if let password, !password.isEmpty { reason = reason.replacingOccurrences(of: password, with: "***") }
        return .unreachable(location.description, reason: reason)
    }
}
