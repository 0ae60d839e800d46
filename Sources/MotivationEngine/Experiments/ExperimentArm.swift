/// One arm of an experiment: a share of the players and what they are shown.
public struct ExperimentArm: Codable, Sendable, Equatable {
    /// The arm's name, e.g. `control`, `cohort`, `personal`, `blended`.
    public var name: String
    /// The share of players assigned to it (all arms' shares add up to 1).
    public var share: Double
    /// The target policy of the arm; `nil` for a control arm (the cohort target is computed, for
    /// the report, but not shown).
    public var policy: TargetPolicyKind?

    /// An arm `name` with its share of players, showing `policy`'s targets (nil: the target hidden, for control).
    public init(name: String, share: Double, policy: TargetPolicyKind?) {
        self.name = name
        self.share = share
        self.policy = policy
    }

    /// Whether the arm's players see a target.
    public var showsTarget: Bool { policy != nil }

    /// The policy the engine computes the target with (the control arm's hidden one is `cohort`).
    public var computedPolicy: TargetPolicyKind { policy ?? .cohort }
}
