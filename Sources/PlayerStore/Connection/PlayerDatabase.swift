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
            do {
                let result = try await body(connection.sql())
                try await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
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
                throw DatabaseError.unreachable(location.description, reason: Self.reason(error, hiding: configuration))
            }
            do {
                let result = try await body(connection.sql())
                try await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    /// The driver's own account of a failure (its default description hides the cause), with
    /// the password taken out.
    private static func reason(_ error: any Error, hiding configuration: SQLPostgresConfiguration) -> String {
        var text = String(reflecting: error)
        if let password = configuration.coreConfiguration.password, !password.isEmpty {
            text = text.replacingOccurrences(of: password, with: "***")
        }
        return text
    }
}
