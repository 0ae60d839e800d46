import EngineAPI
import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

@Suite("Analysis")
struct AnalysisTests {
    /// The analysis JSON of DESIGN.md, as printed there.
    static let designExample = """
        {
          "segment": {"game_mode": "DualFlow", "difficulty": -1, "duration_minutes": 10},
          "player_data": {"score": 150000, "age": 25.5, "startSpeed": 5.0, "duration_minutes": 10.0},
          "cluster_prediction": {"cluster": 2, "cluster_label": "Advanced", "confidence": 0.91,
                                  "probabilities": [0.0, 0.02, 0.91, 0.07]},
          "performance_targets": {"cluster": 2, "lower_percentile": 75, "upper_percentile": 90,
                                   "targets": [{"percentile": 75, "score": 161000},
                                               {"percentile": 90, "score": 198000}]},
          "motivational_message": {"message": "…", "next_target": 161000,
                                    "next_target_percentile": 75, "points_to_next_target": 11000,
                                    "current_percentile": 68.4, "status": "approaching",
                                    "target_policy": "cohort",
                                    "target_reason": {"source": "cohort", "percentile": 75, "population": 231,
                                                      "text": "the 75th percentile of Advanced players in DualFlow · Expert · 10 min"}},
          "model": {"id": "…", "trained_at": "…"}
        }
        """

