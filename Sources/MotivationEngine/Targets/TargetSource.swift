/// Where a target comes from, as the analysis names it.
public enum TargetSource: String, CaseIterable, Sendable {
    /// A percentile of the segment's players (for the player's age).
    case cohort
    /// A percentile of the player's own recent games.
    case personal
    /// A step above the player's score, past every percentile.
    case personalStep = "personal_step"
}
