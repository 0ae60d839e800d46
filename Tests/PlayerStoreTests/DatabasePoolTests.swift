import DatabaseTestSupport
import DemoData
import Foundation
import MotivationEngine
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

    @Test("the pool's player look-ups (prepared on PostgreSQL) equal a one-off connection's", arguments: TestDatabases.backends)
    func pooledLookups(backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in _ = try await DemoDatabase.write(to: db, users: 300, seed: 5) }
            let segment = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
            let pool = try DatabasePool(try database.location, connectionsPerLoop: 1)
            var compared = 0
            for user in 1...300 {
                let expected = try? await database.open { db in try await PlayerQueries(db).history(user: user, in: segment) }
                let pooled = try? await pool.withQueries { try await $0.history(user: user, in: segment) }
                #expect(pooled == expected, "user \(user)")
                if expected != nil { compared += 1 }
            }
            #expect(compared > 20)
            await #expect(throws: DatabaseError.unknownUser("999999")) {
                try await pool.withQueries { try await $0.history(user: 999_999, in: segment) }
            }
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

    @Test("a server that accepts but never answers is unreachable after the timeout, not never")
    func silentServer() async throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let pool = try DatabasePool(
            try DatabaseLocation("postgres://sphery:secret@127.0.0.1:\(silent.port)/sphery?sslmode=disable"), timeout: .seconds(1))
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: DatabaseError.self) {
            try await pool.withDatabase { _ in Issue.record("the body must not run") }
        }
        // Without the deadline this would wait for ever. The bound is loose on purpose: the test
        // process shares its event loops with every other test, which on 2 busy cores delayed the
        // 1 s timer by up to 22 s; the reason below shows the deadline fired.
        #expect(clock.now - start < .seconds(120))
        guard case .unreachable(_, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("no connection within"))
        await pool.shutdown()
    }

    @Test("a closed PostgreSQL port is unreachable, without the password")
    func closedPort() async throws {
        let location = try DatabaseLocation("postgres://sphery:topsecret@127.0.0.1:1/sphery?sslmode=disable")
        let pool = try DatabasePool(location, timeout: .seconds(2))
        let error = await #expect(throws: DatabaseError.self) {
            try await pool.withDatabase { _ in Issue.record("the body must not run") }
        }
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

/// A TCP port on loopback that accepts connections (the kernel completes the handshake) but
/// never reads or answers: a database server that hangs.
struct SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
