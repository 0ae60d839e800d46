/// A segment's cleaned workouts as validation reads them: grouped by player, each player's games
/// in play order, and each player's row.
struct ValidationPlayers {
    /// Each player's games, in order of the player's first appearance; a player's games are in
    /// play order when every one of them has a play time, else in input order.
    let games: [[CleanRecord]]
    /// Each player's row of recorded features (`Feature.recorded` order), in the same order: the
    /// model's aggregation (the median game by default), or the median for the `all` aggregation,
    /// which has no row per player.
    let rows: [[Double]]
    /// Whether every workout has a play time (the player database), which the reachability check needs.
    let timed: Bool

    init(_ clean: [CleanRecord], aggregation: Aggregation) {
        var index: [String: Int] = [:]
        var games: [[CleanRecord]] = []
        for record in clean {
            let key = record.playerKey
            if let i = index[key] {
                games[i].append(record)
            } else {
                index[key] = games.count
                games.append([record])
            }
        }
        self.games = games.map { player in
            guard player.allSatisfy({ $0.playedAtSeconds != nil }) else { return player }
            return player.sorted { ($0.playedAtSeconds!, $0.order) < ($1.playedAtSeconds!, $1.order) }
        }
        timed = !clean.isEmpty && clean.allSatisfy { $0.playedAtSeconds != nil }
        // `Aggregation.rows` lists players in order of first appearance, as above.
        rows = (aggregation == .all ? .median : aggregation).rows(clean, features: Feature.recorded)
    }

    var count: Int { games.count }
}

extension SegmentModel {
    /// The mixture's row for a recorded row (`Feature.recorded` order), as training makes it.
    func levelRow(_ recorded: [Double]) -> [Double] {
        if let curve = ageCurve { return SegmentTrainer.levelRow(recorded, features: features, curve: curve) }
        // A format 1 model has no age curve and only recorded features (the file check refuses
        // an age-graded score without a curve).
        return features.map { recorded[Feature.recorded.firstIndex(of: $0)!] }
    }
}
