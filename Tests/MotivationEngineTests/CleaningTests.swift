import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

@Suite("Training: cleaning")
struct CleaningTests {
    static func record(
        _ id: String?, _ score: Double?, age: Double? = 30, speed: Double? = 5, duration: Double? = 10
    ) -> PlayerRecord {
        PlayerRecord(userId: id, score: score, age: age, startSpeed: speed, durationMinutes: duration)
    }

    @Test("every drop reason is counted, boundary ages 5 and 100 are kept")
    func reasons() {
        let records: [PlayerRecord] = [
            Self.record("keep-a", 1000),  // 0 kept
            Self.record("missing-score", nil),  // 1 missing
            Self.record("nan-age", 1000, age: .nan),  // 2 missing (non-numeric)
            Self.record("inf-speed", 1000, speed: .infinity),  // 3 missing (non-numeric)
            Self.record("missing-duration", 1000, duration: nil),  // 4 missing
            Self.record("negative", -1),  // 5 negative score
            Self.record("zero-score", 0),  // 6 kept (0 is not negative)
            Self.record("young", 1000, age: 4.99),  // 7 age out of range
            Self.record("old", 1000, age: 100.01),  // 8 age out of range
            Self.record("age-5", 1000, age: 5),  // 9 kept
            Self.record("age-100", 1000, age: 100),  // 10 kept
            Self.record("speed-0", 1000, speed: 0),  // 11 start speed
            Self.record("speed-neg", 1000, speed: -2),  // 12 start speed
            Self.record("keep-a", 1000),  // 13 exact duplicate of 0
            Self.record("keep-b", 1000),  // 14 kept (same values, other player)
            Self.record("keep-a", 1001),  // 15 kept (same player, other values)
        ]
        let (kept, report) = CleaningRules().clean(records)
        #expect(report.inputRows == 16)
        #expect(report.keptRows == 6)
        #expect(
            report.dropped == [
                .missingValue: 4, .negativeScore: 1, .implausibleScore: 0, .ageOutOfRange: 2, .startSpeedNotPositive: 2,
                .duplicate: 1,
            ])
        #expect(kept.map(\.userId) == ["keep-a", "zero-score", "age-5", "age-100", "keep-b", "keep-a"])
        #expect(kept.map(\.order) == [0, 6, 9, 10, 14, 15])
        #expect(kept.map(\.age) == [30, 30, 5, 100, 30, 30])
    }

    @Test("a clean input drops nothing and still lists every reason with 0")
    func nothingDropped() throws {
        let (kept, report) = CleaningRules().clean([Self.record("a", 1), Self.record("b", 2)])
        #expect(kept.count == 2)
        #expect(report.keptRows == 2)
        #expect(report.dropped == Dictionary(uniqueKeysWithValues: DropReason.allCases.map { ($0, 0) }))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as! [String: Any]
        #expect(Set(json.keys) == ["input_rows", "kept_rows", "dropped"])
        let dropped = json["dropped"] as! [String: Int]
        #expect(Set(dropped.keys) == Set(DropReason.allCases.map(\.rawValue)))
    }

    @Test("the trained model records the cleaning report and the row counts")
    func reportInModel() throws {
        var records = SyntheticPlayers(count: 60).records
        let clean = records.count
        records += [
            Self.record("bad-1", -5), Self.record("bad-2", 1000, age: 3), Self.record("bad-3", 1000, speed: 0),
            Self.record("bad-4", nil), records[0],
        ]
        let model = try SegmentTrainer().train(records, segment: Fixtures.segment, trainedAt: Fixtures.trainedAt)
        #expect(model.cleaning.inputRows == clean + 5)
        #expect(model.cleaning.keptRows == clean)
        #expect(
            model.cleaning.dropped == [
                .missingValue: 1, .negativeScore: 1, .implausibleScore: 0, .ageOutOfRange: 1, .startSpeedNotPositive: 1,
                .duplicate: 1,
            ])
        #expect(model.rows == .init(input: clean + 5, kept: clean, players: 60, training: 60))
    }
}

@Suite("Training: implausible scores")
struct ImplausibleScoreTests {
    @Test("a score above 20 times the segment's median is dropped; 20 times itself is kept")
    func ratioToTheMedian() {
        let scores: [Double] = [900, 1000, 1000, 1100, 20_000, 20_001, 500_000]  // median 1100 → limit 22,000
        let records = scores.enumerated().map { index, score in
            PlayerRecord(userId: "\(index)", score: score, age: 30, startSpeed: 5, durationMinutes: 10)
        }
        let (kept, report) = CleaningRules().clean(records)
        #expect(report.dropped[.implausibleScore] == 1)
        #expect(kept.map(\.score) == [900, 1000, 1000, 1100, 20_000, 20_001])
    }

    @Test("model files written before the rule decode without it")
    func olderFilesHaveNoLimit() throws {
        let rules = try JSONDecoder().decode(
            CleaningRules.self, from: Data(#"{"minimum_age": 5, "maximum_age": 100}"#.utf8))
        #expect(rules.maximumScoreRatio == .infinity)
    }
}
