import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

@Suite("Training: per-player aggregation")
struct AggregationTests {
    static func workout(_ id: String?, _ score: Double, age: Double = 30, speed: Double = 5, at: Double? = nil)
        -> PlayerRecord
    {
        PlayerRecord(
            userId: id, score: score, age: age, startSpeed: speed, durationMinutes: 10,
            playedAt: at.map { Date(timeIntervalSince1970: $0) })
    }

    static func rows(_ aggregation: Aggregation, _ records: [PlayerRecord]) -> [[Double]] {
        let (clean, _) = CleaningRules().clean(records)
        return aggregation.rows(clean, features: [.score, .age, .startSpeed])
    }

    @Test("median is the default and takes each feature's median; even counts average the middle two")
    func median() {
        #expect(TrainingOptions().aggregation == .median)
        let records = [
            Self.workout("odd", 10, age: 31, speed: 6), Self.workout("even", 10, age: 40),
            Self.workout("odd", 30, age: 30, speed: 4), Self.workout("even", 40, age: 41),
            Self.workout("odd", 20, age: 32, speed: 5), Self.workout("even", 20, age: 42),
            Self.workout("even", 30, age: 43),
        ]
        // odd: scores 10, 30, 20 → 20; ages 31, 30, 32 → 31; speeds 6, 4, 5 → 5.
        // even: scores 10, 40, 20, 30 → (20 + 30) / 2 = 25; ages 40…43 → 41.5.
        #expect(Self.rows(.median, records) == [[20, 31, 5], [25, 41.5, 5]])
    }

    @Test("best takes the whole best-scoring workout")
    func best() {
        let records = [
            Self.workout("p", 100, age: 20, speed: 3), Self.workout("p", 300, age: 21, speed: 7),
            Self.workout("p", 200, age: 22, speed: 5),
        ]
        #expect(Self.rows(.best, records) == [[300, 21, 7]])
    }

    @Test("latest uses the play time when known")
    func latestByTime() {
        let records = [
            Self.workout("p", 100, age: 20, at: 3_000), Self.workout("p", 300, age: 21, at: 1_000),
            Self.workout("p", 200, age: 22, at: 2_000),
        ]
        #expect(Self.rows(.latest, records) == [[100, 20, 5]])
    }

    @Test("latest falls back to input order without play times")
    func latestByOrder() {
        let records = [
            Self.workout("p", 300, age: 20), Self.workout("p", 100, age: 21), Self.workout("p", 200, age: 22),
        ]
        #expect(Self.rows(.latest, records) == [[200, 22, 5]])
    }

    @Test("all keeps every workout as a row")
    func all() {
        let records = [
            Self.workout("p", 300), Self.workout("p", 100), Self.workout("q", 200), Self.workout(nil, 50),
        ]
        #expect(Self.rows(.all, records) == [[300, 30, 5], [100, 30, 5], [200, 30, 5], [50, 30, 5]])
    }

    @Test("rows without a userId are separate players", arguments: [Aggregation.median, .best, .latest])
    func anonymous(aggregation: Aggregation) {
        let records = [Self.workout(nil, 100), Self.workout(nil, 300), Self.workout("p", 10), Self.workout("p", 20)]
        let rows = Self.rows(aggregation, records)
        #expect(rows.count == 3)
        // The two anonymous rows are not merged (a median would give 200), and p is one row.
        let expected: [Double] = aggregation == .median ? [100, 300, 15] : [100, 300, 20]
        #expect(rows.map { $0[0] } == expected)
    }

    @Test("training with best/latest/all uses the chosen rows")
    func trainerUsesAggregation() throws {
        let players = SyntheticPlayers(count: 60)
        var options = TrainingOptions()
        options.aggregation = .all
        let all = try SegmentTrainer(options: options).train(
            players.records, segment: Fixtures.segment, trainedAt: Fixtures.trainedAt)
        #expect(all.rows.training == players.records.count)
        #expect(all.rows.players == 60)
        options.aggregation = .best
        let best = try SegmentTrainer(options: options).train(
            players.records, segment: Fixtures.segment, trainedAt: Fixtures.trainedAt)
        #expect(best.rows.training == 60)
        let bestScores = players.players.map { $0.workouts.map { $0.score! }.max()! }
        #expect(best.percentiles.scores[100] == bestScores.max()!)
        #expect(best.percentiles.scores[0] == bestScores.min()!)
    }
}
