import DatabaseTestSupport
import EngineServer
import Foundation
import Logging
import MotivationEngine
import PlayerStore
import SQLKit
import ServiceLifecycle
import Testing

@Suite("Prediction log")
struct PredictionLogTests {
    /// An analysis to record, from the fixture's models.
    static func analysis(score: Double) async throws -> Analysis {
        let fixture = try await ServerFixture.shared
        return try ModelRegistry.load(from: fixture.models).analyze(
            AnalysisInput(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10, score: score, age: 30, startSpeed: 5))
    }

    @Test("graceful shutdown writes every queued record, however long the flush interval", arguments: TestDatabases.backends)
    func drainsOnShutdown(backend: Backend) async throws {
        let analysis = try await Self.analysis(score: 120_000)
        try await TestDatabases.with(backend) { database in
            try await database.createApplicationSchema()
            let pool = try DatabasePool(try database.location)
            let log = PredictionLog(
                pool: pool, metrics: EngineMetrics(), logger: Logger(label: "test"), batchSize: 64, flushInterval: .seconds(3600),
                shutdownGrace: .seconds(600))
            let group = ServiceGroup(services: [log], logger: Logger(label: "test"))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for user in 0..<1_000 {
                    log.record(PredictionRecord(analysis, userId: "u\(user)", language: .de, route: "/test"))
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let counts = try await pool.withDatabase { db in
                try await db.raw(
                    "SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users, MIN(language) AS language FROM engine_predictions"
                )
                .first()
            }
            let rows = try #require(counts)
            #expect(try rows.decode(column: "n", as: Int.self) == 1_000)
            #expect(try rows.decode(column: "users", as: Int.self) == 1_000)
            #expect(try rows.decode(column: "language", as: String.self) == "de")
            await pool.shutdown()
        }
    }

    @Test("a record keeps what the analysis showed")
    func recordFields() async throws {
        let analysis = try await Self.analysis(score: 80_000)
        let record = PredictionRecord(analysis, userId: "7", language: .fr, route: "/v1/analyze")
        #expect(record.segment == ServerFixture.dualFlow10)
        #expect(record.modelId == analysis.model.id)
        #expect(record.cluster == analysis.clusterPrediction.cluster)
        #expect(record.nextTarget == analysis.motivationalMessage.nextTarget)
        #expect(record.nextTargetPercentile == analysis.motivationalMessage.nextTargetPercentile)
        #expect(record.status == analysis.motivationalMessage.status.rawValue)
        #expect(record.message == analysis.motivationalMessage.message)
        #expect(record.language == "fr")
    }
}
