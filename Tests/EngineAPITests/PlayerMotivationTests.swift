import Foundation
import MotivationEngine
import Testing

@testable import EngineAPI

@Suite("Wire: the player route's answer")
struct PlayerMotivationTests {
    /// A history as the database gives it, with or without the latest age and start speed.
    static func history(withAge: Bool) -> PlayerHistory {
        PlayerHistory(
            userId: 7, segment: SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10), latestScore: 60_000,
            latestAge: withAge ? 30.25 : nil, latestStartSpeed: withAge ? 4 : nil,
            latestPlayedAt: Date(timeIntervalSince1970: 1_764_000_000), personalBest: 71_000.5, completedWorkouts: 12,
            recentScores: [50_000, 55_500.5, 60_000], windowScores: [55_500.5, 60_000])
    }

    @Test("the history's bytes, a missing latest age and start speed left out", arguments: [true, false])
    func historyBytes(withAge: Bool) throws {
        let text = String(decoding: try Self.history(withAge: withAge).json().readableBytesView, as: UTF8.self)
        let optional = withAge ? #","latest_age":30.25,"latest_start_speed":4"# : ""
        #expect(
            text == #"""
                {"segment":{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10},"trend":{"workouts":3,"improving":true,"slope_per_workout":5000},"user_id":7,"latest_score":60000\#(optional),"latest_played_at":"2025-11-24T16:00:00Z","personal_best":71000.5,"completed_workouts":12,"recent_scores":[50000,55500.5,60000],"window_scores":[55500.5,60000]}
                """#)
    }

    @Test("the answer is the analysis, then the history; Encodable gives the same object")
    func answer() throws {
        let history = Self.history(withAge: true)
        let analysis = try Model.engine.analyze(history.analysisInput())
        let answer = PlayerMotivation(analysis: analysis, history: history)
        let text = String(decoding: try answer.json().readableBytesView, as: UTF8.self)
        let analysisText = String(decoding: try analysis.json().readableBytesView, as: UTF8.self)
        let historyText = String(decoding: try history.json().readableBytesView, as: UTF8.self)
        #expect(text == #"{"analysis":"# + analysisText + #","history":"# + historyText + "}")
        #expect(try JSONValue.parse(JSONEncoder().encode(answer)) == answer.jsonValue)
    }
}
