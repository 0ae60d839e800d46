import MotivationEngine

/// A segment found in the database, with its size.
public struct SegmentSummary: Codable, Sendable, Equatable {
    /// The segment.
    public var segment: SegmentKey
    /// Distinct players with at least one completed workout in it.
    public var players: Int
    /// Completed workouts in it.
    public var workouts: Int

    /// A summary of `players` players and `workouts` completed workouts in `segment`.
    public init(segment: SegmentKey, players: Int, workouts: Int) {
        self.segment = segment
        self.players = players
        self.workouts = workouts
    }

    /// The order of segment lists: more players first, then by name.
    public static func largerFirst(_ one: SegmentSummary, _ other: SegmentSummary) -> Bool {
        (one.players, other.segment.description) > (other.players, one.segment.description)
    }
}
