import Foundation
import MotivationEngine
import NIOCore
import TestSupport
import Testing

@testable import EngineAPI

/// The analysis answer against DESIGN.md's shape, spelled out here a second time on purpose: the
/// wire code spells each key once, and this test is the independent reading of the contract.
@Suite("Wire: the analysis answer")
struct AnalysisWireTests {
    /// The JSON DESIGN.md describes for `analysis`, built from its fields.
    static func expected(_ analysis: Analysis) -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        let message = analysis.motivationalMessage, reason = message.targetReason
        return .object([
            "segment": .object([
                "game_mode": .string(analysis.segment.gameMode), "difficulty": .number(Double(analysis.segment.difficulty)),
                "duration_minutes": .number(Double(analysis.segment.durationMinutes)),
            ]),
            "model": .object(["id": .string(analysis.model.id), "trained_at": .string(analysis.model.trainedAt)]),
            "player_data": .object([
                "score": .number(analysis.playerData.score), "age": number(analysis.playerData.age),
                "startSpeed": number(analysis.playerData.startSpeed), "duration_minutes": .number(analysis.playerData.durationMinutes),
            ]),
            "cluster_prediction": .object([
                "cluster": .number(Double(analysis.clusterPrediction.cluster)),
                "cluster_label": .string(analysis.clusterPrediction.clusterLabel),
                "confidence": .number(analysis.clusterPrediction.confidence),
                "probabilities": .array(analysis.clusterPrediction.probabilities.map(JSONValue.number)),
                "missing_features": .array(analysis.clusterPrediction.missingFeatures.map { .string($0.rawValue) }),
            ]),
            "performance_targets": .object([
                "cluster": .number(Double(analysis.performanceTargets.cluster)),
                "lower_percentile": .number(analysis.performanceTargets.lowerPercentile),
                "upper_percentile": .number(analysis.performanceTargets.upperPercentile),
                "targets": .array(
                    analysis.performanceTargets.targets.map {
                        .object(["percentile": .number($0.percentile), "score": .number($0.score)])
                    }),
            ]),
            "motivational_message": .object([
                "message": .string(message.message), "next_target": .number(message.nextTarget),
                "next_target_percentile": number(message.nextTargetPercentile),
                "points_to_next_target": .number(message.pointsToNextTarget),
                "current_percentile": .number(message.currentPercentile), "status": .string(message.status.rawValue),
                "target_policy": .string(message.targetPolicy.rawValue), "target_shown": .bool(message.targetShown),
                "template_id": .string(message.templateId),
                "target_reason": .object([
                    "source": .string(reason.source.rawValue), "percentile": number(reason.percentile),
                    "population": number(reason.population.map(Double.init)), "window_size": number(reason.windowSize.map(Double.init)),
                    "text": .string(reason.text),
                ]),
            ]),
        ])
    }

    @Test("every analysis is written as DESIGN.md's object, key for key and value for value")
    func analyses() throws {
        let analyses = try Model.analyses()
        for analysis in analyses {
            #expect(try JSONValue.parse(Data(analysis.json().readableBytesView)) == Self.expected(analysis))
        }
        // The inputs reach every cluster, every null and every language.
        #expect(Set(analyses.map(\.clusterPrediction.cluster)) == Set(0..<Model.engine.model.clusters.count))
        #expect(analyses.contains { $0.playerData.age == nil && $0.playerData.startSpeed == nil })
        #expect(analyses.contains { $0.motivationalMessage.nextTargetPercentile == nil })
        #expect(analyses.contains { $0.motivationalMessage.targetReason.percentile == nil })
        #expect(Set(analyses.map(\.clusterPrediction.missingFeatures)).count > 1)
    }

    @Test("the bytes: compact, segment and model first, nulls written, numbers in their shortest form")
    func bytes() throws {
        var analysis = try Model.engine.analyze(AnalysisInput(score: 60_000, startSpeed: 4.5, userId: "u1"))
        analysis.model.id = "m1"
        analysis.model.trainedAt = "2025-06-15T15:06:40Z"
        analysis.motivationalMessage.message = "m"
        analysis.motivationalMessage.targetReason.text = "t"
        analysis.clusterPrediction.probabilities = [0.25, 0.75]
        analysis.clusterPrediction.confidence = 0.75
        let text = String(decoding: try analysis.json().readableBytesView, as: UTF8.self)
        let message = analysis.motivationalMessage
        #expect(
            text.hasPrefix(
                #"{"segment":{"game_mode":"DualFlow","difficulty":-1,"duration_minutes":10},"model":{"id":"m1","trained_at":"2025-06-15T15:06:40Z"},"player_data":{"score":60000,"age":null,"startSpeed":4.5,"duration_minutes":10},"cluster_prediction":{"cluster":"#
            ))
        #expect(text.contains(#""confidence":0.75,"probabilities":[0.25,0.75],"cluster_label":"#))
        #expect(text.hasSuffix(#""target_shown":\#(message.targetShown),"template_id":"\#(message.templateId)"}}"#))
    }

    @Test("Encodable writes the same object as the writer (the command line prints it)")
    func encodable() throws {
        for analysis in try Model.analyses().prefix(40) {
            let encoded = try JSONEncoder().encode(analysis)
            #expect(try JSONValue.parse(encoded) == Self.expected(analysis))
        }
    }

    @Test("strings anywhere in an analysis round-trip")
    func analysisStrings() throws {
        var analysis = try Model.engine.analyze(AnalysisInput(score: 60_000))
        analysis.motivationalMessage.message = JSONWriterTests.awkward
        analysis.motivationalMessage.targetReason.text = "\"\\\u{0}"
        analysis.clusterPrediction.clusterLabel = "漢 \u{1F}"
        analysis.model.id = ""
        #expect(try JSONValue.parse(Data(analysis.json().readableBytesView)) == Self.expected(analysis))
    }

    @Test("an analysis with a non-finite number is refused, naming the key")
    func nonFiniteAnalysis() throws {
        var analysis = try Model.engine.analyze(AnalysisInput(score: 60_000))
        analysis.clusterPrediction.probabilities[1] = .nan
        let error = #expect(throws: JSONWriterError.self) {
            try analysis.json()
        }
        #expect(error?.key == "probabilities")
    }
}

/// Analyses of the shared fixture model across every level and status.
enum Model {
    static let engine = Fixtures.engine

    /// Analyses across every level and status, with and without age, start speed and user id,
    /// in every language.
    static func analyses() throws -> [Analysis] {
        var analyses: [Analysis] = []
        let scores = [0, 1_000, 12_345.5, 20_000, 45_000, 60_000, 80_000, 100_000, 118_000, 140_000, 160_000, 400_000]
        for score in scores {
            for (age, speed) in [(nil, nil), (30, 4.5), (nil, 4.5), (41.25, nil)] as [(Double?, Double?)] {
                for userId in [nil, "u1"] {
                    for language in Language.allCases {
                        let input = AnalysisInput(score: score, age: age, startSpeed: speed, userId: userId)
                        analyses.append(try engine.analyze(input, language: language))
                    }
                }
            }
        }
        return analyses
    }
}
