/// A training segment: players are compared only with others who played the same game mode,
/// at the same difficulty, for the same session length.
public struct SegmentKey: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The game mode, e.g. `DualFlow`.
    public let gameMode: String
    /// The difficulty as the platform stores it (`-1` is Expert).
    public let difficulty: Int
    /// The session length in whole minutes.
    public let durationMinutes: Int

    /// The segment of `gameMode` at `difficulty` for sessions of `durationMinutes`.
    public init(gameMode: String, difficulty: Int, durationMinutes: Int) {
        self.gameMode = gameMode
        self.difficulty = difficulty
        self.durationMinutes = durationMinutes
    }

    enum CodingKeys: String, CodingKey {
        case gameMode = "game_mode"
        case difficulty
        case durationMinutes = "duration_minutes"
    }

    /// The difficulty as people read it: `Expert difficulty` for -1, else `difficulty N`, so
    /// that it cannot be taken for the Expert level.
    public var difficultyName: String {
        name(in: .en).difficulty
    }

    /// `DualFlow · Expert difficulty · 10 min` (English; `name(in:)` has every language).
    public var description: String {
        name(in: .en).full
    }

    /// A name safe for files: `DualFlow_-1_10`.
    public var fileStem: String {
        let mode = gameMode.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return "\(mode)_\(difficulty)_\(durationMinutes)"
    }
}

extension SegmentKey {
    /// The longest session length a segment can have, in minutes.
    public static let maximumMinutes = 1440.0

    /// A session length as whole minutes; nil unless it is a finite number of minutes above 0
    /// and at most a day.
    public static func wholeMinutes(_ minutes: Double) -> Int? {
        guard minutes.isFinite, minutes > 0, minutes <= maximumMinutes else { return nil }
        return Int(minutes.rounded())
    }

    /// A difficulty as stored; nil unless it is a whole number of at most six digits.
    public static func difficulty(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e6 else { return nil }
        return Int(value)
    }
}
