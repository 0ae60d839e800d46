/// Some of a segment's parts: the segment of rows whose file or query names no such part (the
/// command line's `--game-mode`, `--difficulty`, `--duration`), and a filter on rows that do.
public struct SegmentDefaults: Sendable, Hashable {
    /// The game mode for rows that name none.
    public var gameMode: String?
    /// The difficulty for rows that name none.
    public var difficulty: Int?
    /// The session length in minutes for rows that name none.
    public var durationMinutes: Int?

    /// Defaults for the parts given; the others come from each row.
    public init(gameMode: String? = nil, difficulty: Int? = nil, durationMinutes: Int? = nil) {
        self.gameMode = gameMode
        self.difficulty = difficulty
        self.durationMinutes = durationMinutes
    }

    /// Whether `segment` agrees with every part given.
    public func matches(_ segment: SegmentKey) -> Bool {
        (gameMode.map { $0 == segment.gameMode } ?? true) && (difficulty.map { $0 == segment.difficulty } ?? true)
            && (durationMinutes.map { $0 == segment.durationMinutes } ?? true)
    }
}
