/// How a player's workouts in a segment become training rows. One row per player keeps
/// heavy players from dominating the percentiles.
public enum Aggregation: String, Codable, CaseIterable, Sendable {
    /// The median of each feature over the player's workouts (the default).
    case median
    /// The player's best-scoring workout.
    case best
    /// The player's most recent workout (by play time when known, else input order).
    case latest
    /// Every workout is a row (heavy players weigh more).
    case all

    /// Training rows: one per player (rows without a player id count as their own player),
    /// or every record for `.all`. Players come out in order of first appearance.
    func rows(_ records: [CleanRecord], features: [Feature]) -> [[Double]] {
        if self == .all { return records.map { record in features.map(record.value) } }
        var groups: [String: [CleanRecord]] = [:]
        var order: [String] = []
        for record in records {
            let key = record.playerKey
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }
        return order.map { key in aggregate(groups[key]!, features: features) }
    }

    private func aggregate(_ workouts: [CleanRecord], features: [Feature]) -> [Double] {
        switch self {
        case .median:
            return features.map { feature in Self.median(workouts.map { $0.value(feature) }) }
        case .best:
            let best = workouts.max { ($0.score, -$0.order) < ($1.score, -$1.order) }!
            return features.map(best.value)
        case .latest, .all:
            let latest = workouts.max { ($0.playedAtSeconds ?? 0, $0.order) < ($1.playedAtSeconds ?? 0, $1.order) }!
            return features.map(latest.value)
        }
    }

    /// The median (the mean of the two middle values for an even count), as numpy's.
    /// `values` must not be empty.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
