import DatabaseTestSupport
import DemoData
import EngineDashboard
import EngineServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MotivationEngine
import PlayerStore
import Testing

/// What the server tests run against, made once per test process: a small demo database
/// (SQLite, 2,000 users, seed 42) and the models of two of its segments trained from it
/// (DualFlow / -1 / 10 and DualFlow / -1 / 5), in a temporary folder.
///
/// Tests that change the models folder copy it first (`copyModels()`); the demo database is
/// only read (the prediction log writes the engine's own tables, so tests that check it use
/// their own copy: `copyDatabase()`).
struct ServerFixture: Sendable {
    static let users = 2_000
    static let seed: UInt64 = 42
    static let dualFlow10 = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
    static let dualFlow5 = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 5)
    /// A valid `/v1/analyze` body in DualFlow / -1 / 10.
    static let expert10 = #"{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10,"score":150000,"age":25.5,"startSpeed":5.0}"#
    /// The player route's query for DualFlow / -1 / 10.
    static let segmentQuery = "game_mode=DualFlow&difficulty=-1&duration=10"
    /// A logger that drops everything.
    static let quietLogger = Logger(label: "sphery.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The folder holding everything.
    let folder: URL
    /// The demo SQLite database.
    let databasePath: String
    /// The models folder (two models).
    let models: URL
    /// Users with completed DualFlow / -1 / 10 workouts.
    let dualFlowUsers: [Int]

    /// The fixture, made on first use.
    static var shared: ServerFixture {
        get async throws { try await made.value }
    }

    private static let made = Task<ServerFixture, any Error> { try await ServerFixture.make() }

    private static func make() async throws -> ServerFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sphery-server-\(UUID().uuidString)")
        removeAtExit = folder.path
        atexit { removeAtExit.map { try? FileManager.default.removeItem(atPath: $0) } }
        let models = folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let databasePath = folder.appendingPathComponent("players.sqlite").path
        let groups: [SegmentKey: [PlayerRecord]] = try await PlayerDatabase.with(.sqlite(path: databasePath)) { db in
            _ = try await DemoDatabase.write(to: db, users: users, seed: seed)
            return try await PlayerQueries(db).workoutsBySegment(matching: SegmentDefaults(gameMode: "DualFlow", difficulty: -1))
        }
        var options = TrainingOptions()
        options.restarts = 2
        let trainer = SegmentTrainer(options: options)
        for segment in [dualFlow10, dualFlow5] {
            try ModelFileStore.write(try trainer.train(groups[segment] ?? [], segment: segment), to: models)
        }
        let dualFlowUsers = Set((groups[dualFlow10] ?? []).compactMap { record in record.userId.flatMap { Int($0) } }).sorted()
        return ServerFixture(folder: folder, databasePath: databasePath, models: models, dualFlowUsers: dualFlowUsers)
    }

    /// A configuration serving the fixture's models and database.
    func configuration(database: Bool = true) -> ServerConfiguration {
        var configuration = ServerConfiguration(modelsDirectory: models)
        configuration.database = database ? .sqlite(path: databasePath) : nil
        configuration.predictionLog = false
        return configuration
    }

    /// A private copy of the models folder.
    func copyModels() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sphery-models-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: models, to: copy)
        return copy
    }

    /// A private copy of the demo database.
    func copyDatabase() throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sphery-db-\(UUID().uuidString).sqlite")
        try FileManager.default.copyItem(atPath: databasePath, toPath: copy.path)
        return copy.path
    }

    /// The fixture's demo data in a fresh database of `backend` (the same seed as the models):
    /// a private copy for SQLite, a new database written for PostgreSQL.
    func withDemoDatabase(_ backend: Backend, _ body: (DatabaseLocation) async throws -> Void) async throws {
        if backend == .sqlite {
            let copy = try copyDatabase()
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try await body(.sqlite(path: copy))
            return
        }
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                _ = try await DemoDatabase.write(to: db, users: Self.users, seed: Self.seed)
            }
            try await body(try database.location)
        }
    }
}

/// The fixture's folder, removed when the test process ends.
nonisolated(unsafe) private var removeAtExit: String?

/// Runs `body` with a test client of an application built from `configuration`.
/// - Returns: what `body` returns, once the application (and its prediction log) has shut down.
@discardableResult
func withServer<Value>(
    _ configuration: ServerConfiguration, metrics: EngineMetrics = EngineMetrics(),
    logger: Logger = ServerFixture.quietLogger,
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    let app = try await EngineService.load(configuration, metrics: metrics, logger: logger).withDashboard().application()
    return try await app.test(.router, body)
}

extension TestResponse {
    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(object as? [String: Any], "not a JSON object: \(String(buffer: body))")
    }

    /// The `error.code` and `error.message` of a JSON error body.
    func error() throws -> (code: String, message: String) {
        let error = try #require(try json()["error"] as? [String: Any], "no error object in \(String(buffer: body))")
        return (try #require(error["code"] as? String), try #require(error["message"] as? String))
    }
}

extension ByteBuffer {
    /// A buffer holding `text`'s UTF-8.
    static func text(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
