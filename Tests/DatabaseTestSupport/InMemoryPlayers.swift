import Foundation
import MotivationEngine
import PlayerStore

/// A player repository held in memory: the tests' stand-in for the database. The route tests run
/// on it to prove that the routes read players only through `PlayerRepository`, and
/// `PlayerRepositoryContractTests` holds it to the SQL implementation's answers.
public struct InMemoryPlayers: PlayerRepository {
    /// The users that exist, whether or not they played.
    public var users: Set<Int>
    /// The completed workouts of each segment, by player and then time (oldest first), as
    /// `PlayerRepository.workouts(in:)` gives them.
    public var workouts: [SegmentKey: [PlayerRecord]]

    /// A repository of `users` and their completed `workouts` by segment.
    public init(users: some Sequence<Int>, workouts: [SegmentKey: [PlayerRecord]]) {
        self.users = Set(users)
        self.workouts = workouts
    }

    /// The history the database would give: the workouts with a score of at least 0, the trend
    /// over the last `trendWorkouts`, the personal window counted back from the latest.
    public func history(
        user: Int, in segment: SegmentKey, trendWorkouts: Int, personal: PersonalTargetSettings
    ) async throws -> PlayerHistory {
        guard users.contains(user) else { throw DatabaseError.unknownUser(String(user)) }
        let played = (workouts[segment] ?? []).filter { $0.userId == String(user) && $0.score.map { $0 >= 0 } == true }
        guard let latest = played.last, let score = latest.score else {
            throw DatabaseError.noWorkouts(user: String(user), segment: segment.description)
        }
        let scores = played.compactMap(\.score)
        let playedAt = latest.playedAt ?? Date(timeIntervalSince1970: 0)
        let windowStart = playedAt.addingTimeInterval(-Double(personal.days) * 86_400)
        let window = played.suffix(personal.workouts).filter { ($0.playedAt ?? playedAt) >= windowStart }.compactMap(\.score)
        return PlayerHistory(
            userId: user, segment: segment, latestScore: score, latestAge: latest.age, latestStartSpeed: latest.startSpeed,
            latestPlayedAt: playedAt, personalBest: scores.max() ?? score, completedWorkouts: played.count,
            recentScores: Array(scores.suffix(max(1, trendWorkouts))), windowScores: window)
    }

    /// Each segment with workouts: its players and workouts, largest first.
    public func segments() async throws -> [SegmentSummary] {
        workouts.filter { !$0.value.isEmpty }.map { segment, records in
            SegmentSummary(segment: segment, players: Set(records.map(\.userId)).count, workouts: records.count)
        }.sorted(by: SegmentSummary.largerFirst)
    }

    /// The segment's workouts as given.
    public func workouts(in segment: SegmentKey) async throws -> [PlayerRecord] {
        workouts[segment] ?? []
    }
}
