import DatabaseTestSupport
import Foundation
import PlayerStore
import SQLKit
import Testing

@Suite("DatabasePool")
struct DatabasePoolTests {
    @Test("concurrent units of work share the pool's connections and all succeed", arguments: TestDatabases.backends)
    func concurrentWork(backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.createApplicationSchema()
            let pool = try DatabasePool(try database.location, connectionsPerLoop: 2)
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<50 {
                    group.addTask {
                        try await pool.withDatabase { db in
                            try await db.raw("SELECT \(bind: n) AS n").first()!.decode(column: "n", as: Int.self)
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(answers.sorted() == Array(0..<50))
            #expect(pool.connectionsInUse == 0)
            try await pool.check()
            await pool.shutdown()
        }
    }

    @Test("an error of the work passes through unchanged and the connection goes back", arguments: TestDatabases.backends)
    func workErrorPassesThrough(backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.createApplicationSchema()
            let pool = try DatabasePool(try database.location, connectionsPerLoop: 1)
            await #expect(throws: DatabaseError.unknownUser("7")) {
                try await pool.withDatabase { _ in throw DatabaseError.unknownUser("7") }
            }
            #expect(pool.connectionsInUse == 0)
            let one = try await pool.withDatabase { db in
                try await db.raw("SELECT 1 AS one").first()!.decode(column: "one", as: Int.self)
            }
            #expect(one == 1)
            await pool.shutdown()
        }
    }

    @Test("a closed PostgreSQL port is unreachable within the timeout, without the password")
    func closedPort() async throws {
        let location = try DatabaseLocation("postgres://sphery:topsecret@127.0.0.1:1/sphery?sslmode=disable")
        let pool = try DatabasePool(location, timeout: .seconds(2))
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: DatabaseError.self) {
            try await pool.withDatabase { _ in Issue.record("the body must not run") }
        }
        #expect(clock.now - start < .seconds(4))
        guard case .unreachable(let shown, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(shown.contains("127.0.0.1:1/sphery"))
        #expect(!shown.contains("topsecret") && !reason.contains("topsecret"))
        await pool.shutdown()
    }

    @Test("a missing SQLite file is unreachable and is not created")
    func missingSQLiteFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sphery-none-\(UUID().uuidString).sqlite").path
        let pool = try DatabasePool(try DatabaseLocation(path))
        await #expect(throws: DatabaseError.unreachable("SQLite file \(path)", reason: "no such file")) {
            try await pool.check()
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        await pool.shutdown()
    }

    @Test("a shut-down pool says so")
    func shutDown() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await database.createApplicationSchema()
            let pool = try DatabasePool(try database.location)
            try await pool.check()
            await pool.shutdown()
            let error = await #expect(throws: DatabaseError.self) { try await pool.check() }
            #expect(error?.description.contains("shut down") == true)
        }
    }
}
