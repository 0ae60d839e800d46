import SQLKit

/// The SQL dialects the engine's queries are written for, told from a database in this one
/// place: SQLite (the embedded default) and PostgreSQL.
public enum SQLBackend: Sendable, Equatable {
    case sqlite
    case postgresql

    /// The backend of `dialect`; SQLKit names PostgreSQL's `postgresql`, anything else is
    /// treated as SQLite (the only other driver the engine ships).
    public init(_ dialect: any SQLDialect) {
        self = dialect.name == "postgresql" ? .postgresql : .sqlite
    }

    /// The backend of `database`.
    public init(_ database: any SQLDatabase) {
        self.init(database.dialect)
    }
}
