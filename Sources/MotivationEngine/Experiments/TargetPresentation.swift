import Foundation

/// How a target is set and shown for one request: the policy, whether the game shows it, and
/// the experiment arm that decided, if any.
public struct TargetPresentation: Sendable, Equatable {
    /// The policy whose target the analysis computes.
    public var policy: TargetPolicyKind
    /// Whether the game shows the target (false in the control arm).
    public var showTarget: Bool
    /// The player's experiment and arm; nil when no experiment decided.
    public var assignment: ExperimentPlan.Assignment?

    /// A policy a caller chose, shown.
    public init(policy: TargetPolicyKind, showTarget: Bool = true, assignment: ExperimentPlan.Assignment? = nil) {
        self.policy = policy
        self.showTarget = showTarget
        self.assignment = assignment
    }
}

extension ExperimentPlan {
    /// The presentation for `userId` at `date`: a policy the caller asked for wins (and is no
    /// exposure of any experiment); otherwise the running experiment's arm for the player;
    /// otherwise the `cohort` policy. Without a user id there is no arm.
    public func presentation(for userId: String?, requested: TargetPolicyKind?, at date: Date) -> TargetPresentation {
        if let requested { return TargetPresentation(policy: requested) }
        guard let userId, let assignment = assignment(for: userId, at: date) else {
            return TargetPresentation(policy: .cohort)
        }
        return TargetPresentation(
            policy: assignment.arm.computedPolicy, showTarget: assignment.arm.showsTarget, assignment: assignment)
    }
}
