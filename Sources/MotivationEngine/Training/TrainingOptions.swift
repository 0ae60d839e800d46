/// How many clusters to fit.
public enum ClusterCount: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Exactly this many.
    case fixed(Int)
    /// The count in the range with the lowest BIC.
    case automatic(ClosedRange<Int>)

    /// `4`, or `auto:2-8` for an automatic choice in 2…8.
    public var description: String {
        switch self {
        case .fixed(let k): return "\(k)"
        case .automatic(let range): return "auto:\(range.lowerBound)-\(range.upperBound)"
        }
    }

    /// Parses `4`, `auto` (2…8) or `auto:A-B`.
    public init?(_ text: String) {
        if let k = Int(text) {
            self = .fixed(k)
        } else if text == "auto" {
            self = .automatic(2...8)
        } else if text.hasPrefix("auto:"), case let bounds = text.dropFirst(5).split(separator: "-"),
            bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high
        {
            self = .automatic(low...high)
        } else {
            return nil
        }
    }

    /// Encodes the count as its text: `4`, `auto` or `auto:2-6`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes `4`, `auto` or `auto:2-6`, refusing anything else.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ClusterCount(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a cluster count (a number, 'auto' or 'auto:A-B')")
        }
        self = value
    }
}

/// Everything that shapes a trained segment model. The defaults are the engine's policy and
/// are fixed (including the seed), so retraining on the same data gives the same model.
public struct TrainingOptions: Codable, Sendable, Equatable {
    /// Clusters to fit (4 by default, the original's four levels).
    public var clusters: ClusterCount = .fixed(4)
    /// How a player's workouts become one training row.
    public var aggregation: Aggregation = .median
    /// EM initialisations; the best is kept.
    public var restarts: Int = 5
    /// The random seed.
    public var seed: UInt64 = 42
    /// Fewer players than this and the segment is refused rather than fitted badly.
    public var minimumPlayers: Int = 50
    /// Which workouts are fit to train on.
    public var cleaning = CleaningRules()
    /// What the levels are fitted on: skill (the age-graded score) by default.
    public var levels: LevelBasis = .skill

    /// The engine's defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case clusters, aggregation, restarts, seed, cleaning, levels
        case minimumPlayers = "minimum_players"
    }

    /// Decodes the options; a format 1 file, without `levels`, was fitted on the raw features (`seed`).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clusters = try container.decode(ClusterCount.self, forKey: .clusters)
        aggregation = try container.decode(Aggregation.self, forKey: .aggregation)
        restarts = try container.decode(Int.self, forKey: .restarts)
        seed = try container.decode(UInt64.self, forKey: .seed)
        minimumPlayers = try container.decode(Int.self, forKey: .minimumPlayers)
        cleaning = try container.decode(CleaningRules.self, forKey: .cleaning)
        // Format 1 files predate the option: their levels were fitted on the raw features.
        levels = try container.decodeIfPresent(LevelBasis.self, forKey: .levels) ?? .seed
    }
}
