import ArgumentParser
import Foundation
import MotivationEngine

/// `sphery-engine info`: what the models in a folder are.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Summarise the models in a folder: segments, players, clusters, targets.")

    @OptionGroup var models: ModelsOption

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models))
        let infos = registry.engines.values.map(\.modelInfo).sorted { $0.segment.description < $1.segment.description }
        if json {
            print(try JSONOutput.string(infos))
        } else {
            print(infos.map(Self.text).joined(separator: "\n\n"))
        }
    }

    static func text(_ info: ModelInfo) -> String {
        let dropped = info.droppedFeatures.map { "\($0.feature.rawValue) = \(ScoreText.score($0.value)), \($0.reason)" }
        var lines = [
            "\(info.segment)  (model \(info.id), trained \(info.trainedAt.formatted(.iso8601)), engine \(info.engineVersion))",
            "  model file format \(info.format)"
                + (info.format < SegmentModel.currentFormat
                    ? " (written before age curves: percentiles over every age, seed levels; retrain for format \(SegmentModel.currentFormat))"
                    : "; levels fitted on \(info.levels == .skill ? "skill (the age-graded score)" : "the seed's raw features")"),
            "  \(info.rows.players) players, \(info.rows.kept) of \(info.rows.input) workouts kept; features "
                + info.features.map(\.rawValue).joined(separator: ", ")
                + (dropped.isEmpty ? "" : " (dropped: \(dropped.joined(separator: "; ")))"),
            "  \(info.clusters.count) clusters, \(info.fit.converged ? "converged" : "NOT converged") in "
                + "\(info.fit.iterations) iterations, BIC \(NumberStyle.english.format(info.fit.bic, fractionDigits: 1)); "
                + "target policy \(info.targetPolicy)",
            "  " + ScoreText.padded("cluster", 18) + ScoreText.padded("share", 8) + ScoreText.padded("score mean ± std", 22)
                + ScoreText.padded("age", 6) + "targets (every age)",
        ]
        for cluster in info.clusters {
            let summary = cluster.summary
            let range =
                "\(NumberStyle.english.percentileOrdinal(summary.targets.lower)) → "
                + "\(NumberStyle.english.percentileOrdinal(summary.targets.upper)): "
                + cluster.targetScores.map(ScoreText.score).joined(separator: " → ")
            lines.append(
                "  " + ScoreText.padded("\(summary.cluster) \(summary.label)", 18)
                    + ScoreText.padded(ScoreText.percent(summary.share), 8)
                    + ScoreText.padded("\(ScoreText.score(summary.scoreMean)) ± \(ScoreText.score(summary.scoreStd))", 22)
                    + ScoreText.padded(summary.ageMean.map { NumberStyle.english.format($0, fractionDigits: 1) } ?? "–", 6)
                    + range)
        }
        return lines.joined(separator: "\n")
    }
}
