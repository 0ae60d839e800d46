import Foundation
import MotivationEngine

/// How a retention report reads its experiment's outcomes.
///
/// Windows that have not elapsed at `asOf` are right-censored; a player counts for a metric
/// only once it is decided:
///
/// - **returned within 7 days**: once 7 days have passed since exposure (`asOf − exposedAt ≥ 7
///   days`); returned when the next workout came at most 7 days after exposure.
/// - **returned within 28 days** and **workouts in the following 28 days**: once 28 days have
///   passed.
/// - **target hit within the next K workouts**: once it reached the target, or played K
///   follow-up workouts in the segment, or 28 days have passed (a player who has not reached it
///   by then is a miss).
/// - **time to the next workout** (Kaplan–Meier): an event at the next workout, otherwise
///   censored at `asOf − exposedAt`.
///
/// The report counts, per metric, the players left out because their window is still open.
public struct RetentionReportSettings: Sendable, Equatable {
    /// The report's "now": which windows have elapsed.
    public var asOf: Date
    /// K, the follow-up workouts in which a player may reach the target.
    public var hitWorkouts: Int
    /// The confidence level of every interval, e.g. 0.95.
    public var confidence: Double
    /// The smallest difference in the 7-day return rate the experiment should detect
    /// (absolute: 0.05 is 5 points).
    public var minimumDetectableEffect: Double
    /// The probability of detecting that difference when it exists, e.g. 0.8.
    public var power: Double
    /// The arm every other arm is compared with.
    public var controlArm: String
    /// The experiment's arms, in the order to show them; they appear even without players.
    public var plannedArms: [String]
    /// The language of the verdict's sentences.
    public var language: Language = .en

    /// Settings as of `asOf`; the rest default to the engine's policy (K = 5, 95 % intervals, 5 points at 80 % power).
    public init(
        asOf: Date, hitWorkouts: Int = 5, confidence: Double = 0.95, minimumDetectableEffect: Double = 0.05,
        power: Double = 0.8, controlArm: String = Experiment.controlArm, plannedArms: [String] = []
    ) {
        self.asOf = asOf
        self.hitWorkouts = hitWorkouts
        self.confidence = confidence
        self.minimumDetectableEffect = minimumDetectableEffect
        self.power = power
        self.controlArm = controlArm
        self.plannedArms = plannedArms
    }

    /// The settings of a configured experiment: its arms and minimum detectable effect, and
    /// the default K, confidence and power.
    public init(experiment: Experiment, asOf: Date) {
        self.init(
            asOf: asOf, minimumDetectableEffect: experiment.minimumDetectableEffect,
            plannedArms: experiment.arms.map(\.name))
    }

    /// What is wrong with the settings, naming the setting; nil when a report can be built.
    public var problem: String? {
        if hitWorkouts < 1 { return "hit_workouts: must be at least 1, got \(hitWorkouts)" }
        if !(confidence > 0 && confidence < 1) { return "confidence: must be between 0 and 1, got \(confidence)" }
        if !(power > 0 && power < 1) { return "power: must be between 0 and 1, got \(power)" }
        if !(minimumDetectableEffect >= 0.0001 && minimumDetectableEffect < 1) {
            return "minimum_detectable_effect: must be between 0.0001 and 1, got \(minimumDetectableEffect)"
        }
        if controlArm.isEmpty { return "control_arm: must not be empty" }
        return nil
    }
}
