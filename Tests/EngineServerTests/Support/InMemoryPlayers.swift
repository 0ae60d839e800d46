import Foundation
import MotivationEngine
import PlayerStore

/// A player repository held in memory: the route tests' stand-in for the database, proving that
/// the routes read players only through `PlayerRepository`.
struct InMemoryPlayers: PlayerRepository {
    /// Each player's completed workouts by segment, oldest first.
    var workouts: [Int: [SegmentKey: [PlayerRecord]]]

    func history(
        user: Int, in segment: SegmentKey, trendWorkouts: Int, personal: PersonalTargetSettings
    ) async throws -> PlayerHistory {
        guard let played = workouts[user] else { throw DatabaseError.unknownUser(String(user)) }
        let records = (played[segment] ?? []).filter { $0.score != nil }
        guard let latest = records.last, let score = latest.score else {
            throw DatabaseError.noWorkouts(user: String(user), segment: segment.description)
        }
        let scores = records.compactMap(\.score)
        let playedAt = latest.playedAt ?? Date(timeIntervalSince1970: 0)
        let windowStart = playedAt.addingTimeInterval(-Double(personal.days) * 86_400)
        let window = records.suffix(personal.workouts).filter { ($0.playedAt ?? playedAt) >= windowStart }.compactMap(\.score)
        return PlayerHistory(
            userId: user, segment: segment, latestScore: score, latestAge: latest.age, latestStartSpeed: latest.startSpeed,
            latestPlayedAt: playedAt, personalBest: scores.max() ?? score, completedWorkouts: records.count,
            recentScores: Array(scores.suffix(trendWorkouts)), windowScores: window)
    }

    func records(in segment: SegmentKey) async throws -> [PlayerRecord] {
        workouts.keys.sorted().flatMap { workouts[$0]?[segment] ?? [] }
    }
}
