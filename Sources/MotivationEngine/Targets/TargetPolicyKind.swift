/// How a player's next target is set; selectable per request and per experiment arm.
public enum TargetPolicyKind: String, Codable, CaseIterable, Sendable {
    /// The cluster ladder of DESIGN.md: a percentile of the segment's players (the default).
    case cohort
    /// A percentile of the player's own recent games in the segment; the cohort ladder below a
    /// minimum history.
    case personal
    /// The cohort target when the player's own recent games show it is within reach, otherwise
    /// the personal target.
    case blended

    /// The policies' names for an error message: `cohort, personal, blended`.
    public static let names = allCases.map(\.rawValue).joined(separator: ", ")
}
