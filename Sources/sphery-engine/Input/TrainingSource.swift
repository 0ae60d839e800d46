import ArgumentParser
import MotivationEngine
import PlayerStore

/// Where `train` reads workouts, grouped by segment: a player CSV, or the player database in
/// one query.
struct TrainingSource: CustomStringConvertible {
    let description: String
    /// The workouts of each segment the options pick.
    let groups: [SegmentKey: [PlayerRecord]]

    /// - Throws: `ValidationError` unless exactly one of `csv` and `db` is given.
    init(csv: String?, db: String?, defaults: SegmentDefaults) async throws {
        switch (csv, db) {
        case (let path?, nil):
            description = path
            groups = try await PlayerFile.recordsBySegment(path: path, defaults: defaults)
        case (nil, let url?):
            let location = try DatabaseLocation(url)
            description = location.description
            groups = try await PlayerDatabase.with(location) { db in
                try await PlayerQueries(db).workoutsBySegment(matching: defaults)
            }.filter { defaults.matches($0.key) }
        default:
            throw ValidationError("give either --csv FILE or --db URL")
        }
    }

    /// The segments, largest first.
    var segments: [SegmentKey] {
        groups.keys.sorted { (groups[$0]!.count, $1.description) > (groups[$1]!.count, $0.description) }
    }
}
