import EngineServer
import Foundation
import HummingbirdTesting
import MotivationEngine
import Testing

/// The target policy on the player analysis page.
@Suite("Dashboard pages: target policies")
struct DashboardPolicyTests {
    @Test("a typed-in player with recent scores gets the personal target and its reason")
    func typedPersonal() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            let uri = "/?segment=DualFlow_-1_10&score=150000&target_policy=personal&recent_scores=131000+142000%3B138500"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                let expected = try ModelRegistry.load(from: fixture.models).analyze(
                    AnalysisInput(
                        gameMode: "DualFlow", difficulty: -1, durationMinutes: 10, score: 150_000,
                        recentScores: [131_000, 142_000, 138_500], targetPolicy: .personal))
                #expect(expected.motivationalMessage.targetReason.source == .personal)
                #expect(page.contains("Why this target (personal policy): your 60th percentile over your last 4 games"))
                #expect(page.contains(#"<option value="personal" selected>personal</option>"#))
                #expect(page.contains(#"value="131000 142000;138500""#))  // the form's + is a space again
            }
        }
    }

    @Test("a bad recent score or policy is a 400 next to its field")
    func errors() async throws {
        let fixture = try await ServerFixture.shared
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/?segment=DualFlow_-1_10&score=150000&recent_scores=131000+lots", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("The recent scores must be a number, like 131000 142000."))
            }
            try await client.execute(uri: "/?segment=DualFlow_-1_10&score=150000&target_policy=hardest", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Choose cohort, personal or blended."))
            }
        }
    }

    @Test("a looked-up player gets the chosen policy's target from their own games")
    func lookedUpBlended() async throws {
        let fixture = try await ServerFixture.shared
        let user = try #require(fixture.dualFlowUsers.first)
        try await withServer(fixture.configuration()) { client in
            try await client.execute(uri: "/?segment=DualFlow_-1_10&user=\(user)&target_policy=blended", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Why this target (blended policy): "))
            }
        }
    }
}
