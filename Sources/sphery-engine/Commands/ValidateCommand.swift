import ArgumentParser
import Foundation
import MotivationEngine

/// `sphery-engine validate`: hold-out likelihood, bootstrap stability, cluster order, level vs
/// age, level stability, target reachability and the age curve's calibration.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check the models against their training data: likelihood, stability, order, fairness across ages, reachable targets, centiles.",
        discussion: """
            Every model whose segment has workouts in --csv or --db is checked. The hold-out check \
            refits on the other players and reports the mean log-likelihood (standard units) of fitted and \
            held-out players; a test value far below the train value means overfitting. Stability is the \
            adjusted Rand index between the model's clusters and those of models retrained on bootstrap \
            resamples (1 is identical). Level vs age is Spearman's correlation of the players' levels with \
            their ages (near 0 for levels of skill). Level stability is the share of a player's games that \
            land in the player's level, and of consecutive games that land in the same level. With --db \
            (play times give the games' order), reachability is the share of next targets reached within \
            the player's next 9 games, by level. Calibration refits the age curve on the players not held \
            out and gives, per age band, the share of held-out scores below the 10th to 90th centile. \
            Exits non-zero when a model's clusters are not ordered: skill levels by their age-graded \
            scores (their raw scores overlap across ages by design), the seed's levels by score. \
            The README ("What validate reports") says what each number means and what a good value is.
            """)

    @OptionGroup var models: ModelsOption

    @Option(help: "The player CSV the models were trained on (no play times: no reachability check).")
    var csv: String?

    @Option(help: "The player database the models were trained on, instead of --csv: an SQLite file or a postgres:// URL.")
    var db: String?

    @OptionGroup var segment: SegmentOptions

    @Option(help: "Bootstrap retrains for the stability check.")
    var bootstrap: Int = 10

    @Option(help: "Share of players held out for the likelihood check and the age curve's calibration.")
    var holdout: Double = 0.2

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        switch (csv, db) {
        case (nil, nil): throw ValidationError("give the training data: --csv FILE or --db URL")
        case (_?, _?): throw ValidationError("give --csv FILE or --db URL, not both")
        default: break
        }
    }

    func run() async throws {
        let reports = try await reports()
        print(json ? try JSONOutput.string(reports) : reports.map(Self.text).joined(separator: "\n\n"))
        if reports.contains(where: { !$0.ordered }) { throw ExitCode.failure }
    }

    /// The report of every segment of the source that has a model, in segment order.
    /// - Throws: `ValidationError` when no model matches a segment of the source.
    func reports() async throws -> [ValidationReport] {
        let registry = try ModelRegistry.load(from: URL(fileURLWithPath: models.models))
        let source = try await TrainingSource(csv: csv, db: db, defaults: segment.defaults)
        var validation = SegmentValidation()
        validation.bootstraps = bootstrap
        validation.holdoutFraction = holdout
        var reports: [ValidationReport] = []
        var skipped: [SegmentKey] = []
        for key in source.groups.keys.sorted(by: { $0.description < $1.description }) {
            guard let engine = registry.engines[key] else {
                skipped.append(key)
                continue
            }
            reports.append(
                try validation.validate(engine.model, records: source.groups[key]!) { done in
                    StandardError.print("\(key): bootstrap \(done)/\(bootstrap)")
                })
        }
        if !skipped.isEmpty {
            let named = skipped.prefix(3).map(\.description).joined(separator: "; ")
            StandardError.print(
                "\(skipped.count) segment\(skipped.count == 1 ? "" : "s") of \(source) without a model in \(models.models), "
                    + "skipped: \(named)\(skipped.count > 3 ? "; …" : "")")
        }
        guard !reports.isEmpty else {
            throw ValidationError("no model in \(models.models) matches a segment of \(source)")
        }
        return reports
    }

    static func text(_ report: ValidationReport) -> String {
        let style = NumberStyle.english
        func fixed(_ value: Double, _ digits: Int) -> String { style.format(value, fractionDigits: digits) }
        func count(_ value: Int) -> String { style.format(integer: value) }
        let holdout = report.holdout, stability = report.stability
        let graded = report.clusters.contains { $0.ageGraded != nil }
        var lines = [
            "\(report.segment)  (model \(report.modelId), \(count(report.players)) players)",
            "  hold-out mean log-likelihood: \(fixed(holdout.trainMeanLogLikelihood, 3)) fitted, "
                + "\(fixed(holdout.testMeanLogLikelihood, 3)) held out "
                + "(\(holdout.trainPlayers)/\(holdout.testPlayers) players)",
            "  stability: adjusted Rand index \(fixed(stability.meanAdjustedRandIndex, 3)) mean, "
                + "\(fixed(stability.minimumAdjustedRandIndex, 3)) lowest over \(stability.bootstraps) bootstrap retrains",
            "  " + ScoreText.padded("cluster", 18) + ScoreText.padded("players", 16)
                + ScoreText.padded("score min / Q1 / median / Q3 / max", 50)
                + (graded ? ScoreText.padded("age-graded Q1 / median / Q3", 30) : "") + "mean age",
        ]
        for cluster in report.clusters {
            let scores = cluster.scores.map { [$0.minimum, $0.lowerQuartile, $0.median, $0.upperQuartile, $0.maximum] }
            let gradedText = cluster.ageGraded.map {
                [$0.lowerQuartile, $0.median, $0.upperQuartile].map { fixed($0, 2) }.joined(separator: " / ")
            }
            lines.append(
                "  " + ScoreText.padded("\(cluster.cluster) \(cluster.label)", 18)
                    + ScoreText.padded("\(count(cluster.size)) (\(ScoreText.percent(cluster.share)))", 16)
                    + ScoreText.padded(scores.map { $0.map(ScoreText.score).joined(separator: " / ") } ?? "–", 50)
                    + (graded ? ScoreText.padded(gradedText ?? "–", 30) : "")
                    + (cluster.ageMean.map { fixed($0, 1) } ?? "–"))
        }
        let byWhat =
            report.orderedBy == .ageGradedScore
            ? "age-graded score (skill levels; their raw scores overlap across ages by design)" : "score"
        lines.append(
            report.ordered
                ? "  clusters are ordered by \(byWhat)"
                : "  clusters are NOT ordered by \(byWhat): " + report.orderProblems.joined(separator: "; "))

        let levelVsAge = report.levelVsAge
        lines.append(
            "  level vs age: Spearman "
                + (levelVsAge.spearman.map { ($0 >= 0 ? "+" : "") + fixed($0, 3) } ?? "undefined (one level or one age)")
                + " over \(count(levelVsAge.players)) players (near 0: levels of skill, not of age)")
        if !levelVsAge.bands.isEmpty {
            lines.append(
                "  mean level by age: "
                    + levelVsAge.bands.map { "\($0.label) \(fixed($0.meanLevel, 2)) (\(count($0.players)))" }.joined(separator: ", ")
                    + " (about equal: levels of skill)")
        }

        let levels = report.levelStability
        if let share = levels.shareInPlayerLevel {
            lines.append(
                "  level stability: \(ScoreText.percent(share)) of a player's games in the player's level "
                    + "(\(count(levels.players)) players with 2+ games, \(count(levels.games)) games); "
                    + (levels.consecutiveSameLevel.map { ScoreText.percent($0) } ?? "–")
                    + " of consecutive games in the same level (\(count(levels.pairs)) pairs)"
                    + (levels.unplacedGames > 0 ? "; \(count(levels.unplacedGames)) games could not be placed" : ""))
        } else {
            lines.append("  level stability: no player has two games")
        }

        if let reach = report.reachability {
            let byLevel = reach.byLevel.map { level in
                "\(level.cluster) \(level.label) " + (level.share.map { ScoreText.percent($0) } ?? "–") + " of \(count(level.targets))"
            }
            lines.append(
                "  next targets reached within the next \(reach.window) games: "
                    + (reach.overall.share.map { ScoreText.percent($0) } ?? "–") + " of \(count(reach.overall.targets))"
                    + (byLevel.isEmpty ? "" : " (" + byLevel.joined(separator: "; ") + ")"))
        } else {
            lines.append("  next targets reached: not checked, it needs the games' play times (give --db)")
        }

        if let calibration = report.calibration {
            lines.append(
                "  age curve calibration: refitted on \(count(calibration.fitPlayers)) players, checked on "
                    + "\(count(calibration.heldOutPlayers)) held out; % of scores below each centile at their age")
            lines.append(
                "    " + ScoreText.padded("age", 10) + ScoreText.padded("players", 9)
                    + calibration.centiles.map { ScoreText.padded("\(Int($0))th", 7) }.joined()
                    + ScoreText.padded("worst", 8) + "±noise")
            for band in calibration.bands + [calibration.overall] {
                lines.append(
                    "    " + ScoreText.padded(band.label, 10) + ScoreText.padded(count(band.players), 9)
                        + band.below.map { ScoreText.padded(fixed(100 * $0.share, 1), 7) }.joined()
                        + ScoreText.padded(fixed(band.maximumDeviation, 1), 8) + fixed(band.samplingMargin, 1))
            }
        } else {
            lines.append("  age curve calibration: not checked (the model has no age curve, or too few players)")
        }
        return lines.joined(separator: "\n")
    }
}
