/// The rules that decide which workouts are fit to train on. Every threshold is a named,
/// documented value, and the defaults are the engine's policy.
public struct CleaningRules: Codable, Sendable, Equatable {
    /// The youngest plausible player age in years; younger ages are data-entry errors.
    public var minimumAge: Double = 5
    /// The oldest plausible player age in years.
    public var maximumAge: Double = 100
    /// A score more than this many times the segment's median workout score is a recording
    /// error (a glitch, a test account), not a performance.
    public var maximumScoreRatio: Double = 20

    /// The engine's default rules.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case minimumAge = "minimum_age"
        case maximumAge = "maximum_age"
        case maximumScoreRatio = "maximum_score_ratio"
    }

    /// Decodes the rules; a file from before the score rule trains without it (an infinite ratio).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        minimumAge = try container.decode(Double.self, forKey: .minimumAge)
        maximumAge = try container.decode(Double.self, forKey: .maximumAge)
        // Model files written before the rule existed were trained without it.
        maximumScoreRatio = try container.decodeIfPresent(Double.self, forKey: .maximumScoreRatio) ?? .infinity
    }
}

/// Why a workout was left out of training.
public enum DropReason: String, Codable, CaseIterable, Sendable {
    /// A score, age, start speed or duration was missing or not a number.
    case missingValue = "missing_or_non_numeric"
    /// The score was below zero.
    case negativeScore = "negative_score"
    /// The score was more than `maximumScoreRatio` times the segment's median score.
    case implausibleScore = "implausible_score"
    /// The age was outside `minimumAge...maximumAge`.
    case ageOutOfRange = "age_out_of_range"
    /// The start speed was zero or negative.
    case startSpeedNotPositive = "start_speed_not_positive"
    /// The same player and values appeared before.
    case duplicate
}

/// What cleaning did: rows in, rows kept, and how many rows each rule dropped.
public struct CleaningReport: Codable, Sendable, Equatable {
    /// Rows given to cleaning.
    public var inputRows: Int
    /// Rows kept.
    public var keptRows: Int
    /// Dropped rows per reason (every reason is present, with 0 where none were dropped).
    public var dropped: [DropReason: Int]

    enum CodingKeys: String, CodingKey {
        case inputRows = "input_rows"
        case keptRows = "kept_rows"
        case dropped
    }

    /// Decodes the report; reasons the file does not name count 0.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputRows = try container.decode(Int.self, forKey: .inputRows)
        keptRows = try container.decode(Int.self, forKey: .keptRows)
        let named = try container.decode([String: Int].self, forKey: .dropped)
        dropped = Dictionary(uniqueKeysWithValues: DropReason.allCases.map { ($0, named[$0.rawValue] ?? 0) })
    }

    /// Encodes every reason, 0 where none was dropped.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputRows, forKey: .inputRows)
        try container.encode(keptRows, forKey: .keptRows)
        try container.encode(
            Dictionary(uniqueKeysWithValues: dropped.map { ($0.key.rawValue, $0.value) }), forKey: .dropped)
    }

    init(inputRows: Int) {
        self.inputRows = inputRows
        keptRows = 0
        dropped = Dictionary(uniqueKeysWithValues: DropReason.allCases.map { ($0, 0) })
    }
}

/// A workout that passed cleaning: every value present and plausible.
struct CleanRecord: Hashable {
    let userId: String?
    let score: Double
    let age: Double
    let startSpeed: Double
    let durationMinutes: Double
    /// Position in the input, which breaks ties for `latest`.
    let order: Int
    let playedAtSeconds: Double?

    /// The player the workout belongs to; a row without a player id is a player of its own
    /// (the prefixes keep an id like `row 5` apart from the sixth anonymous row).
    var playerKey: String {
        userId.map { "id:" + $0 } ?? "row:\(order)"
    }

    func value(_ feature: Feature) -> Double {
        switch feature {
        case .score: return score
        case .age: return age
        case .startSpeed: return startSpeed
        case .durationMinutes: return durationMinutes
        case .ageGradedScore: return .nan  // derived by training, never recorded
        }
    }
}

extension CleaningRules {
    /// The reason to drop `record`, or `nil` when it may be trained on (duplicates aside).
    /// - Parameter scoreLimit: the highest plausible score in the segment.
    func dropReason(_ record: PlayerRecord, scoreLimit: Double) -> DropReason? {
        guard let score = record.score, let age = record.age, let speed = record.startSpeed,
            let duration = record.durationMinutes, score.isFinite, age.isFinite, speed.isFinite, duration.isFinite
        else { return .missingValue }
        if score < 0 { return .negativeScore }
        if score > scoreLimit { return .implausibleScore }
        if age < minimumAge || age > maximumAge { return .ageOutOfRange }
        if speed <= 0 { return .startSpeedNotPositive }
        return nil
    }

    /// Applies the rules in order (the first that fails names the reason) and drops exact
    /// duplicates (same player, same values) after the first. The score limit is
    /// `maximumScoreRatio` times the median of the non-negative scores of `records`.
    func clean(_ records: [PlayerRecord]) -> ([CleanRecord], CleaningReport) {
        var report = CleaningReport(inputRows: records.count)
        struct DuplicateKey: Hashable {
            let userId: String?
            let values: [Double?]
        }
        var seen = Set<DuplicateKey>()
        var kept: [CleanRecord] = []
        let scores = records.compactMap(\.score).filter { $0.isFinite && $0 >= 0 }
        let median = scores.isEmpty ? 0 : Aggregation.median(scores)
        let scoreLimit = median > 0 ? maximumScoreRatio * median : .infinity
        for (order, record) in records.enumerated() {
            if let reason = dropReason(record, scoreLimit: scoreLimit) {
                report.dropped[reason, default: 0] += 1
                continue
            }
            let key = DuplicateKey(
                userId: record.userId,
                values: [
                    record.score, record.age, record.startSpeed, record.durationMinutes,
                    record.playedAt?.timeIntervalSince1970,
                ])
            guard seen.insert(key).inserted else {
                report.dropped[.duplicate, default: 0] += 1
                continue
            }
            kept.append(
                CleanRecord(
                    userId: record.userId, score: record.score!, age: record.age!, startSpeed: record.startSpeed!,
                    durationMinutes: record.durationMinutes!, order: order,
                    playedAtSeconds: record.playedAt?.timeIntervalSince1970))
        }
        report.keptRows = kept.count
        return (kept, report)
    }
}
