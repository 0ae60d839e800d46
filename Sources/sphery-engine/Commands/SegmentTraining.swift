import ArgumentParser
import Foundation
import MotivationEngine

/// Trains every segment of a source and writes the model files, with a progress line per
/// segment and a summary table on standard error (shared by `train` and `serve --demo`).
enum SegmentTraining {
    /// - Returns: the models trained (segments with too few players are reported and skipped).
    /// - Throws: `ValidationError` when the source has no segment at all; file errors.
    static func trainAll(_ source: TrainingSource, with trainer: SegmentTrainer, into directory: URL) throws -> [TrainingSummary] {
        let segments = source.segments
        guard !segments.isEmpty else { throw ValidationError("\(source) has no workouts in the segments given") }
        var trained: [TrainingSummary] = []
        var table: [TrainingTable.Row] = []
        for (index, key) in segments.enumerated() {
            let prefix = "[\(index + 1)/\(segments.count)] \(key)"
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let model = try trainer.train(source.groups[key]!, segment: key)
                let file = try ModelFileStore.write(model, to: directory)
                let elapsed = clock.now - start
                StandardError.print("\(prefix): \(TrainingSummary.describe(model)) in \(TrainingTable.text(elapsed)) → \(file.path)")
                trained.append(TrainingSummary(model: model, file: file.path))
                table.append(.init(segment: key, outcome: .trained(model, elapsed)))
            } catch let error as TrainingError {
                StandardError.print("\(prefix): not trained: \(error)")
                table.append(.init(segment: key, outcome: .refused(error)))
            }
        }
        StandardError.print(TrainingTable.render(table))
        return trained
    }
}
