import Foundation

/// Where the player database is: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite database file (created if missing).
    case sqlite(path: String)
    /// A PostgreSQL database, by its `postgres://user:password@host:port/database` URL.
    case postgres(url: String)

    /// Reads a location: `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:PATH`,
    /// `sqlite://PATH` or a plain path is an SQLite file.
    /// - Throws: `DatabaseError.invalidLocation` for an empty text, another URL scheme or a
    ///   PostgreSQL URL without a host or user.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty, url.user != nil else {
                throw DatabaseError.invalidLocation(
                    text, reason: "a PostgreSQL URL looks like postgres://user:password@host:5432/database")
            }
            self = .postgres(url: trimmed)
        } else if trimmed.hasPrefix("sqlite://") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite://".count)))
        } else if trimmed.hasPrefix("sqlite:") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite:".count)))
        } else if trimmed.isEmpty || trimmed.contains("://") {
            throw DatabaseError.invalidLocation(
                text, reason: "give an SQLite file path (or sqlite:PATH) or a postgres:// URL")
        } else {
            self = .sqlite(path: trimmed)
        }
    }

    /// The location without a password, for messages and logs.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "SQLite file \(path)"
        case .postgres(let text):
            guard var components = URLComponents(string: text) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL \(components.string ?? "")"
        }
    }
}
