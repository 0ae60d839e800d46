import Foundation
import MotivationEngine

/// One player of a simulation: where and how they play, and when they come back.
///
/// Every draw for the player comes from a random stream of their own (the simulation's seed and
/// the user id), so what happens to them does not depend on the other players or on the order in
/// which players are visited.
struct SimulatedPlayer {
    let userId: Int
    /// The segment the player plays in (their main one).
    let segment: SegmentKey
    /// `RaceConfigs.duration` of their latest workout there, in seconds.
    let durationSeconds: Int
    /// The start speed of their latest workout there (kept as it was, missing or not).
    let startSpeed: Double?
    /// Their age at their latest workout there, and that workout's time; nil without one.
    let ageAtLatest: (years: Double, at: Int64)?
    /// The centre of their scores: the median of their recent scores in the segment.
    let level: Double
    /// The spread of their scores: a robust standard deviation of the recent scores, at least
    /// 5% of `level`.
    let spread: Double
    /// Their chance of returning within 7 days, from how often they played lately.
    let baseReturnProbability: Double
    /// Their completed scores in the segment, oldest first: the earlier ones that the personal
    /// window may still need, then the simulated ones.
    private(set) var scores: [(at: Int64, score: Double)]
    /// Their next session (seconds since 1970); nil once they have stopped.
    private(set) var nextSession: Int64?
    private var random: DemoRandom

    /// The chance that a player who does not return within 7 days stops for the rest of the run.
    static let stopShare = 0.2
    /// The mean of the days added to the 8 days of a late return (a geometric draw), so a late
    /// return comes about 14 days after the last session.
    static let lateExtraDays = 6.0

    init(
        userId: Int, segment: SegmentKey, durationSeconds: Int, startSpeed: Double?, ageAtLatest: (years: Double, at: Int64)?,
        scores: [(at: Int64, score: Double)], recentScores: [Double], baseReturnProbability: Double, seed: UInt64
    ) {
        self.userId = userId
        self.segment = segment
        self.durationSeconds = durationSeconds
        self.startSpeed = startSpeed
        self.ageAtLatest = ageAtLatest
        self.scores = scores
        self.baseReturnProbability = baseReturnProbability
        (level, spread) = Self.levelAndSpread(recentScores)
        // A stream apart from the demo generator's streams of the same users and seed.
        random = DemoRandom(seed: seed ^ 0x5349_4D55_4C41_5445, stream: UInt64(userId))
    }

    /// The median and a robust standard deviation (1.4826 × the median absolute deviation, so a
    /// dirty score does not blow it up), at least 5% of the median.
    static func levelAndSpread(_ scores: [Double]) -> (level: Double, spread: Double) {
        let level = Aggregation.median(scores)
        let deviation = 1.4826 * Aggregation.median(scores.map { abs($0 - level) })
        return (level, max(deviation, 0.05 * level))
    }

    /// The player's age at `time`, from their age at their latest workout.
    func age(at time: Int64) -> Double? {
        ageAtLatest.map { $0.years + Double(time - $0.at) / (365.25 * Double(DemoCalendar.secondsPerDay)) }
    }

    /// The scores played in `days` days before `time`, oldest first (the personal window).
    func scores(before time: Int64, days: Int) -> [Double] {
        let windowStart = time - Int64(days) * DemoCalendar.secondsPerDay
        return scores.filter { $0.at > windowStart && $0.at < time }.map(\.score)
    }

    /// A session's score: normal around the player's level, in whole points, never negative.
    mutating func drawScore() -> Double {
        max(0, random.normal(mean: level, deviation: spread).rounded())
    }

    /// Seconds between a session and its exposure (the game asks for the next target when the
    /// workout is saved): 2 to 10.
    mutating func drawExposureDelay() -> Int64 {
        Int64(random.integer(in: 2...10))
    }

    /// Keeps a session's score for later windows.
    mutating func record(_ score: Double, at time: Int64) {
        scores.append((time, score))
    }

    /// Draws the first session after the simulation's start, the first day being `firstDay`
    /// (days since 1970): as if the player had last been seen the day before, with their base
    /// chance of returning.
    mutating func scheduleFirstSession(firstDay: Int64) {
        scheduleNext(
            afterDay: firstDay - 1, latestSecondOnSeventhDay: DemoCalendar.playingSeconds.upperBound,
            returnProbability: baseReturnProbability)
    }

    /// Draws the session after one at `time`, returning within 7 days with `returnProbability`.
    mutating func scheduleNext(after time: Int64, returnProbability: Double) {
        let day = time / DemoCalendar.secondsPerDay
        scheduleNext(afterDay: day, latestSecondOnSeventhDay: time - day * DemoCalendar.secondsPerDay, returnProbability: returnProbability)
    }

    /// Returning: 1 to 7 days later, on the seventh day no later in the day than
    /// `latestSecondOnSeventhDay` (so the return is within 7 days of the session, as the
    /// retention report counts it). Not returning: 8 days plus a geometric number of days later,
    /// unless the player stops for good (``stopShare``).
    private mutating func scheduleNext(afterDay day: Int64, latestSecondOnSeventhDay: Int64, returnProbability: Double) {
        let hours = DemoCalendar.playingSeconds
        let gap: Int64
        var latestSecond = hours.upperBound
        if random.chance(returnProbability) {
            gap = Int64(random.integer(in: 1...7))
            if gap == 7 { latestSecond = min(max(latestSecondOnSeventhDay, hours.lowerBound), hours.upperBound) }
        } else {
            if random.chance(Self.stopShare) {
                nextSession = nil
                return
            }
            let stay = 1 / (Self.lateExtraDays + 1)
            gap = 8 + Int64((Foundation.log(1 - random.unit()) / Foundation.log(1 - stay)).rounded(.down))
        }
        let second = Int64(random.uniform(Double(hours.lowerBound), Double(latestSecond)).rounded(.down))
        nextSession = (day + gap) * DemoCalendar.secondsPerDay + second
    }
}
