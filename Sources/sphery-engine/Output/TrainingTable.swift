import MotivationEngine

/// The summary table that ends `train`: segment, players, clusters, BIC, time.
enum TrainingTable {
    struct Row {
        enum Outcome {
            case trained(SegmentModel, Duration)
            case refused(TrainingError)
        }

        let segment: SegmentKey
        let outcome: Outcome
    }

    static func text(_ duration: Duration) -> String {
        duration.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow))
    }

    static func render(_ rows: [Row]) -> String {
        var lines = [
            ScoreText.padded("segment", 42) + ScoreText.padded("players", 9) + ScoreText.padded("k", 4)
                + ScoreText.padded("BIC", 14) + "time"
        ]
        for row in rows {
            switch row.outcome {
            case .trained(let model, let duration):
                lines.append(
                    ScoreText.padded(row.segment.description, 42) + ScoreText.padded("\(model.rows.players)", 9)
                        + ScoreText.padded("\(model.mixture.components)", 4)
                        + ScoreText.padded(NumberStyle.english.format(model.fit.bic, fractionDigits: 1), 14) + text(duration))
            case .refused(let error):
                let reason: String
                if case .tooFewPlayers(_, let players, let minimum) = error {
                    reason = "not trained: \(players) players < \(minimum)"
                } else {
                    reason = "not trained: \(error)"
                }
                lines.append(ScoreText.padded(row.segment.description, 42) + reason)
            }
        }
        return lines.joined(separator: "\n")
    }
}
