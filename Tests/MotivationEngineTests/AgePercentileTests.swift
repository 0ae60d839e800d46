import Foundation
import TestSupport
import Testing

@testable import MotivationEngine

/// Percentiles and targets for the player's age: read from the age curve at that age, mapped
/// back to points there, and explained as such; every age without an age; the nearest end of the
/// curve outside its range, saying so.
@Suite("Targets for the player's age")
struct AgePercentileTests {
    static let engine = Fixtures.engine
    static var curve: AgeCurve { engine.model.ageCurve! }

    @Test("percentile, band scores and next target are the curve's at the player's age", arguments: [24.0, 31.5, 38, 45])
    func atTheAge(age: Double) throws {
        let reading = Self.curve.reading(atAge: age)
        for score in stride(from: 20_000.0, through: 150_000, by: 10_000) {
            let analysis = try Self.engine.analyze(AnalysisInput(score: score, age: age, startSpeed: 4))
            let message = analysis.motivationalMessage
            #expect(message.currentPercentile == (reading.percentile(of: score) * 10).rounded() / 10)
            for target in analysis.performanceTargets.targets {
                #expect(target.score == reading.score(atPercentile: target.percentile).rounded(.up))
            }
            if let percentile = message.nextTargetPercentile {
                #expect(message.nextTarget == reading.score(atPercentile: percentile).rounded(.up))
                #expect(
                    message.targetReason.text
                        == "the \(NumberStyle.english.percentileOrdinal(percentile)) percentile of players aged about \(Int(age.rounded())) in DualFlow · Expert difficulty · 10 min"
                )
            }
            #expect(message.nextTarget > score)
        }
    }

    @Test("the same score is a higher percentile for an older player when the curve falls with age")
    func olderPlayersRankHigherForTheSameScore() throws {
        let (young, old) = (Self.curve.ageRange.lowerBound + 1, Self.curve.ageRange.upperBound - 1)
        let youngMedian = Self.curve.reading(atAge: young).median, oldMedian = Self.curve.reading(atAge: old).median
        let score = 100_000.0
        let a = try Self.engine.analyze(AnalysisInput(score: score, age: young, startSpeed: 4)).motivationalMessage
        let b = try Self.engine.analyze(AnalysisInput(score: score, age: old, startSpeed: 4)).motivationalMessage
        // Whichever way the fitted curve goes, the player at the lower median ranks higher.
        #expect((a.currentPercentile < b.currentPercentile) == (youngMedian > oldMedian))
    }

    @Test("without an age: every age, and the reason says so in each language")
    func withoutAnAge() throws {
        let players = Self.engine.model.rows.players
        let table = Self.engine.model.percentiles
        let score = table.score(atPercentile: 40)
        let en = try Self.engine.analyze(AnalysisInput(score: score, startSpeed: 4)).motivationalMessage
        #expect(en.currentPercentile == 40)
        #expect(
            en.targetReason.text
                == "the 45th percentile of the \(players) players in DualFlow · Expert difficulty · 10 min, of every age (no age given)")
        let de = try Self.engine.analyze(AnalysisInput(score: score, startSpeed: 4), language: .de).motivationalMessage
        #expect(de.targetReason.text.hasSuffix("jeden Alters (kein Alter angegeben)"))
    }

    @Test("an age beyond the curve is read at its nearest end, and the reason says which", arguments: [Language.en, .de, .fr])
    func clampedAge(language: Language) throws {
        let oldest = Self.curve.ageRange.upperBound, youngest = Self.curve.ageRange.lowerBound
        let old = try Self.engine.analyze(AnalysisInput(score: 60_000, age: 95, startSpeed: 4), language: language).motivationalMessage
        let atEnd = try Self.engine.analyze(AnalysisInput(score: 60_000, age: oldest, startSpeed: 4), language: language)
            .motivationalMessage
        #expect(old.nextTarget == atEnd.nextTarget)
        #expect(old.currentPercentile == atEnd.currentPercentile)
        let young = try Self.engine.analyze(AnalysisInput(score: 60_000, age: 6, startSpeed: 4), language: language).motivationalMessage
        let expected: (String, String) =
            switch language {
            case .en:
                (
                    " (read at age \(Int(oldest.rounded())), the oldest in this segment’s data; your age is 95)",
                    " (read at age \(Int(youngest.rounded())), the youngest in this segment’s data; your age is 6)"
                )
            case .de:
                (
                    " (abgelesen bei \(Int(oldest.rounded())) Jahren, dem höchsten Alter in den Daten dieses Segments; dein Alter: 95)",
                    " (abgelesen bei \(Int(youngest.rounded())) Jahren, dem niedrigsten Alter in den Daten dieses Segments; dein Alter: 6)"
                )
            case .fr:
                (
                    " (lu à \(Int(oldest.rounded())) ans, l’âge le plus élevé des données de ce segment\u{202F}; ton âge\u{202F}: 95)",
                    " (lu à \(Int(youngest.rounded())) ans, l’âge le plus bas des données de ce segment\u{202F}; ton âge\u{202F}: 6)"
                )
            }
        #expect(old.targetReason.text.hasSuffix(expected.0), "\(old.targetReason.text)")
        #expect(young.targetReason.text.hasSuffix(expected.1), "\(young.targetReason.text)")
        #expect(!atEnd.targetReason.text.contains("("))
    }

    @Test("segment names say 'difficulty' in every language, so they cannot be read as a level")
    func segmentNames() {
        let expert = SegmentKey(gameMode: "DualFlow", difficulty: -1, durationMinutes: 10)
        let two = SegmentKey(gameMode: "SphereRun", difficulty: 2, durationMinutes: 5)
        #expect(expert.description == "DualFlow · Expert difficulty · 10 min")
        #expect(expert.name(in: .de).full == "DualFlow · Schwierigkeit Expert · 10 Min.")
        #expect(expert.name(in: .fr).full == "DualFlow · difficulté Expert · 10 min")
        #expect(two.description == "SphereRun · difficulty 2 · 5 min")
        #expect(two.name(in: .de).full == "SphereRun · Schwierigkeit 2 · 5 Min.")
        #expect(two.name(in: .fr).full == "SphereRun · difficulté 2 · 5 min")
    }
}
