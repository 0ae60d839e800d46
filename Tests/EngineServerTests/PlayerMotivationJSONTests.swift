import Foundation
import MotivationEngine
import NIOCore
import PlayerStore
import Testing
@testable import EngineServer

@Suite("JSONWriter: the player route's answer")
struct PlayerMotivationJSONTests {
    /// A history as the database gives it, with or without the latest age and start speed.
    static func history(withAge: Bool) throws -> PlayerHistory {
        let optional = withAge ? #","latest_age":30.25,"latest_start_speed":4"# : ""
        let json = """
            {"user_id":7,"segment":{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10},
             "latest_score":60000,"latest_played_at":"2025-11-24T16:00:00Z","personal_best":71000.5,
             "completed_workouts":12,"recent_scores":[50000,55500.5,60000],"window_scores":[55500.5,60000],"trend":{"workouts":3,"slope_per_workout":5000.25,"improving":true}\(optional)}
            """
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(PlayerHistory.self, from: Data(json.utf8))
    }

    @Test("history and analysis are what JSONEncoder writes, key for key, with and without a latest age", arguments: [true, false])
    func matchesJSONEncoder(withAge: Bool) async throws {
        let history = try Self.history(withAge: withAge)
        let fixture = try await ServerFixture.shared
        let analysis = try ModelRegistry.load(from: fixture.models).analyze(history.analysisInput())
        let ours = Data(try JSONWriter.encode(analysis, history: history).readableBytesView)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let theirs = try encoder.encode(PlayerAnswer(analysis: analysis, history: history))
        let ourObject = try #require(try JSONSerialization.jsonObject(with: ours) as? NSDictionary)
        let theirObject = try #require(try JSONSerialization.jsonObject(with: theirs) as? [String: Any])
        #expect(ourObject.isEqual(to: theirObject))
        #expect(((ourObject["history"] as? [String: Any])?["latest_age"] != nil) == withAge)
    }

    /// The answer's shape, encoded by Foundation for comparison.
    struct PlayerAnswer: Encodable {
        let analysis: Analysis
        let history: PlayerHistory
    }
}
