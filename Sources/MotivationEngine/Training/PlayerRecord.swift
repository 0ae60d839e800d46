import Foundation

/// One completed workout of one player in one segment, as read from a CSV file or the database.
/// `nil` marks a value that is missing or was not a number.
public struct PlayerRecord: Sendable, Equatable {
    /// The player, when known; rows without one are treated as separate players.
    public var userId: String?
    /// The workout's score.
    public var score: Double?
    /// The player's age in years (fractional) when the workout was played.
    public var age: Double?
    /// The workout's start speed.
    public var startSpeed: Double?
    /// The workout's length in minutes.
    public var durationMinutes: Double?
    /// When the workout was played, if known (`latest` aggregation prefers it to input order).
    public var playedAt: Date?

    /// A workout with the given values; missing values are left to cleaning.
    public init(
        userId: String? = nil, score: Double?, age: Double?, startSpeed: Double?, durationMinutes: Double?,
        playedAt: Date? = nil
    ) {
        self.userId = userId
        self.score = score
        self.age = age
        self.startSpeed = startSpeed
        self.durationMinutes = durationMinutes
        self.playedAt = playedAt
    }
}
