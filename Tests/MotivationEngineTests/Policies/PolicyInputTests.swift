import EngineAPI
import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

/// `recent_scores` and `target_policy` in the analysis input.
@Suite("Targets: policy and recent scores in the input")
struct PolicyInputTests {
    func decode(_ json: String) throws -> AnalysisInput {
        try AnalysisInputDecoding.decode(Data(json.utf8))
    }

    func problem(_ json: String) -> AnalysisError? {
        do {
            let input = try decode(json)
            _ = try Fixtures.engine.analyze(input)
            return nil
        } catch {
            return error as? AnalysisError
        }
    }

    @Test("a request that carries its recent scores gets a personal target without a database")
    func carriesScores() throws {
        let input = try decode(
            #"{"score": 48000, "target_policy": "personal", "recent_scores": [40000, 50000, 45000, 55000], "user_id": 7}"#)
        #expect(input.recentScores == [40_000, 50_000, 45_000, 55_000])
        #expect(input.targetPolicy == .personal)
        let analysis = try Fixtures.roundEngine.analyze(input)
        #expect(analysis.motivationalMessage.nextTarget == 48_800)
        #expect(analysis.motivationalMessage.targetPolicy == .personal)
    }

    @Test("without a policy: cohort, whatever recent scores are sent")
    func defaultCohort() throws {
        let input = try decode(#"{"score": 48000, "recent_scores": [40000, 50000, 45000, 55000]}"#)
        let analysis = try Fixtures.roundEngine.analyze(input)
        #expect(analysis.motivationalMessage.targetPolicy == .cohort)
        #expect(analysis.motivationalMessage.targetReason.source == .cohort)
    }

    @Test("bad policies and scores are named")
    func errors() {
        #expect(
            problem(#"{"score": 1, "target_policy": "hard"}"#)
                == .invalidField(name: "target_policy", problem: #"must be one of cohort, personal, blended, got "hard""#))
        #expect(problem(#"{"score": 1, "target_policy": 3}"#) == .invalidField(name: "target_policy", problem: "must be a string"))
        #expect(
            problem(#"{"score": 1, "recent_scores": 5}"#) == .invalidField(name: "recent_scores", problem: "must be an array of numbers"))
        #expect(
            problem(#"{"score": 1, "recent_scores": [1, "2"]}"#) == .invalidField(name: "recent_scores[1]", problem: "must be a number"))
        #expect(
            problem(#"{"score": 1, "recent_scores": [1, -2]}"#)
                == .invalidField(name: "recent_scores[1]", problem: "must be a finite number between 0 and 1000000000, got -2"))
        let many = "[" + [String](repeating: "1", count: 1001).joined(separator: ",") + "]"
        #expect(
            problem(#"{"score": 1, "recent_scores": \#(many)}"#)
                == .invalidField(name: "recent_scores", problem: "at most 1000 scores, got 1001"))
    }
}
