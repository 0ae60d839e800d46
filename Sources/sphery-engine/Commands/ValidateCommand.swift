import ArgumentParser
import Foundation
import MotivationEngine

/// `sphery-engine validate`: hold-out likelihood, bootstrap stability and cluster order.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the models against their training data: hold-out likelihood, bootstrap stability, cluster order.",
        discussion: """
            Every model whose segment has rows in the CSV is checked. The hold-out check refits on \
            the other players and reports the mean log-likelihood (standard units) of fitted and held-out \
            players; a test value far below the train value means overfitting. Stability is the adjusted \
            Rand index between the model's clusters and those of models retrained on bootstrap \
            resamples (1 is identical). Exits non-zero when a model's clusters are not ordered by score.
            """)

    @OptionGroup var models: ModelsOption

    @Option(help: "The player CSV the models were trained on.")
    var csv: String

    @OptionGroup var segment: SegmentOptions

    @Option(help: "Bootstrap retrains for the stability check.")
    var bootstrap: Int = 10

    @Option(help: "Share of players held out for the likelihood check.")
    var holdout: Double = 0.2

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models))
        let groups = try await PlayerFile.recordsBySegment(path: csv, defaults: segment.defaults)
        var validation = SegmentValidation()
        validation.bootstraps = bootstrap
        validation.holdoutFraction = holdout
        var reports: [ValidationReport] = []
        for key in groups.keys.sorted(by: { $0.description < $1.description }) {
            guard let engine = registry.engines[key] else {
                StandardError.print("\(key): no model in \(models.models); skipped")
                continue
            }
            reports.append(
                try validation.validate(engine.model, records: groups[key]!) { done in
                    StandardError.print("\(key): bootstrap \(done)/\(bootstrap)")
                })
        }
        guard !reports.isEmpty else {
            throw ValidationError("no model in \(models.models) matches a segment of \(csv)")
        }
        print(json ? try JSONOutput.string(reports) : reports.map(Self.text).joined(separator: "\n\n"))
        if reports.contains(where: { !$0.ordered }) { throw ExitCode.failure }
    }

    static func text(_ report: ValidationReport) -> String {
        let style = NumberStyle.english
        let holdout = report.holdout, stability = report.stability
        var lines = [
            "\(report.segment)  (model \(report.modelId), \(report.players) players)",
            "  hold-out mean log-likelihood: \(style.format(holdout.trainMeanLogLikelihood, fractionDigits: 3)) fitted, "
                + "\(style.format(holdout.testMeanLogLikelihood, fractionDigits: 3)) held out "
                + "(\(holdout.trainPlayers)/\(holdout.testPlayers) players)",
            "  stability: adjusted Rand index \(style.format(stability.meanAdjustedRandIndex, fractionDigits: 3)) mean, "
                + "\(style.format(stability.minimumAdjustedRandIndex, fractionDigits: 3)) lowest over \(stability.bootstraps) bootstrap retrains",
            "  " + ScoreText.padded("cluster", 18) + ScoreText.padded("players", 16) + "score min / Q1 / median / Q3 / max",
        ]
        for cluster in report.clusters {
            let scores = [cluster.minimum, cluster.lowerQuartile, cluster.median, cluster.upperQuartile, cluster.maximum]
            lines.append(
                "  " + ScoreText.padded("\(cluster.cluster) \(cluster.label)", 18)
                    + ScoreText.padded("\(cluster.size) (\(ScoreText.percent(cluster.share)))", 16)
                    + (cluster.size == 0 ? "–" : scores.map(ScoreText.score).joined(separator: " / ")))
        }
        lines.append(
            report.ordered
                ? "  clusters are ordered by score"
                : "  clusters are NOT ordered by score: " + report.orderProblems.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }
}
