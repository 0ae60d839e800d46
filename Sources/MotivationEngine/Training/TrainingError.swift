import GaussianMixture

/// Why a segment could not be trained, in words for the person who ran training.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer players than the minimum remained after cleaning.
    case tooFewPlayers(segment: SegmentKey, players: Int, minimum: Int)
    /// Every player has the same score, so there is nothing to segment.
    case constantScore(segment: SegmentKey, score: Double)
    /// An option is out of range.
    case invalidOption(name: String, message: String)
    /// The mixture could not be fitted.
    case fitFailed(segment: SegmentKey, reason: String)

    /// The problem in words, naming the segment.
    public var description: String {
        switch self {
        case .tooFewPlayers(let segment, let players, let minimum):
            return "\(segment): \(players) players after cleaning, fewer than the minimum of \(minimum); "
                + "the segment is not trained (lower --min-players only if you accept a less reliable model)"
        case .constantScore(let segment, let score):
            return "\(segment): every player has the score \(score); there is nothing to segment"
        case .invalidOption(let name, let message):
            return "invalid \(name): \(message)"
        case .fitFailed(let segment, let reason):
            return "\(segment): the mixture could not be fitted: \(reason)"
        }
    }
}
