import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// A pool of connections to the player database for a long-running process (the HTTP service):
/// connections are opened on demand, kept and reused, at most `connectionsPerLoop` per event
/// loop; waiting for one has a deadline, and a database that cannot be reached is reported as
/// `DatabaseError.unreachable` naming the location (never its password) and the driver's reason.
///
/// Both backends go through AsyncKit's `EventLoopGroupConnectionPool`, the pool SQLiteKit and
/// PostgresKit are built for. Call `shutdown()` once nothing uses the pool any more.
public final class DatabasePool: @unchecked Sendable {
    // @unchecked: AsyncKit's pool guards its state with locks and per-event-loop confinement but
    // predates Sendable annotations; every other stored property is immutable or atomic.

    /// Where the pool connects.
    public let location: DatabaseLocation
    /// The most connections open at once.
    public let capacity: Int
    private let pool: Pool
    private let busy = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)
    private let timeout: Duration

    private enum Pool {
        case sqlite(path: String, EventLoopGroupConnectionPool<SQLiteConnectionSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>, password: String?)
    }

    /// Prepares a pool; no connection is opened until the first unit of work.
    /// - Parameters:
    ///   - connectionsPerLoop: connections per event loop (the group has one loop per core).
    ///   - timeout: the longest wait for a connection, connecting included.
    /// - Throws: `DatabaseError.invalidLocation` for a PostgreSQL URL the driver refuses.
    public init(
        _ location: DatabaseLocation, connectionsPerLoop: Int = 4, timeout: Duration = .seconds(5),
        logger: Logger = Logger(label: "sphery.database.pool"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws {
        self.location = location
        self.timeout = timeout
        let loops = Array(eventLoopGroup.makeIterator()).count
        capacity = loops * connectionsPerLoop
        let wait = TimeAmount.nanoseconds(Int64(timeout / .nanoseconds(1)))
        switch location {
        case .sqlite(let path):
            let source = SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: false))
            pool = .sqlite(
                path: path,
                EventLoopGroupConnectionPool(
                    source: source, maxConnectionsPerEventLoop: connectionsPerLoop, requestTimeout: wait,
                    logger: logger, on: eventLoopGroup))
        case .postgres(let url):
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw DatabaseError.invalidLocation(location.description, reason: "\(error)")
            }
            configuration.coreConfiguration.options.connectTimeout = wait
            pool = .postgres(
                EventLoopGroupConnectionPool(
                    source: PostgresConnectionSource(sqlConfiguration: configuration),
                    maxConnectionsPerEventLoop: connectionsPerLoop, requestTimeout: wait, logger: logger,
                    on: eventLoopGroup),
                password: configuration.coreConfiguration.password)
        }
    }

    /// Connections lent out right now.
    public var connectionsInUse: Int { busy.load(ordering: .relaxed) }

    /// Runs `body` with a pooled connection, returned to the pool afterwards.
    /// - Throws: `DatabaseError.unreachable` when no connection can be had within the timeout
    ///   (or the SQLite file does not exist); what `body` throws, unchanged.
    public func withDatabase<Result: Sendable>(
        _ body: @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        try await lend(sqlite: { $0.sql() }, postgres: { $0.sql() }, to: body)
    }

    /// Runs `body` with the player queries on a pooled connection (on PostgreSQL the look-up
    /// uses a prepared statement).
    /// - Throws: as `withDatabase`.
    public func withQueries<Result: Sendable>(_ body: @Sendable (PlayerQueries) async throws -> Result) async throws -> Result {
        try await lend(sqlite: { PlayerQueries($0.sql()) }, postgres: { PlayerQueries($0.sql(), postgres: $0) }, to: body)
    }

    /// Lends what `sqlite` or `postgres` makes of a pooled connection to `body`, counting it as in use.
    private func lend<Lent, Result: Sendable>(
        sqlite: (SQLiteConnection) -> Lent, postgres: (PostgresConnection) -> Lent,
        to body: @Sendable (Lent) async throws -> Result
    ) async throws -> Result {
        busy.add(1, ordering: .relaxed)
        defer { busy.subtract(1, ordering: .relaxed) }
        switch pool {
        case .sqlite(let path, let pool):
            guard FileManager.default.fileExists(atPath: path) else {
                throw DatabaseError.unreachable(location.description, reason: "no such file")
            }
            return try await run(on: pool, hiding: nil, sqlite, body)
        case .postgres(let pool, let password):
            return try await run(on: pool, hiding: password, postgres, body)
        }
    }

    /// Checks that the database answers (`SELECT 1`).
    /// - Throws: `DatabaseError.unreachable` when it does not.
    public func check() async throws {
        try await withDatabase { db in
            do {
                try await db.raw("SELECT 1").run()
            } catch {
                throw DatabaseError.unreachable(db.dialect.name, reason: "\(error)")
            }
        }
    }

    /// Closes every connection; later units of work fail with `DatabaseError.unreachable`.
    public func shutdown() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        switch pool {
        case .sqlite(_, let pool): try? await pool.shutdownAsync()
        case .postgres(let pool, _): try? await pool.shutdownAsync()
        }
    }

    /// A pool dropped without `shutdown()` (a service that failed to start) closes its
    /// connections in the background.
    deinit {
        guard !closed.load(ordering: .acquiring) else { return }
        switch pool {
        case .sqlite(_, let pool): pool.shutdownGracefully { _ in }
        case .postgres(let pool, _): pool.shutdownGracefully { _ in }
        }
    }

    /// Lends a connection of `pool` to `body` and takes it back afterwards (the work runs on the
    /// calling task: no extra task or thread hop). Errors thrown by `body` pass through
    /// unchanged; an error in getting the connection (none in time, refused, shut down) means
    /// the database is out of reach.
    private func run<Source: ConnectionPoolSource, Lent, Result: Sendable>(
        on pool: EventLoopGroupConnectionPool<Source>, hiding password: String?,
        _ lend: (Source.Connection) -> Lent,
        _ body: @Sendable (Lent) async throws -> Result
    ) async throws -> Result where Source.Connection: Sendable {
        let connection: Source.Connection
        do {
            connection = try await pool.requestConnection().get()
        } catch is ConnectionPoolTimeoutError {
            throw DatabaseError.unreachable(location.description, reason: "no connection within \(timeout)")
        } catch ConnectionPoolError.shutdown {
            throw DatabaseError.unreachable(location.description, reason: "the connection pool is shut down")
        } catch {
            throw DatabaseError.unreachable(location, error, hiding: password)
        }
        defer { pool.releaseConnection(connection) }
        return try await body(lend(connection))
    }
}
