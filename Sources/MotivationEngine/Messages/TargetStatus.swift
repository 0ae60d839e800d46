/// Where a player's score stands relative to their cluster's target range; it picks the
/// kind of message the player sees. The raw values are the `status` strings of the analysis JSON.
public enum TargetStatus: String, Codable, CaseIterable, Sendable {
    /// Far below the cluster's target range: the next target is the range's first target,
    /// and the message celebrates effort and the first reachable step.
    case belowRange = "below_range"
    /// Close below the range's first target: the message says how close the player is.
    case approaching = "approaching"
    /// Inside the target range: the next target is the next one up in the range, towards its top.
    case inRange = "in_range"
    /// Past the top of the range: the next target is the first target of the next level up,
    /// so the message may name that level (`{next_level}`).
    case topOfRange = "top_of_range"
    /// Above every percentile the policy uses: the target is a stretch goal (a high percentile
    /// or the player's personal best plus a step), so the message never names a target percentile.
    case newPersonalLevel = "new_personal_level"
    /// A target from the player's own recent games (`personal` policy) above their score: the
    /// message speaks of their own level, never of other players.
    case personalTarget = "personal_target"
    /// The player's score is at or above their own recent level (`personal` policy): the target
    /// is to hold that level again, so the message celebrates and never points backwards.
    case personalLevelReached = "personal_level_reached"
    /// The messages shown without a target (an experiment's `control` arm): they encourage
    /// without a number to reach. Only a message section: the analysis's `status` still says
    /// where the player stands, and `target_shown` is false.
    case noTarget = "no_target"
}
