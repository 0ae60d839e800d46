import MotivationEngine

/// The effects a simulation gives what players are shown, on their chance of returning within
/// 7 days (absolute: 0.05 is 5 points). All zero, the default, is the null experiment: what a
/// player is shown changes nothing, so every arm returns alike.
public struct SimulatedEffects: Sendable, Equatable {
    /// Per arm, by name: added for every exposure in that arm (a control arm may have one too).
    public var arms: [String: Double]
    /// Added when a shown target is within reach: at most the player's reach percentile (90th by
    /// default) of their window, today's score included.
    public var reachable: Double
    /// Added when a shown target is beyond that reach. A hidden target (control) gets neither.
    public var tooHard: Double

    /// The smallest and largest effect accepted.
    public static let limits: ClosedRange<Double> = -0.5...0.5

    /// Effects of the given sizes: each arm's change of the chance to come back, and the effect of a reachable or a too-hard target.
    public init(arms: [String: Double] = [:], reachable: Double = 0, tooHard: Double = 0) {
        self.arms = arms
        self.reachable = reachable
        self.tooHard = tooHard
    }

    /// What is wrong with the effects for `plan`'s experiments, naming the effect; nil when they
    /// can be simulated (every effect within ``limits``, every arm named in an experiment).
    public func problem(in plan: ExperimentPlan) -> String? {
        let limitsText = "between \(Self.limits.lowerBound) and \(Self.limits.upperBound)"
        for (name, value) in [("reachable effect", reachable), ("too-hard effect", tooHard)] where !Self.limits.contains(value) {
            return "the \(name) must be \(limitsText), got \(value)"
        }
        let known = Set(plan.experiments.flatMap { $0.arms.map(\.name) })
        for (arm, value) in arms.sorted(by: { $0.key < $1.key }) {
            guard known.contains(arm) else {
                return "the arm effect names '\(arm)', which is no arm of the experiments (arms: "
                    + known.sorted().joined(separator: ", ") + ")"
            }
            guard Self.limits.contains(value) else { return "the effect of arm '\(arm)' must be \(limitsText), got \(value)" }
        }
        return nil
    }

    /// The chance that a player with `base` chance returns within 7 days after an exposure in
    /// `arm` (nil outside any experiment), clamped to 0.01…0.99.
    /// - Parameters:
    ///   - targetShown: whether the game showed the target.
    ///   - withinReach: whether the target was within the player's reach.
    public func returnProbability(base: Double, arm: String?, targetShown: Bool, withinReach: Bool) -> Double {
        var effect = arm.flatMap { arms[$0] } ?? 0
        if targetShown { effect += withinReach ? reachable : tooHard }
        return min(max(base + effect, 0.01), 0.99)
    }
}
