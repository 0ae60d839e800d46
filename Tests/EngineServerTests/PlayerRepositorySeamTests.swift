import DatabaseTestSupport
import EngineAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import MotivationEngine
import PlayerStore
import Testing

@testable import EngineServer

/// The player route against an in-memory repository: no database, no SQL.
@Suite("The player repository seam")
struct PlayerRepositorySeamTests {
    static let segment = ServerFixture.dualFlow10

    /// Player 7 with three workouts in the segment; player 8 exists but never played it.
    static let players = InMemoryPlayers(
        users: [7, 8],
        workouts: [
            segment: [50_000, 55_000, 61_000].enumerated().map { index, score in
                PlayerRecord(
                    userId: "7", score: score, age: 31, startSpeed: 4.5, durationMinutes: 10,
                    playedAt: Date(timeIntervalSince1970: 1_764_000_000 + Double(index) * 86_400))
            }
        ])

    /// The player route alone, on `players` (none: a service without a database).
    static func app(players: (any PlayerRepository)? = players) async throws -> some ApplicationProtocol {
        let fixture = try await ServerFixture.shared
        let router = Router(context: EngineRequestContext.self)
        router.add(middleware: ErrorMiddleware(routes: RouteTable()))
        PlayerRoutes(
            models: try ModelStore(directory: fixture.models), players: players, metrics: EngineMetrics(), predictionLog: nil,
            experiments: ExperimentPlan(experiments: [])
        ).add(to: router)
        return Application(router: router)
    }

    @Test("answers the analysis of the latest workout and the history the repository gives")
    func answer() async throws {
        let fixture = try await ServerFixture.shared
        let history = try await Self.players.history(user: 7, in: Self.segment, trendWorkouts: 10, personal: .standard)
        let expected = try ModelRegistry.load(from: fixture.models).analyze(history.analysisInput())
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/v1/players/7/motivation?\(ServerFixture.segmentQuery)", method: .get) { response in
                #expect(response.status == .ok)
                let written = try PlayerMotivation(analysis: expected, history: history).json()
                #expect(response.body == written)
                #expect(history.latestScore == 61_000 && history.personalBest == 61_000 && history.completedWorkouts == 3)
            }
        }
    }

    @Test("an unknown user is a 404, a user without workouts in the segment too, each saying which")
    func missing() async throws {
        try await Self.app().test(.router) { client in
            for (user, code) in [(9, "unknown_user"), (8, "no_workouts")] {
                try await client.execute(uri: "/v1/players/\(user)/motivation?\(ServerFixture.segmentQuery)", method: .get) { response in
                    #expect(response.status == .notFound)
                    let answer = try JSONValue.parse(Data(response.body.readableBytesView))
                    #expect(answer["error"]?["code"]?.string == code)
                }
            }
        }
    }

    @Test("a malformed user id or trend is a 400 before the repository is asked; no repository is a 503")
    func refused() async throws {
        let cases: [(uri: String, status: HTTPResponse.Status, code: String, players: (any PlayerRepository)?)] = [
            ("/v1/players/seven/motivation?\(ServerFixture.segmentQuery)", .badRequest, "invalid_field", Self.players),
            ("/v1/players/7/motivation?trend=1&\(ServerFixture.segmentQuery)", .badRequest, "invalid_field", Self.players),
            ("/v1/players/7/motivation?\(ServerFixture.segmentQuery)", .serviceUnavailable, "database_unavailable", nil),
        ]
        for (uri, status, code, players) in cases {
            try await Self.app(players: players).test(.router) { client in
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    let answer = try JSONValue.parse(Data(response.body.readableBytesView))
                    #expect(answer["error"]?["code"]?.string == code, "\(uri)")
                }
            }
        }
    }
}
