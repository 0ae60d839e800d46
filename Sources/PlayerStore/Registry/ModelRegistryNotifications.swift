import Foundation
import Logging
import PostgresKit

/// Activations in a PostgreSQL model registry as they happen: a connection of its own `LISTEN`s
/// on `ModelRegistryQuery.channel` (the pool's connections are lent out and given back, so they
/// cannot hold a `LISTEN`).
public enum ModelRegistryNotifications {
    /// The connection was found closed while listening (PostgresNIO does not always end the
    /// notification stream when its connection goes).
    struct ConnectionLost: Error {}

    /// Follows the registry at `url` until cancelled. `changed` is called once `LISTEN` is in
    /// place after every (re)connection, so that what was activated while the listener was not
    /// connected is not missed, and then for every notification. A lost connection is opened
    /// again after `retry`, for as long as it takes.
    /// - Throws: `DatabaseError.invalidLocation` for a URL the driver refuses;
    ///   `CancellationError` when cancelled.
    public static func follow(
        postgresURL url: String, retry: Duration = .seconds(1), logger: Logger, changed: @escaping @Sendable () async -> Void
    ) async throws {
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw DatabaseError.invalidLocation(DatabaseLocation.postgres(url: url).description, reason: "\(error)")
        }
        var reported = false
        while true {
            try Task.checkCancellation()
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration.coreConfiguration, id: 0, logger: logger)
                if reported { logger.notice("listening for model activations again") }
                reported = false
                do {
                    try await listen(on: connection, changed: changed)
                } catch {
                    // Closed before it is released, whatever ended the listening (the driver asserts it).
                    try? await connection.close()
                    throw error
                }
            } catch {
                // Cancelled (shutting down): the driver may report it as its connection closing.
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                if !reported {
                    let reason = DatabaseError.unreachable(.postgres(url: url), error, hiding: configuration.coreConfiguration.password)
                    logger.warning(
                        "the model registry's listener lost the database; retrying every \(retry)", metadata: ["error": "\(reason)"])
                    reported = true
                }
            }
            try await Task.sleep(for: retry)
        }
    }

    /// Listens on `connection` until it closes or the task is cancelled.
    private static func listen(on connection: PostgresConnection, changed: @escaping @Sendable () async -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await connection.listen(on: ModelRegistryQuery.channel) { notifications in
                    await changed()
                    for try await _ in notifications { await changed() }
                }
                throw ConnectionLost()
            }
            group.addTask {
                while !connection.isClosed { try await Task.sleep(for: .milliseconds(500)) }
                throw ConnectionLost()
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
