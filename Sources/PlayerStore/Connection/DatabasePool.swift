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
/// loop. A database that cannot be reached is reported as `DatabaseError.unreachable` naming the
/// location (never its password) and the driver's reason, and the pool survives its outages:
/// - waiting for a connection has a deadline (`timeout`);
/// - every unit of work on PostgreSQL has a deadline (`statementTimeout`: PostgreSQL's
///   `statement_timeout` on each connection, and a guard a little past it that answers even when
///   the driver never does, see `GuardedOperation`); a connection whose work was cut off is
///   closed, not reused. SQLite work runs unguarded on the caller's task: SQLiteNIO runs each
///   statement on a thread of its own and always answers;
/// - an error that means the connection or the server is gone (`ConnectionFailure`) becomes
///   `DatabaseError.unreachable`, never an unexplained error;
/// - once the database is found out of reach, units of work fail at once with that error
///   while one of them, every half second, tries again (`DatabaseAvailability`).
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
    private let interruptions = Atomic<Int>(0)
    private let timeout: Duration
    /// The longest a unit of work may take.
    public let statementTimeout: Duration
    private let availability = DatabaseAvailability()
    private let watch: OperationWatch

    private enum Pool {
        case sqlite(path: String, EventLoopGroupConnectionPool<SQLiteConnectionSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>, password: String?)
    }

    /// Prepares a pool; no connection is opened until the first unit of work.
    /// - Parameters:
    ///   - connectionsPerLoop: connections per event loop (the group has one loop per core).
    ///   - timeout: the longest wait for a connection, connecting included.
    ///   - statementTimeout: the longest a unit of work may take (on PostgreSQL also each
    ///     statement's `statement_timeout`).
    /// - Throws: `DatabaseError.invalidLocation` for a PostgreSQL URL the driver refuses.
    public init(
        _ location: DatabaseLocation, connectionsPerLoop: Int = 4, timeout: Duration = .seconds(5),
        statementTimeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "sphery.database.pool"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws {
        self.location = location
        self.timeout = timeout
        self.statementTimeout = statementTimeout
        watch = OperationWatch(on: eventLoopGroup.next())
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
            configuration.coreConfiguration.options.additionalStartupParameters.append(
                ("statement_timeout", "\(statementTimeout / .milliseconds(1))"))
            pool = .postgres(
                EventLoopGroupConnectionPool(
                    source: PostgresConnectionSource(sqlConfiguration: configuration),
                    maxConnectionsPerEventLoop: connectionsPerLoop, requestTimeout: wait, logger: logger,
                    on: eventLoopGroup),
                password: configuration.coreConfiguration.password)
        }
    }

    /// Connections lent out right now (until their work ends, or, for work cut off on
    /// PostgreSQL, until the connection is closed).
    public var connectionsInUse: Int { busy.load(ordering: .relaxed) }

    /// Units of work the pool answered for because the driver did not (deadline passed, or the
    /// connection closed under them), since the start.
    public var interruptedOperations: Int { interruptions.load(ordering: .relaxed) }

    /// Whether the pool takes the database to be out of reach right now (units of work fail at
    /// once while one of them tries again every half second).
    public var isDatabaseDown: Bool { availability.isDown }

    /// Runs `body` with a pooled connection, returned to the pool afterwards.
    /// - Throws: `DatabaseError.unreachable` when no connection can be had within the timeout
    ///   (or the SQLite file does not exist), when the work runs past `statementTimeout`, or when
    ///   what `body` throws means the database went away; anything else `body` throws, unchanged.
    public func withDatabase<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        try await lend(sqlite: { $0.sql() }, postgres: { $0.sql() }, to: body)
    }

    /// Runs `body` with the player queries on a pooled connection (on PostgreSQL the look-up
    /// uses a prepared statement).
    /// - Throws: as `withDatabase`.
    public func withQueries<Result: Sendable>(
        _ body: @escaping @Sendable (PlayerQueries) async throws -> Result
    ) async throws -> Result {
        try await lend(sqlite: { PlayerQueries($0.sql()) }, postgres: { PlayerQueries($0.sql(), postgres: $0) }, to: body)
    }

    /// Lends what `sqlite` or `postgres` makes of a pooled connection to `body`.
    private func lend<Lent: Sendable, Result: Sendable>(
        sqlite: (SQLiteConnection) -> Lent, postgres: (PostgresConnection) -> Lent,
        to body: @escaping @Sendable (Lent) async throws -> Result
    ) async throws -> Result {
        switch pool {
        case .sqlite(let path, let pool):
            guard FileManager.default.fileExists(atPath: path) else {
                throw DatabaseError.unreachable(location.description, reason: "no such file")
            }
            // AsyncKit's pool predates Sendable; releasing hops to the connection's event loop.
            nonisolated(unsafe) let owner = pool
            return try await run(on: pool, giveBack: { owner.releaseConnection($0) }, hiding: nil, guarded: false, sqlite, body)
        case .postgres(let pool, let password):
            nonisolated(unsafe) let owner = pool
            return try await run(
                on: pool, giveBack: { owner.releaseConnection($0) }, hiding: password, guarded: true, postgres, body)
        }
    }

    /// Checks that the database answers (`SELECT 1`).
    /// - Throws: `DatabaseError.unreachable` when it does not.
    public func check() async throws {
        do {
            try await withDatabase { db in try await db.raw("SELECT 1").run() }
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw DatabaseError.unreachable(location.description, reason: "\(error)")
        }
    }

    /// Closes every connection; later units of work fail with `DatabaseError.unreachable`.
    public func shutdown() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        watch.stop()
        switch pool {
        case .sqlite(_, let pool): try? await pool.shutdownAsync()
        case .postgres(let pool, _): try? await pool.shutdownAsync()
        }
    }

    /// A pool dropped without `shutdown()` (a service that failed to start) closes its
    /// connections in the background.
    deinit {
        watch.stop()
        guard !closed.load(ordering: .acquiring) else { return }
        switch pool {
        case .sqlite(_, let pool): pool.shutdownGracefully { _ in }
        case .postgres(let pool, _): pool.shutdownGracefully { _ in }
        }
    }

    /// Lends a connection of `pool` to `body` (under `GuardedOperation` when `guarded`) and takes
    /// it back once the work ends. Errors thrown by `body` pass through unchanged unless they mean
    /// the database went away; an error in getting the connection (none in time, refused, shut
    /// down) means the database is out of reach. When the guard answers instead of the work, the
    /// connection is closed and then given back (the pool drops closed connections), so no
    /// connection stays lent out to work that will never end.
    private func run<Source: ConnectionPoolSource, Lent: Sendable, Result: Sendable>(
        on pool: EventLoopGroupConnectionPool<Source>, giveBack release: @escaping @Sendable (Source.Connection) -> Void,
        hiding password: String?, guarded: Bool,
        _ lend: (Source.Connection) -> Lent,
        _ body: @escaping @Sendable (Lent) async throws -> Result
    ) async throws -> Result where Source.Connection: Sendable {
        try availability.admit()
        let connection: Source.Connection
        do {
            connection = try await pool.requestConnection().get()
        } catch {
            let failure: DatabaseError
            switch error {
            case is ConnectionPoolTimeoutError:
                failure = .unreachable(location.description, reason: "no connection within \(timeout)")
            case ConnectionPoolError.shutdown:
                failure = .unreachable(location.description, reason: "the connection pool is shut down")
            default:
                failure = .unreachable(location, error, hiding: password)
            }
            availability.record(.unreachable(failure))
            throw failure
        }
        busy.add(1, ordering: .relaxed)
        let giveBack = Once { [self] in
            busy.subtract(1, ordering: .relaxed)
            release(connection)
        }
        let lent = lend(connection)
        do {
            let result: Result
            if guarded {
                result = try await GuardedOperation.run(
                    deadline: statementTimeout + .seconds(2), watch: watch, isClosed: { connection.isClosed },
                    interrupted: { [self] _ in
                        interruptions.add(1, ordering: .relaxed)
                        connection.close().whenComplete { _ in giveBack.run() }
                    },
                    finished: { giveBack.run() },
                    { try await body(lent) })
            } else {
                defer { giveBack.run() }
                result = try await body(lent)
            }
            availability.record(.answered)
            return result
        } catch let interruption as GuardedOperation.Interruption {
            let failure = DatabaseError.unreachable(location.description, reason: interruption.reason)
            availability.record(.unreachable(failure))
            throw failure
        } catch is CancellationError {
            availability.record(.unknown)
            throw CancellationError()
        } catch {
            switch ConnectionFailure.kind(error) {
            case nil:
                availability.record(.answered)
                throw error
            case .timeout(let reason):
                availability.record(.answered)
                throw DatabaseError.unreachable(location.description, reason: reason)
            case .outage(let reason):
                let failure = DatabaseError.unreachable(location.description, reason: reason)
                availability.record(.unreachable(failure))
                throw failure
            }
        }
    }
}
