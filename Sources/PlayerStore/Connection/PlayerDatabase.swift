import Foundation
import Logging
import PostgresKit
import SQLKit
import SQLiteKit

/// Opens the player database for the length of a piece of work and closes it afterwards.
public enum PlayerDatabase {
    /// Runs `body` with an open database at `location`.
    /// - Throws: `DatabaseError.unreachable` when it cannot be opened; what `body` throws.
    public static func with<Result: Sendable>(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "sphery.database"),
        _ body: @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        switch location {
        case .sqlite(let path):
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            } catch {
                throw DatabaseError.unreachable(location.description, reason: "\(error)")
            }
            return try await using(connection.sql(), body, then: { try await connection.close() })
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw DatabaseError.invalidLocation(location.description, reason: "\(error)")
            }
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(
                    configuration: configuration.coreConfiguration, id: 1, logger: logger)
            } catch {
                throw DatabaseError.unreachable(location, error, hiding: configuration.coreConfiguration.password)
            }
            return try await using(connection.sql(), body, then: { try await connection.close() })
        }
    }

    /// Runs `body` with `database`, then `close` — also when `body` throws (its error wins).
    private static func using<Result: Sendable>(
        _ database: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> Result,
        then close: () async throws -> Void
    ) async throws -> Result {
        let result: Result
        do {
            result = try await body(database)
        } catch {
            try? await close()
            throw error
        }
        try await close()
        return result
    }
}
