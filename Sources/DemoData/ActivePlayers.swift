import Foundation
import MotivationEngine
import PlayerStore
import SQLKit

/// The players a simulation starts from: everyone with a completed workout in the
/// ``activeDays`` days before the start, in the segment where most of those workouts are
/// (among the segments with a loaded model).
enum ActivePlayers {
    /// A player is active with a completed workout in this many days before the start; their
    /// level is taken over their scores of these days.
    static let activeDays = 28
    /// Their base chance of returning is taken over this many days.
    static let frequencyDays = 56

    /// The time of the database's latest workout, in whole seconds since 1970; nil without any.
    static func latestWorkoutTime(in database: any SQLDatabase) async throws -> Int64? {
        try await PlayerQueries(database).latestWorkoutTime()
    }

    /// The active players before `start` (seconds since 1970), in user id order.
    /// - Parameters:
    ///   - segments: the segments a player may be simulated in, with the days of their personal
    ///     windows (earlier scores within them are kept for the first sessions' windows).
    ///   - seed: the simulation's seed, for the players' random streams.
    static func load(
        from database: any SQLDatabase, before start: Int64, segments: [SegmentKey: Int], seed: UInt64
    ) async throws -> [SimulatedPlayer] {
        let days = max(frequencyDays, activeDays, segments.values.max() ?? 0)
        let since = Double(start - Int64(days) * DemoCalendar.secondsPerDay)
        let workouts = try await PlayerQueries(database).completedWorkouts(playedFrom: since, to: Double(start))
            .map(RecentWorkout.init)
        var players: [SimulatedPlayer] = []
        var index = workouts.startIndex
        while index < workouts.endIndex {
            let user = workouts[index].userId
            let end = workouts[index...].firstIndex { $0.userId != user } ?? workouts.endIndex
            if let player = player(workouts[index..<end], start: start, segments: segments, seed: seed) {
                players.append(player)
            }
            index = end
        }
        return players
    }

    /// One user's player, from their completed workouts oldest first; nil when they are not
    /// active in a segment with a model, or have no usable score there.
    private static func player(
        _ workouts: ArraySlice<RecentWorkout>, start: Int64, segments: [SegmentKey: Int], seed: UInt64
    ) -> SimulatedPlayer? {
        let activeSince = start - Int64(activeDays) * DemoCalendar.secondsPerDay
        let active = workouts.filter { $0.playedAt > activeSince && segments[$0.segment] != nil }
        // The segment with the most active workouts; on a tie, the one played last.
        let counts = Dictionary(grouping: active, by: \.segment).mapValues(\.count)
        guard let segment = active.reversed().max(by: { counts[$0.segment]! < counts[$1.segment]! })?.segment,
            let latest = active.last(where: { $0.segment == segment })
        else { return nil }
        let scored = workouts.filter { $0.segment == segment }.compactMap { workout in
            workout.score.flatMap { $0 >= 0 ? (at: workout.playedAt, score: $0) : nil }
        }
        let recent = scored.filter { $0.at > activeSince }.map(\.score)
        guard !recent.isEmpty else { return nil }
        let frequencySince = start - Int64(frequencyDays) * DemoCalendar.secondsPerDay
        let played = workouts.count(where: { $0.playedAt > frequencySince })
        return SimulatedPlayer(
            userId: latest.userId, segment: segment, durationSeconds: latest.durationSeconds, startSpeed: latest.startSpeed,
            ageAtLatest: latest.age.map { ($0, latest.playedAt) }, scores: scored, recentScores: recent,
            baseReturnProbability: baseReturnProbability(workouts: played, days: frequencyDays), seed: seed)
    }

    /// The chance of at least one workout in 7 days for a player who played `workouts` times in
    /// `days` days at a steady daily rate λ: 1 − exp(−7λ), kept within 0.05…0.95.
    static func baseReturnProbability(workouts: Int, days: Int) -> Double {
        let rate = Double(workouts) / Double(days)
        return min(max(1 - Foundation.exp(-7 * rate), 0.05), 0.95)
    }
}

/// One completed workout of the query, with its segment.
private struct RecentWorkout {
    let userId: Int
    let score: Double?
    let segment: SegmentKey
    let durationSeconds: Int
    let startSpeed: Double?
    let age: Double?
    /// Whole seconds since 1970.
    let playedAt: Int64

    init(_ workout: CompletedWorkout) {
        userId = workout.userId
        score = workout.record.score
        segment = workout.segment
        durationSeconds = workout.durationSeconds
        startSpeed = workout.record.startSpeed
        age = workout.record.age
        playedAt = Int64((workout.record.playedAt ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970.rounded())
    }
}
