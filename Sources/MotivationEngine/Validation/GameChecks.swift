/// The checks that place every single game: level stability and, with play times, target
/// reachability (see `ValidationReport.LevelStability` and `ValidationReport.Reachability`).
enum GameChecks {
    /// - Parameters:
    ///   - players: the segment's players and their games.
    ///   - playerLevels: each player's level (the cluster of their row), in `players` order.
    ///   - window: games after a target in which it counts as reached.
    static func run(
        _ engine: SegmentEngine, players: ValidationPlayers, playerLevels: [Int], window: Int
    ) -> (ValidationReport.LevelStability, ValidationReport.Reachability?) {
        let model = engine.model
        var stability = ValidationReport.LevelStability(
            players: 0, games: 0, unplacedGames: 0, shareInPlayerLevel: nil, pairs: 0, consecutiveSameLevel: nil)
        var inPlayerLevel = 0.0, samePairs = 0
        var overall = ValidationReport.Reachability.Count()
        var byLevel = [ValidationReport.Reachability.Count](repeating: .init(), count: model.clusters.count)

        for (player, games) in players.games.enumerated() {
            // Each game's level and, with play times, its cohort next target.
            var levels: [Int?] = [], targets: [Double?] = []
            for game in games {
                let input = AnalysisInput(
                    durationMinutes: game.durationMinutes, score: game.score, age: game.age, startSpeed: game.startSpeed,
                    targetPolicy: .cohort)
                if players.timed {
                    let analysis = try? engine.analyze(input)
                    levels.append(analysis?.clusterPrediction.cluster)
                    targets.append(analysis?.motivationalMessage.nextTarget)
                } else {
                    levels.append((try? engine.predictCluster(input))?.cluster)
                }
            }
            let placed = levels.compactMap { $0 }
            stability.unplacedGames += games.count - placed.count
            if placed.count >= 2 {
                stability.players += 1
                stability.games += placed.count
                inPlayerLevel += Double(placed.count(where: { $0 == playerLevels[player] })) / Double(placed.count)
            }
            for (a, b) in zip(levels, levels.dropFirst()) {
                guard let a, let b else { continue }
                stability.pairs += 1
                if a == b { samePairs += 1 }
            }
            guard players.timed else { continue }
            for i in games.indices.dropLast() {
                guard let target = targets[i], let level = levels[i] else { continue }
                let later = games[(i + 1)..<min(games.count, i + 1 + window)]
                let reached = later.contains { $0.score >= target }
                overall.targets += 1
                byLevel[level].targets += 1
                if reached {
                    overall.reached += 1
                    byLevel[level].reached += 1
                }
            }
        }
        if stability.players > 0 { stability.shareInPlayerLevel = inPlayerLevel / Double(stability.players) }
        if stability.pairs > 0 { stability.consecutiveSameLevel = Double(samePairs) / Double(stability.pairs) }
        let reachability =
            players.timed
            ? ValidationReport.Reachability(
                window: window, overall: overall,
                byLevel: model.clusters.map { .init(cluster: $0.cluster, label: $0.label, count: byLevel[$0.cluster]) })
            : nil
        return (stability, reachability)
    }
}