    /// Every object's key set, by path (arrays contribute their elements' keys under `path[]`).
    static func keySets(_ value: Any, path: String = "") -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        if let object = value as? [String: Any] {
            result[path] = Set(object.keys)
            for (key, child) in object {
                result.merge(keySets(child, path: path + "." + key)) { $0.union($1) }
            }
        } else if let array = value as? [Any] {
            for child in array { result.merge(keySets(child, path: path + "[]")) { $0.union($1) } }
        }
        return result
    }

    static func json(_ analysis: Analysis) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(analysis)) as! [String: Any]
    }

    @Test(
        "the output is the analysis JSON of DESIGN.md key for key, at every level and in every status",
        arguments: [5_000.0, 58_000, 95_000, 99_500, 250_000])
    func designShape(score: Double) throws {
        var expected = Self.keySets(try JSONSerialization.jsonObject(with: Data(Self.designExample.utf8)))
        // The documented additions: which features were marginalised out, whether the target
        // is shown and the message's template (issue 11), the personal window's size.
        expected[".cluster_prediction"]!.insert("missing_features")
        expected[".motivational_message"]!.formUnion(["target_shown", "template_id"])
        expected[".motivational_message.target_reason"]!.insert("window_size")
        for input in [
            AnalysisInput(score: score, age: 30, startSpeed: 4.5, userId: "u1"),
            AnalysisInput(score: score),  // nulls are keys too
        ] {
            let analysis = try Fixtures.roundEngine.analyze(input)
            #expect(Self.keySets(try Self.json(analysis)) == expected, "score \(score), \(analysis.motivationalMessage.status)")
        }
    }

    @Test("values of a complete analysis without an age (the percentile table over every age)")
    func values() throws {
        let analysis = try Fixtures.roundEngine.analyze(
            AnalysisInput(durationMinutes: 10, score: 68_400, startSpeed: 4.6, userId: "u1"))
        #expect(analysis.segment == Fixtures.segment)
        #expect(analysis.playerData == PlayerData(score: 68_400, age: nil, startSpeed: 4.6, durationMinutes: 10))
        let prediction = analysis.clusterPrediction
        #expect(prediction.probabilities.count == 4)
        #expect(abs(prediction.probabilities.reduce(0, +) - 1) < 1e-9)
        #expect(prediction.confidence == prediction.probabilities.max())
        #expect(prediction.confidence == prediction.probabilities[prediction.cluster])
        #expect(prediction.clusterLabel == Fixtures.model.clusters[prediction.cluster].label)
        #expect(prediction.missingFeatures == [.age])
        let range = TargetLadder.standard(clusters: 4).ranges[prediction.cluster]
        #expect(
            analysis.performanceTargets
                == PerformanceTargets(
                    cluster: prediction.cluster, lowerPercentile: range.lower, upperPercentile: range.upper,
                    targets: [
                        .init(percentile: range.lower, score: range.lower * 1000),
                        .init(percentile: range.upper, score: range.upper * 1000),
                    ]))
        // The current percentile is interpolated: 68400 is the 68.4th percentile of 0, 1000, …, 100000.
        #expect(analysis.motivationalMessage.currentPercentile == 68.4)
        #expect(analysis.model.id == Fixtures.model.id)
        #expect(analysis.model.trainedAt == "2025-06-15T15:06:40Z")
        #expect(analysis.motivationalMessage.targetPolicy == .cohort)
    }

    @Test("the current percentile on the trained model is the interpolated percentile, to 0.1")
    func currentPercentile() throws {
        let table = Fixtures.model.percentiles
        for p in [3.3, 27.45, 50.0, 68.4, 91.26] {
            let score = table.score(atPercentile: p)
            let message = Fixtures.engine.motivationalMessage(score: score, cluster: 1)
            #expect(message.currentPercentile == (p * 10).rounded() / 10, "p \(p)")
        }
    }

    @Test("the message fields at the boundaries of the round table")
    func messageBoundaries() {
        let engine = Fixtures.roundEngine
        func check(_ score: Double, _ cluster: Int, _ target: Double, _ percentile: Double?, _ status: TargetStatus) {
            let m = engine.motivationalMessage(score: score, cluster: cluster, variantKey: "k")
            #expect(m.nextTarget == target, "score \(score)")
            #expect(m.nextTargetPercentile == percentile, "score \(score)")
            #expect(m.status == status, "score \(score)")
            #expect(m.pointsToNextTarget == (target - score).rounded(.up), "score \(score)")
            #expect(m.targetReason.percentile == percentile)
            #expect(m.targetReason.source == (percentile == nil ? .personalStep : .cohort))
        }
        // Rungs: the next 5th percentile at least one above the score's.
        check(10_000, 2, 15_000, 15, .belowRange)
        check(67_500, 2, 70_000, 70, .approaching)
        check(75_000, 2, 80_000, 80, .inRange)
        check(89_500, 2, 95_000, 95, .topOfRange)
        check(95_000, 3, 99_000, 99, .topOfRange)
        check(100_500, 3, 102_510, nil, .newPersonalLevel)
    }

    @Test("a missing start speed is marginalised out; a missing age grades the score among every age")
    func marginalised() throws {
        let model = Fixtures.model
        let engine = Fixtures.engine
        let curve = try #require(model.ageCurve)
        let age = 31.0, speed = 3.8
        // A score between two levels, where the start speed matters.
        let gradedOnly = try model.mixture.marginal(over: [0])
        let score = try stride(from: 60_000.0, through: 100_000, by: 250).first { s in
            let p = try gradedOnly.predictProbabilities(row: [model.scaler.scale([curve.reading(atAge: age).z(of: s), 0])[0]])
            return p.max()! < 0.7
        }!
        let graded = curve.reading(atAge: age).z(of: score)
        let everyAge = engine.scale(forAge: nil).gradedScore(of: score)
        #expect(abs(everyAge - graded) > 1e-3)  // the two gradings differ, so the test can tell them apart
        for (input, missing, row, kept) in [
            (AnalysisInput(score: score, startSpeed: speed), [Feature.age], [everyAge, speed], [0, 1]),
            (AnalysisInput(score: score, age: age), [.startSpeed], [graded, speed], [0]),
            (AnalysisInput(score: score), [.age, .startSpeed], [everyAge, speed], [0]),
        ] {
            let scaled = model.scaler.scale(row)
            let prediction = try engine.predictCluster(input)
            #expect(prediction.missingFeatures == missing)
            let marginal = try model.mixture.marginal(over: kept).predictProbabilities(row: kept.map { scaled[$0] })
            #expect(prediction.probabilities.count == marginal.count)
            for c in marginal.indices {
                // Probabilities are shown to six decimals.
                #expect(abs(prediction.probabilities[c] - marginal[c]) <= 5e-7, "\(missing) cluster \(c)")
            }
            let json = try Self.json(try engine.analyze(input))
            let listed = (json["cluster_prediction"] as! [String: Any])["missing_features"] as! [String]
            #expect(listed == missing.map(\.rawValue))
        }
        #expect(try engine.predictCluster(AnalysisInput(score: score, age: age, startSpeed: speed)).missingFeatures.isEmpty)
    }

    @Test(
        "invalid input names the field",
        arguments: [
            (AnalysisInput(score: .nan), "score"), (AnalysisInput(score: -1), "score"),
            (AnalysisInput(score: 1e9 + 1), "score"), (AnalysisInput(score: .infinity), "score"),
            (AnalysisInput(score: 1000, age: 3), "age"), (AnalysisInput(score: 1000, age: 101), "age"),
            (AnalysisInput(score: 1000, startSpeed: 0), "startSpeed"),
            (AnalysisInput(score: 1000, startSpeed: -1), "startSpeed"),
            (AnalysisInput(durationMinutes: -1, score: 1000), "duration_minutes"),
        ])
    func invalid(input: AnalysisInput, field: String) {
        do {
            _ = try Fixtures.engine.analyze(input)
            Issue.record("\(input) was accepted")
        } catch AnalysisError.invalidField(let name, let problem) {
            #expect(name == field)
            #expect(!problem.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("recorded values the cleaning would drop are marginalised, not refused; a bad score still is")
    func recordedValues() throws {
        let engine = Fixtures.engine
        for (input, missing) in [
            (AnalysisInput(score: 60_000, age: -1.6, startSpeed: 4), [Feature.age]),
            (AnalysisInput(score: 60_000, age: 30, startSpeed: 0), [.startSpeed]),
            (AnalysisInput(score: 60_000, age: 130, startSpeed: .nan), [.age, .startSpeed]),
        ] {
            #expect(throws: AnalysisError.self) { try engine.analyze(input) }
            let analysis = try engine.analyzeRecorded(input)
            #expect(analysis.clusterPrediction.missingFeatures == missing)
            var cleared = input
            if missing.contains(.age) { cleared.age = nil }
            if missing.contains(.startSpeed) { cleared.startSpeed = nil }
            #expect(analysis == (try engine.analyze(cleared)))
        }
        #expect(throws: AnalysisError.invalidField(name: "score", problem: "must be a finite number ≥ 0, got -5")) {
            try engine.analyzeRecorded(AnalysisInput(score: -5, age: 30))
        }
    }

    @Test("the plausible extremes are accepted")
    func validExtremes() throws {
        for input in [
            AnalysisInput(score: 0), AnalysisInput(score: 1e9), AnalysisInput(score: 1000, age: 5),
            AnalysisInput(score: 1000, age: 100), AnalysisInput(score: 1000, startSpeed: 0.1),
        ] {
            _ = try Fixtures.engine.analyze(input)
        }
    }

    @Test("decoding DESIGN's input JSON, with null age")
    func decodeInput() throws {
        let input = try AnalysisInputDecoding.decode(
            Data(
                """
                {"game_mode": "DualFlow", "difficulty": -1, "duration_minutes": 10, "score": 150000, "age": null, "startSpeed": 5.0}
                """.utf8))
        #expect(input == AnalysisInput(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10, score: 150_000, startSpeed: 5))
        #expect(throws: AnalysisError.invalidField(name: "score", problem: "is required")) {
            try AnalysisInputDecoding.decode(Data(#"{"age": 30}"#.utf8))
        }
    }

    @Test("the message for a user id is the same on every call and names the formatted next target")
    func stableMessage() throws {
        var seen = Set<String>()
        for i in 0..<40 {
            let input = AnalysisInput(score: Double(i) * 3_517 + 1_234.5, age: 30, startSpeed: 4, userId: "player-\(i)")
            let first = try Fixtures.engine.analyze(input).motivationalMessage
            for _ in 0..<3 {
                #expect(try Fixtures.engine.analyze(input).motivationalMessage == first)
                #expect(try SegmentEngine(model: Fixtures.model).analyze(input).motivationalMessage == first)
            }
            let formatted = NumberStyle.english.formatScore(first.nextTarget)
            #expect(first.message.contains(formatted), "\(first.message) lacks \(formatted)")
            seen.insert(first.message)
        }
        #expect(seen.count == 40)
    }
}
