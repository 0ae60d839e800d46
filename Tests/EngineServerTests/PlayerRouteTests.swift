import DatabaseTestSupport
import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import PlayerStore
import SQLKit
import Synchronization
import Testing

@Suite("GET /v1/players/{userId}/motivation")
struct PlayerRouteTests {
    static let segmentQuery = "game_mode=DualFlow&difficulty=-1&duration=10"

    /// The fixture's demo data in a fresh database of `backend` (the same seed as the models').
    static func withDemoDatabase(_ backend: Backend, _ body: (DatabaseLocation) async throws -> Void) async throws {
        if backend == .sqlite {
            let copy = try await ServerFixture.shared.copyDatabase()
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try await body(.sqlite(path: copy))
            return
        }
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                _ = try await DemoDatabase.write(to: db, users: ServerFixture.users, seed: ServerFixture.seed)
            }
            try await body(try database.location)
        }
    }

    @Test("answers the analysis of the latest workout with its history, as the CLI's player command", arguments: TestDatabases.backends)
    func lookup(backend: Backend) async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await Self.withDemoDatabase(backend) { location in
            var configuration = fixture.configuration()
            configuration.database = location
            let history = try await PlayerDatabase.with(location) { db in
                try await PlayerQueries(db).history(user: user, in: ServerFixture.dualFlow10)
            }
            let expected = try ModelRegistry.load(from: fixture.models).analyze(history.analysisInput())
            try await withServer(configuration) { client in
                try await client.execute(uri: "/v1/players/\(user)/motivation?\(Self.segmentQuery)", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = try response.json()
                    let analysis = try JSONDecoder().decode(
                        Analysis.self, from: JSONSerialization.data(withJSONObject: try #require(body["analysis"])))
                    #expect(analysis == expected)
                    let answered = try #require(body["history"] as? [String: Any])
                    #expect(answered["personal_best"] as? Double == history.personalBest)
                    #expect(answered["user_id"] as? Int == user)
                    #expect((answered["trend"] as? [String: Any])?["workouts"] as? Int == history.trend.workouts)
                }
            }
        }
    }

    @Test("records what was shown in the prediction log, written by graceful shutdown at the latest", arguments: TestDatabases.backends)
    func predictionLog(backend: Backend) async throws {
        let fixture = try await ServerFixture.shared
        let users = Array(fixture.dualFlowUsers.prefix(5))
        try await Self.withDemoDatabase(backend) { location in
            var configuration = fixture.configuration()
            configuration.database = location
            configuration.predictionLog = true
            let shown = try await withServerCollecting(configuration) { client in
                var shown: [Int: Double] = [:]
                for user in users {
                    shown[user] = try await client.execute(uri: "/v1/players/\(user)/motivation?\(Self.segmentQuery)", method: .get) {
                        response in
                        let analysis = try #require(try response.json()["analysis"] as? [String: Any], "\(String(buffer: response.body))")
                        return try #require((analysis["motivational_message"] as? [String: Any])?["next_target"] as? Double)
                    }
                }
                return shown
            }
            let rows = try await PlayerDatabase.with(location) { db in
                try await db.raw(
                    "SELECT user_id, next_target, game_mode, difficulty, duration_minutes, route, language, target_policy, message FROM engine_predictions"
                ).all()
            }
            #expect(rows.count == users.count)
            for row in rows {
                let user = try #require(Int(try row.decode(column: "user_id", as: String.self)))
                #expect(try row.decode(column: "next_target", as: Double.self) == shown[user])
                #expect(try row.decode(column: "game_mode", as: String.self) == "DualFlow")
                #expect(try row.decode(column: "duration_minutes", as: Int.self) == 10)
                #expect(try row.decode(column: "route", as: String.self) == "/v1/players/{userId}/motivation")
                #expect(try row.decode(column: "language", as: String.self) == "en")
                #expect(try row.decode(column: "target_policy", as: String.self) == "cohort")
                #expect(!(try row.decode(column: "message", as: String.self)).isEmpty)
            }
        }
    }

    @Test("a database that cannot be reached is a 503 on this route while /v1/analyze keeps working")
    func databaseDown() async throws {
        let fixture = try await ServerFixture.shared
        var configuration = fixture.configuration()
        configuration.database = try DatabaseLocation("postgres://sphery:secret@127.0.0.1:1/sphery?sslmode=disable")
        configuration.databaseTimeout = .seconds(2)
        try await withServer(configuration) { client in
            try await client.execute(uri: "/v1/players/1/motivation?\(Self.segmentQuery)", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let error = try response.error()
                #expect(error.code == "database_unavailable")
                #expect(!error.message.contains("secret"))
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(AnalyzeRouteTests.expert10)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("an unknown user is a 404 naming the user; a user without workouts in the segment too")
    func unknownUser() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/v1/players/99999999/motivation?\(Self.segmentQuery)", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try response.error()
                #expect(error.code == "unknown_user")
                #expect(error.message.contains("99999999"))
            }
        }
    }
}

/// Like `withServer`, returning what `body` returns, after the application (and its prediction
/// log) has shut down.
func withServerCollecting<Value: Sendable>(
    _ configuration: ServerConfiguration, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    let box = ResultBox<Value>()
    try await withServer(configuration) { client in box.set(try await body(client)) }
    return try #require(box.get())
}

/// Carries a value out of a `@Sendable` closure.
final class ResultBox<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    func set(_ newValue: Value) { value.withLock { $0 = newValue } }
    func get() -> Value? { value.withLock { $0 } }
}
