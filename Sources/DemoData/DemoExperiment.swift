import Foundation
import MotivationEngine

/// The demo's retention experiment: four equal arms (`control` without a target, `cohort`,
/// `personal`, `blended`) from the end of the demo histories, so that simulated play after it
/// (`simulate`) is part of it.
public enum DemoExperiment {
    /// The experiment's name.
    public static let name = "targets-demo"

    /// The plan holding the demo experiment.
    public static var plan: ExperimentPlan {
        let start = Date(timeIntervalSince1970: TimeInterval(DemoDataGenerator.defaultEnd))
        return ExperimentPlan(experiments: [
            Experiment(
                name: name, start: start,
                arms: [
                    ExperimentArm(name: Experiment.controlArm, share: 0.25, policy: nil),
                    ExperimentArm(name: "cohort", share: 0.25, policy: .cohort),
                    ExperimentArm(name: "personal", share: 0.25, policy: .personal),
                    ExperimentArm(name: "blended", share: 0.25, policy: .blended),
                ],
                minimumDetectableEffect: 0.05)
        ])
    }

    /// Writes the plan as an experiments file (`serve --experiments`).
    public static func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(plan).write(to: url, options: .atomic)
    }
}
