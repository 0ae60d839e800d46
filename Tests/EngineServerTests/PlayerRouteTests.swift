import DatabaseTestSupport
import DemoData
import EngineAPI
import EngineServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import PlayerStore
import SQLKit
import Testing

@Suite("GET /v1/players/{userId}/motivation")
struct PlayerRouteTests {
    @Test("answers the analysis of the latest workout with its history, as the CLI's player command", arguments: TestDatabases.backends)
    func lookup(backend: Backend) async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await fixture.withDemoDatabase(backend) { location in
            var configuration = fixture.configuration()
            configuration.database = location
            let history = try await PlayerDatabase.with(location) { db in
                try await PlayerQueries(db).history(user: user, in: ServerFixture.dualFlow10)
            }
            let expected = try ModelRegistry.load(from: fixture.models).analyze(history.analysisInput())
            try await withServer(configuration) { client in
                try await client.execute(uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = try response.json()
                    let analysis = try JSONValue.parse(JSONSerialization.data(withJSONObject: try #require(body["analysis"])))
                    #expect(analysis == (try expected.jsonValue))
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
        try await fixture.withDemoDatabase(backend) { location in
            var configuration = fixture.configuration()
            configuration.database = location
            configuration.predictionLog = true
            let shown = try await withServer(configuration) { client in
                var shown: [Int: Double] = [:]
                for user in users {
                    shown[user] = try await client.execute(
                        uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)", method: .get
                    ) {
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
            try await client.execute(uri: "/v1/players/1/motivation?\(ServerFixture.segmentQuery)", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let error = try response.error()
                #expect(error.code == "database_unavailable")
                #expect(!error.message.contains("secret"))
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/v1/analyze", method: .post, body: .text(ServerFixture.expert10)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("an unknown user is a 404 naming the user; a user without workouts in the segment too")
    func unknownUser() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/v1/players/99999999/motivation?\(ServerFixture.segmentQuery)", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try response.error()
                #expect(error.code == "unknown_user")
                #expect(error.message.contains("99999999"))
            }
        }
    }
}
