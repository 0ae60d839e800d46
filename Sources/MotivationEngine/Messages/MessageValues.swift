/// The numbers and labels a message is filled with. Numbers are raw; the catalog formats them
/// for the message's language (scores and points as whole numbers with grouping, percentiles as
/// ordinals of the rounded value).
public struct MessageValues: Sendable, Hashable {
    /// Points from the player's score to the next target (`{points}`). Shown rounded up to a
    /// whole number; a negative value is shown as `0`, as a message never points backwards.
    public var points: Double
    /// The next target score (`{target}`), shown rounded up to a whole number.
    public var target: Double
    /// The percentile the next target stands for (`{target_percentile}`), e.g. `75` → `75th`.
    public var targetPercentile: Double
    /// The player's current percentile in the segment (`{percentile}`), e.g. `68.4` → `68th`.
    public var percentile: Double
    /// The player's cluster label (`{level}`), e.g. `Advanced`. The catalog shows the
    /// language's name for the standard labels (`Fortgeschritten`, `Avancé`) and any other label as it is.
    public var level: String
    /// The next cluster's label (`{next_level}`, used by `top_of_range` messages). When `nil`,
    /// `{next_level}` shows `level`.
    public var nextLevel: String?
    /// The segment as people read it in the message's language (`{segment}`), e.g.
    /// `DualFlow · Expert difficulty · 10 min`.
    public var segment: String

    /// The values of one message.
    public init(
        points: Double,
        target: Double,
        targetPercentile: Double,
        percentile: Double,
        level: String,
        nextLevel: String? = nil,
        segment: String
    ) {
        self.points = points
        self.target = target
        self.targetPercentile = targetPercentile
        self.percentile = percentile
        self.level = level
        self.nextLevel = nextLevel
        self.segment = segment
    }
}

/// A named placeholder a message template may use, written `{name}` in the template.
public enum MessagePlaceholder: String, CaseIterable, Sendable, Hashable, Codable {
    /// Points to the next target, a whole number with grouping: `11,000`.
    case points
    /// The next target score, a whole number with grouping: `161,000`.
    case target
    /// The percentile of the next target, as an ordinal: `75th`, `75.`, `75e`.
    case targetPercentile = "target_percentile"
    /// The player's current percentile, as an ordinal of the rounded value: `68th`.
    case percentile
    /// The player's level (cluster label): `Advanced`.
    case level
    /// The next level up (only in `top_of_range` messages): `Expert`.
    case nextLevel = "next_level"
    /// The segment: `DualFlow · Expert difficulty · 10 min`.
    case segment

    /// The placeholders a template of `status` may use. `{next_level}` only makes sense past the
    /// top of a range; a `new_personal_level` target is a stretch goal that need not be a
    /// percentile, and personal targets are percentiles of the player's own games, not of the
    /// segment, so they have no `{target_percentile}`; a `no_target` message names no numbers.
    public static func allowed(in status: TargetStatus) -> Set<MessagePlaceholder> {
        switch status {
        case .belowRange, .approaching, .inRange:
            [.points, .target, .targetPercentile, .percentile, .level, .segment]
        case .topOfRange:
            Set(allCases)
        case .newPersonalLevel, .personalTarget, .personalLevelReached:
            [.points, .target, .percentile, .level, .segment]
        case .noTarget:
            [.level, .segment]
        }
    }
}
