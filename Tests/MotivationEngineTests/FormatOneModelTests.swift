import Foundation
import Testing

@testable import MotivationEngine

/// Format 1 files (written before age curves) still load and answer as the engine that wrote
/// them did: the figures below are what engine 16ae5a3 printed for this file.
@Suite("Model files of format 1")
struct FormatOneModelTests {
    static func model() throws -> SegmentModel {
        try ModelFileStore.decode(Data(FormatOneModel.json.utf8), file: "DualFlow_-1_10.json")
    }

    @Test("a format 1 file loads as format 1 with seed levels and no age curve, and info says so")
    func loads() throws {
        let model = try Self.model()
        #expect(model.format == 1)
        #expect(model.ageCurve == nil)
        #expect(model.training.levels == .seed)
        #expect(model.features == [.score, .age, .startSpeed])
        let info = SegmentEngine(model: model).modelInfo
        #expect(info.format == 1)
        #expect(info.levels == .seed)
    }

    struct Answer: Equatable, Sendable {
        let cluster: Int
        let confidence: Double
        let nextTarget: Double
        let nextTargetPercentile: Double?
        let currentPercentile: Double
        let status: TargetStatus
        let bandScores: [Double]
    }

    @Test(
        "analyses answer as the format 1 engine did (targets at the ranges' ends, percentiles over every player)",
        arguments: [(Double, Answer)]([
            (
                20_000,
                Answer(
                    cluster: 2, confidence: 1, nextTarget: 174_534, nextTargetPercentile: 75, currentPercentile: 0, status: .belowRange,
                    bandScores: [174_534, 197_196])
            ),
            (
                90_000,
                Answer(
                    cluster: 2, confidence: 0.998073, nextTarget: 174_534, nextTargetPercentile: 75, currentPercentile: 8.7,
                    status: .belowRange, bandScores: [174_534, 197_196])
            ),
            (
                150_000,
                Answer(
                    cluster: 2, confidence: 0.980278, nextTarget: 174_534, nextTargetPercentile: 75, currentPercentile: 54.7,
                    status: .belowRange, bandScores: [174_534, 197_196])
            ),
            (
                200_000,
                Answer(
                    cluster: 2, confidence: 0.922839, nextTarget: 214_253, nextTargetPercentile: 95, currentPercentile: 90.8,
                    status: .topOfRange, bandScores: [174_534, 197_196])
            ),
        ]))
    func answersAsBefore(score: Double, expected: Answer) throws {
        let engine = SegmentEngine(model: try Self.model())
        let analysis = try engine.analyze(AnalysisInput(score: score, age: 30, startSpeed: 5))
        let message = analysis.motivationalMessage
        let answer = Answer(
            cluster: analysis.clusterPrediction.cluster, confidence: analysis.clusterPrediction.confidence,
            nextTarget: message.nextTarget, nextTargetPercentile: message.nextTargetPercentile,
            currentPercentile: message.currentPercentile, status: message.status,
            bandScores: analysis.performanceTargets.targets.map(\.score))
        #expect(answer == expected)
        // The reason names every player of the segment, not an age.
        #expect(message.targetReason.text.hasPrefix("the 75th percentile of the 168 players in") || message.status == .topOfRange)
        #expect(!message.targetReason.text.contains("aged"))
    }
}
