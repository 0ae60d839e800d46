import ArgumentParser
import MotivationEngine
import PlayerStore

/// Where `train` reads workouts: a player CSV (read whole, grouped by segment) or the player
/// database (one segment at a time).
enum TrainingSource: CustomStringConvertible {
    case csv(path: String, groups: [SegmentKey: [PlayerRecord]])
    case database(DatabaseLocation, defaults: SegmentDefaults)

    /// - Throws: `ValidationError` unless exactly one of `csv` and `db` is given.
    init(csv: String?, db: String?, defaults: SegmentDefaults) async throws {
        switch (csv, db) {
        case (let path?, nil):
            self = .csv(path: path, groups: try await PlayerFile.recordsBySegment(path: path, defaults: defaults))
        case (nil, let url?):
            self = .database(try DatabaseLocation(url), defaults: defaults)
        default:
            throw ValidationError("give either --csv FILE or --db URL")
        }
    }

    var description: String {
        switch self {
        case .csv(let path, _): return path
        case .database(let location, _): return location.description
        }
    }

    /// The segments to train, in a stable order.
    func segments() async throws -> [SegmentKey] {
        switch self {
        case .csv(_, let groups):
            return groups.keys.sorted { $0.description < $1.description }
        case .database(let location, let defaults):
            return try await PlayerDatabase.with(location) { db in
                try await PlayerQueries(db).segments().map(\.segment).filter(defaults.matches)
            }
        }
    }

    /// The workouts of one segment.
    func records(_ segment: SegmentKey) async throws -> [PlayerRecord] {
        switch self {
        case .csv(_, let groups):
            return groups[segment] ?? []
        case .database(let location, _):
            return try await PlayerDatabase.with(location) { db in try await PlayerQueries(db).workouts(in: segment) }
        }
    }
}
