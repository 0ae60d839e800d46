import DatabaseTestSupport
import Foundation
import Logging
import MotivationEngine
import PlayerStore
import SQLKit
import ServiceLifecycle
import Testing

@testable import EngineServer

/// The exposure log when the database is away: batches wait and are written again, a full
/// queue drops and counts, shutdown ends within its grace period and says what it lost.
@Suite("Prediction log during outages", .timeLimit(.minutes(2)))
struct PredictionLogOutageTests {
    /// The value of `sphery_prediction_log_entries_total{outcome=…}`, 0 when absent.
    static func entries(_ metrics: EngineMetrics, _ outcome: String) -> Int {
        let text = String(decoding: metrics.render(), as: UTF8.self)
        let prefix = "sphery_prediction_log_entries_total{outcome=\"\(outcome)\"} "
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return 0 }
        return Int(Double(line.dropFirst(prefix.count)) ?? -1)
    }

    static func records(_ count: Int) async throws -> [PredictionRecord] {
        let analysis = try await PredictionLogTests.analysis(score: 110_000)
        return (0..<count).map { PredictionRecord(analysis, userId: "u\($0)", language: .en, route: "/test") }
    }

    /// Runs `log` in a service group for the length of `body`, then shuts it down gracefully;
    /// returns how long the shutdown took.
    static func running(_ log: PredictionLog, _ body: () async throws -> Void) async throws -> Duration {
        let group = ServiceGroup(services: [log], logger: Logger(label: "test"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            let started = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return ContinuousClock.now - started
        }
    }

    @Test("batches refused while the database is away are written once it is back, each record once")
    func retriesUntilWritten() async throws {
        let records = try await Self.records(300)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sphery-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("players.sqlite").path  // missing: the database is away
        let pool = try DatabasePool(.sqlite(path: path))
        let metrics = EngineMetrics()
        let log = PredictionLog(
            pool: pool, metrics: metrics, logger: Logger(label: "test"), batchSize: 100, flushInterval: .milliseconds(20),
            retry: RetryPolicy(first: .milliseconds(20), longest: .milliseconds(100)))
        _ = try await Self.running(log) {
            for record in records { log.record(record) }
            while Self.entries(metrics, "failed") < 300 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(Self.entries(metrics, "written") == 0)
            #expect(log.waitingRecords == 300)
            try await PlayerDatabase.with(.sqlite(path: path)) { db in try await ApplicationSchema.create(on: db) }
            while log.waitingRecords > 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(Self.entries(metrics, "written") == 300)
        let stored = try await pool.withDatabase { db in
            try await db.raw("SELECT COUNT(*) AS n, COUNT(DISTINCT record_id) AS ids FROM engine_predictions").first()
        }
        #expect(try stored?.decode(column: "n", as: Int.self) == 300)
        #expect(try stored?.decode(column: "ids", as: Int.self) == 300)
        await pool.shutdown()
    }

    @Test("a full queue drops new records and counts them; shutdown gives up after the grace period and counts what it lost")
    func dropsAndBoundedShutdown() async throws {
        let records = try await Self.records(15)
        let pool = try DatabasePool(.sqlite(path: "/nonexistent-\(UUID().uuidString)/players.sqlite"))
        let metrics = EngineMetrics()
        let log = PredictionLog(
            pool: pool, metrics: metrics, logger: Logger(label: "test"), capacity: 10, batchSize: 100,
            flushInterval: .seconds(3600), retry: RetryPolicy(first: .milliseconds(50), longest: .milliseconds(200)),
            shutdownGrace: .milliseconds(500))
        let shutdown = try await Self.running(log) {
            for record in records { log.record(record) }
            #expect(Self.entries(metrics, "queued") == 10)
            #expect(Self.entries(metrics, "dropped") == 5)
        }
        #expect(shutdown < .seconds(20), "shutdown took \(shutdown)")
        #expect(Self.entries(metrics, "lost") == 10)
        #expect(Self.entries(metrics, "written") == 0)
        #expect(log.waitingRecords == 0)
        await pool.shutdown()
    }

    @Test("the engine's tables are made at start, before the first exposure (the retention report looks for them)")
    func tablesAtStart() async throws {
        try await TestDatabases.with(.sqlite) { database in
            try await database.createApplicationSchema()
            let pool = try DatabasePool(try database.location)
            let log = PredictionLog(pool: pool, metrics: EngineMetrics(), logger: Logger(label: "test"))
            _ = try await Self.running(log) {
                var tables = 0
                while tables == 0 {
                    try await Task.sleep(for: .milliseconds(20))
                    tables = try await database.open { db in
                        try await db.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'engine_predictions'").first()?
                            .decode(column: "n", as: Int.self) ?? 0
                    }
                }
            }
            await pool.shutdown()
        }
    }

    @Test("writing the same records twice stores them once", arguments: TestDatabases.backends)
    func idempotentInsert(backend: Backend) async throws {
        let records = try await Self.records(40)
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await EngineSchema.migrate(on: db)
                try await PredictionRecord.insert(Array(records[0..<30]), on: db)
                try await PredictionRecord.insert(records, on: db)  // 30 again, 10 new
                let count = try await db.raw("SELECT COUNT(*) AS n FROM engine_predictions").first()?.decode(column: "n", as: Int.self)
                #expect(count == 40)
            }
        }
    }
}
