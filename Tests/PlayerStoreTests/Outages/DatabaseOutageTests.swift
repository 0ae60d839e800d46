import DatabaseTestSupport
import Foundation
import PlayerStore
import SQLKit
import Testing

/// The pool against a PostgreSQL server that goes away under it (connections terminated by the
/// server, statements past their timeout). PostgreSQL only: these are its failure modes.
/// Time bounds are loose (other suites load both cores while these run); without the pool's
/// guard the first test would wait forever, which the time limit turns into a failure.
@Suite("Database outages", .timeLimit(.minutes(2)))
struct DatabaseOutageTests {
    static let postgres = TestDatabases.backends.filter { $0 == .postgresql }

    /// Whether `error` is the pool's "database out of reach", with `reason` in its text if given.
    static func isUnreachable(_ error: (any Error)?, mentioning reason: String? = nil) -> Bool {
        guard case .unreachable(_, let why) = error as? DatabaseError else { return false }
        return reason.map(why.contains) ?? true
    }

    /// Runs units of work until one succeeds; returns how long that took.
    static func recovery(of pool: DatabasePool, within limit: Duration) async throws -> Duration {
        let started = ContinuousClock.now
        while true {
            do {
                try await pool.check()
                return ContinuousClock.now - started
            } catch {
                guard ContinuousClock.now - started < limit else { throw error }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    @Test(
        "a query on a connection the server closed is answered 'unreachable' within a second, and the connection is dropped",
        arguments: postgres)
    func queryOnClosedConnection(backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let pool = try DatabasePool(try database.location, connectionsPerLoop: 1)
            let started = ContinuousClock.now
            let error = await #expect(throws: DatabaseError.self) {
                try await pool.withDatabase { db in
                    _ = try? await db.raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
                    // Once the channel has closed, PostgresNIO never answers a query written to it.
                    try await Task.sleep(for: .milliseconds(300))
                    try await db.raw("SELECT 1").run()
                }
            }
            #expect(Self.isUnreachable(error, mentioning: "closed under the query"), "\(String(describing: error))")
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(pool.interruptedOperations == 1)
            _ = try await Self.recovery(of: pool, within: .seconds(20))
            #expect(pool.connectionsInUse == 0)
            await pool.shutdown()
        }
    }

    @Test("a statement the server's shutdown cuts off (57P01) is 'unreachable', not an unexplained error", arguments: postgres)
    func terminatedByAdministrator(backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let pool = try DatabasePool(try database.location, connectionsPerLoop: 1)
            let marker = "sphery-outage-\(UUID().uuidString)"
            let sleeping = Task {
                try await pool.withDatabase { db in
                    try await db.raw(SQLQueryString("SELECT pg_sleep(10) /* \(marker) */")).run()
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            try await database.open { db in
                try await db.raw(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE \(bind: "%" + marker + "%") AND pid <> pg_backend_pid()"
                ).run()
            }
            let error = await #expect(throws: DatabaseError.self) { try await sleeping.value }
            // The server sends 57P01 and closes the connection; on a loaded machine the pool's watch
            // can see the closed channel before the driver hands over the error. Either answer is
            // "unreachable" (503); what must never come back is an unexplained error.
            #expect(
                Self.isUnreachable(error, mentioning: "57P01") || Self.isUnreachable(error, mentioning: "closed under the query"),
                "\(String(describing: error))")
            _ = try await Self.recovery(of: pool, within: .seconds(20))
            await pool.shutdown()
        }
    }

    @Test("a statement past the statement timeout is cut off by the server and answered 'unreachable'", arguments: postgres)
    func statementTimeout(backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            let pool = try DatabasePool(try database.location, connectionsPerLoop: 1, statementTimeout: .milliseconds(300))
            let started = ContinuousClock.now
            let error = await #expect(throws: DatabaseError.self) {
                try await pool.withDatabase { db in try await db.raw("SELECT pg_sleep(30)").run() }
            }
            #expect(Self.isUnreachable(error, mentioning: "57014"), "\(String(describing: error))")
            #expect(ContinuousClock.now - started < .seconds(15))
            // A timeout is the statement's, not an outage: the next unit of work goes through.
            try await pool.check()
            await pool.shutdown()
        }
    }

    @Test("a database that refuses connections is marked down and answered 'unreachable', without its password")
    func markedDown() async throws {
        // Nothing listens on port 1: every connection attempt is refused.
        let pool = try DatabasePool(
            try DatabaseLocation("postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable"), connectionsPerLoop: 1)
        await #expect(throws: DatabaseError.self) { try await pool.check() }
        #expect(pool.isDatabaseDown)
        for _ in 0..<5 {
            let error = await #expect(throws: DatabaseError.self) { try await pool.check() }
            #expect(Self.isUnreachable(error))
            #expect(!"\(String(describing: error))".contains("secret"))
        }
        await pool.shutdown()
    }
}
